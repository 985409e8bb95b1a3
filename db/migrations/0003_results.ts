import { sql, type Kysely } from "kysely";

// 科技成果 catalogue, researcher profiles, and enterprises' interest in results.
// Frozen in time: later changes go in new migrations.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("results")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("org_id", "integer", (c) => c.notNull().references("organizations.id"))
    .addColumn("created_by", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("abstract", "text", (c) => c.notNull())
    .addColumn("field_code", "text", (c) => c.notNull().references("tech_fields.code"))
    .addColumn("keywords", "text", (c) => c.notNull())
    .addColumn("trl", "integer", (c) => c.notNull().check(sql`trl between 1 and 9`))
    // Comma-separated subset of transfer,license,equity,joint,service.
    .addColumn("transfer_modes", "text", (c) => c.notNull())
    // 参考价格 in 分; NULL means 面议.
    .addColumn("price_fen", "integer", (c) => c.check(sql`price_fen >= 0`))
    .addColumn("team", "text", (c) => c.notNull())
    .addColumn("contact_name", "text", (c) => c.notNull())
    .addColumn("contact_phone", "text", (c) => c.notNull())
    .addColumn("contact_email", "text")
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('draft','published','archived')`))
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("published_at", "text")
    .execute();
  await db.schema.createIndex("results_status").on("results").columns(["status", "field_code"]).execute();
  await db.schema.createIndex("results_org").on("results").columns(["org_id", "status"]).execute();

  await db.schema
    .createTable("result_patents")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("result_id", "integer", (c) => c.notNull().references("results.id").onDelete("cascade"))
    .addColumn("number", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('invention','utility','design')`))
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('pending','granted','lapsed')`))
    .addColumn("sort", "integer", (c) => c.notNull())
    .addUniqueConstraint("result_patents_unique", ["result_id", "number"])
    .execute();

  await db.schema
    .createTable("researcher_profiles")
    .addColumn("user_id", "integer", (c) => c.primaryKey().references("users.id").onDelete("cascade"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("field_codes", "text", (c) => c.notNull())
    .addColumn("keywords", "text", (c) => c.notNull())
    .addColumn("bio", "text")
    .addColumn("achievements", "text")
    .addColumn("patents", "text")
    .addColumn("contact_phone", "text")
    .addColumn("contact_email", "text")
    .addColumn("expert_status", "text", (c) =>
      c.notNull().defaultTo("none").check(sql`expert_status in ('none','applied','approved','rejected')`),
    )
    .addColumn("expert_note", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("result_interests")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("result_id", "integer", (c) => c.notNull().references("results.id"))
    .addColumn("org_id", "integer", (c) => c.notNull().references("organizations.id"))
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("result_interests_one_per_org", ["result_id", "org_id"])
    .execute();

  await db.schema
    .createTable("interest_messages")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("interest_id", "integer", (c) => c.notNull().references("result_interests.id"))
    .addColumn("author_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("interest_messages_thread").on("interest_messages").columns(["interest_id", "id"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ["interest_messages", "result_interests", "researcher_profiles", "result_patents", "results"]) {
    await db.schema.dropTable(t).execute();
  }
}
