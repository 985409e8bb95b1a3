import { sql, type Kysely } from "kysely";

// Frozen in time: later changes go in new migrations, never here.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("organizations")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("name", "text", (c) => c.notNull().unique())
    .addColumn("kind", "text", (c) =>
      c.notNull().check(sql`kind in ('enterprise','university','institute','service','bureau')`),
    )
    .addColumn("credit_code", "text", (c) => c.notNull().unique())
    .addColumn("region", "text", (c) =>
      c.notNull().check(sql`region in ('lizhou','guangyuan_other','sichuan_other','outside')`),
    )
    .addColumn("address", "text")
    .addColumn("intro", "text")
    .addColumn("contact_name", "text", (c) => c.notNull())
    .addColumn("contact_phone", "text", (c) => c.notNull())
    .addColumn("contact_email", "text")
    .addColumn("status", "text", (c) =>
      c.notNull().defaultTo("unverified").check(sql`status in ('unverified','verified','rejected')`),
    )
    .addColumn("review_note", "text")
    .addColumn("reviewed_at", "text")
    .addColumn("reviewed_by", "integer")
    .addColumn("is_demo", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("organizations_status").on("organizations").columns(["status", "created_at"]).execute();

  await db.schema
    .createTable("users")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("email", "text", (c) => c.unique())
    .addColumn("mobile", "text", (c) => c.unique())
    .addColumn("password_hash", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) =>
      c.notNull().check(sql`role in ('enterprise','researcher','bureau','expert')`),
    )
    .addColumn("org_id", "integer", (c) => c.references("organizations.id").onDelete("restrict"))
    .addColumn("org_role", "text", (c) => c.check(sql`org_role in ('admin','member')`))
    .addColumn("membership_status", "text", (c) =>
      c.notNull().defaultTo("none").check(sql`membership_status in ('none','pending','active','rejected')`),
    )
    .addColumn("membership_note", "text")
    .addColumn("is_demo", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addCheckConstraint("users_has_login", sql`email is not null or mobile is not null`)
    .execute();
  await db.schema.createIndex("users_org").on("users").columns(["org_id", "membership_status"]).execute();

  await db.schema
    .createTable("sessions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("user_agent", "text")
    .execute();
  await db.schema.createIndex("sessions_user").on("sessions").column("user_id").execute();

  await db.schema
    .createTable("login_attempts")
    .addColumn("account", "text", (c) => c.primaryKey())
    .addColumn("failures", "integer", (c) => c.notNull())
    .addColumn("window_started_at", "text", (c) => c.notNull())
    .addColumn("locked_until", "text")
    .execute();

  await db.schema
    .createTable("audit_events")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("entity", "text", (c) => c.notNull())
    .addColumn("entity_id", "integer", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("from_state", "text")
    .addColumn("to_state", "text")
    .addColumn("reason", "text")
    .addColumn("actor_id", "integer", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("audit_events_entity").on("audit_events").columns(["entity", "entity_id", "id"]).execute();

  await db.schema
    .createTable("tech_fields")
    .addColumn("code", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull().unique())
    .addColumn("sort", "integer", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("focus_fields")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("name", "text", (c) => c.notNull().unique())
    .addColumn("sector", "text", (c) => c.notNull().check(sql`sector in ('工业','农业','民生')`))
    .addColumn("field_code", "text", (c) => c.notNull().references("tech_fields.code"))
    .addColumn("sort", "integer", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("plan_indicators")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull().unique())
    .addColumn("unit", "text", (c) => c.notNull())
    .addColumn("v2020", "text")
    .addColumn("v2025", "text", (c) => c.notNull())
    .addColumn("v2035", "text", (c) => c.notNull())
    .addColumn("nature", "text", (c) => c.notNull())
    .addColumn("doubling", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ["plan_indicators", "focus_fields", "tech_fields", "audit_events", "login_attempts", "sessions", "users", "organizations"]) {
    await db.schema.dropTable(t).execute();
  }
}
