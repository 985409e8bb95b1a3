import { sql, type RawBuilder } from "kysely";
import { dialectOf, type DB, type Dialect } from "../../../db/client.server";
import { followUpsDue } from "../event";
import { matchesForResult } from "../result";
import { type CurrentUser, activeOrgId, isBureauStaff, isResearcher } from "../shared";

/**
 * 工作台 (issue 14 §1): what waits for this person, per role. Every kind is one SQL query scoped in
 * its WHERE clause to the person (their organisation, their assignments, or the bureau), so nothing
 * of others is ever loaded. The page reads the rows; the navigation badge sums the same queries in
 * one statement (`workbenchCount`), so the badge and the page cannot disagree.
 */
export type WorkKind =
  | "challenge_check"
  | "opinions_back"
  | "objections"
  | "acceptance"
  | "orgs_to_verify"
  | "experts_to_verify"
  | "registrations"
  | "contracts_to_register"
  | "follow_ups"
  | "review"
  | "score"
  | "drafts"
  | "returned"
  | "bids_received"
  | "select_due"
  | "reports_to_confirm"
  | "meeting_requests"
  | "threads"
  | "bids_open"
  | "milestones_due"
  | "matches";

export type Urgency = "overdue" | "soon" | "normal";

export interface WorkItem {
  kind: WorkKind;
  /** The record's title, or null for an item that stands for a whole queue (机构认证, 异议…). */
  title: string | null;
  /** How many things this item stands for (bids to score, organisations to verify…); 1 for a record. */
  n: number;
  link: string;
  /** ISO instant, when the step has a deadline. */
  dueAt: string | null;
  urgency: Urgency;
  /** A word on the item's state, e.g. 重新提交. */
  note: string | null;
}

export interface WorkSection {
  kind: WorkKind;
  count: number;
  items: WorkItem[];
  /** Suggestions are shown but not counted as things to do (matches). */
  counted: boolean;
  /** Why a section could not be filled (search unavailable). */
  unavailable?: string;
}

/** A deadline within this many hours reads as urgent (soon). */
const SOON_HOURS = 72;

interface Scope {
  userId: number;
  /** The organisation the person acts for: active members only. */
  orgId: number | null;
  bureau: boolean;
  enterprise: boolean;
  /** 科研人员 and 专家 act for their university or institute: bids, milestones, results. */
  research: boolean;
  expert: boolean;
}

function scopeOf(user: CurrentUser): Scope {
  const orgId = activeOrgId(user);
  return {
    userId: user.id,
    orgId,
    bureau: isBureauStaff(user),
    enterprise: orgId != null && user.role === "enterprise",
    research: orgId != null && isResearcher(user),
    expert: user.role === "expert",
  };
}

interface Row {
  kind: WorkKind;
  title: string | null;
  n: number;
  link: string;
  due_at: string | null;
  note: string | null;
}

// A milestone is due by the end of its day in 北京时间 (UTC+8): 16:00 UTC of the same date.
// The same kind of value as the other deadlines in the union: ISO text on SQLite, timestamptz on PostgreSQL.
const milestoneDue = (dialect: Dialect) =>
  dialect === "postgres" ? sql`((milestones.due_on + time '16:00') at time zone 'UTC')` : sql`milestones.due_on || 'T16:00:00.000Z'`;
const EFFECTIVE = (now: Date) => sql`(case when c.status = 'published' and c.deadline <= ${now.toISOString()} then 'evaluating' else c.status end)`;

/** An expert whose organisation bid on a 榜单 may not score it (conflict of interest). */
const expertConflicted = (expertId: RawBuilder<unknown> | number) =>
  sql`exists (select 1 from bids cb join users cu on cu.org_id = cb.org_id where cb.challenge_id = c.id and cu.id = ${expertId})`;

// Names the union's columns whichever kinds follow it (SQLite takes them from the first SELECT).
// PostgreSQL types a UNION pair by pair from the left, so the header's due_at must already be a timestamp there.
const header = (dialect: Dialect) =>
  sql<Row>`select null as kind, null as title, 0 as n, null as link, ${dialect === "postgres" ? sql`cast(null as timestamptz)` : sql`null`} as due_at, null as note where 1 = 0`;

