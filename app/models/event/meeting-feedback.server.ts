import { sql, type Kysely } from "kysely";
import type { DB } from "../../../db/client.server";
import type { Database, MeetingRating } from "../../../db/schema";
import { beijingDate, beijingInstant, clock, monthsAfter } from "../../utils/time";
import { FOLLOW_UP_MONTHS } from "../../../db/vocabulary";
import { recordAudit, type CurrentUser, isBureauStaff, readsAgenda, requireBureau } from "../shared";
import { ConflictError, ForbiddenError, NotFoundError } from "../../utils/errors";
import { linkMeetingToContract } from "../contract";
import { countRequestsByStatus } from "./request.server";
import { countParticipants, loadEvent, ownParticipant, participantNames } from "./event.server";

type Tx = Kysely<Database>;

/** The meeting with the viewer's side in it: 'a', 'b', or 'bureau'; anyone else gets a 404. */
async function loadMeeting(db: Tx, user: CurrentUser | null, eventId: number, meetingId: number) {
  const m = await db.selectFrom("meetings").selectAll().where("id", "=", meetingId).where("event_id", "=", eventId).executeTakeFirst();
  if (!m) throw new NotFoundError();
  const e = await loadEvent(db, eventId);
  const own = await ownParticipant(db, eventId, user);
  const side = own?.status === "validated" && (own.id === m.a_participant_id || own.id === m.b_participant_id) ? { participantId: own.id } : null;
  const bureau = isBureauStaff(user);
  // A meeting is read as its agenda is (the bureau always, participants once published), and only by its two sides.
  if (!readsAgenda(user, e, own) || !(bureau || side)) throw new NotFoundError();
  return { m, e, side, bureau, startsAt: beijingInstant(e.event_date, m.start_min) };
}

function requireSide(x: Awaited<ReturnType<typeof loadMeeting>>, now: Date) {
  if (!x.side) throw new ForbiddenError("只有参加这场会谈的单位才能评价和回访。");
  if (x.m.status !== "scheduled") throw new ConflictError("该会谈已取消。");
  if (x.e.schedule_state !== "final") throw new ConflictError("正式日程发布后才能评价会谈。");
  if (now.toISOString() < x.startsAt) throw new ConflictError("会谈开始后才能评价。");
  return x.side;
}

export async function rateMeeting(
  db: DB,
  user: CurrentUser,
  eventId: number,
  meetingId: number,
  input: { rating: MeetingRating; note: string | null },
  now = clock.now(),
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const side = requireSide(await loadMeeting(trx, user, eventId, meetingId), now);
    const t = now.toISOString();
    await trx
      .insertInto("meeting_ratings")
      .values({ meeting_id: meetingId, participant_id: side.participantId, rating: input.rating, note: input.note, rated_by: user.id, rated_at: t })
      .onConflict((oc) => oc.columns(["meeting_id", "participant_id"]).doUpdateSet({ rating: input.rating, note: input.note, rated_by: user.id, rated_at: t }))
      .execute();
    await recordAudit(trx, { entity: "meeting", entityId: meetingId, action: "rate", to: input.rating, reason: input.note, actorId: user.id });
  });
}

/** Which follow-up an answer fills, given one side's answers so far: the earliest checkpoint not yet answered, and whether it is due. */
function nextCheckpoint(done: { months: number; answer: string }[], eventDate: string, now: Date) {
  if (done.some((d) => d.answer === "yes")) return { contracted: true as const };
  const months = FOLLOW_UP_MONTHS.find((n) => !done.some((d) => d.months === n));
  if (months == null) return { contracted: false as const, months: null };
  const dueAt = monthsAfter(eventDate, months);
  return { contracted: false as const, months, due: dueAt <= now.toISOString(), dueAt };
}

async function nextFollowUp(db: Tx, meetingId: number, participantId: number, eventDate: string, now: Date) {
  const done = await db.selectFrom("meeting_followups").select(["months", "answer"]).where("meeting_id", "=", meetingId).where("participant_id", "=", participantId).execute();
  return nextCheckpoint(done, eventDate, now);
}

/**
 * Did a technology contract follow? "yes" may be reported as soon as the meeting has taken place
 * (it answers the next checkpoint early); "no" only once that checkpoint is due.
 */
