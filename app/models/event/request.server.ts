import { sql } from "kysely";
import type { DB } from "../../../db/client.server";
import type { EffectiveRequestStatus } from "../../../db/vocabulary";
import { recordAudit, type CurrentUser, isBureauStaff } from "../shared";
import { ConflictError, InvalidInputError, NotFoundError, isUniqueViolation } from "../../utils/errors";
import { loadEvent, ownParticipant, participantNames, requireValidatedParticipant, windowOpen } from "./event.server";
import { eventRef, notifyTurn } from "../notice";
import { clock } from "../../utils/time";

/** The deadline is data: a pending request past its expiry reads as expired wherever it is read. */
export function requestStatusSql(now: Date) {
  return sql<EffectiveRequestStatus>`case when meeting_requests.status = 'pending' and meeting_requests.expires_at <= ${now.toISOString()} then 'expired' else meeting_requests.status end`;
}

/** A pair's key in either direction, as meeting_requests.open_pair holds it while a request is open. */
const openPairKey = (a: number, b: number) => `${Math.min(a, b)}:${Math.max(a, b)}`;

/** One open (pending or accepted) request per pair of participants, in either direction. */
async function openRequestBetween(db: DB, eventId: number, a: number, b: number, now: Date) {
  return db
    .selectFrom("meeting_requests")
    .select("id")
    .where("event_id", "=", eventId)
    .where((eb) =>
      eb.or([
        eb.and([eb("from_participant_id", "=", a), eb("to_participant_id", "=", b)]),
        eb.and([eb("from_participant_id", "=", b), eb("to_participant_id", "=", a)]),
      ]),
    )
    .where(requestStatusSql(now), "in", ["pending", "accepted"])
    .executeTakeFirst();
}

export async function sendMeetingRequest(
  db: DB,
  user: CurrentUser,
  eventId: number,
  input: { toParticipantId: number; message: string },
  now = clock.now(),
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const e = await loadEvent(trx, eventId);
    const from = await requireValidatedParticipant(trx, eventId, user);
    if (!windowOpen(e.booking_opens_at, e.booking_closes_at, now)) throw new ConflictError("不在约谈预约时间内。");
    const to = await trx
      .selectFrom("event_participants")
      .innerJoin("organizations", "organizations.id", "event_participants.org_id")
      .select(["event_participants.id", "event_participants.org_id", "organizations.name"])
      .where("event_participants.id", "=", input.toParticipantId)
      .where("event_participants.event_id", "=", eventId)
      .where("event_participants.status", "=", "validated")
      .executeTakeFirst();
    if (!to) throw new InvalidInputError({ toParticipantId: ["请选择一家已确认参会的单位"] });
    if (to.id === from.id) throw new InvalidInputError({ toParticipantId: ["不能约谈本单位"] });
    const taken = new ConflictError(`与“${to.name}”已有待回复或已接受的约谈。`);
    if (await openRequestBetween(trx, eventId, from.id, to.id, now)) throw taken;
    const pair = openPairKey(from.id, to.id);
    // A pending request that lapsed still holds the pair's key (expiry is read, never written): free it.
    await trx
      .updateTable("meeting_requests")
      .set({ open_pair: null })
      .where("event_id", "=", eventId)
      .where("open_pair", "=", pair)
      .where("status", "=", "pending")
      .where("expires_at", "<=", now.toISOString())
      .execute();
    const expires = Math.min(now.getTime() + e.request_expiry_hours * 3_600_000, Date.parse(e.booking_closes_at));
    // The check above answers the usual case; the unique index on (event_id, open_pair) decides
    // between two requests sent at once from two processes, which both passed it.
    const inserted = await trx
      .insertInto("meeting_requests")
      .values({
        open_pair: pair,
        event_id: eventId,
        from_participant_id: from.id,
        to_participant_id: to.id,
        message: input.message,
        status: "pending",
        reason: null,
        created_by: user.id,
        answered_by: null,
        created_at: now.toISOString(),
        expires_at: new Date(expires).toISOString(),
        answered_at: null,
      })
      .returning("id")
      .executeTakeFirstOrThrow()
      .catch((e: unknown) => {
        throw isUniqueViolation(e) ? taken : e;
      });
    const id = inserted.id;
    await recordAudit(trx, { entity: "meeting_request", entityId: id, action: "send", to: "pending", actorId: user.id });
    await notifyTurn(trx, "event.request", { actorId: user.id, event: eventRef(e), orgId: to.org_id, name: user.org?.name ?? "一家参会单位", reason: input.message, now });
    return id;
  });
}

/**
 * The recipient accepts or declines (with a reason); the sender may withdraw. A request that is not
 * the viewer's to answer is not found, whatever its id.
 */
