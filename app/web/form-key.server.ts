import { randomUUID } from "node:crypto";
import { once, type CurrentUser } from "../models/shared";
import { getDb } from "../utils/db.server";
import type { FormValues } from "./form.server";

/** The hidden field that makes a creating form idempotent (see FormKeyInput). */
export const FORM_KEY_FIELD = "formKey";

/** A fresh key for the forms of the page being rendered (the root loader hands it out). */
export const newFormKey = (): string => randomUUID();

/**
 * Create a record at most once per submitted form: the second submission of the same form gets the
 * first one's destination. A form without a well-formed key (an old page) simply creates.
 */
export function createOnce(user: CurrentUser, values: FormValues, create: () => Promise<string>): Promise<string> {
  const key = values[FORM_KEY_FIELD];
  if (typeof key !== "string" || !/^[0-9a-f-]{36}$/.test(key)) return create();
  return once(getDb(), user.id, key, create);
}
