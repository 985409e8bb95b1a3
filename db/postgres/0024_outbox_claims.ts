import type { Kysely } from "kysely";

// The search outbox's claims, as SQLite's 0024_outbox_claims (read that file for why), in
// PostgreSQL's types: the lease is a timestamptz like every other instant here. Frozen in time.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("search_outbox").addColumn("claimed_by", "text").addColumn("claimed_until", "timestamptz").execute();
  await db.schema.createIndex("search_outbox_doc").on("search_outbox").columns(["doc_key", "id"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("search_outbox_doc").execute();
  await db.schema.alterTable("search_outbox").dropColumn("claimed_until").dropColumn("claimed_by").execute();
}
