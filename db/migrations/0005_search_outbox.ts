import type { Kysely } from "kysely";

// The transactional outbox for an external search engine (Meilisearch): a write commits a row
// here with the document as it must look; a relay applies rows after commit, in order, idempotently.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("search_outbox")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("doc_key", "text", (c) => c.notNull())
    .addColumn("document", "text") // JSON; NULL means delete
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("next_attempt_at", "text", (c) => c.notNull())
    .addColumn("last_error", "text")
    .execute();
  await db.schema.createIndex("search_outbox_due").on("search_outbox").columns(["next_attempt_at", "id"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("search_outbox").execute();
}
