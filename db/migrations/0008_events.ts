import { sql, type Kysely } from "kysely";

// 对接会 (matchmaking events): events and their time blocks, registered organisations and their
// representatives, 1:1 meeting requests, the generated agenda, ratings and contract follow-ups.
// Frozen in time: later changes go in new migrations.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("events")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('results','demands','campus')`))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("venue", "text", (c) => c.notNull())
    // The day of the event in 北京时间, YYYY-MM-DD; meeting blocks are minutes after its midnight.
    .addColumn("event_date", "text", (c) => c.notNull())
    .addColumn("registration_opens_at", "text", (c) => c.notNull())
    .addColumn("registration_closes_at", "text", (c) => c.notNull())
    .addColumn("booking_opens_at", "text", (c) => c.notNull())
    .addColumn("booking_closes_at", "text", (c) => c.notNull())
    .addColumn("slot_minutes", "integer", (c) => c.notNull().check(sql`slot_minutes in (15, 20, 30)`))
    .addColumn("tables_count", "integer", (c) => c.notNull().check(sql`tables_count between 1 and 500`))
    .addColumn("max_meetings", "integer", (c) => c.notNull().check(sql`max_meetings between 1 and 100`))
    // An unanswered meeting request lapses this many hours after it was sent (or when booking closes).
    .addColumn("request_expiry_hours", "integer", (c) => c.notNull().check(sql`request_expiry_hours between 1 and 720`))
    .addColumn("schedule_state", "text", (c) =>
      c.notNull().defaultTo("none").check(sql`schedule_state in ('none','draft','preliminary','final')`),
    )
    .addColumn("created_by", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("events_date").on("events").column("event_date").execute();

  await db.schema
    .createTable("event_blocks")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("event_id", "integer", (c) => c.notNull().references("events.id").onDelete("cascade"))
    .addColumn("start_min", "integer", (c) => c.notNull().check(sql`start_min between 0 and 1440`))
    .addColumn("end_min", "integer", (c) => c.notNull().check(sql`end_min between 0 and 1440 and end_min > start_min`))
    .execute();

  await db.schema
    .createTable("event_participants")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("event_id", "integer", (c) => c.notNull().references("events.id"))
    .addColumn("org_id", "integer", (c) => c.notNull().references("organizations.id"))
    .addColumn("registered_by", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('pending','validated','refused')`))
    .addColumn("status_reason", "text")
    .addColumn("checked_in_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("event_participants_one_per_org", ["event_id", "org_id"])
    .execute();

  await db.schema
    .createTable("event_representatives")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("participant_id", "integer", (c) => c.notNull().references("event_participants.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("sort", "integer", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("event_unavailable")
    .addColumn("participant_id", "integer", (c) => c.notNull().references("event_participants.id").onDelete("cascade"))
    .addColumn("start_min", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("event_unavailable_pk", ["participant_id", "start_min"])
    .execute();

  await db.schema
    .createTable("meeting_requests")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("event_id", "integer", (c) => c.notNull().references("events.id"))
    .addColumn("from_participant_id", "integer", (c) => c.notNull().references("event_participants.id"))
    .addColumn("to_participant_id", "integer", (c) => c.notNull().references("event_participants.id"))
    .addColumn("message", "text", (c) => c.notNull())
    // 'pending' past expires_at reads as expired (requestStatusSql): no job is needed.
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('pending','accepted','declined','withdrawn')`))
    .addColumn("reason", "text")
    .addColumn("created_by", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("answered_by", "integer", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("answered_at", "text")
    .addCheckConstraint("meeting_requests_two_sides", sql`from_participant_id <> to_participant_id`)
    .execute();
  await db.schema.createIndex("meeting_requests_event").on("meeting_requests").columns(["event_id", "status"]).execute();

  await db.schema
    .createTable("meetings")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("event_id", "integer", (c) => c.notNull().references("events.id"))
    .addColumn("a_participant_id", "integer", (c) => c.notNull().references("event_participants.id"))
    .addColumn("b_participant_id", "integer", (c) => c.notNull().references("event_participants.id"))
    .addColumn("request_id", "integer", (c) => c.references("meeting_requests.id"))
    .addColumn("source", "text", (c) => c.notNull().check(sql`source in ('request','match')`))
    .addColumn("score", "integer", (c) => c.notNull())
    .addColumn("start_min", "integer", (c) => c.notNull())
    .addColumn("table_no", "integer", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('scheduled','cancelled')`))
    .addColumn("cancel_reason", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("meetings_event").on("meetings").columns(["event_id", "start_min", "table_no"]).execute();

  // What the last generation could not place, with the reason, for the bureau to read.
  await db.schema
    .createTable("schedule_unplaced")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("event_id", "integer", (c) => c.notNull().references("events.id"))
    .addColumn("a_participant_id", "integer", (c) => c.notNull().references("event_participants.id"))
    .addColumn("b_participant_id", "integer", (c) => c.notNull().references("event_participants.id"))
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("score", "integer", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("meeting_ratings")
    .addColumn("meeting_id", "integer", (c) => c.notNull().references("meetings.id"))
    .addColumn("participant_id", "integer", (c) => c.notNull().references("event_participants.id"))
    .addColumn("rating", "text", (c) =>
      c.notNull().check(sql`rating in ('not_held','low_interest','useful_no_deal','potential')`),
    )
    .addColumn("note", "text")
    .addColumn("rated_by", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("rated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("meeting_ratings_pk", ["meeting_id", "participant_id"])
    .execute();

  // Asked at 1, 3 and 6 months: did a technology contract follow? A yes carries the 16-digit 登记号;
  // contract_id is filled when the contracts table links it (no foreign key: that table is separate).
  await db.schema
    .createTable("meeting_followups")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("meeting_id", "integer", (c) => c.notNull().references("meetings.id"))
    .addColumn("participant_id", "integer", (c) => c.notNull().references("event_participants.id"))
    .addColumn("months", "integer", (c) => c.notNull().check(sql`months in (1, 3, 6)`))
    .addColumn("answer", "text", (c) => c.notNull().check(sql`answer in ('yes','no')`))
    .addColumn("registration_no", "text", (c) => c.check(sql`registration_no is null or length(registration_no) = 16`))
    .addColumn("contract_id", "integer")
    .addColumn("note", "text")
    .addColumn("answered_by", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("answered_at", "text", (c) => c.notNull())
    .addUniqueConstraint("meeting_followups_once", ["meeting_id", "participant_id", "months"])
    .addCheckConstraint("meeting_followups_yes_has_number", sql`(answer = 'yes') = (registration_no is not null)`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    "meeting_followups",
    "meeting_ratings",
    "schedule_unplaced",
    "meetings",
    "meeting_requests",
    "event_unavailable",
    "event_representatives",
    "event_participants",
    "event_blocks",
    "events",
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
