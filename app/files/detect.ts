/**
 * What a file really is, from its bytes (magic numbers and, for Office/OFD, the ZIP central
 * directory), never from its name. Fed chunk by chunk while the upload streams, it keeps only the
 * first and last bytes in memory.
 */
export type AllowedType = { mime: string; ext: string; label: string };

export const ALLOWED: Record<string, AllowedType> = {
  pdf: { mime: "application/pdf", ext: "pdf", label: "PDF" },
  docx: { mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ext: "docx", label: "Word" },
  xlsx: { mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ext: "xlsx", label: "Excel" },
  pptx: { mime: "application/vnd.openxmlformats-officedocument.presentationml.presentation", ext: "pptx", label: "PowerPoint" },
  ofd: { mime: "application/ofd", ext: "ofd", label: "OFD" },
  png: { mime: "image/png", ext: "png", label: "PNG" },
  jpeg: { mime: "image/jpeg", ext: "jpg", label: "JPEG" },
};

export const ALLOWED_LIST = "PDF、Word（.docx）、Excel（.xlsx）、PowerPoint（.pptx）、OFD、PNG、JPEG";

/** What the refused bytes look like, for the message (“实际是 …”). */
export type Detection = { ok: true; type: AllowedType } | { ok: false; actually: string };

const HEAD = 8;
// The central directory of an Office file is a few KB; 1 MiB covers thousands of parts.
const TAIL = 1024 * 1024;

export class TypeSniffer {
  private head = Buffer.alloc(0);
  private tail: Buffer[] = [];
  private tailBytes = 0;

  feed(chunk: Uint8Array): void {
    if (this.head.length < HEAD) this.head = Buffer.concat([this.head, Buffer.from(chunk.subarray(0, HEAD - this.head.length))]);
    this.tail.push(Buffer.from(chunk));
    this.tailBytes += chunk.byteLength;
    while (this.tail.length > 1 && this.tailBytes - this.tail[0].length >= TAIL) this.tailBytes -= this.tail.shift()!.length;
  }

  detect(): Detection {
    const h = this.head;
    if (h.subarray(0, 5).toString("latin1") === "%PDF-") return { ok: true, type: ALLOWED.pdf };
    if (h.equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return { ok: true, type: ALLOWED.png };
    if (h[0] === 0xff && h[1] === 0xd8 && h[2] === 0xff) return { ok: true, type: ALLOWED.jpeg };
    if (h.subarray(0, 4).equals(Buffer.from("PK\x03\x04", "latin1"))) return zipKind(zipEntryNames(Buffer.concat(this.tail)));
    return { ok: false, actually: describe(h) };
  }
}

function zipKind(names: Set<string> | null): Detection {
  if (!names) return { ok: false, actually: "损坏或无法读取的压缩包" };
  const office = names.has("[Content_Types].xml");
  if (office && names.has("word/document.xml")) return { ok: true, type: ALLOWED.docx };
  if (office && names.has("xl/workbook.xml")) return { ok: true, type: ALLOWED.xlsx };
  if (office && names.has("ppt/presentation.xml")) return { ok: true, type: ALLOWED.pptx };
  if (names.has("OFD.xml")) return { ok: true, type: ALLOWED.ofd };
  return { ok: false, actually: "普通 ZIP 压缩包" };
}

/** Entry names from the ZIP's central directory (found via the end-of-central-directory record). */
function zipEntryNames(tail: Buffer): Set<string> | null {
  // The EOCD is 22 bytes plus a comment of at most 65535 bytes, at the very end.
  const min = Math.max(0, tail.length - 22 - 65535);
  let eocd = -1;
  for (let i = tail.length - 22; i >= min; i--) {
    if (tail.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = tail.readUInt16LE(eocd + 10);
  const cdSize = tail.readUInt32LE(eocd + 12);
  let p = eocd - cdSize;
  if (p < 0) return null;
  const names = new Set<string>();
  for (let n = 0; n < count; n++) {
    if (p + 46 > eocd || tail.readUInt32LE(p) !== 0x02014b50) return null;
    const nameLen = tail.readUInt16LE(p + 28);
    const extraLen = tail.readUInt16LE(p + 30);
    const commentLen = tail.readUInt16LE(p + 32);
    names.add(tail.subarray(p + 46, p + 46 + nameLen).toString("utf8"));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return names;
}

function describe(h: Buffer): string {
  if (h.length === 0) return "空文件";
  if (h[0] === 0x4d && h[1] === 0x5a) return "Windows 程序（.exe）";
  if (h.subarray(0, 4).toString("latin1") === "\x7fELF") return "Linux 程序";
  if (h.subarray(0, 3).toString("latin1") === "GIF") return "GIF 图片";
  if (h.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) return "旧版 Office 文件（.doc/.xls/.ppt），请另存为 .docx/.xlsx/.pptx";
  if (h.subarray(0, 2).toString("latin1") === "Rar" || h.subarray(0, 2).equals(Buffer.from([0x37, 0x7a]))) return "压缩包";
  const text = h.toString("latin1").replace(/^\uFEFF|^\xEF\xBB\xBF/, "").trimStart();
  if (text.startsWith("<")) return "网页或 SVG 等文本文件";
  return "无法识别的文件类型";
}
