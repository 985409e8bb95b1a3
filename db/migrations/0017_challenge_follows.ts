import type { Kysely } from "kysely";

// People who follow (关注) a published 榜单 are told when the bureau changes its deadline. One row
// per person and 榜单; following twice is the same row. Frozen in time.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("challenge_follows")
    .addColumn("challenge_id", "integer", (c) => c.notNull().references("challenges.id").onDelete("cascade"))
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("challenge_follows_pk", ["challenge_id", "user_id"])
    .execute();
  // "/me" lists a person's followed 榜单.
  await db.schema.createIndex("challenge_follows_user").on("challenge_follows").columns(["user_id", "challenge_id"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("challenge_follows").execute();
}