export async function answerFollowUp(
  db: DB,
  user: CurrentUser,
  eventId: number,
  meetingId: number,
  input: { answer: "yes"; regNo: string; note: string | null } | { answer: "no"; note: string | null },
  now = clock.now(),
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const x = await loadMeeting(trx, user, eventId, meetingId);
    const side = requireSide(x, now);
    const next = await nextFollowUp(trx, meetingId, side.participantId, x.e.event_date, now);
    if (next.contracted) throw new ConflictError("已登记这场会谈促成的技术合同。");
    if (next.months == null) throw new ConflictError("三次回访都已完成。");
    if (input.answer === "no" && !next.due) throw new ConflictError("还没到回访时间。");
    const regNo = input.answer === "yes" ? input.regNo : null;
    const contractId = regNo ? await linkMeetingToContract(trx, user, regNo, meetingId) : null;
    await trx
      .insertInto("meeting_followups")
      .values({
        meeting_id: meetingId,
        participant_id: side.participantId,
        months: next.months,
        answer: input.answer,
        reg_no: regNo,
        contract_id: contractId,
        note: input.note,
        answered_by: user.id,
        answered_at: now.toISOString(),
      })
      .execute();
    await recordAudit(trx, { entity: "meeting", entityId: meetingId, action: "follow_up", to: input.answer, reason: regNo, actorId: user.id });
  });
}

export async function getMeetingPage(db: DB, user: CurrentUser | null, eventId: number, meetingId: number, now = clock.now()) {
  const x = await loadMeeting(db, user, eventId, meetingId);
  const name = await participantNames(db, eventId);
  const names = [x.m.a_participant_id, x.m.b_participant_id].map((id) => ({ id, name: name(id) }));
  const sideFilter = x.bureau ? null : x.side!.participantId;
  const [ratings, followUps] = await Promise.all([
    db.selectFrom("meeting_ratings").select(["participant_id", "rating", "note", "rated_at"]).where("meeting_id", "=", meetingId).$if(sideFilter != null, (q) => q.where("participant_id", "=", sideFilter!)).execute(),
    db
      .selectFrom("meeting_followups")
      .select(["participant_id", "months", "answer", "reg_no", "contract_id", "note", "answered_at"])
      .where("meeting_id", "=", meetingId)
      .$if(sideFilter != null, (q) => q.where("participant_id", "=", sideFilter!))
      .orderBy("months")
      .execute(),
  ]);
  const canAct = x.side != null && x.m.status === "scheduled" && x.e.schedule_state === "final" && now.toISOString() >= x.startsAt;
  const next = x.side ? await nextFollowUp(db, meetingId, x.side.participantId, x.e.event_date, now) : null;
  return {
    event: { id: x.e.id, title: x.e.title, venue: x.e.venue, event_date: x.e.event_date, slot_minutes: x.e.slot_minutes, schedule_state: x.e.schedule_state },
    meeting: { id: x.m.id, start_min: x.m.start_min, table_no: x.m.table_no, source: x.m.source, score: x.m.score, status: x.m.status, cancel_reason: x.m.cancel_reason, startsAt: x.startsAt },
    parties: names.map((n) => ({ ...n, own: n.id === x.side?.participantId })),
    ratings,
    followUps,
    viewer: { bureau: x.bureau, participantId: x.side?.participantId ?? null },
    canRate: canAct,
    followUp: canAct && next && !next.contracted ? next : null,
  };
}

/**
 * Follow-ups due, per meeting and side: for one organisation (its 回访 list) or, without `orgId`, for
 * everyone (the bureau's 工作台, the scheduler's reminders). Each row names the other party.
 */
export async function followUpsDue(db: Tx, now: Date, orgId?: number) {
  const rows = await db
    .selectFrom("meetings")
    .innerJoin("events", "events.id", "meetings.event_id")
    .innerJoin("event_participants as p", (j) =>
      j.on((eb) => eb.or([eb("p.id", "=", eb.ref("meetings.a_participant_id")), eb("p.id", "=", eb.ref("meetings.b_participant_id"))])),
    )
    .innerJoin("event_participants as other", (j) =>
      j.on((eb) =>
        eb.and([
          eb("other.id", "!=", eb.ref("p.id")),
          eb.or([eb("other.id", "=", eb.ref("meetings.a_participant_id")), eb("other.id", "=", eb.ref("meetings.b_participant_id"))]),
        ]),
      ),
    )
    .innerJoin("organizations as other_org", "other_org.id", "other.org_id")
    .select(["meetings.id", "meetings.event_id", "meetings.a_participant_id", "meetings.b_participant_id", "events.title", "events.event_date", "p.id as participant_id", "p.org_id", "other_org.name as other_name"])
    .$if(orgId != null, (q) => q.where("p.org_id", "=", orgId!))
    .where("meetings.status", "=", "scheduled")
    .where("events.schedule_state", "=", "final")
    // A month is at least 28 days: a cheap bound, read as a 北京时间 date like event_date (the UTC
    // date lags by a day before 08:00 there and would hide a follow-up due that morning).
    .where("events.event_date", "<=", beijingDate(new Date(now.getTime() - 28 * 86_400_000)))
    .where((eb) =>
      eb.not(
        eb.exists(
          eb.selectFrom("meeting_ratings as r").select("r.meeting_id").whereRef("r.meeting_id", "=", "meetings.id").whereRef("r.participant_id", "=", "p.id").where("r.rating", "=", "not_held"),
        ),
      ),
    )
    .orderBy("meetings.id")
    .execute();
  // Every answer of these meetings in one query, not one per meeting.
  const answers = rows.length
    ? await db.selectFrom("meeting_followups").select(["meeting_id", "participant_id", "months", "answer"]).where("meeting_id", "in", rows.map((r) => r.id)).execute()
    : [];
  const due: {
    meetingId: number;
    eventId: number;
    title: string;
    eventDate: string;
    months: number;
    dueAt: string;
    orgId: number;
    participantId: number;
    otherParticipantId: number;
    otherName: string;
  }[] = [];
  for (const r of rows) {
    const next = nextCheckpoint(answers.filter((a) => a.meeting_id === r.id && a.participant_id === r.participant_id), r.event_date, now);
    if (!next.contracted && next.months != null && next.due) {
      due.push({
        meetingId: r.id,
        eventId: r.event_id,
        title: r.title,
        eventDate: r.event_date,
        months: next.months,
        dueAt: next.dueAt,
        orgId: r.org_id,
        participantId: r.participant_id,
        otherParticipantId: r.participant_id === r.a_participant_id ? r.b_participant_id : r.a_participant_id,
        otherName: r.other_name,
      });
    }
  }
  return due;
}

