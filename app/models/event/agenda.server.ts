import type { Kysely } from "kysely";
import type { DB } from "../../../db/client.server";
import type { Database, MeetingSource } from "../../../db/schema";
import { beijingInstant, clock, hhmm, nowIso } from "../../utils/time";
import { buildCalendar } from "../../utils/ics";
import { eventKindLabels, meetingSourceLabels } from "../../utils/labels";
import { recordAudit, type CurrentUser, agendaPublished, isBureauStaff, readsAgenda, requireBureau } from "../shared";
import { effectiveStatusSql } from "../challenge";
import { ConflictError, InvalidInputError, NotFoundError } from "../../utils/errors";
import { schedule, type SchedulePair, type UnplacedReason } from "./schedule";
import { loadEvent, ownParticipant, participantNames, type LoadedEvent } from "./event.server";
import { scoredResultsForChallenge } from "../result";
import { requestStatusSql } from "./request.server";
import { eventRef, meetingWhen, notifyTurn } from "../notice";

type Tx = Kysely<Database>;

const requireAgendaBureau = (user: CurrentUser) => requireBureau(user, "会谈日程由区科技局工作人员安排。");

const pairKey = (a: number, b: number) => `${Math.min(a, b)}:${Math.max(a, b)}`;

/**
 * Pair values from the matching engine: a participant's open challenges against the other
 * participants' published results; a pair is worth its strongest challenge–result match.
 */
async function matchScores(db: DB, parts: { id: number; org_id: number }[], now: Date): Promise<Map<string, number>> {
  const byOrg = new Map(parts.map((p) => [p.org_id, p.id]));
  const scores = new Map<string, number>();
  if (parts.length < 2) return scores;
  const challenges = await db
    .selectFrom("challenges")
    .select(["id", "org_id"])
    .where("org_id", "in", [...byOrg.keys()])
    .where(effectiveStatusSql(now), "=", "published")
    .orderBy("id")
    .execute();
  for (const c of challenges) {
    const found = await scoredResultsForChallenge(db, c.id, 10);
    if (found.length === 0) continue;
    const owners = await db.selectFrom("results").select(["id", "org_id"]).where("id", "in", found.map((f) => f.resultId)).execute();
    const ownerOf = new Map(owners.map((o) => [o.id, o.org_id]));
    for (const f of found) {
      const other = byOrg.get(ownerOf.get(f.resultId) ?? -1);
      const self = byOrg.get(c.org_id)!;
      if (other == null || other === self) continue;
      const k = pairKey(self, other);
      scores.set(k, Math.max(scores.get(k) ?? 0, f.score));
    }
  }
  return scores;
}

/** Chinese reason for a pair the scheduler could not place. */
export function unplacedReasonText(r: UnplacedReason, nameOf: (participantId: number) => string, cap: number): string {
  switch (r.code) {
    case "cap":
      return `${nameOf(r.participant)}已排满每家单位的会谈上限（${cap} 场）`;
    case "unavailable":
      return "双方没有共同的可参会时段";
    case "busy":
      return "双方共同可参会的时段都已排了其他会谈";
    case "tables_full":
      return "双方都有空的时段洽谈桌已全部占用";
    case "duplicate":
      return "同一对单位已有会谈";
    case "not_registered":
      return "一方未被确认参会";
  }
}

/**
 * Generate the agenda: accepted requests, then the matching engine's strongest pairs, through the
 * pure scheduler; replaces any earlier draft. Refused once the final agenda is out.
 */
