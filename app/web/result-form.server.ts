import type { AttachmentChanges } from "../models/shared";
import { parsePatentRows, resultSchema, type ResultInput } from "../schemas/result";
import { parse, type FieldErrors } from "../schemas/parse";
import { invalid, type FormValues } from "./form.server";
import { readFormWithFiles } from "./upload.server";

/** The result form: its fields and its patent rows, with every problem reported at once. */
export function parseResultForm(values: FormValues): { ok: true; input: ResultInput } | { ok: false; errors: FieldErrors } {
  const fields = parse(resultSchema, values);
  const patents = parsePatentRows(values);
  if (fields.ok && patents.ok) return { ok: true, input: { ...fields.data, patents: patents.patents } };
  return { ok: false, errors: { ...(fields.ok ? {} : fields.errors), ...(patents.ok ? {} : { patents: [patents.message] }) } };
}

/** What the new and edit pages both do first: read the form with its files and parse it, or answer the refusal. */
export async function readResultForm(
  request: Request,
): Promise<{ ok: true; values: FormValues; changes: AttachmentChanges; input: ResultInput } | { ok: false; response: Response }> {
  const form = await readFormWithFiles(request, "result");
  if (!form.ok) return form;
  const parsed = parseResultForm(form.values);
  if (!parsed.ok) return { ok: false, response: invalid(parsed.errors, form.values) };
  return { ok: true, values: form.values, changes: form.changes, input: parsed.input };
}
