import { sql, type Kysely } from "kysely";

// Each indexed document keeps the terms extracted from it when it was written (TF-IDF, best
// first, as JSON [[term, weight], …]): matching reads them to explain and re-rank candidates.
// Documents indexed before this migration get theirs from the reindex that `setup` runs after it.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("search_docs").addColumn("terms", "text", (c) => c.notNull().defaultTo(sql`'[]'`)).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("search_docs").dropColumn("terms").execute();
}
