import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { acceptanceLabels } from "../../utils/labels";
import { clock, formatDateTime, formatDay, hhmm } from "../../utils/time";
import { notifyUsers, type Notice } from "./notification.server";

type Tx = Kysely<Database>;

/**
 * Who is told of each turn, and what (Decision 48). Every state change calls `notifyTurn` with its
 * event inside its own transaction; the table below is the whole rule: event → rows of (audience,
 * message). A person gets at most one notice per turn (the first row that reaches them) and never
 * one about their own act. A message says only what its audience may read on the site: a bidder
 * never learns another bidder's name or price, followers never learn who objected.
 */

/** What a turn is about. Each message reads the fields its event fills in. */
export interface TurnContext {
  /** The person who acted: never told of their own act. */
  actorId?: number | null;
  challenge?: { id: number; title: string; org_id: number; winner_bid_id: number | null };
  /** The organisation the turn is addressed to (registrant, objector, the other side of a meeting …). */
  orgId?: number;
  /** The one person it is addressed to (an expert applicant). */
  userId?: number;
  /** Several named people (experts newly assigned). */
  userIds?: number[];
  /** A name the audience may read: the bidding organisation for the enterprise, the other party of a meeting. */
  name?: string;
  /** What the turn concerns, already worded: a milestone's title, a meeting's time and table. */
  subject?: string;
  reason?: string | null;
  event?: { id: number; title: string; date: string };
  link?: string;
  /** Reminders: the instant that is due, and the run's clock. */
  dueAt?: string;
  now?: Date;
  /** Reminders: one per threshold and recipient (notifications.dedupe_key). */
  dedupeKey?: string;
  resubmitted?: boolean;
  count?: number;
  level?: keyof typeof acceptanceLabels;
  months?: number;
  /** 定榜: each losing organisation's own reason (by organisation id), told to it alone. */
  outcomeByOrg?: Record<number, string>;
}

export type Audience =
  | "bureau"
  | "owner"
  | "bidders"
  /** Bidders including those who withdrew (they may bid again after an extension). */
  | "every_bidder"
  | "winner"
  | "losers"
  | "experts"
  | "named_users"
  | "user"
  | "org"
  | "followers";

interface Row {
  to: Audience;
  /** The message; `orgId` is the recipient's organisation, for the few that differ per organisation. */
  notice: (c: TurnContext, orgId: number | null) => Notice;
}

const ch = (c: TurnContext) => c.challenge!;
const challengeLink = (c: TurnContext, anchor = "") => `/challenges/${ch(c).id}${anchor}`;
const reasonBody = (c: TurnContext, label = "理由") => (c.reason ? `${label}：${c.reason}` : null);
const bj = (iso: string) => `${formatDateTime(iso)}（北京时间）`;

/** An event as its notices name it: the title and the day (a calendar date in 北京时间). */
export function eventRef(e: { id: number; title: string; event_date: string }): TurnContext["event"] {
  return { id: e.id, title: e.title, date: formatDay(e.event_date) };
}

/** A meeting as its notices name it, so two meetings are told apart: "2026年12月3日 14:20（北京时间）第 2 桌". */
export function meetingWhen(e: { event_date: string }, startMin: number, table: number): string {
  return `${formatDay(e.event_date)} ${hhmm(startMin)}（北京时间）第 ${table} 桌`;
}

/** "将于 20 小时后截止" under two days, "将于 3 天后截止" beyond: exact, from the run's clock. */
export function timeLeft(dueAt: string, now: Date): string {
  const ms = Date.parse(dueAt) - now.getTime();
  const hours = Math.max(1, Math.round(ms / 3_600_000));
  return hours < 48 ? `${hours} 小时` : `${Math.round(ms / 86_400_000)} 天`;
}

/** Whole 北京时间 days from today to a due date (YYYY-MM-DD). */
function dayWords(days: number): string {
  return days === 0 ? "今天到期" : `将于 ${days} 天后到期`;
}

