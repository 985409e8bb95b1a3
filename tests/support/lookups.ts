import type { DB } from "../../db/client.server";

/** Records by what a person knows them by. No vitest here: the Playwright specs use these too. */
export async function userIdByEmail(db: DB, email: string): Promise<number> {
  const row = await db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow();
  return row.id;
}

export async function orgIdByName(db: DB, name: string): Promise<number> {
  const row = await db.selectFrom("organizations").select("id").where("name", "=", name).executeTakeFirstOrThrow();
  return row.id;
}