/** Each kind's query for this person, selecting (kind, title, n, link, due_at, note), behind HEADER. */
function queries(s: Scope, now: Date, dialect: Dialect): RawBuilder<Row>[] {
  const MILESTONE_DUE = milestoneDue(dialect);
  const HEADER = header(dialect);
  const nowIso = now.toISOString();
  const q: RawBuilder<Row>[] = [HEADER];
  if (s.bureau) {
    q.push(sql`select 'challenge_check', c.title, 1, '/challenges/' || c.id, null,
        case when exists (select 1 from audit_events a where a.entity = 'challenge' and a.entity_id = c.id and a.action = 'return') then '重新提交' else '新提交' end
      from challenges c where c.status = 'submitted'`);
    q.push(sql`select 'opinions_back', c.title, 1, '/challenges/' || c.id, null, null from challenges c
      where c.status = 'under_review' and exists (select 1 from challenge_experts e where e.challenge_id = c.id)
        and not exists (select 1 from challenge_experts e where e.challenge_id = c.id and e.opinion_at is null)`);
    q.push(sql`select 'objections', null, count(*), '/bureau/objections', null, null from award_objections where status = 'pending' having count(*) > 0`);
    q.push(sql`select 'acceptance', c.title, 1, '/challenges/' || c.id, null, null from challenges c where c.status = 'in_progress' and c.owner_confirmed_on is not null`);
    q.push(sql`select 'orgs_to_verify', null, count(*), '/bureau/orgs', null, null from organizations where status = 'unverified' and kind != 'bureau' having count(*) > 0`);
    q.push(sql`select 'experts_to_verify', null, count(*), '/bureau/experts', null, null from researcher_profiles where expert_status = 'applied' having count(*) > 0`);
    q.push(sql`select 'registrations', ev.title, count(*), '/bureau/events/' || ev.id, ev.registration_closes_at, null
      from event_participants p join events ev on ev.id = p.event_id where p.status = 'pending' group by ev.id`);
    q.push(sql`select 'contracts_to_register', c.title, 1, '/bureau/contracts/new?challenge=' || c.id, null, null from challenges c
      where c.status in ('contracted', 'in_progress', 'accepted', 'closed') and c.contract_record_id is null`);
  }
  if (s.expert) {
    q.push(sql`select 'review', c.title, 1, '/challenges/' || c.id, null, null from challenges c
      join challenge_experts e on e.challenge_id = c.id and e.expert_id = ${s.userId}
      where c.status = 'under_review' and e.opinion_at is null`);
    q.push(sql`select 'score', c.title, count(*), '/challenges/' || c.id, null, null from challenges c
      join challenge_experts e on e.challenge_id = c.id and e.expert_id = ${s.userId}
      join bids b on b.challenge_id = c.id and b.status = 'submitted'
      where ${EFFECTIVE(now)} = 'evaluating' and not ${expertConflicted(s.userId)}
        and not exists (select 1 from bid_scores sc where sc.bid_id = b.id and sc.expert_id = ${s.userId})
      group by c.id`);
  }
  if (s.enterprise) {
    const org = s.orgId;
    q.push(sql`select 'drafts', c.title, 1, '/challenges/' || c.id, null, null from challenges c where c.org_id = ${org} and c.status = 'draft' and c.status_reason is null`);
    q.push(sql`select 'returned', c.title, 1, '/challenges/' || c.id, null, c.status_reason from challenges c where c.org_id = ${org} and c.status = 'draft' and c.status_reason is not null`);
    // 评审中: while the experts still score, the bids are news; once every score is in, 定榜 waits for the enterprise.
    const scoringOpen = sql`exists (select 1 from bids b join challenge_experts e on e.challenge_id = b.challenge_id
        where b.challenge_id = c.id and b.status = 'submitted' and not ${expertConflicted(sql.ref("e.expert_id"))}
          and not exists (select 1 from bid_scores sc where sc.bid_id = b.id and sc.expert_id = e.expert_id))`;
    q.push(sql`select 'bids_received', c.title, count(*), '/challenges/' || c.id, null, null from challenges c
      join bids b on b.challenge_id = c.id and b.status = 'submitted'
      where c.org_id = ${org} and ${EFFECTIVE(now)} = 'evaluating' and ${scoringOpen} group by c.id`);
    q.push(sql`select 'select_due', c.title, 1, '/challenges/' || c.id, null, null from challenges c
      where c.org_id = ${org} and ${EFFECTIVE(now)} = 'evaluating' and not ${scoringOpen}`);
    q.push(sql`select 'reports_to_confirm', c.title || '：' || milestones.title, 1, '/challenges/' || c.id, ${MILESTONE_DUE}, null
      from milestone_reports r join milestones on milestones.id = r.milestone_id join challenges c on c.id = milestones.challenge_id
      where c.org_id = ${org} and c.status in ('contracted', 'in_progress') and r.decision is null
        and r.id = (select max(id) from milestone_reports r2 where r2.milestone_id = r.milestone_id)`);
  }
  if (s.research) {
    const org = s.orgId;
    q.push(sql`select 'bids_open', c.title, 1, '/challenges/' || c.id, c.deadline, null from bids b join challenges c on c.id = b.challenge_id
      where b.org_id = ${org} and b.status = 'submitted' and ${EFFECTIVE(now)} = 'published'`);
    q.push(sql`select 'milestones_due', c.title || '：' || milestones.title, 1, '/challenges/' || c.id, ${MILESTONE_DUE},
        case when exists (select 1 from milestone_reports r where r.milestone_id = milestones.id) then '已退回，请重新提交' else null end
      from milestones join challenges c on c.id = milestones.challenge_id join bids w on w.id = c.winner_bid_id
      where w.org_id = ${org} and c.status in ('contracted', 'in_progress')
        and not exists (select 1 from milestone_reports r where r.milestone_id = milestones.id and (r.decision is null or r.decision = 'accepted'))`);
  }
  if (s.enterprise || s.research) {
    const org = s.orgId;
    q.push(sql`select 'meeting_requests', ev.title || '：' || fp_org.name, 1, '/events/' || ev.id || '/requests', mr.expires_at, null
      from meeting_requests mr join event_participants tp on tp.id = mr.to_participant_id join events ev on ev.id = mr.event_id
      join event_participants fp on fp.id = mr.from_participant_id join organizations fp_org on fp_org.id = fp.org_id
      where tp.org_id = ${org} and mr.status = 'pending' and mr.expires_at > ${nowIso}`);
    // A thread waits for this organisation when its last message came from the other side.
    q.push(sql`select 'threads', res.title || '：' || other.name, 1, '/results/' || res.id, null, null
      from result_interests i join results res on res.id = i.result_id
      join organizations other on other.id = case when i.org_id = ${org} then res.org_id else i.org_id end
      join interest_messages m on m.id = (select max(id) from interest_messages m2 where m2.interest_id = i.id)
      join users author on author.id = m.author_id
      where (i.org_id = ${org} or res.org_id = ${org}) and coalesce(author.org_id, -1) != ${org}`);
  }
  return q;
}