export const noticeTable = {
  // ---- 榜单 -------------------------------------------------------------------------------
  "challenge.submit": [
    {
      to: "bureau",
      notice: (c) => ({
        kind: "challenge_submitted",
        title: c.resubmitted ? `榜单“${ch(c).title}”已修改后重新提交，请审核` : `新榜单“${ch(c).title}”待审核`,
        link: challengeLink(c),
      }),
    },
  ],
  "challenge.return": [{ to: "owner", notice: (c) => ({ kind: "returned", title: `榜单“${ch(c).title}”被退回修改`, body: c.reason, link: challengeLink(c) }) }],
  "challenge.send_to_review": [{ to: "named_users", notice: (c) => ({ kind: "expert_assigned", title: `请评审榜单“${ch(c).title}”`, link: challengeLink(c) }) }],
  "challenge.opinion": [
    { to: "bureau", notice: (c) => ({ kind: "opinion_given", title: `${c.name} 已提交对榜单“${ch(c).title}”的论证意见`, link: challengeLink(c) }) },
  ],
  "challenge.publish": [
    { to: "owner", notice: (c) => ({ kind: "published", title: `榜单“${ch(c).title}”已发布，开始揭榜`, body: `榜额 ${c.subject}`, link: challengeLink(c) }) },
  ],
  "challenge.reject": [{ to: "owner", notice: (c) => ({ kind: "rejected", title: `榜单“${ch(c).title}”论证未通过`, body: c.reason, link: challengeLink(c) }) }],
  "challenge.withdraw": [
    { to: "bidders", notice: (c) => ({ kind: "withdrawn", title: `榜单“${ch(c).title}”已撤榜`, body: c.reason, link: challengeLink(c) }) },
    { to: "followers", notice: (c) => ({ kind: "withdrawn", title: `您关注的榜单“${ch(c).title}”已撤榜`, body: c.reason, link: challengeLink(c) }) },
  ],
  "challenge.extend_deadline": [
    { to: "owner", notice: (c) => ({ kind: "deadline_extended", title: `榜单“${ch(c).title}”揭榜截止时间已延长`, body: c.reason, link: challengeLink(c) }) },
    { to: "every_bidder", notice: (c) => ({ kind: "deadline_extended", title: `榜单“${ch(c).title}”揭榜截止时间已延长`, body: c.reason, link: challengeLink(c) }) },
    { to: "followers", notice: (c) => ({ kind: "deadline_extended", title: `榜单“${ch(c).title}”揭榜截止时间已延长`, body: c.reason, link: challengeLink(c) }) },
  ],
  "challenge.close_bidding": [
    { to: "owner", notice: (c) => ({ kind: "select_due", title: `榜单“${ch(c).title}”已提前截止揭榜，请定榜`, body: c.reason, link: challengeLink(c) }) },
    { to: "experts", notice: (c) => ({ kind: "scoring_open", title: `榜单“${ch(c).title}”已截止揭榜，请为揭榜申请评分`, body: c.reason, link: challengeLink(c) }) },
    { to: "every_bidder", notice: (c) => ({ kind: "bidding_closed", title: `榜单“${ch(c).title}”已提前截止揭榜`, body: c.reason, link: challengeLink(c) }) },
    { to: "followers", notice: (c) => ({ kind: "bidding_closed", title: `榜单“${ch(c).title}”已提前截止揭榜`, body: c.reason, link: challengeLink(c) }) },
  ],
  /** The deadline passed (the scheduler notices it): the 榜单 is 评审中 for everyone. */
  "challenge.deadline_passed": [
    {
      to: "owner",
      notice: (c) => ({
        kind: "select_due",
        title: `榜单“${ch(c).title}”揭榜已截止，请定榜`,
        body: `共收到 ${c.count} 份揭榜申请。`,
        link: challengeLink(c),
        dedupeKey: `evaluating:${ch(c).id}`,
      }),
    },
    { to: "experts", notice: (c) => ({ kind: "scoring_open", title: `榜单“${ch(c).title}”揭榜已截止，请为揭榜申请评分`, link: challengeLink(c), dedupeKey: `evaluating:${ch(c).id}` }) },
    { to: "bidders", notice: (c) => ({ kind: "bidding_closed", title: `榜单“${ch(c).title}”揭榜已截止，进入评审`, link: challengeLink(c), dedupeKey: `evaluating:${ch(c).id}` }) },
  ],
  /** Reminder before the 揭榜截止: bidders and followers, at 3 days and at 1 day. */
  "challenge.deadline_soon": [
    {
      to: "bidders",
      notice: (c) => ({
        kind: "deadline_soon",
        title: `榜单“${ch(c).title}”揭榜将于 ${timeLeft(c.dueAt!, c.now!)}后截止`,
        body: `截止时间：${bj(c.dueAt!)}。截止后不能再修改揭榜申请。`,
        link: challengeLink(c),
        dedupeKey: c.dedupeKey,
      }),
    },
    {
      to: "followers",
      notice: (c) => ({
        kind: "deadline_soon",
        title: `您关注的榜单“${ch(c).title}”揭榜将于 ${timeLeft(c.dueAt!, c.now!)}后截止`,
        body: `截止时间：${bj(c.dueAt!)}。`,
        link: challengeLink(c),
        dedupeKey: c.dedupeKey,
      }),
    },
  ],
  /** Every assigned expert has scored every bid: the selection may be made. */
  "challenge.scored": [
    { to: "owner", notice: (c) => ({ kind: "select_due", title: `榜单“${ch(c).title}”专家评分已完成，请定榜`, link: challengeLink(c), dedupeKey: `scored:${ch(c).id}` }) },
    { to: "bureau", notice: (c) => ({ kind: "scored", title: `榜单“${ch(c).title}”专家评分已完成`, link: challengeLink(c), dedupeKey: `scored:${ch(c).id}` }) },
  ],
  "challenge.select": [
    { to: "winner", notice: (c) => ({ kind: "bid_selected", title: `恭喜！贵单位揭榜“${ch(c).title}”中选`, body: "请与发榜企业联系签约事宜。", link: challengeLink(c) }) },
    // Each losing organisation reads its own reason, never another's.
    { to: "losers", notice: (c, orgId) => ({ kind: "bid_not_selected", title: `贵单位对“${ch(c).title}”的揭榜未中选`, body: `原因：${c.outcomeByOrg?.[orgId!] ?? ""}`, link: challengeLink(c) }) },
    { to: "owner", notice: (c) => ({ kind: "selected", title: `榜单“${ch(c).title}”已定榜，中选公示中`, body: "公示期满后即可登记签约。", link: challengeLink(c) }) },
    { to: "bureau", notice: (c) => ({ kind: "selected", title: `榜单“${ch(c).title}”已定榜，中选公示中`, link: challengeLink(c) }) },
    { to: "followers", notice: (c) => ({ kind: "selected", title: `您关注的榜单“${ch(c).title}”已定榜，中选公示中`, link: challengeLink(c) }) },
  ],
  "challenge.fail": [
    { to: "losers", notice: (c) => ({ kind: "bid_not_selected", title: `榜单“${ch(c).title}”流标`, body: reasonBody(c, "原因"), link: challengeLink(c) }) },
    { to: "owner", notice: (c) => ({ kind: "failed", title: `榜单“${ch(c).title}”流标`, body: reasonBody(c, "原因"), link: challengeLink(c) }) },
    { to: "followers", notice: (c) => ({ kind: "failed", title: `您关注的榜单“${ch(c).title}”流标`, link: challengeLink(c) }) },
  ],
  "challenge.sign": [
    { to: "winner", notice: (c) => ({ kind: "signed", title: `“${ch(c).title}”已登记签约，请按里程碑提交报告`, link: challengeLink(c, "#milestones") }) },
    { to: "owner", notice: (c) => ({ kind: "signed", title: `“${ch(c).title}”已登记签约`, link: challengeLink(c) }) },
    { to: "bureau", notice: (c) => ({ kind: "signed", title: `“${ch(c).title}”已签约，请登记技术合同`, link: challengeLink(c) }) },
  ],
  "challenge.report_milestone": [
    {
      to: "owner",
      notice: (c) => ({
        kind: "milestone_reported",
        title: `“${ch(c).title}”里程碑“${c.subject}”已提交报告，请确认`,
        body: c.resubmitted ? "揭榜团队已按退回意见修改后重新提交。" : null,
        link: challengeLink(c, "#milestones"),
      }),
    },
  ],
  "challenge.accept_report": [
    { to: "winner", notice: (c) => ({ kind: "milestone_accepted", title: `“${ch(c).title}”里程碑“${c.subject}”的报告已确认`, link: challengeLink(c, "#milestones") }) },
  ],
  "challenge.return_report": [
    { to: "winner", notice: (c) => ({ kind: "milestone_returned", title: `“${ch(c).title}”里程碑“${c.subject}”的报告被退回修改`, body: reasonBody(c, "退回理由"), link: challengeLink(c, "#milestones") }) },
  ],
  "challenge.confirm": [
    { to: "bureau", notice: (c) => ({ kind: "acceptance_requested", title: `“${ch(c).title}”发榜企业已确认考核指标达成，请验收`, link: challengeLink(c) }) },
    { to: "winner", notice: (c) => ({ kind: "indicators_confirmed", title: `“${ch(c).title}”发榜企业已确认考核指标达成，待区科技局验收`, link: challengeLink(c) }) },
  ],
  "challenge.accept": [
    { to: "owner", notice: (c) => ({ kind: "accepted", title: `“${ch(c).title}”验收结果：${acceptanceLabels[c.level!]}`, link: challengeLink(c) }) },
    { to: "winner", notice: (c) => ({ kind: "accepted", title: `“${ch(c).title}”验收结果：${acceptanceLabels[c.level!]}`, link: challengeLink(c) }) },
  ],
  "challenge.terminate": [
    { to: "owner", notice: (c) => ({ kind: "terminated", title: `“${ch(c).title}”已终止`, body: c.reason, link: challengeLink(c) }) },
    { to: "winner", notice: (c) => ({ kind: "terminated", title: `“${ch(c).title}”已终止`, body: c.reason, link: challengeLink(c) }) },
  ],
  "challenge.pay": [
    { to: "winner", notice: (c) => ({ kind: "paid", title: `“${ch(c).title}”榜额已兑现`, body: c.reason, link: challengeLink(c) }) },
    { to: "owner", notice: (c) => ({ kind: "paid", title: `“${ch(c).title}”已登记兑现`, link: challengeLink(c) }) },
    { to: "bureau", notice: (c) => ({ kind: "paid", title: `“${ch(c).title}”已兑现，请登记技术合同`, link: challengeLink(c) }) },
  ],
  /** Reminder to the winning team: a milestone falls due within a week and is not reported. */
  "challenge.milestone_due": [
    {
      to: "winner",
      notice: (c) => ({
        kind: "milestone_due",
        title: `“${ch(c).title}”里程碑“${c.subject}”${dayWords(c.count!)}，请提交报告`,
        link: challengeLink(c, "#milestones"),
        dedupeKey: c.dedupeKey,
      }),
    },
  ],

  // ---- 揭榜申请 (the enterprise reads bids; the bidder's name is its to see) ---------------------
  "bid.submit": [{ to: "owner", notice: (c) => ({ kind: "bid_received", title: `榜单“${ch(c).title}”收到新的揭榜申请`, body: `来自 ${c.name}`, link: challengeLink(c) }) }],
  "bid.update": [{ to: "owner", notice: (c) => ({ kind: "bid_updated", title: `${c.name} 修改了对榜单“${ch(c).title}”的揭榜申请`, link: challengeLink(c) }) }],
  "bid.withdraw": [{ to: "owner", notice: (c) => ({ kind: "bid_withdrawn", title: `${c.name} 撤回了对榜单“${ch(c).title}”的揭榜申请`, link: challengeLink(c) }) }],

  // ---- 中选公示与异议 (the objector's identity is for the bureau only) -------------------------
  "award.objection_lodged": [{ to: "bureau", notice: (c) => ({ kind: "objection_lodged", title: `中选公示“${ch(c).title}”收到 ${c.name} 的异议`, link: "/bureau/objections" }) }],
  "award.objection_dismissed": [
    { to: "org", notice: (c) => ({ kind: "objection_dismissed", title: `贵单位对“${ch(c).title}”中选公示的异议被驳回`, body: reasonBody(c), link: c.link }) },
  ],
  "award.objection_upheld": [
    { to: "org", notice: (c) => ({ kind: "objection_upheld", title: `贵单位对“${ch(c).title}”中选公示的异议成立，重新评审`, body: reasonBody(c), link: challengeLink(c) }) },
    { to: "owner", notice: (c) => ({ kind: "award_revoked", title: `“${ch(c).title}”中选公示已撤销，请重新定榜`, body: `异议成立：${c.reason}`, link: challengeLink(c) }) },
    { to: "bidders", notice: (c) => ({ kind: "award_revoked", title: `“${ch(c).title}”中选公示已撤销，重新评审`, body: `异议成立：${c.reason}`, link: challengeLink(c) }) },
    { to: "followers", notice: (c) => ({ kind: "award_revoked", title: `您关注的榜单“${ch(c).title}”中选公示已撤销，重新评审`, link: challengeLink(c) }) },
  ],
  /** Objections left pending on a revoked notice: nothing left to decide. */
  "award.objection_closed": [
    { to: "org", notice: (c) => ({ kind: "award_revoked", title: `“${ch(c).title}”中选公示已撤销，贵单位的异议无需再处理`, body: `异议成立：${c.reason}`, link: challengeLink(c) }) },
  ],

  // ---- 对接会与约谈 (each side is told the other party's name and the meeting's time) ----------
  "event.register": [{ to: "bureau", notice: (c) => ({ kind: "event_registration", title: `${c.name} 报名参加“${c.event!.title}”，请确认`, link: `/bureau/events/${c.event!.id}` }) }],
  "event.validate": [{ to: "org", notice: (c) => ({ kind: "event_registration", title: `贵单位已确认参加“${c.event!.title}”（${c.event!.date}）`, link: `/events/${c.event!.id}` }) }],
  "event.refuse": [{ to: "org", notice: (c) => ({ kind: "event_registration", title: `贵单位参加“${c.event!.title}”（${c.event!.date}）的报名未通过`, body: c.reason, link: `/events/${c.event!.id}` }) }],
  "event.request": [
    { to: "org", notice: (c) => ({ kind: "meeting_request", title: `${c.name}希望在“${c.event!.title}”上与贵单位洽谈`, body: c.reason, link: `/events/${c.event!.id}/requests` }) },
  ],
  "event.request_answered": [
    { to: "org", notice: (c) => ({ kind: "meeting_request", title: `${c.name}${c.subject}“${c.event!.title}”上的约谈请求`, body: c.reason, link: `/events/${c.event!.id}/requests` }) },
  ],
  "event.schedule_published": [{ to: "org", notice: (c) => ({ kind: "event_schedule", title: `“${c.event!.title}”（${c.event!.date}）${c.subject}`, link: `/events/${c.event!.id}/agenda` }) }],
  "event.meeting_moved": [{ to: "org", notice: (c) => ({ kind: "event_schedule", title: `“${c.event!.title}”与${c.name}的会谈已调整到 ${c.subject}`, link: c.link }) }],
  "event.meeting_cancelled": [{ to: "org", notice: (c) => ({ kind: "event_schedule", title: `“${c.event!.title}”与${c.name}的会谈（${c.subject}）已取消`, body: c.reason, link: c.link }) }],
  /** Reminder after a meeting: 1, 3 and 6 months on, did it lead to a contract? */
  "event.follow_up_due": [
    {
      to: "org",
      notice: (c) => ({
        kind: "meeting_follow_up",
        title: `“${c.event!.title}”与${c.name}的会谈 ${c.months} 个月回访：是否已签订技术合同？`,
        body: "如已签订，请填写 16 位技术合同登记号；未签订也请告诉我们。",
        link: c.link,
        dedupeKey: c.dedupeKey,
      }),
    },
  ],

  // ---- 认证与专家库 --------------------------------------------------------------------------
  "org.registered": [{ to: "bureau", notice: (c) => ({ kind: "org_registered", title: `${c.name} ${c.resubmitted ? "已修改机构信息，请重新认证" : "申请机构认证"}`, link: "/bureau/orgs" }) }],
  "org.verified": [{ to: "org", notice: () => ({ kind: "org_verified", title: "贵单位已通过区科技局认证", link: "/me" }) }],
  "org.rejected": [{ to: "org", notice: (c) => ({ kind: "org_rejected", title: "贵单位的机构认证未通过", body: reasonBody(c), link: "/me" }) }],
  "expert.applied": [{ to: "bureau", notice: (c) => ({ kind: "expert_applied", title: `${c.name} 申请加入专家库`, link: "/bureau/experts" }) }],
  "expert.approved": [{ to: "user", notice: (c) => ({ kind: "expert_decision", title: "您已加入区科技局专家库", body: c.reason, link: "/me/profile" }) }],
  "expert.rejected": [{ to: "user", notice: (c) => ({ kind: "expert_decision", title: "您的专家库申请未通过", body: c.reason, link: "/me/profile" }) }],

  // ---- 成果意向 --------------------------------------------------------------------------------
  "result.interest": [{ to: "org", notice: (c) => ({ kind: "result_interest", title: `${c.name} 对成果“${c.subject}”感兴趣`, body: c.reason, link: c.link }) }],
  "result.reply": [{ to: "org", notice: (c) => ({ kind: "interest_reply", title: `关于成果“${c.subject}”的新回复`, body: c.reason, link: c.link }) }],
} satisfies Record<string, Row[]>;

