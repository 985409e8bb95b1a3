/**
 * Documents fixture: a real file store in a temporary folder per test, real file bytes of each
 * type (a real XLSX written by exceljs, minimal but well-formed ZIPs for the rest), and multipart
 * requests as a browser sends them (the CSRF token first).
 */
import ExcelJS from "exceljs";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach } from "vitest";
import { setFileStore } from "../../app/files/index.server";
import { diskStore } from "../../app/files/store.server";
import { loader as fileLoader } from "../../app/routes/files.$id.$name";
import { ORIGIN, call, get, type Browser } from "./http";

/** Every file under the store's folder (blobs and unfinished uploads). */
export function filesIn(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

/** A fresh store folder for each test of the calling file; returns a getter for the folder. */
export function useTempFileStore(): () => string {
  let dir = "";
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "techmatch-files-"));
    setFileStore(diskStore(dir));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  return () => dir;
}

export const pdf = (text = "hello") => Buffer.from(`%PDF-1.7\n% ${text}\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n`);
export const png = () => Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000", "hex");
export const jpeg = () => Buffer.from("ffd8ffe000104a46494600010100000100010000ffd9", "hex");
export const exe = () => Buffer.concat([Buffer.from("MZ\x90\x00", "latin1"), Buffer.alloc(200)]);
export const html = () => Buffer.from("<!doctype html><script>alert(document.cookie)</script>");
export const svg = () => Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>');

/** A stored (uncompressed) ZIP with these entries: enough for any reader of the central directory. */
export function zip(entries: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(entries)) {
    const n = Buffer.from(name);
    const data = Buffer.from(text);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(n.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(n.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, n, data);
    centrals.push(central, n);
    offset += 30 + n.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(Object.keys(entries).length, 8);
  eocd.writeUInt16LE(Object.keys(entries).length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}

export const docx = () => zip({ "[Content_Types].xml": "<Types/>", "_rels/.rels": "<Relationships/>", "word/document.xml": "<w:document/>" });
export const plainZip = () => zip({ "readme.txt": "just a zip", "word/notes.txt": "not a document" });
export const ofd = () => zip({ "OFD.xml": "<ofd:OFD/>", "Doc_0/Document.xml": "<ofd:Document/>" });

export async function xlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("指标").addRow(["名称", "数值"]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export type Part = string | { file: Buffer; name: string };

/** A multipart POST as a browser sends the form: fields in order, the CSRF token first (unless `csrf` is false or a forged value). */
export function upload(urlPath: string, parts: [string, Part][], browser?: Browser, { csrf = true as boolean | string } = {}): Request {
  const body = new FormData();
  if (browser && csrf !== false) body.append("csrf", csrf === true ? browser.csrf : csrf);
  for (const [k, v] of parts) {
    if (typeof v === "string") body.append(k, v);
    else body.append(k, new Blob([new Uint8Array(v.file)]), v.name);
  }
  return new Request(ORIGIN + urlPath, { method: "POST", body, headers: browser ? { Cookie: browser.cookie } : {} });
}

/** GET /files/:id through the real download route, as `browser` (not signed in when omitted). */
export function download(id: number, browser?: Browser): Promise<Response> {
  return call(fileLoader, get(`/files/${id}/x`, browser), { id: String(id), name: "x" });
}

/**
 * What the real download route answers each viewer for each file (compare with
 * `expectedStatuses`), and the bodies of its 404s, which must all be one.
 */
export async function downloadMatrix<F extends string, V extends string>(files: Record<F, number>, viewers: readonly V[], browserOf: (v: V) => Promise<Browser>) {
  const statuses = {} as Record<F, Record<V, number>>;
  const notFoundBodies = new Set<string>();
  for (const [file, id] of Object.entries(files) as [F, number][]) {
    statuses[file] = {} as Record<V, number>;
    for (const v of viewers) {
      const res = await download(id, await browserOf(v));
      statuses[file][v] = res.status;
      if (res.status === 404) notFoundBodies.add(await res.text());
    }
  }
  return { statuses, notFoundBodies };
}