function urgencyOf(dueAt: string | null, now: Date): Urgency {
  if (!dueAt) return "normal";
  const ms = Date.parse(dueAt) - now.getTime();
  if (ms <= 0) return "overdue";
  return ms <= SOON_HOURS * 3_600_000 ? "soon" : "normal";
}

/** Soonest deadline first (overdue ones lead), then the biggest counts. */
function byUrgency(a: WorkItem, b: WorkItem): number {
  if (a.dueAt && b.dueAt) return a.dueAt < b.dueAt ? -1 : a.dueAt > b.dueAt ? 1 : 0;
  if (a.dueAt || b.dueAt) return a.dueAt ? -1 : 1;
  return b.n - a.n;
}

/** Follow-ups are due by a rule in code (event/meeting-feedback.server.ts), not by a column: read through it. */
async function followUps(db: DB, s: Scope, now: Date): Promise<WorkItem[]> {
  if (!s.bureau && !s.enterprise && !s.research) return [];
  const due = await followUpsDue(db, now, s.bureau ? undefined : (s.orgId ?? undefined));
  if (due.length === 0) return [];
  // Two meetings of one event must read apart: name the other side (and, for the bureau, the side that owes the answer).
  const names = new Map(
    (
      await db
        .selectFrom("event_participants")
        .innerJoin("organizations", "organizations.id", "event_participants.org_id")
        .select(["event_participants.id", "organizations.name"])
        .where("event_participants.id", "in", due.flatMap((d) => [d.participantId, d.otherParticipantId]))
        .execute()
    ).map((p) => [p.id, p.name]),
  );
  return due.map((d) => ({
    kind: "follow_ups",
    title: s.bureau
      ? `${d.title}：${names.get(d.participantId)}与${names.get(d.otherParticipantId)}的会谈，${d.months} 个月回访`
      : `${d.title}：与${names.get(d.otherParticipantId)}的会谈，${d.months} 个月回访`,
    n: 1,
    link: `/events/${d.eventId}/meetings/${d.meetingId}`,
    dueAt: d.dueAt,
    urgency: urgencyOf(d.dueAt, now),
    note: null,
  }));
}

