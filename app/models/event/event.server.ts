import { sql, type Kysely } from "kysely";
import type { DB } from "../../../db/client.server";
import type { Database } from "../../../db/schema";
import type { EventInput } from "../../schemas/event";
import { slotStarts } from "./schedule";
import { beijingDate, clock, nowIso } from "../../utils/time";
import { recordAudit, type CurrentUser, actsForOrg, isBureauStaff, requireBureau } from "../shared";
import { effectiveStatusSql } from "../challenge";
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError, isUniqueViolation } from "../../utils/errors";
import { eventRef, notifyTurn } from "../notice";

type Tx = Kysely<Database>;

const requireEventBureau = (user: CurrentUser) => requireBureau(user, "对接会由区科技局工作人员创建和管理。");

/** Organisation names of an event's participants, for lists that show both sides of a pair. */
export async function participantNames(db: Tx, eventId: number): Promise<(participantId: number) => string> {
  const rows = await db
    .selectFrom("event_participants")
    .innerJoin("organizations", "organizations.id", "event_participants.org_id")
    .select(["event_participants.id", "organizations.name"])
    .where("event_participants.event_id", "=", eventId)
    .execute();
  const names = new Map(rows.map((r) => [r.id, r.name]));
  return (id) => names.get(id) ?? "";
}

function eventRow(input: EventInput) {
  return {
    kind: input.kind,
    title: input.title,
    description: input.description,
    venue: input.venue,
    event_date: input.eventDate,
    registration_opens_at: input.registrationOpensAt,
    registration_closes_at: input.registrationClosesAt,
    booking_opens_at: input.bookingOpensAt,
    booking_closes_at: input.bookingClosesAt,
    slot_minutes: input.slotMinutes,
    tables_count: input.tables,
    max_meetings: input.maxMeetings,
    request_expiry_hours: input.requestExpiryHours,
  };
}

async function writeBlocks(trx: Tx, eventId: number, blocks: EventInput["blocks"]) {
  await trx.deleteFrom("event_blocks").where("event_id", "=", eventId).execute();
  for (const b of blocks) await trx.insertInto("event_blocks").values({ event_id: eventId, ...b }).execute();
}

function checkSlots(input: EventInput) {
  if (slotStarts(input.blocks, input.slotMinutes).length === 0) {
    throw new InvalidInputError({ blocks: [`洽谈时段太短，容不下一场 ${input.slotMinutes} 分钟的会谈`] });
  }
}