export async function answerMeetingRequest(
  db: DB,
  user: CurrentUser,
  eventId: number,
  requestId: number,
  answer: { intent: "accept" } | { intent: "decline"; reason: string } | { intent: "withdraw" },
  now = clock.now(),
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const e = await loadEvent(trx, eventId);
    const own = await requireValidatedParticipant(trx, eventId, user);
    const side = answer.intent === "withdraw" ? "from_participant_id" : "to_participant_id";
    const r = await trx
      .selectFrom("meeting_requests")
      .select(["id", "from_participant_id", "to_participant_id", requestStatusSql(now).as("status")])
      .where("id", "=", requestId)
      .where("event_id", "=", eventId)
      .where(side, "=", own.id)
      .executeTakeFirst();
    if (!r) throw new NotFoundError();
    if (r.status === "expired") throw new ConflictError("该约谈请求已过期。");
    if (r.status !== "pending") throw new ConflictError("该约谈请求已处理。");
    if (e.schedule_state === "final") throw new ConflictError("正式日程已发布，约谈请求不能再变更。");
    const status = answer.intent === "accept" ? "accepted" : answer.intent === "decline" ? "declined" : "withdrawn";
    const reason = answer.intent === "decline" ? answer.reason : null;
    const u = await trx
      .updateTable("meeting_requests")
      // Declined or withdrawn, the pair is free again; accepted, it stays taken.
      .set({ status, reason, answered_by: user.id, answered_at: now.toISOString(), ...(status === "accepted" ? {} : { open_pair: null }) })
      .where("id", "=", r.id)
      .where("status", "=", "pending")
      .executeTakeFirst();
    if (u.numUpdatedRows === 0n) throw new ConflictError("该约谈请求刚刚已被处理。");
    await recordAudit(trx, { entity: "meeting_request", entityId: r.id, action: answer.intent, from: "pending", to: status, reason, actorId: user.id });
    const other = await trx
      .selectFrom("event_participants")
      .select("org_id")
      .where("id", "=", answer.intent === "withdraw" ? r.to_participant_id : r.from_participant_id)
      .executeTakeFirstOrThrow();
    const verb = { accept: "接受了", decline: "婉拒了", withdraw: "撤回了" }[answer.intent];
    await notifyTurn(trx, "event.request_answered", { actorId: user.id, event: eventRef(e), orgId: other.org_id, name: user.org?.name ?? "对方", subject: verb, reason, now });
  });
}

/** The viewer's incoming and outgoing requests (bureau: all of the event's). */
export async function listRequests(db: DB, user: CurrentUser, eventId: number, now = clock.now()) {
  const own = await ownParticipant(db, eventId, user);
  const bureau = isBureauStaff(user);
  if (!own && !bureau) return [];
  const rows = await db
    .selectFrom("meeting_requests")
    .select(["id", "from_participant_id", "to_participant_id", "message", "reason", "created_at", "expires_at", requestStatusSql(now).as("status")])
    .where("event_id", "=", eventId)
    .$if(!bureau, (q) => q.where((eb) => eb.or([eb("from_participant_id", "=", own!.id), eb("to_participant_id", "=", own!.id)])))
    .orderBy("id", "desc")
    .execute();
  const name = await participantNames(db, eventId);
  return rows.map((r) => ({ ...r, from_name: name(r.from_participant_id), to_name: name(r.to_participant_id) }));
}

export async function countRequestsByStatus(db: DB, eventId: number, now = clock.now()) {
  const rows = await db
    .selectFrom("meeting_requests")
    .select([requestStatusSql(now).as("status"), sql<number>`count(*)`.as("n")])
    .where("event_id", "=", eventId)
    // By position: the expression carries `now` as a parameter, and PostgreSQL does not see two parameters as one expression.
    .groupBy(sql`1`)
    .execute();
  const out: Record<EffectiveRequestStatus, number> = { pending: 0, accepted: 0, declined: 0, withdrawn: 0, expired: 0 };
  for (const r of rows) out[r.status] = Number(r.n);
  return out;
}

/** Replace the participant's unavailable slots; only real slot starts are kept. */
export async function setUnavailable(db: DB, user: CurrentUser, eventId: number, starts: number[]): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const e = await loadEvent(trx, eventId);
    const own = await requireValidatedParticipant(trx, eventId, user);
    if (e.schedule_state === "final") throw new ConflictError("正式日程已发布，不能再修改不可用时段。");
    const valid = new Set(e.slots);
    const bad = starts.find((s) => !valid.has(s));
    if (bad != null) throw new InvalidInputError({ slot: ["所选时段不属于本场对接会"] });
    await trx.deleteFrom("event_unavailable").where("participant_id", "=", own.id).execute();
    for (const start_min of starts) await trx.insertInto("event_unavailable").values({ participant_id: own.id, start_min }).execute();
    await recordAudit(trx, { entity: "event_participant", entityId: own.id, action: "set_unavailable", reason: starts.join(",") || null, actorId: user.id });
  });
}

export async function listUnavailable(db: DB, participantId: number): Promise<number[]> {
  const rows = await db.selectFrom("event_unavailable").select("start_min").where("participant_id", "=", participantId).orderBy("start_min").execute();
  return rows.map((r) => r.start_min);
}
