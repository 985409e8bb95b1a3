import { json, unstable_parseMultipartFormData, type UploadHandlerPart } from "@remix-run/node";
import type { DocumentRecordKind } from "../../db/schema";
import { attachmentKinds } from "../files/kinds.server";
import { storeUpload, UploadRefusedError, type StoredFile } from "../files/index.server";
import type { AttachmentChanges } from "../models/shared";
import { CSRF_FIELD, verifyCsrf } from "../utils/csrf.server";
import { echo, MAX_FORM_BYTES, readForm, type FormValues } from "./form.server";
import { httpError } from "../utils/http.server";

/** Form field names the attachment component and the no-JavaScript inputs use. */
export const fileField = (slot: string) => `file:${slot}`;
export const stagedField = (slot: string) => `staged:${slot}`;
export const REMOVE_FIELD = "removeFile";

async function drain(data: AsyncIterable<Uint8Array>) {
  for await (const _ of data); // eslint-disable-line @typescript-eslint/no-unused-vars
}

async function text(part: UploadHandlerPart, budget: { left: number }): Promise<string> {
  const chunks: Uint8Array[] = [];
  for await (const c of part.data) {
    budget.left -= c.byteLength;
    if (budget.left < 0) throw httpError(413, "提交的内容过大，请精简后重试。");
    chunks.push(c);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

/**
 * Read a multipart form part by part: text fields into memory (size-capped as in readForm), each
 * file streamed into the file store (app/files). The CSRF token must come before any file
 * (CsrfInput is the first field of every PostForm), so a forged request never writes a byte.
 * `fileFields` maps each accepted file field to the name the caller knows it by; more than
 * `maxFiles` files in one request are refused before the next one is stored.
 */
async function readMultipart(request: Request, fileFields: Record<string, string>, maxFiles: number, values: FormValues, files: (StoredFile & { field: string })[]) {
  const budget = { left: MAX_FORM_BYTES };
  let checked = false;
  await unstable_parseMultipartFormData(request, async (part) => {
    if (part.filename === undefined) {
      const v = await text(part, budget);
      if (part.name === CSRF_FIELD) {
        await verifyCsrf(request, v);
        checked = true;
        return undefined;
      }
      const prev = Object.hasOwn(values, part.name) ? values[part.name] : undefined;
      values[part.name] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
      return undefined;
    }
    if (!checked) await verifyCsrf(request, null);
    const field = fileFields[part.name];
    if (field === undefined) throw httpError(400, "此处不支持上传文件。");
    // An <input type=file> left empty still sends an empty part with no name.
    if (part.filename === "") {
      await drain(part.data);
      return undefined;
    }
    if (files.length >= maxFiles) throw new UploadRefusedError(`一次最多上传 ${maxFiles} 个文件，未保存。请分几次上传。`, 400);
    // Browsers send `"`, CR and LF in a file name as %22, %0D, %0A (HTML's multipart encoding).
    const name = part.filename.replace(/%22/g, '"').replace(/%0[ad]/gi, "");
    files.push({ ...(await storeUpload(part.data, name)), field });
    return undefined;
  });
  if (!checked) await verifyCsrf(request, null);
}

/** readMultipart, with a refused file as the form's answer and a broken body as a 400. */
async function readParts(request: Request, fileFields: Record<string, string>, maxFiles: number, values: FormValues, files: (StoredFile & { field: string })[]): Promise<Response | null> {
  try {
    await readMultipart(request, fileFields, maxFiles, values, files);
    return null;
  } catch (e) {
    if (e instanceof UploadRefusedError) return filesRefused(e.message, values, e.status);
    // Our own refusals (CSRF, size) and the store's faults (ENOSPC …) are not the body's fault.
    if (e instanceof Response || (e as NodeJS.ErrnoException).code) throw e;
    // The multipart parser's own errors: a broken or cut-off request body.
    console.warn(`[files] unreadable multipart body: ${e instanceof Error ? e.message : String(e)}`);
    throw httpError(400, "无法读取上传的文件，请刷新页面后重试。");
  }
}

export type FormWithFiles = { ok: true; values: FormValues; changes: AttachmentChanges } | { ok: false; response: Response };

function ids(v: string | string[] | undefined): number[] {
  return [v ?? []].flat().filter((x) => x !== "").map((x) => (/^\d{1,15}$/.test(x) ? Number(x) : -1));
}

/**
 * The one way an action reads a record's form with its attachments (`kinds` name the records'
 * slots in app/files/kinds.server.ts; a page whose forms save different kinds of record passes
 * them all, and attachDocuments later refuses a slot that is not the saved record's): every other
 * field as in readForm, plus what to attach and remove. A refused file answers like a refused
 * field: the message, and the rest of the input kept.
 */
export async function readFormWithFiles(request: Request, ...kinds: [DocumentRecordKind, ...DocumentRecordKind[]]): Promise<FormWithFiles> {
  const slots = kinds.flatMap((k) => Object.keys(attachmentKinds[k].slots));
  const maxFiles = Math.max(...kinds.map((k) => attachmentKinds[k].maxFiles));
  const multipart = (request.headers.get("Content-Type") ?? "").includes("multipart/form-data");
  let values: FormValues = Object.create(null);
  const files: (StoredFile & { field: string })[] = [];
  if (!multipart) values = await readForm(request);
  else {
    const refused = await readParts(request, Object.fromEntries(slots.map((s) => [fileField(s), s])), maxFiles, values, files);
    if (refused) return { ok: false, response: refused };
  }
  const changes: AttachmentChanges = {
    fresh: files.map(({ field, ...f }) => ({ ...f, slot: field })),
    staged: slots.flatMap((slot) => ids(values[stagedField(slot)]).map((id) => ({ slot, id }))),
    remove: ids(values[REMOVE_FIELD]),
  };
  for (const slot of slots) delete values[stagedField(slot)];
  delete values[REMOVE_FIELD];
  return { ok: true, values, changes };
}

/** A refused save of a form with files: like `invalid`, but the files need choosing again. */
function filesRefused(message: string, values: FormValues, status: number) {
  return json({ ok: false as const, message: `${message}（已选择的文件需要重新选择）`, errors: {}, values: echo(values) }, { status });
}

/** The staging endpoint's form: the CSRF token, an optional intent/id, and at most one file (`file`). */
export async function readStagedUpload(request: Request): Promise<{ ok: true; values: FormValues; file: StoredFile | null } | { ok: false; response: Response }> {
  if (!(request.headers.get("Content-Type") ?? "").includes("multipart/form-data")) return { ok: true, values: await readForm(request), file: null };
  const values: FormValues = Object.create(null);
  const files: (StoredFile & { field: string })[] = [];
  const refused = await readParts(request, { file: "file" }, 1, values, files);
  if (refused) return { ok: false, response: refused };
  const [first] = files.map(({ field: _, ...f }) => f); // eslint-disable-line @typescript-eslint/no-unused-vars
  return { ok: true, values, file: first ?? null };
}
