import type { Kysely } from "kysely";

// The public dashboard reads only what the bureau published: each row freezes the public figures
// (after suppression) and, privately, what each year's figures were defined over, so the next
// publication can be checked against every earlier one. Frozen in time.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("public_snapshots")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("published_at", "text", (c) => c.notNull())
    .addColumn("published_by", "integer", (c) => c.notNull().references("users.id"))
    // The last contract_revisions id the figures include: versions after it are "since".
    .addColumn("revision_mark", "integer", (c) => c.notNull())
    // What the anonymous /dashboard shows, as JSON.
    .addColumn("public_json", "text", (c) => c.notNull())
    // Per year: the cells' definitions (never sent to the public), or the snapshot they were carried from.
    .addColumn("blocks_json", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("public_snapshots").execute();
}