export async function generateSchedule(db: DB, user: CurrentUser, eventId: number, now = clock.now()) {
  requireAgendaBureau(user);
  const e = await loadEvent(db, eventId);
  if (e.schedule_state === "final") throw new ConflictError("正式日程已发布，不能重新生成。");
  if (e.slots.length === 0) throw new ConflictError("本场对接会没有可用的洽谈时段。");
  const parts = await db
    .selectFrom("event_participants")
    .innerJoin("organizations", "organizations.id", "event_participants.org_id")
    .select(["event_participants.id", "event_participants.org_id", "organizations.name"])
    .where("event_participants.event_id", "=", eventId)
    .where("event_participants.status", "=", "validated")
    .orderBy("event_participants.id")
    .execute();
  const ids = parts.map((p) => p.id);
  const unavailable = ids.length ? await db.selectFrom("event_unavailable").select(["participant_id", "start_min"]).where("participant_id", "in", ids).execute() : [];
  const requests = await db
    .selectFrom("meeting_requests")
    .select(["id", "from_participant_id as a", "to_participant_id as b", requestStatusSql(now).as("status")])
    .where("event_id", "=", eventId)
    .where("status", "in", ["accepted", "declined"])
    .orderBy("id")
    .execute();
  const scores = await matchScores(db, parts, now);
  const declined = new Set(requests.filter((r) => r.status === "declined").map((r) => pairKey(r.a, r.b)));
  const accepted = requests.filter((r) => r.status === "accepted");
  const requestOf = new Map(accepted.map((r) => [pairKey(r.a, r.b), r.id]));
  const slotIndex = new Map(e.slots.map((s, i) => [s, i]));
  const pairs = [
    ...accepted.map((r) => ({ a: r.a, b: r.b, score: scores.get(pairKey(r.a, r.b)) ?? 0, accepted: true })),
    ...[...scores]
      .filter(([k]) => !requestOf.has(k) && !declined.has(k))
      .map(([k, score]) => {
        const [a, b] = k.split(":").map(Number);
        return { a, b, score, accepted: false };
      }),
  ];
  const result = schedule({
    slots: e.slots.length,
    tables: e.tables_count,
    participants: parts.map((p) => ({
      id: p.id,
      cap: e.max_meetings,
      unavailable: unavailable.filter((u) => u.participant_id === p.id).map((u) => slotIndex.get(u.start_min) ?? -1),
    })),
    pairs,
  });
  const names = new Map(parts.map((p) => [p.id, p.name]));
  await db.transaction().execute(async (trx) => {
    // Checked again inside the write, by writing: the final agenda may have been published while
    // matching ran, or be published by another process right now. The conditional update takes the
    // event's row first (PostgreSQL waits here for a publication in flight, then sees it), so no
    // publication can slip in between this check and the meetings replaced below.
    const t = nowIso();
    const claimed = await trx.updateTable("events").set({ updated_at: t }).where("id", "=", eventId).where("schedule_state", "!=", "final").executeTakeFirst();
    if (claimed.numUpdatedRows === 0n) throw new ConflictError("正式日程已发布，不能重新生成。");
    const rated = await trx
      .selectFrom("meeting_ratings")
      .innerJoin("meetings", "meetings.id", "meeting_ratings.meeting_id")
      .select("meetings.id")
      .where("meetings.event_id", "=", eventId)
      .executeTakeFirst();
    if (rated) throw new ConflictError("已有会谈评价，不能重新生成日程。");
    await trx.deleteFrom("schedule_unplaced").where("event_id", "=", eventId).execute();
    await trx.deleteFrom("meetings").where("event_id", "=", eventId).execute();
    // A pair as both tables keep it: who meets whom, why (an accepted request or a match) and how well.
    const pairColumns = (p: SchedulePair) => ({
      event_id: eventId,
      a_participant_id: p.a,
      b_participant_id: p.b,
      source: p.accepted ? ("request" as const) : ("match" as const),
      score: p.score,
    });
    for (const m of result.placed) {
      await trx
        .insertInto("meetings")
        .values({
          ...pairColumns(m.pair),
          request_id: requestOf.get(pairKey(m.pair.a, m.pair.b)) ?? null,
          start_min: e.slots[m.slot],
          table_no: m.table,
          status: "scheduled",
          cancel_reason: null,
          created_at: t,
          updated_at: t,
        })
        .execute();
    }
    for (const u of result.unplaced) {
      await trx
        .insertInto("schedule_unplaced")
        .values({
          ...pairColumns(u.pair),
          reason: unplacedReasonText(u.reason, (id) => names.get(id) ?? "一方", e.max_meetings),
        })
        .execute();
    }
    await trx.updateTable("events").set({ schedule_state: "draft", updated_at: t }).where("id", "=", eventId).execute();
    await recordAudit(trx, { entity: "event", entityId: eventId, action: "generate_schedule", to: "draft", reason: `排入 ${result.placed.length} 场，未排入 ${result.unplaced.length} 对`, actorId: user.id });
  });
  return { placed: result.placed.length, unplaced: result.unplaced.length };
}


