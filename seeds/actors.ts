import type { z } from "zod";
import type { DB } from "../db/client.server";
import { loadActor, type CurrentUser } from "../app/models/shared/session.server";
import { parse } from "../app/schemas/parse";

/** A seeded account as the model functions see the signed-in person. */
export async function actorByEmail(db: DB, email: string): Promise<CurrentUser> {
  const row = await db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow();
  return loadActor(db, row.id);
}

/**
 * Demo input goes through the form's own schema, as a person's would; a seed that no longer passes
 * it is a bug in the data, so it stops the seed and names what failed.
 */
export function parseSeed<S extends z.ZodType>(schema: S, values: unknown, what: string): z.output<S> {
  const p = parse(schema, values);
  if (!p.ok) throw new Error(`${what}未通过校验：${JSON.stringify(p.errors)}`);
  return p.data;
}
