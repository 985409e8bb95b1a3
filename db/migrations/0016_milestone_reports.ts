import { sql, type Kysely } from "kysely";

// Milestone reports by the winning team, each decided by the enterprise. Until now a milestone held
// one status and one report text that the enterprise or the bureau overwrote; from here every
// submission is a row (the history shows each round) and a milestone's state follows from its
// reports: none → planned, latest undecided → reported, latest accepted/returned → that.
// Existing report texts become reports with no recorded author: 已完成 ones accepted, others
// awaiting the enterprise. Frozen in time.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("milestone_reports")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("milestone_id", "integer", (c) => c.notNull().references("milestones.id"))
    // Null only for reports carried over from before this migration.
    .addColumn("submitted_by", "integer", (c) => c.references("users.id"))
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("early_note", "text")
    .addColumn("submitted_at", "text", (c) => c.notNull())
    .addColumn("decision", "text", (c) => c.check(sql`decision in ('accepted','returned')`))
    .addColumn("decided_by", "integer", (c) => c.references("users.id"))
    .addColumn("decided_at", "text")
    .addColumn("return_reason", "text")
    .addCheckConstraint("milestone_reports_return_reason", sql`(decision = 'returned') = (return_reason is not null)`)
    .execute();
  await db.schema.createIndex("milestone_reports_milestone").on("milestone_reports").columns(["milestone_id", "id"]).execute();
  // At most one report waits for the enterprise and at most one is accepted, whatever races.
  await sql`create unique index milestone_reports_one_open on milestone_reports (milestone_id) where decision is null`.execute(db);
  await sql`create unique index milestone_reports_one_accepted on milestone_reports (milestone_id) where decision = 'accepted'`.execute(db);

  await sql`
    insert into milestone_reports (milestone_id, submitted_by, text, early_note, submitted_at, decision, decided_by, decided_at, return_reason)
    select id, null, coalesce(report, '（迁移前登记为已完成，未附报告文字）'), null, updated_at,
           case when status = 'done' then 'accepted' end, null,
           case when status = 'done' then updated_at end, null
    from milestones
    where status = 'done' or report is not null
  `.execute(db);
  await db.schema.alterTable("milestones").dropColumn("report").execute();
  await db.schema.alterTable("milestones").dropColumn("status").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("milestones").addColumn("status", "text", (c) => c.notNull().defaultTo("planned")).execute();
  await db.schema.alterTable("milestones").addColumn("report", "text").execute();
  await db.schema.dropTable("milestone_reports").execute();
}