export async function publishSchedule(db: DB, user: CurrentUser, eventId: number, to: "preliminary" | "final"): Promise<void> {
  requireAgendaBureau(user);
  await db.transaction().execute(async (trx) => {
    const e = await loadEvent(trx, eventId);
    const from = e.schedule_state;
    if (from === "none") throw new ConflictError("请先生成会谈日程。");
    if (from === "final") throw new ConflictError("正式日程已发布。");
    if (to === "preliminary" && from === "preliminary") throw new ConflictError("预排日程已发布。");
    const r = await trx.updateTable("events").set({ schedule_state: to, updated_at: nowIso() }).where("id", "=", eventId).where("schedule_state", "=", from).executeTakeFirst();
    // Another officer published, or regenerated the agenda, since it was read: say so, announce nothing.
    if (r.numUpdatedRows === 0n) throw new ConflictError("会谈日程刚刚已被他人更改，请刷新页面后重新操作。");
    await recordAudit(trx, { entity: "event", entityId: eventId, action: `publish_${to}`, from, to, actorId: user.id });
    const parts = await trx.selectFrom("event_participants").select("org_id").where("event_id", "=", eventId).where("status", "=", "validated").execute();
    const subject = to === "final" ? "正式会谈日程已发布" : "预排会谈日程已发布，请查看";
    for (const p of parts) await notifyTurn(trx, "event.schedule_published", { actorId: user.id, event: eventRef(e), orgId: p.org_id, subject });
  });
}

