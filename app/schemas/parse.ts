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

/**
 * The one encoding of a form's repeated rows: `patents[0].number`, `reasons[2].code` (the names
 * conform uses). Flat names stay as they are; a name with a path becomes nested objects and arrays,
 * so one zod schema reads the whole form. Rows are dense in index order (a missing index is skipped).
 */
export function formObject(values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = Object.create(null);
  for (const [name, value] of Object.entries(values)) {
    const path = /^[A-Za-z_]\w*(?:\[\d{1,4}\]|\.[A-Za-z_]\w*)+$/.test(name) ? name.match(/[A-Za-z_]\w*|\d+/g)! : null;
    if (!path) {
      out[name] = value;
      continue;
    }
    let node = out;
    for (const [i, key] of path.entries()) {
      if (i === path.length - 1) {
        node[key] = value;
        break;
      }
      // A forged form may send a plain value under a row's name: the row wins (setting a part on a
      // string would throw in a strict module and answer 500).
      if (node[key] == null || typeof node[key] !== "object") node[key] = Object.create(null);
      node = node[key] as Record<string, unknown>;
    }
  }
  return denseRows(out) as Record<string, unknown>;
}

/** Objects keyed only by indices become arrays, in index order. */
function denseRows(node: unknown): unknown {
  if (node == null || typeof node !== "object" || Array.isArray(node)) return node;
  const entries = Object.entries(node).map(([k, v]) => [k, denseRows(v)] as const);
  if (entries.length > 0 && entries.every(([k]) => /^\d+$/.test(k))) {
    return entries.sort(([a], [b]) => Number(a) - Number(b)).map(([, v]) => v);
  }
  return Object.assign(Object.create(null), Object.fromEntries(entries));
}

/**
 * The one way a loader reads its query string: every parameter through the page's zod schema
 * (repeated names keep their last value, as in a form's single field).
 */
export function parseQuery<S extends z.ZodType>(schema: S, request: Request | URL): z.output<S> {
  const url = request instanceof URL ? request : new URL(request.url);
  return schema.parse(Object.fromEntries(url.searchParams));
}
