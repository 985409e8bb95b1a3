import type { AllowedType } from "./detect";

const MAX_NAME = 100;
// C0/C1 controls (NUL included) and the bidi controls that can make "exe.pdf" read as "fdp.exe".
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
// Characters no Windows file name may hold: the name must survive being saved on any desktop.
const RESERVED = /[<>:"|?*]/g;

/**
 * The name shown and offered on download: the person's own name with no folder part, no control
 * or direction characters, NFC, at most 100 characters, ending in the detected type's extension.
 */
export function displayName(raw: string, type: AllowedType): string {
  const base = (raw.split(/[/\\]/).pop() ?? "").normalize("NFC").replace(UNSAFE, "").replace(RESERVED, "_").trim();
  const dot = base.lastIndexOf(".");
  const ext = dot >= 0 ? base.slice(dot + 1).toLowerCase() : "";
  // "x.jpeg" stays as typed; any other extension is the detected one. Leading dots hide files.
  const keepExt = ext === type.ext || (type.ext === "jpg" && ext === "jpeg") ? ext : type.ext;
  let stem = (dot >= 0 ? base.slice(0, dot) : base).replace(/^[.\s]+/, "").trim() || "附件";
  const room = MAX_NAME - keepExt.length - 1;
  const chars = Array.from(stem); // by code point, so an emoji is never cut in half
  if (chars.length > room) stem = chars.slice(0, room).join("").trim();
  return `${stem}.${keepExt}`;
}

/**
 * `Content-Disposition` per RFC 6266 / RFC 5987: an ASCII fallback for old clients and the real
 * UTF-8 name for everyone else.
 */
export function contentDisposition(kind: "attachment" | "inline", name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\%]/g, "_");
  const fallback = /[^_.]/.test(ascii.slice(0, ascii.lastIndexOf(".") > 0 ? ascii.lastIndexOf(".") : undefined)) ? ascii : `attachment${ascii.slice(ascii.lastIndexOf("."))}`;
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
