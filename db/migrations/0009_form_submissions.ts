import type { Kysely } from "kysely";

// Idempotency keys of forms that create records: a double click or a resent form finds the first
// submission's answer here instead of creating a second record. Frozen in time.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("form_submissions")
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("form_key", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    // Where the first submission sent the person; null while it is still being processed.
    .addColumn("result", "text")
    .addPrimaryKeyConstraint("form_submissions_pk", ["user_id", "form_key"])
    .execute();
  await db.schema.createIndex("form_submissions_created").on("form_submissions").column("created_at").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("form_submissions").execute();
}
