import { sql, type Kysely } from "kysely";

// Each indexed document keeps the terms extracted from it when it was written (TF-IDF, best
// first, as JSON [[term, weight], …]): matching reads them to explain and re-rank candidates.
// It also keeps the organisation's region, a search filter and facet (地区).
// Documents indexed before this migration get both from the reindex that `setup` runs after it.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("search_docs").addColumn("terms", "text", (c) => c.notNull().defaultTo(sql`'[]'`)).execute();
  await db.schema.alterTable("search_docs").addColumn("region", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("search_docs").dropColumn("region").execute();
  await db.schema.alterTable("search_docs").dropColumn("terms").execute();
}