export async function createEvent(db: DB, user: CurrentUser, input: EventInput): Promise<number> {
  requireEventBureau(user);
  checkSlots(input);
  return db.transaction().execute(async (trx) => {
    const now = nowIso();
    const { id } = await trx
      .insertInto("events")
      .values({ ...eventRow(input), created_by: user.id, created_at: now, updated_at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
    await writeBlocks(trx, id, input.blocks);
    await recordAudit(trx, { entity: "event", entityId: id, action: "create", actorId: user.id });
    return id;
  });
}

/** Time settings are frozen once an agenda exists: moving slots under placed meetings would corrupt it. */
export async function updateEvent(db: DB, user: CurrentUser, id: number, input: EventInput): Promise<void> {
  requireEventBureau(user);
  checkSlots(input);
  await db.transaction().execute(async (trx) => {
    const e = await loadEvent(trx, id);
    if (e.schedule_state !== "none") {
      const blocks = await trx.selectFrom("event_blocks").select(["start_min", "end_min"]).where("event_id", "=", id).orderBy("start_min").execute();
      const same =
        e.event_date === input.eventDate &&
        e.slot_minutes === input.slotMinutes &&
        input.tables >= e.tables_count &&
        JSON.stringify(blocks) === JSON.stringify(input.blocks);
      if (!same) throw new ConflictError("已生成会谈日程，不能再修改举办日期、时段、每场时长或减少桌数。");
    }
    await trx.updateTable("events").set({ ...eventRow(input), updated_at: nowIso() }).where("id", "=", id).execute();
    await writeBlocks(trx, id, input.blocks);
    await recordAudit(trx, { entity: "event", entityId: id, action: "update", actorId: user.id });
  });
}

export async function loadEvent(db: Tx, id: number) {
  const e = await db.selectFrom("events").selectAll().where("id", "=", id).executeTakeFirst();
  if (!e) throw new NotFoundError();
  const blocks = await db.selectFrom("event_blocks").select(["start_min", "end_min"]).where("event_id", "=", id).orderBy("start_min").execute();
  return { ...e, blocks, slots: slotStarts(blocks, e.slot_minutes) };
}
export type LoadedEvent = Awaited<ReturnType<typeof loadEvent>>;

export function windowOpen(opens: string, closes: string, now: Date): boolean {
  const t = now.toISOString();
  return opens <= t && t <= closes;
}

/** Upcoming events first (soonest first), then past ones (latest first). Events are public. */
export async function listEvents(db: DB, now = clock.now()) {
  const today = beijingDate(now);
  const rows = await db
    .selectFrom("events")
    .select((eb) => [
      "events.id",
      "events.kind",
      "events.title",
      "events.venue",
      "events.event_date",
      "events.registration_closes_at",
      "events.schedule_state",
      eb.selectFrom("event_participants").select((e2) => e2.fn.countAll<number>().as("n")).whereRef("event_participants.event_id", "=", "events.id").where("event_participants.status", "=", "validated").as("participants"),
    ])
    .orderBy("events.event_date", "desc")
    .orderBy("events.id", "desc")
    .execute();
  const upcoming = rows.filter((r) => r.event_date >= today).reverse();
  const past = rows.filter((r) => r.event_date < today);
  return { upcoming, past };
}

/** The viewer's organisation's registration for an event, if any. */
export async function ownParticipant(db: Tx, eventId: number, user: CurrentUser | null) {
  if (!actsForOrg(user)) return null;
  return (
    (await db.selectFrom("event_participants").selectAll().where("event_id", "=", eventId).where("org_id", "=", user.orgId).executeTakeFirst()) ?? null
  );
}

/** A validated participant the user acts for, or a 403 saying why not. */
export async function requireValidatedParticipant(db: Tx, eventId: number, user: CurrentUser) {
  const p = await ownParticipant(db, eventId, user);
  if (!p || p.status !== "validated") throw new ForbiddenError("只有经区科技局确认参会的单位才能进行此操作。");
  return p;
}

/**
 * Participants with their offers (published results) and requests (open challenges). The public sees
 * validated participants only; representatives' names go to participants and the bureau.
 */
export async function listParticipants(db: Tx, eventId: number, viewer: CurrentUser | null, { all = false } = {}, now = clock.now()) {
  const bureau = isBureauStaff(viewer);
  const own = await ownParticipant(db, eventId, viewer);
  const insider = bureau || own?.status === "validated";
  const rows = await db
    .selectFrom("event_participants")
    .innerJoin("organizations", "organizations.id", "event_participants.org_id")
    .select([
      "event_participants.id",
      "event_participants.org_id",
      "event_participants.status",
      "event_participants.status_reason",
      "event_participants.checked_in_at",
      "event_participants.created_at",
      "organizations.name as org_name",
      "organizations.kind as org_kind",
    ])
    .where("event_participants.event_id", "=", eventId)
    .$if(!(all && bureau), (q) => q.where("event_participants.status", "=", "validated"))
    .orderBy("event_participants.id")
    .execute();
  if (rows.length === 0) return [];
  const orgIds = rows.map((r) => r.org_id);
  const ids = rows.map((r) => r.id);
  const [results, challenges, reps] = await Promise.all([
    db.selectFrom("results").select(["id", "org_id", "title"]).where("org_id", "in", orgIds).where("status", "=", "published").orderBy("id").execute(),
    db.selectFrom("challenges").select(["id", "org_id", "title"]).where("org_id", "in", orgIds).where(effectiveStatusSql(now), "=", "published").orderBy("id").execute(),
    insider
      ? db.selectFrom("event_representatives").select(["participant_id", "name", "title"]).where("participant_id", "in", ids).orderBy("participant_id").orderBy("sort").execute()
      : Promise.resolve([]),
  ]);
  return rows.map((r) => ({
    ...r,
    offers: results.filter((x) => x.org_id === r.org_id).map(({ id, title }) => ({ id, title })),
    requests: challenges.filter((x) => x.org_id === r.org_id).map(({ id, title }) => ({ id, title })),
    representatives: reps.filter((x) => x.participant_id === r.id).map(({ name, title }) => ({ name, title })),
  }));
}

export async function registerForEvent(db: DB, user: CurrentUser, eventId: number, reps: { name: string; title: string }[], now = clock.now()): Promise<number> {
  if (!actsForOrg(user)) throw new ForbiddenError("请以已认证机构的成员身份报名。");
  try {
    return await db.transaction().execute(async (trx) => {
      const e = await loadEvent(trx, eventId);
      if (!windowOpen(e.registration_opens_at, e.registration_closes_at, now)) throw new ConflictError("不在报名时间内。");
      const t = now.toISOString();
      const { id } = await trx
        .insertInto("event_participants")
        .values({ event_id: eventId, org_id: user.orgId, registered_by: user.id, status: "pending", status_reason: null, checked_in_at: null, created_at: t, updated_at: t })
        .returning("id")
        .executeTakeFirstOrThrow();
      for (const [sort, r] of reps.entries()) await trx.insertInto("event_representatives").values({ participant_id: id, ...r, sort }).execute();
      await recordAudit(trx, { entity: "event_participant", entityId: id, action: "register", to: "pending", actorId: user.id });
      await notifyTurn(trx, "event.register", { actorId: user.id, event: eventRef(e), name: user.org?.name ?? "一家机构", now });
      return id;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new ConflictError("贵单位已报名本场对接会。");
    throw e;
  }
}

/** The bureau confirms or refuses a registration (with a reason), or checks a participant in on the day. */
export async function reviewParticipant(
  db: DB,
  user: CurrentUser,
  eventId: number,
  participantId: number,
  decision: { intent: "validate" } | { intent: "refuse"; reason: string } | { intent: "check_in" },
): Promise<void> {
  requireEventBureau(user);
  await db.transaction().execute(async (trx) => {
    const e = await loadEvent(trx, eventId);
    const p = await trx.selectFrom("event_participants").selectAll().where("id", "=", participantId).where("event_id", "=", eventId).executeTakeFirst();
    if (!p) throw new NotFoundError();
    const t = nowIso();
    if (decision.intent === "check_in") {
      if (p.status !== "validated") throw new ConflictError("只有已确认参会的单位才能签到。");
      if (p.checked_in_at) throw new ConflictError("该单位已签到。");
      // Two officers at two desks (two processes): the one whose update finds no check-in wins.
      const r = await trx.updateTable("event_participants").set({ checked_in_at: t, updated_at: t }).where("id", "=", p.id).where("status", "=", "validated").where("checked_in_at", "is", null).executeTakeFirst();
      if (r.numUpdatedRows === 0n) throw new ConflictError("该单位已签到。");
      await recordAudit(trx, { entity: "event_participant", entityId: p.id, action: "check_in", actorId: user.id });
      return;
    }
    if (p.status !== "pending") throw new ConflictError("该报名已处理。");
    const to = decision.intent === "validate" ? "validated" : "refused";
    const reason = decision.intent === "refuse" ? decision.reason : null;
    const r = await trx
      .updateTable("event_participants")
      .set({ status: to, status_reason: reason, updated_at: t })
      .where("id", "=", p.id)
      .where("status", "=", "pending")
      .executeTakeFirst();
    if (r.numUpdatedRows === 0n) throw new ConflictError("该报名刚刚已被处理。");
    await recordAudit(trx, { entity: "event_participant", entityId: p.id, action: decision.intent, from: "pending", to, reason, actorId: user.id });
    await notifyTurn(trx, to === "validated" ? "event.validate" : "event.refuse", { actorId: user.id, event: eventRef(e), orgId: p.org_id, reason });
  });
}

/** Registration counts by status, for the bureau's page and statistics. */
export async function countParticipants(db: Tx, eventId: number) {
  const rows = await db
    .selectFrom("event_participants")
    .select(["status", sql<number>`count(*)`.as("n")])
    .where("event_id", "=", eventId)
    .groupBy("status")
    .execute();
  const out = { pending: 0, validated: 0, refused: 0, checkedIn: 0 };
  for (const r of rows) out[r.status] = Number(r.n);
  const { n } = await db.selectFrom("event_participants").select(sql<number>`count(*)`.as("n")).where("event_id", "=", eventId).where("checked_in_at", "is not", null).executeTakeFirstOrThrow();
  out.checkedIn = Number(n);
  return out;
}
