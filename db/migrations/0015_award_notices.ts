import { sql, type Kysely } from "kysely";

// 中选公示 and 异议: the notice published at 定榜 (one per selection; a new selection after an
// upheld objection publishes a new one), objections lodged against it, and the bureau's setting
// for how many working days the objection period lasts. Frozen in time.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("award_settings")
    .addColumn("id", "integer", (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn("objection_days", "integer", (c) => c.notNull().check(sql`objection_days between 1 and 30`))
    .addColumn("updated_by", "integer", (c) => c.references("users.id"))
    .addColumn("updated_at", "text")
    .execute();
  await sql`insert into award_settings (id, objection_days, updated_by, updated_at) values (1, 5, null, null)`.execute(db);

  await db.schema
    .createTable("award_notices")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("challenge_id", "integer", (c) => c.notNull().references("challenges.id"))
    .addColumn("bid_id", "integer", (c) => c.notNull().references("bids.id"))
    .addColumn("org_id", "integer", (c) => c.notNull().references("organizations.id"))
    // 挂帅人 as the bid named them at the time of selection.
    .addColumn("leader_name", "text", (c) => c.notNull())
    .addColumn("published_at", "text", (c) => c.notNull())
    .addColumn("objection_days", "integer", (c) => c.notNull())
    // The first instant after the period: objections are accepted while now < period_ends_at.
    .addColumn("period_ends_at", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('published','revoked')`))
    .addColumn("revoked_reason", "text")
    .addColumn("revoked_at", "text")
    .addColumn("created_by", "integer", (c) => c.notNull().references("users.id"))
    .execute();
  await db.schema.createIndex("award_notices_by_challenge").on("award_notices").columns(["challenge_id", "id"]).execute();
  await db.schema.createIndex("award_notices_by_date").on("award_notices").columns(["published_at"]).execute();
  // At most one live 公示 per 榜单.
  await sql`create unique index award_notices_one_live on award_notices (challenge_id) where status = 'published'`.execute(db);

  await db.schema
    .createTable("award_objections")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("award_id", "integer", (c) => c.notNull().references("award_notices.id"))
    .addColumn("org_id", "integer", (c) => c.notNull().references("organizations.id"))
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("reasons", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('pending','dismissed','upheld','closed')`))
    .addColumn("decision_reason", "text")
    .addColumn("decided_by", "integer", (c) => c.references("users.id"))
    .addColumn("decided_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  // One pending objection per organisation per 公示; a decided one may be followed by another.
  await sql`create unique index award_objections_one_pending on award_objections (award_id, org_id) where status = 'pending'`.execute(db);
  await db.schema.createIndex("award_objections_by_status").on("award_objections").columns(["status", "created_at"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ["award_objections", "award_notices", "award_settings"]) await db.schema.dropTable(t).execute();
}
