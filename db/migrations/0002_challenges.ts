import { sql, type Kysely } from "kysely";

// 揭榜挂帅: challenges (榜单), expert assignments, bids (揭榜申请), bid scores, milestones, inbox.
// Frozen in time: later changes go in new migrations.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("challenges")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("org_id", "integer", (c) => c.notNull().references("organizations.id"))
    .addColumn("created_by", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("field_code", "text", (c) => c.notNull().references("tech_fields.code"))
    .addColumn("keywords", "text", (c) => c.notNull())
    .addColumn("summary", "text", (c) => c.notNull())
    .addColumn("difficulties", "text", (c) => c.notNull())
    .addColumn("indicators", "text", (c) => c.notNull())
    .addColumn("research_content", "text", (c) => c.notNull())
    .addColumn("bounty_fen", "integer", (c) => c.notNull().check(sql`bounty_fen >= 0`))
    .addColumn("investment_fen", "integer", (c) => c.check(sql`investment_fen >= 0`))
    .addColumn("deadline", "text")
    .addColumn("duration_months", "integer", (c) => c.notNull().check(sql`duration_months between 1 and 120`))
    .addColumn("eligibility", "text", (c) => c.notNull())
    .addColumn("cooperation", "text", (c) =>
      c.notNull().check(sql`cooperation in ('development','transfer','license','consulting','service')`),
    )
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .check(
          sql`status in ('draft','submitted','under_review','published','evaluating','selected','contracted','in_progress','accepted','closed','rejected','failed','withdrawn','terminated')`,
        ),
    )
    .addColumn("status_reason", "text")
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("winner_bid_id", "integer")
    .addColumn("signed_on", "text")
    .addColumn("contract_amount_fen", "integer", (c) => c.check(sql`contract_amount_fen >= 0`))
    // The enterprise confirms the 考核指标 were met before the bureau scores the acceptance.
    .addColumn("owner_confirmed_on", "text")
    .addColumn("acceptance_score", "integer", (c) => c.check(sql`acceptance_score between 0 and 100`))
    .addColumn("acceptance_level", "text", (c) => c.check(sql`acceptance_level in ('excellent','good','pass','fail')`))
    .addColumn("accepted_on", "text")
    .addColumn("paid_on", "text")
    .addColumn("paid_amount_fen", "integer", (c) => c.check(sql`paid_amount_fen >= 0`))
    // Link point for the technology-contract register (a later migration adds the table and the FK).
    .addColumn("contract_record_id", "integer")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("published_at", "text")
    .execute();
  await db.schema.createIndex("challenges_status").on("challenges").columns(["status", "deadline"]).execute();
  await db.schema.createIndex("challenges_org").on("challenges").columns(["org_id", "status"]).execute();

  await db.schema
    .createTable("challenge_experts")
    .addColumn("challenge_id", "integer", (c) => c.notNull().references("challenges.id"))
    .addColumn("expert_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("assigned_by", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("assigned_at", "text", (c) => c.notNull())
    .addColumn("opinion", "text")
    .addColumn("recommendation", "text", (c) => c.check(sql`recommendation in ('publish','revise','reject')`))
    .addColumn("opinion_at", "text")
    .addPrimaryKeyConstraint("challenge_experts_pk", ["challenge_id", "expert_id"])
    .execute();

  await db.schema
    .createTable("bids")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("challenge_id", "integer", (c) => c.notNull().references("challenges.id"))
    .addColumn("org_id", "integer", (c) => c.notNull().references("organizations.id"))
    .addColumn("submitted_by", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("leader_name", "text", (c) => c.notNull())
    .addColumn("solution", "text", (c) => c.notNull())
    .addColumn("team", "text", (c) => c.notNull())
    .addColumn("price_fen", "integer", (c) => c.notNull().check(sql`price_fen >= 0`))
    .addColumn("duration_months", "integer", (c) => c.notNull().check(sql`duration_months between 1 and 120`))
    .addColumn("milestone_plan", "text", (c) => c.notNull())
    .addColumn("ownership_confirmed", "integer", (c) => c.notNull().check(sql`ownership_confirmed = 1`))
    .addColumn("status", "text", (c) =>
      c.notNull().check(sql`status in ('submitted','withdrawn','selected','not_selected')`),
    )
    .addColumn("outcome_reason", "text", (c) =>
      c.check(sql`outcome_reason in ('route_mismatch','price_high','duration_long','team_weak','other','failed')`),
    )
    .addColumn("outcome_note", "text")
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("bids_one_per_org", ["challenge_id", "org_id"])
    .execute();

  await db.schema
    .createTable("bid_scores")
    .addColumn("bid_id", "integer", (c) => c.notNull().references("bids.id"))
    .addColumn("expert_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("advanced", "integer", (c) => c.notNull().check(sql`advanced between 1 and 5`))
    .addColumn("feasibility", "integer", (c) => c.notNull().check(sql`feasibility between 1 and 5`))
    .addColumn("team", "integer", (c) => c.notNull().check(sql`team between 1 and 5`))
    .addColumn("price", "integer", (c) => c.notNull().check(sql`price between 1 and 5`))
    .addColumn("comment", "text")
    .addColumn("scored_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("bid_scores_pk", ["bid_id", "expert_id"])
    .execute();

  await db.schema
    .createTable("milestones")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("challenge_id", "integer", (c) => c.notNull().references("challenges.id"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("due_on", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('planned','in_progress','done')`))
    .addColumn("report", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("milestones_challenge").on("milestones").columns(["challenge_id", "due_on"]).execute();

  await db.schema
    .createTable("notifications")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("body", "text")
    .addColumn("link", "text")
    // Makes a notice idempotent (e.g. one deadline reminder per user and challenge).
    .addColumn("dedupe_key", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("read_at", "text")
    .addUniqueConstraint("notifications_dedupe", ["user_id", "dedupe_key"])
    .execute();
  await db.schema.createIndex("notifications_user").on("notifications").columns(["user_id", "id"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ["notifications", "milestones", "bid_scores", "bids", "challenge_experts", "challenges"]) {
    await db.schema.dropTable(t).execute();
  }
}
