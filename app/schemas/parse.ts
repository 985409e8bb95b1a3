import type { z } from "zod";

export type FieldErrors = Record<string, string[]>;

export function fieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "_form");
    // One message per field: "请填写姓名" says it all; "至少 2 个字" beside it is noise.
    out[key] ??= [issue.message];
  }
  return out;
}

/** safeParse with errors grouped by field, the shape forms display. */
export function parse<S extends z.ZodType>(
  schema: S,
  values: unknown,
): { ok: true; data: z.output<S> } | { ok: false; errors: FieldErrors } {
  const r = schema.safeParse(values);
  return r.success ? { ok: true, data: r.data } : { ok: false, errors: fieldErrors(r.error) };
}
