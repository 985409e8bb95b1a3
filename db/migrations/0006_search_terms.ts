import type { Kysely } from "kysely";

// Each indexed document keeps the terms extracted from it when it was written (TF-IDF, best
// first, as JSON [[term, weight], …]): matching reads them to explain and re-rank candidates.
// They live in their own table, keyed by the search_docs rowid: a kilobyte of JSON in every
// search_docs row made each facet count read three times the pages.
// search_docs also gains the organisation's region, a search filter and facet (地区).
// Documents indexed before this migration get both from the reindex that `setup` runs after it.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("search_docs").addColumn("region", "text").execute();
  await db.schema
    .createTable("search_terms")
    .addColumn("id", "integer", (c) => c.primaryKey()) // = search_docs.rowid
    .addColumn("terms", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("search_terms").execute();
  await db.schema.alterTable("search_docs").dropColumn("region").execute();
}
