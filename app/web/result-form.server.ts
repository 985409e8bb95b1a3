import { parsePatentRows, resultSchema, type ResultInput } from "../schemas/result";
import { parse, type FieldErrors } from "../schemas/parse";
import type { FormValues } from "./form.server";

/** The result form: its fields and its patent rows, with every problem reported at once. */
export function parseResultForm(values: FormValues): { ok: true; input: ResultInput } | { ok: false; errors: FieldErrors } {
  const fields = parse(resultSchema, values);
  const patents = parsePatentRows(values);
  if (fields.ok && patents.ok) return { ok: true, input: { ...fields.data, patents: patents.patents } };
  return { ok: false, errors: { ...(fields.ok ? {} : fields.errors), ...(patents.ok ? {} : { patents: [patents.message] }) } };
}