async function rows(db: DB, s: Scope, now: Date): Promise<WorkItem[]> {
  const sqlRows = (await sql<Row>`${sql.join(queries(s, now, dialectOf(db)), sql` union all `)}`.execute(db)).rows;
  const items: WorkItem[] = sqlRows.map((r) => ({
    kind: r.kind,
    title: r.title,
    n: Number(r.n),
    link: r.link,
    dueAt: r.due_at,
    urgency: urgencyOf(r.due_at, now),
    note: r.note,
  }));
  return [...items, ...(await followUps(db, s, now))];
}

/** The badge: the same queries summed in one statement, plus the follow-ups rule. */
export async function workbenchCount(db: DB, user: CurrentUser, now: Date): Promise<number> {
  const s = scopeOf(user);
  const counted = (await sql<{ n: number }>`select coalesce(sum(n), 0) as n from (${sql.join(queries(s, now, dialectOf(db)), sql` union all `)}) as work`.execute(db)).rows[0].n;
  return Number(counted) + (await followUps(db, s, now)).length;
}

/** Open 榜单 matching the organisation's published results, which it has not bid on yet; null while search is unavailable. */
async function matches(db: DB, s: Scope, now: Date): Promise<WorkItem[] | null> {
  const results = await db.selectFrom("results").select("id").where("org_id", "=", s.orgId!).where("status", "=", "published").orderBy("updated_at", "desc").limit(5).execute();
  const bidOn = new Set((await db.selectFrom("bids").select("challenge_id").where("org_id", "=", s.orgId!).execute()).map((b) => b.challenge_id));
  const seen = new Map<number, string>();
  for (const r of results) {
    const found = await matchesForResult(db, r.id, now);
    if (found == null) return null;
    for (const m of found) if (!bidOn.has(m.id) && !seen.has(m.id)) seen.set(m.id, m.title);
  }
  if (seen.size === 0) return [];
  const deadlines = await db.selectFrom("challenges").select(["id", "deadline"]).where("id", "in", [...seen.keys()]).execute();
  return deadlines.map((c) => ({ kind: "matches", title: seen.get(c.id)!, n: 1, link: `/challenges/${c.id}`, dueAt: c.deadline, urgency: urgencyOf(c.deadline, now), note: null }));
}

/** The 工作台: sections most urgent first, each with its items most urgent first. */
export async function getWorkbench(db: DB, user: CurrentUser, now: Date): Promise<{ total: number; sections: WorkSection[] }> {
  const s = scopeOf(user);
  const items = (await rows(db, s, now)).sort(byUrgency);
  const byKind = new Map<WorkKind, WorkItem[]>();
  for (const it of items) byKind.set(it.kind, [...(byKind.get(it.kind) ?? []), it]);
  const sections: WorkSection[] = [...byKind].map(([kind, list]) => ({ kind, items: list, count: list.reduce((a, i) => a + i.n, 0), counted: true }));
  sections.sort((a, b) => byUrgency(a.items[0], b.items[0]));
  const total = sections.reduce((a, x) => a + x.count, 0);
  if (s.research) {
    const found = await matches(db, s, now);
    if (found == null) sections.push({ kind: "matches", count: 0, items: [], counted: false, unavailable: "搜索服务暂时不可用，稍后再来查看与您成果匹配的榜单。" });
    else if (found.length) sections.push({ kind: "matches", count: found.length, items: found.sort(byUrgency), counted: false });
  }
  return { total, sections };
}