/** Follow-ups due for the user's organisation (the agenda page lists them). */
export async function dueFollowUps(db: Tx, userId: number, now = clock.now()) {
  const user = await db.selectFrom("users").select(["org_id", "membership_status"]).where("id", "=", userId).executeTakeFirst();
  if (!user?.org_id || user.membership_status !== "active") return [];
  return followUpsDue(db, now, user.org_id);
}

/** The bureau's figures for one event. */
export async function eventStatistics(db: DB, user: CurrentUser, eventId: number, now = clock.now()) {
  requireBureau(user, "此页面仅供区科技局工作人员使用。");
  const e = await loadEvent(db, eventId);
  const meetingIds = db.selectFrom("meetings").select("id").where("event_id", "=", eventId);
  const [registrations, requests, meetings, held, ratings, followUps, contracts, attributed] = await Promise.all([
    countParticipants(db, eventId),
    countRequestsByStatus(db, eventId, now),
    db.selectFrom("meetings").select(["status", "source", sql<number>`count(*)`.as("n")]).where("event_id", "=", eventId).groupBy(["status", "source"]).execute(),
    // Held: some side rated it as anything but 未进行.
    db
      .selectFrom("meeting_ratings")
      .select(sql<number>`count(distinct meeting_id)`.as("n"))
      .where("meeting_id", "in", meetingIds)
      .where("rating", "!=", "not_held")
      .executeTakeFirstOrThrow(),
    db.selectFrom("meeting_ratings").select(["rating", sql<number>`count(*)`.as("n")]).where("meeting_id", "in", meetingIds).groupBy("rating").execute(),
    db.selectFrom("meeting_followups").select(["answer", sql<number>`count(*)`.as("n")]).where("meeting_id", "in", meetingIds).groupBy("answer").execute(),
    db
      .selectFrom("meeting_followups")
      .select([sql<number>`count(distinct reg_no)`.as("n"), sql<number>`count(distinct contract_id)`.as("linked")])
      .where("meeting_id", "in", meetingIds)
      .where("reg_no", "is not", null)
      .executeTakeFirstOrThrow(),
    // Each linked, live contract once, however many follow-ups reported it.
    db
      .selectFrom("contracts")
      .select(sql<number>`coalesce(sum(tech_fen), 0)`.as("fen"))
      .where("status", "<>", "cancelled")
      .where("id", "in", db.selectFrom("meeting_followups").select("contract_id").where("meeting_id", "in", meetingIds).where("contract_id", "is not", null))
      .executeTakeFirstOrThrow(),
  ]);
  const count = (rows: { n: number }[]) => rows.reduce((s, r) => s + Number(r.n), 0);
  return {
    event: { id: e.id, title: e.title, event_date: e.event_date, schedule_state: e.schedule_state },
    registrations,
    requests,
    meetings: {
      scheduled: count(meetings.filter((m) => m.status === "scheduled")),
      fromRequests: count(meetings.filter((m) => m.status === "scheduled" && m.source === "request")),
      cancelled: count(meetings.filter((m) => m.status === "cancelled")),
      held: Number(held.n),
    },
    ratings: Object.fromEntries(ratings.map((r) => [r.rating, Number(r.n)])) as Partial<Record<MeetingRating, number>>,
    followUps: { yes: count(followUps.filter((f) => f.answer === "yes")), no: count(followUps.filter((f) => f.answer === "no")) },
    contracts: { registrationNumbers: Number(contracts.n), linked: Number(contracts.linked) },
    /** 技术交易额 of the registered contracts the meetings led to. */
    attributedAmountFen: Number(attributed.fen),
  };
}
