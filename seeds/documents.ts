import { storeUpload, type StoredFile } from "../app/files/index.server";
import type { AttachmentChanges } from "../app/models/shared/document.server";

/**
 * A one-page PDF with the given lines of Chinese text (the standard STSong-Light CJK font, so no
 * font file is embedded): demo 附件 a visitor can open.
 */
export function demoPdf(lines: string[]): Buffer {
  const hex = (s: string) => Array.from(s).map((c) => c.codePointAt(0)!.toString(16).padStart(4, "0")).join("");
  const text = lines.map((l, i) => `BT /F1 ${i === 0 ? 18 : 12} Tf 60 ${770 - i * 28} Td <${hex(l)}> Tj ET`).join("\n");
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
    `<< /Length ${Buffer.byteLength(text)} >>\nstream\n${text}\nendstream`,
    "<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [6 0 R] >>",
    "<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> >>",
  ];
  let out = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(out));
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out);
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out);
}

/** Store a demo PDF and describe it as a form's new upload for `slot`. */
export async function demoFile(slot: string, name: string, lines: string[]): Promise<AttachmentChanges["fresh"][number]> {
  const stored: StoredFile = await storeUpload((async function* () { yield demoPdf(lines); })(), name);
  return { ...stored, slot };
}

export const withFiles = (fresh: AttachmentChanges["fresh"]): AttachmentChanges => ({ fresh, staged: [], remove: [] });
