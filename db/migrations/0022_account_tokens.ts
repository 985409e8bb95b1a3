import { sql, type Kysely } from "kysely";

// Accounts by e-mail (issue 14 §4). A link sent by mail carries a random token; only its SHA-256
// is stored here, so a leaked database yields no usable links. A token is for one purpose, expires,
// and is used once (used_at). users.email_verified_at says the address was proven by such a link;
// accounts that existed before are not marked: their addresses were never proven (Decision 44).
// Frozen in time.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("account_tokens")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("purpose", "text", (c) => c.notNull().check(sql`purpose in ('verify_email', 'reset_password', 'unlock')`))
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("used_at", "text")
    .execute();
  // Issuing a token retires the user's earlier unused ones of the same purpose.
  await db.schema.createIndex("account_tokens_user").on("account_tokens").columns(["user_id", "purpose"]).execute();
  await db.schema.alterTable("users").addColumn("email_verified_at", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("users").dropColumn("email_verified_at").execute();
  await db.schema.dropTable("account_tokens").execute();
}
