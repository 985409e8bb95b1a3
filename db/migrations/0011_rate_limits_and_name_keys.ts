import type { Kysely } from "kysely";

// Frozen in time: this copy of the name normalisation is what the keys of existing rows were
// computed with. Later changes to app/schemas/fields.ts do not rewrite history.
const INVISIBLE = /(?![\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069])\p{Cf}/gu;
function nameKey(s: string): string {
  return s.replace(INVISIBLE, "").normalize("NFKC").replace(INVISIBLE, "").replace(/\s+/g, "").toLowerCase();
}

/**
 * 1. Sign-in and registration limits move from the hand-written login_attempts counter to
 *    rate-limiter-flexible's SQLite store; this is its table, with the columns it expects
 *    (key, points, expire in epoch milliseconds), created here so the library never runs DDL.
 * 2. Organisation names get a look-alike key (NFKC, no format characters, no case or spaces) with
 *    a unique index. Rows that already collide keep a NULL key and are reported: the bureau should
 *    look at them; renaming such an organisation gives it a key again, if the name is free.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("login_attempts").execute();
  await db.schema
    .createTable("rate_limits")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("points", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("expire", "integer")
    .execute();
  await db.schema.createIndex("rate_limits_expire").on("rate_limits").column("expire").execute();

  await db.schema.alterTable("organizations").addColumn("name_key", "text").execute();
  const orgs = await db.selectFrom("organizations").select(["id", "name"]).orderBy("id").execute();
  const owner = new Map<string, number>();
  for (const org of orgs) {
    const key = nameKey(org.name);
    const first = owner.get(key);
    if (first !== undefined) {
      console.warn(`机构 ${org.id}「${org.name}」的名称与机构 ${first} 规范化后相同（仿冒名称？），未设置 name_key，请区科技局核查。`);
      continue;
    }
    owner.set(key, org.id);
    await db.updateTable("organizations").set({ name_key: key }).where("id", "=", org.id).execute();
  }
  await db.schema.createIndex("organizations_name_key").unique().on("organizations").column("name_key").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("organizations_name_key").execute();
  await db.schema.alterTable("organizations").dropColumn("name_key").execute();
  await db.schema.dropTable("rate_limits").execute();
  await db.schema
    .createTable("login_attempts")
    .addColumn("account", "text", (c) => c.primaryKey())
    .addColumn("failures", "integer", (c) => c.notNull())
    .addColumn("window_started_at", "text", (c) => c.notNull())
    .addColumn("locked_until", "text")
    .execute();
}
