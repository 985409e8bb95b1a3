import { json, type HeadersFunction } from "@remix-run/node";
import type { FieldErrors } from "../schemas/parse";
import { databaseFault, type DatabaseFault } from "../../db/errors";
import { SearchUnavailableError } from "../../search/engine";
import { DomainError, TooManyAttemptsError } from "../utils/errors";
import { CSRF_FIELD, verifyCsrf } from "../utils/csrf.server";
import { httpError } from "../utils/http.server";

/** Forms here are short; anything larger is refused before it is read into memory. */
export const MAX_FORM_BYTES = 256 * 1024;

export type FormValues = Record<string, string | string[]>;

async function readBody(request: Request, limit = MAX_FORM_BYTES, message = "提交的内容过大，请精简后重试。"): Promise<Buffer> {
  const declared = Number(request.headers.get("Content-Length") ?? "0");
  const tooLarge = () => httpError(413, message);
  if (declared > limit) throw tooLarge();
  if (!request.body) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/**
 * The one way an action reads its form: size-capped, CSRF-checked, as plain strings (the last
 * value wins for repeated names; uploaded files are refused).
 */
export async function readForm(request: Request): Promise<FormValues> {
  const body = await readBody(request);
  const type = request.headers.get("Content-Type") ?? "";
  let entries: Iterable<[string, FormDataEntryValue]>;
  try {
    entries = type.includes("multipart/form-data")
      ? (await new Response(new Blob([new Uint8Array(body)]), { headers: { "Content-Type": type } }).formData()).entries()
      : new URLSearchParams(new TextDecoder("utf-8", { fatal: true }).decode(body)).entries();
  } catch {
    throw httpError(400, "无法读取提交的表单，请刷新页面后重试。");
  }
  // No prototype: a field called "constructor" or "__proto__" is just an unknown field.
  const values: FormValues = Object.create(null);
  for (const [k, v] of entries) {
    if (typeof v !== "string") throw httpError(400, "此处不支持上传文件。");
    const prev = Object.hasOwn(values, k) ? values[k] : undefined;
    // Repeated names (checkbox groups) become arrays; a schema expecting one string refuses them.
    values[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  const token = values[CSRF_FIELD];
  await verifyCsrf(request, typeof token === "string" ? token : null);
  delete values[CSRF_FIELD];
  return values;
}

/** Values worth echoing back into the form after an error (never passwords). */
export function echo(values: FormValues): FormValues {
  const out: FormValues = {};
  for (const [k, v] of Object.entries(values)) {
    if (!/password/i.test(k)) out[k] = Array.isArray(v) ? v.map((x) => x.slice(0, 20_000)) : v.slice(0, 20_000);
  }
  return out;
}

/** 400 with per-field messages and the person's input, so nothing typed is lost. */
export function invalid(errors: FieldErrors, values: FormValues, message = "提交的内容有误，请按提示修改。") {
  return refusal(400, message, values, errors);
}

/** What a refused submission answers: the message, per-field messages and the person's input. */
function refusal(status: number, message: string, values: FormValues, errors: Record<string, string[]> = {}) {
  return json({ ok: false as const, message, errors, values: echo(values) }, { status });
}

const faultAnswers: Record<DatabaseFault, { status: number; message: string }> = {
  busy: { status: 503, message: "系统繁忙，请稍后再试，您填写的内容已保留。" },
  full: { status: 507, message: "存储空间不足，内容未保存。请联系区科技局，稍后再试，您填写的内容已保留。" },
  readonly: { status: 503, message: "系统当前为只读模式，内容未保存，请稍后再试。您填写的内容已保留。" },
};

/**
 * The one mapping from what a model call may throw to what a person is told: a DomainError keeps
 * its status (404 not found or not allowed to see, 403 wrong role, 409 conflict, 400 invalid) and
 * message; a database fault (busy, full, read-only) or an unavailable search engine is a 503/507
 * that keeps the input. Anything
 * else is a bug and is not mapped (undefined), so it stays a 500 and is logged.
 */
export function errorAnswer(e: unknown, values: FormValues = {}): Response | undefined {
  if (e instanceof DomainError) {
    const answer = refusal(e.status, e.message, values, e.fieldErrors);
    if (e instanceof TooManyAttemptsError) answer.headers.set("Retry-After", String(Math.ceil(e.retryAfterMs / 1000)));
    return answer;
  }
  // Work that needs the search engine (an agenda built from matches) waits for it to come back.
  if (e instanceof SearchUnavailableError) {
    console.error(`[search] ${e.message}`, e.cause);
    return refusal(503, "搜索服务暂时不可用，内容未保存，请稍后再试。您填写的内容已保留。", values);
  }
  const fault = databaseFault(e);
  if (!fault) return undefined;
  return refusal(faultAnswers[fault].status, faultAnswers[fault].message, values);
}

/**
 * A document POST (no JavaScript) answers with only the headers the route's `headers` export
 * passes on, so a route whose action may refuse with 429 exports this to keep Retry-After.
 */
export const keepRetryAfter: HeadersFunction = ({ actionHeaders }) => {
  const retryAfter = actionHeaders.get("Retry-After");
  return retryAfter ? { "Retry-After": retryAfter } : new Headers();
};

/** Run a model call from an action: a known error becomes the form's answer, anything else propagates. */
export async function attempt<T>(
  fn: () => Promise<T>,
  values: FormValues = {},
): Promise<{ ok: true; value: T } | { ok: false; response: Response }> {
  try {
    return { ok: true, value: await fn() };
  } catch (e) {
    const response = errorAnswer(e, values);
    if (!response) throw e;
    return { ok: false, response };
  }
}

/** Run a model call from a loader: a known error is thrown as the response the ErrorBoundary shows. */
export async function load<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw errorAnswer(e) ?? e;
  }
}

/** Spreadsheets are larger than forms but still bounded: 5 MiB holds tens of thousands of rows. */
export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

/**
 * The one way an action reads an uploaded file: size-capped and CSRF-checked like readForm; the
 * file field (`fileField`) comes back as bytes, every other field as a string.
 */
export async function readUpload(
  request: Request,
  fileField: string,
): Promise<{ values: FormValues; file: { name: string; bytes: Buffer } | null }> {
  const type = request.headers.get("Content-Type") ?? "";
  if (!type.includes("multipart/form-data")) {
    // Not a file upload at all: still check the token first, then say what is missing.
    const values = await readForm(request);
    return { values, file: null };
  }
  // The multipart envelope adds a little to the file itself.
  const body = await readBody(request, MAX_UPLOAD_BYTES + 64 * 1024, "文件过大：请上传 5 MB 以内的文件，或分成几个文件导入。");
  let form: FormData;
  try {
    form = await new Response(new Blob([new Uint8Array(body)]), { headers: { "Content-Type": type } }).formData();
  } catch {
    throw httpError(400, "无法读取上传的文件，请刷新页面后重试。");
  }
  const values: FormValues = Object.create(null);
  let file: { name: string; bytes: Buffer } | null = null;
  for (const [k, v] of form.entries()) {
    if (typeof v === "string") values[k] = v;
    else if (k === fileField && v.size > 0) {
      if (v.size > MAX_UPLOAD_BYTES) throw httpError(413, "文件过大：请上传 5 MB 以内的文件，或分成几个文件导入。");
      file = { name: v.name.slice(0, 200), bytes: Buffer.from(await v.arrayBuffer()) };
    }
  }
  const token = values[CSRF_FIELD];
  await verifyCsrf(request, typeof token === "string" ? token : null);
  delete values[CSRF_FIELD];
  return { values, file };
}
