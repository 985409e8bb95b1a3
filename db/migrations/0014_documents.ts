import { sql, type Kysely } from "kysely";

// Documents (附件) on records (issue 13 §1). The bytes live in the file store, named by their
// SHA-256; a row here says who uploaded them, what they really are (detected, not the name's
// extension) and which record they belong to. A row with no record yet is a staged upload (the
// form sends its id when it is saved). Removing a file only sets removed_at: the audit trail keeps
// it. Frozen in time.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("documents")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("hash", "text", (c) => c.notNull())
    .addColumn("size", "integer", (c) => c.notNull())
    .addColumn("mime", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("uploaded_by", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("org_id", "integer", (c) => c.references("organizations.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    // challenge | bid | result | contract | org; null while staged.
    .addColumn("record_kind", "text")
    .addColumn("record_id", "integer")
    .addColumn("purpose", "text")
    .addColumn("confidential", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("attached_at", "text")
    .addColumn("removed_at", "text")
    .addColumn("removed_by", "integer", (c) => c.references("users.id"))
    .addCheckConstraint("documents_record_pair", sql`(record_kind is null) = (record_id is null)`)
    .execute();
  await db.schema.createIndex("documents_record").on("documents").columns(["record_kind", "record_id"]).execute();
  await db.schema.createIndex("documents_hash").on("documents").column("hash").execute();
  await db.schema.createIndex("documents_staged").on("documents").columns(["uploaded_by", "created_at"]).where(sql.ref("record_kind"), "is", null).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("documents").execute();
}