/** Hand edits: move a meeting to another slot and table, or cancel it, with every constraint checked. */
export async function editMeeting(
  db: DB,
  user: CurrentUser,
  eventId: number,
  meetingId: number,
  edit: { intent: "move"; slot: number; table: number } | { intent: "cancel"; reason: string },
): Promise<void> {
  requireAgendaBureau(user);
  await db.transaction().execute(async (trx) => {
    // Take the event's row before reading: two officers moving meetings at once (two processes on
    // PostgreSQL) then check clashes one after the other, and a publication waits for the edit.
    await trx.updateTable("events").set({ updated_at: nowIso() }).where("id", "=", eventId).execute();
    const e = await loadEvent(trx, eventId);
    const m = await trx.selectFrom("meetings").selectAll().where("id", "=", meetingId).where("event_id", "=", eventId).executeTakeFirst();
    if (!m) throw new NotFoundError();
    if (m.status !== "scheduled") throw new ConflictError("该会谈已取消。");
    const rated = await trx.selectFrom("meeting_ratings").select("meeting_id").where("meeting_id", "=", m.id).executeTakeFirst();
    if (rated) throw new ConflictError("该会谈已有评价，不能再调整。");
    const t = nowIso();
    if (edit.intent === "cancel") {
      await trx.updateTable("meetings").set({ status: "cancelled", cancel_reason: edit.reason, updated_at: t }).where("id", "=", m.id).execute();
      await recordAudit(trx, { entity: "meeting", entityId: m.id, action: "cancel", from: "scheduled", to: "cancelled", reason: edit.reason, actorId: user.id });
    } else {
      if (!e.slots.includes(edit.slot)) throw new InvalidInputError({ slot: ["请选择本场对接会的一个时段"] });
      if (edit.table < 1 || edit.table > e.tables_count) throw new InvalidInputError({ table: [`桌号应在 1–${e.tables_count} 之间`] });
      const clash = await trx
        .selectFrom("meetings")
        .select(["id", "table_no"])
        .where("event_id", "=", eventId)
        .where("status", "=", "scheduled")
        .where("start_min", "=", edit.slot)
        .where("id", "!=", m.id)
        .where((eb) =>
          eb.or([
            eb("table_no", "=", edit.table),
            eb("a_participant_id", "in", [m.a_participant_id, m.b_participant_id]),
            eb("b_participant_id", "in", [m.a_participant_id, m.b_participant_id]),
          ]),
        )
        .executeTakeFirst();
      if (clash) throw new ConflictError(clash.table_no === edit.table ? `${hhmm(edit.slot)} 第 ${edit.table} 桌已有会谈。` : `${hhmm(edit.slot)} 有一方已有其他会谈。`);
      const away = await trx
        .selectFrom("event_unavailable")
        .select("participant_id")
        .where("participant_id", "in", [m.a_participant_id, m.b_participant_id])
        .where("start_min", "=", edit.slot)
        .executeTakeFirst();
      if (away) throw new ConflictError(`${hhmm(edit.slot)} 有一方已标记为不可参会。`);
      await trx.updateTable("meetings").set({ start_min: edit.slot, table_no: edit.table, updated_at: t }).where("id", "=", m.id).execute();
      await recordAudit(trx, { entity: "meeting", entityId: m.id, action: "move", from: `${hhmm(m.start_min)}#${m.table_no}`, to: `${hhmm(edit.slot)}#${edit.table}`, actorId: user.id });
    }
    if (agendaPublished(e.schedule_state)) {
      // Each side is told which meeting: the other party and the time and table.
      const sides = await trx
        .selectFrom("event_participants")
        .innerJoin("organizations", "organizations.id", "event_participants.org_id")
        .select(["event_participants.id", "event_participants.org_id", "organizations.name"])
        .where("event_participants.id", "in", [m.a_participant_id, m.b_participant_id])
        .execute();
      for (const side of sides) {
        const other = sides.find((o) => o.id !== side.id)?.name ?? "对方";
        await notifyTurn(trx, edit.intent === "cancel" ? "event.meeting_cancelled" : "event.meeting_moved", {
          actorId: user.id,
          event: eventRef(e),
          orgId: side.org_id,
          name: `“${other}”`,
          subject: edit.intent === "cancel" ? meetingWhen(e, m.start_min, m.table_no) : meetingWhen(e, edit.slot, edit.table),
          reason: edit.intent === "cancel" ? edit.reason : null,
          link: `/events/${eventId}/meetings/${m.id}`,
        });
      }
    }
  });
}

export interface AgendaFilter {
  participantId?: number;
  table?: number;
}

export async function listMeetings(db: Tx, e: LoadedEvent, filter: AgendaFilter = {}) {
  const rows = await db
    .selectFrom("meetings")
    .select(["id", "a_participant_id", "b_participant_id", "source", "score", "start_min", "table_no", "status", "cancel_reason", "updated_at"])
    .where("event_id", "=", e.id)
    .$if(filter.participantId != null, (q) =>
      q.where((eb) => eb.or([eb("a_participant_id", "=", filter.participantId!), eb("b_participant_id", "=", filter.participantId!)])),
    )
    .$if(filter.table != null, (q) => q.where("table_no", "=", filter.table!))
    .orderBy("start_min")
    .orderBy("table_no")
    .execute();
  const name = await participantNames(db, e.id);
  return rows.map((r) => ({
    ...r,
    a_name: name(r.a_participant_id),
    b_name: name(r.b_participant_id),
    end_min: r.start_min + e.slot_minutes,
    startsAt: beijingInstant(e.event_date, r.start_min),
  }));
}

