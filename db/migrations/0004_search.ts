import { sql, type Kysely } from "kysely";

// The embedded search engine's tables, in the application's own database file:
// search_docs carries what a hit shows and what facets count; search_fts is the FTS5 index over
// jieba-segmented text. Both are written in the same transaction as the record they mirror.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("search_docs")
    .addColumn("doc_key", "text", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('challenge','result','expert')`))
    .addColumn("ref_id", "integer", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("field_code", "text")
    .addColumn("status", "text")
    .addColumn("trl", "integer")
    .addColumn("amount_fen", "integer")
    .addColumn("org_name", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("search_docs_kind").on("search_docs").columns(["kind", "field_code"]).execute();
  await sql`create virtual table search_fts using fts5(doc_key unindexed, title, body, subwords)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table search_fts`.execute(db);
  await db.schema.dropTable("search_docs").execute();
}
