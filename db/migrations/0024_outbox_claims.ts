import type { Kysely } from "kysely";

// Several processes relay the search outbox (issue 16): a relay claims a document's rows before it
// applies them (claimed_by: one run's token; claimed_until: the lease, so a dead process's rows come
// back). A document is claimed through its earliest row, so the index on (doc_key, id) finds that
// row. The PostgreSQL chain has the same migration (db/postgres/0024_outbox_claims.ts). Frozen in time.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("search_outbox").addColumn("claimed_by", "text").execute();
  await db.schema.alterTable("search_outbox").addColumn("claimed_until", "text").execute();
  await db.schema.createIndex("search_outbox_doc").on("search_outbox").columns(["doc_key", "id"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("search_outbox_doc").execute();
  await db.schema.alterTable("search_outbox").dropColumn("claimed_until").execute();
  await db.schema.alterTable("search_outbox").dropColumn("claimed_by").execute();
}