/**
 * An agenda page: the viewer's own (or, for the bureau, any participant's with `participantId`),
 * one table's, or the whole event's.
 */
export async function getAgenda(db: DB, user: CurrentUser, eventId: number, scope: { kind: "own"; participantId?: number } | { kind: "event"; table?: number }) {
  const e = await loadEvent(db, eventId);
  const own = await ownParticipant(db, eventId, user);
  if (!readsAgenda(user, e, own)) throw new NotFoundError("会谈日程尚未发布，或贵单位未被确认参会。");
  const bureau = isBureauStaff(user);
  if (scope.kind === "own") {
    const pid = bureau && scope.participantId != null ? scope.participantId : own?.id;
    if (pid == null) throw new NotFoundError("请选择要查看的参会单位。");
    const p = await db
      .selectFrom("event_participants")
      .innerJoin("organizations", "organizations.id", "event_participants.org_id")
      .select(["event_participants.id", "organizations.name"])
      .where("event_participants.id", "=", pid)
      .where("event_participants.event_id", "=", eventId)
      .where("event_participants.status", "=", "validated")
      .executeTakeFirst();
    if (!p) throw new NotFoundError();
    const reps = await db.selectFrom("event_representatives").select(["name", "title"]).where("participant_id", "=", p.id).orderBy("sort").execute();
    return { event: e, participant: { ...p, representatives: reps }, meetings: await listMeetings(db, e, { participantId: p.id }) };
  }
  if (scope.table != null && (scope.table < 1 || scope.table > e.tables_count)) throw new NotFoundError();
  const meetings = await listMeetings(db, e, { table: scope.table });
  // Everyone confirmed sees who meets whom and where; why a pair meets (a request between two
  // others, a match score) and why a meeting was cancelled stay with its two sides and the bureau.
  const mine = (m: (typeof meetings)[number]) => bureau || (own != null && (m.a_participant_id === own.id || m.b_participant_id === own.id));
  return { event: e, participant: null, meetings: meetings.map((m) => (mine(m) ? m : { ...m, source: null, score: null, cancel_reason: null })) };
}

const ICS_HOST = "techmatch.lizhou";

/** The participant's agenda as an iCalendar file; UIDs depend only on event and meeting ids. */
export async function agendaIcs(db: DB, user: CurrentUser, eventId: number): Promise<{ filename: string; body: string }> {
  const { event: e, participant, meetings } = await getAgenda(db, user, eventId, { kind: "own" });
  const events = meetings
    .filter((m) => m.status === "scheduled")
    .map((m) => {
      const other = m.a_participant_id === participant!.id ? m.b_name : m.a_name;
      return {
        uid: `event-${e.id}-meeting-${m.id}@${ICS_HOST}`,
        start: m.startsAt,
        end: beijingInstant(e.event_date, m.end_min),
        stamp: m.updated_at,
        summary: `对接洽谈：${other}（第 ${m.table_no} 桌）`,
        location: `${e.venue}，第 ${m.table_no} 桌`,
        description: `${eventKindLabels[e.kind]}“${e.title}”\n${meetingSourceLabels[m.source as MeetingSource]}；${e.schedule_state === "final" ? "正式日程" : "预排日程，可能调整"}`,
        tentative: e.schedule_state !== "final",
      };
    });
  return { filename: `event-${e.id}-agenda.ics`, body: buildCalendar(`${e.title} · ${participant!.name}`, events) };
}

export async function listUnplaced(db: DB, eventId: number) {
  const rows = await db.selectFrom("schedule_unplaced").select(["id", "a_participant_id", "b_participant_id", "source", "score", "reason"]).where("event_id", "=", eventId).orderBy("id").execute();
  const name = await participantNames(db, eventId);
  return rows.map((r) => ({ ...r, a_name: name(r.a_participant_id), b_name: name(r.b_participant_id) }));
}
