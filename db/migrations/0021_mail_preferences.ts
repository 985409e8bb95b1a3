import { sql, type Kysely } from "kysely";

// E-mail of notices (issue 14 §3): each person chooses per category of notice whether it is
// mailed at once, gathered into a daily digest, or kept on the site; a digest is claimed per
// person and 北京时间 day so several processes send it once; mail carries extra headers
// (List-Unsubscribe); a server secret signs unsubscribe links. Frozen in time.
export async function up(db: Kysely<any>): Promise<void> {
  // Only choices a person made are stored; the defaults live in code (Decision 46).
  await db.schema
    .createTable("notice_preferences")
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("category", "text", (c) => c.notNull())
    .addColumn("delivery", "text", (c) => c.notNull().check(sql`delivery in ('immediately', 'digest', 'site')`))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("notice_preferences_pk", ["user_id", "category"])
    .execute();
  // One row per person and day: inserting it is the claim, so a digest goes out once.
  await db.schema
    .createTable("digest_runs")
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("day", "text", (c) => c.notNull())
    .addColumn("notice_count", "integer", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("digest_runs_pk", ["user_id", "day"])
    .execute();
  // The digest reads one day of notices each minute.
  await db.schema.createIndex("notifications_created_at").on("notifications").column("created_at").execute();
  // Secrets the server makes for itself on first use (e.g. the unsubscribe-link key).
  await db.schema
    .createTable("site_secrets")
    .addColumn("name", "text", (c) => c.primaryKey())
    .addColumn("value", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  // JSON object of extra mail headers (List-Unsubscribe, List-Unsubscribe-Post).
  await db.schema.alterTable("mail_outbox").addColumn("headers", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("mail_outbox").dropColumn("headers").execute();
  await db.schema.dropTable("site_secrets").execute();
  await db.schema.dropIndex("notifications_created_at").execute();
  await db.schema.dropTable("digest_runs").execute();
  await db.schema.dropTable("notice_preferences").execute();
}