export type TurnEvent = keyof typeof noticeTable;

const activeMembers = (trx: Tx) => trx.selectFrom("users").select(["users.id", "users.org_id"]).where("users.membership_status", "=", "active");

type Recipient = { id: number; org_id: number | null };

/** The people an audience names for this turn, with their organisation. */
async function audience(trx: Tx, to: Audience, c: TurnContext): Promise<Recipient[]> {
  const named = (userIds: number[]) => (userIds.length === 0 ? Promise.resolve([]) : activeMembers(trx).where("users.id", "in", userIds).execute());
  const bidOrgs = (statuses: ("submitted" | "selected" | "not_selected" | "withdrawn")[]) =>
    trx.selectFrom("bids").select("bids.org_id").where("bids.challenge_id", "=", ch(c).id).where("bids.status", "in", statuses);
  switch (to) {
    case "bureau":
      return activeMembers(trx)
          .innerJoin("organizations", "organizations.id", "users.org_id")
          .where("users.role", "=", "bureau")
          .where("organizations.kind", "=", "bureau")
          .execute();
    case "owner":
      return activeMembers(trx).where("users.org_id", "=", ch(c).org_id).execute();
    case "org":
      return c.orgId == null ? [] : activeMembers(trx).where("users.org_id", "=", c.orgId).execute();
    case "bidders":
      return activeMembers(trx).where("users.org_id", "in", bidOrgs(["submitted", "selected", "not_selected"])).execute();
    case "every_bidder":
      return activeMembers(trx).where("users.org_id", "in", bidOrgs(["submitted", "selected", "not_selected", "withdrawn"])).execute();
    case "losers":
      return activeMembers(trx).where("users.org_id", "in", bidOrgs(["not_selected"])).execute();
    case "winner": {
      const id = ch(c).winner_bid_id;
      if (id == null) return [];
      return activeMembers(trx).where("users.org_id", "in", trx.selectFrom("bids").select("bids.org_id").where("bids.id", "=", id)).execute();
    }
    case "experts":
      return activeMembers(trx)
          .where("users.role", "=", "expert")
          .where("users.id", "in", trx.selectFrom("challenge_experts").select("expert_id").where("challenge_id", "=", ch(c).id))
          .execute();
    case "named_users":
      return named(c.userIds ?? []);
    case "user":
      return named(c.userId == null ? [] : [c.userId]);
    case "followers":
      return activeMembers(trx)
          .where("users.id", "in", trx.selectFrom("challenge_follows").select("user_id").where("challenge_id", "=", ch(c).id))
          .execute();
  }
}

/**
 * The one way a turn is announced: inside the transition's own transaction, each row of the
 * event's table tells its audience, minus the actor and anyone an earlier row already told.
 */
export async function notifyTurn(trx: Tx, event: TurnEvent, c: TurnContext, now = c.now ?? clock.now()): Promise<void> {
  const told = new Set<number>(c.actorId != null ? [c.actorId] : []);
  for (const row of noticeTable[event] as Row[]) {
    const fresh = (await audience(trx, row.to, c)).filter((r) => !told.has(r.id));
    for (const r of fresh) {
      told.add(r.id);
      await notifyUsers(trx, [r.id], row.notice(c, r.org_id), now);
    }
  }
}
