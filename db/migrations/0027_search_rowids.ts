import { sql, type Kysely } from "kysely";

// The embedded index's rowids now say a document's kind (search/sqlite/engine.ts, rowidOf): rows
// written before have arbitrary rowids, so the index is emptied here and rebuilt by `setup`
// (app/cli.server.ts) right after this step. SQLite only: PostgreSQL has no embedded index.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`delete from search_fts`.execute(db);
  await sql`delete from search_terms`.execute(db);
  await sql`delete from search_docs`.execute(db);
}

export async function down(): Promise<void> {
  // Nothing to undo: a rebuild writes the index again either way.
}
