import type { ChallengeStatus } from "../../../db/schema";
import { CHALLENGE_STATUSES } from "../../../db/vocabulary";

/** Before the bureau publishes, a challenge is private to its enterprise, the bureau and assigned experts. */
export const PRE_PUBLICATION: ChallengeStatus[] = ["draft", "submitted", "under_review", "rejected"];
/** Every status from publication on: the 榜单 is listed publicly, whatever became of it. */
export const PUBLIC_STATUSES: readonly ChallengeStatus[] = CHALLENGE_STATUSES.filter((s) => !PRE_PUBLICATION.includes(s));

/**
 * Who reads what of a 榜单's 办理记录 (its timeline) and post-award records. No database here: the
 * query that builds the page (getChallengePage) applies it, and the page says what is withheld.
 *
 * Everyone who reads a published 榜单's details (verified organisations) sees THAT each public step
 * happened, with its label and date. Its content (reason text, amount, report) is read by:
 *
 * | timeline entry / record                                  | content readers                        |
 * |----------------------------------------------------------|----------------------------------------|
 * | 创建 修改 提交 退回修改 送专家论证 指派专家 发布 论证驳回    | bureau, owner, assigned experts (论证)  |
 * | 专家论证意见                                              | bureau, assigned experts               |
 * | 未收齐专家意见即发布 (publish_override; listed to the bureau only) | bureau                          |
 * | 延长揭榜截止, 提前截止揭榜 (new deadline, reason)           | everyone who reads the timeline        |
 * | 撤榜, 流标 (reason)                                       | bureau, owner, bidders (each was told) |
 * | 定榜, 签约 (合同金额), 里程碑 and 进展报告, 企业达成情况说明, | bureau, owner, winner — the parties    |
 * | 验收 (等级, 评分, 验收意见), 终止, 兑现 (兑现金额)          |                                        |
 * | any amount on any entry                                  | the parties                            |
 * | 中选公示 (异议期), 收到异议, 异议驳回, 异议成立 (reason)     | everyone who reads the timeline        |
 *
 * | 提交里程碑报告, 确认/退回里程碑报告 (Decision 31)             | the parties, and only they see the entry |
 *
 * Pre-publication entries (and expert opinions) are not listed to anyone outside the review at
 * all; milestone reports and decisions are not listed to anyone outside the parties (how many
 * rounds a team needed is the parties' business). An assigned expert reads what the review needs and, after 定榜 or 流标, what the public reads.
 * Bids follow their own rule (challenge/policy.server.ts, canReadBid). Unknown entries: parties only.
 * The 中选公示 steps say only what the public notice says (Decision 36): an objection's entry has no
 * actor and no text (who objected and why stay with the bureau and the objector), a dismissal no
 * reason (the objector is told it), and an upheld objection the reason the notice shows publicly.
 */
export interface Relation {
  bureau: boolean;
  /** An active member of the organisation that owns the 榜单. */
  owner: boolean;
  /** An active member of the winning bidder's organisation. */
  winner: boolean;
  /** The viewer's organisation has a bid that it did not withdraw (so it was told of 撤榜/流标). */
  bidder: boolean;
  /** An expert assigned to this 榜单. */
  expert: boolean;
}

type Reader = keyof Relation;

const REVIEW: Reader[] = ["bureau", "owner", "expert"];
const BIDDERS: Reader[] = ["bureau", "owner", "bidder"];
const PARTIES: Reader[] = ["bureau", "owner", "winner"];
const REVIEWERS: Reader[] = ["bureau", "expert"];
const BUREAU: Reader[] = ["bureau"];
/** The deadline is public, and so is why it moved. */
const EVERYONE = "everyone" as const;

/** Entries not even listed to anyone but the bureau: what they say is about the experts. */
const BUREAU_ONLY_ENTRIES = ["publish_override"];

const contentReaders: Record<string, Reader[] | typeof EVERYONE> = {
  create: REVIEW,
  edit: REVIEW,
  submit: REVIEW,
  return: REVIEW,
  send_to_review: REVIEW,
  assign_experts: REVIEW,
  publish: REVIEW,
  reject: REVIEW,
  opinion: REVIEWERS,
  withdraw: BIDDERS,
  fail: BIDDERS,
  select: PARTIES,
  sign: PARTIES,
  // Entries written before migration 0016, when the enterprise updated milestones itself.
  milestones: PARTIES,
  report_milestone: PARTIES,
  review_report: PARTIES,
  confirm: PARTIES,
  accept: PARTIES,
  terminate: PARTIES,
  pay: PARTIES,
  publish_override: BUREAU,
  extend_deadline: EVERYONE,
  close_bidding: EVERYONE,
};

/** Entries whose very existence is the parties' business. */
const PARTIES_ONLY_ENTRIES = new Set(["report_milestone", "review_report"]);

const has = (readers: Reader[] | typeof EVERYONE, rel: Relation) => readers === EVERYONE || readers.some((r) => rel[r]);

/** Steps whose content is public: the 中选公示 discloses it anyway (challenge/award.server.ts writes no more). */
const PUBLIC_STEPS = new Set(["award_publish", "objection_lodged", "objection_dismissed", "reopen"]);

/** The two parties of the award and the bureau: they read amounts, milestones and acceptance. */
export function isParty(rel: Relation): boolean {
  return has(PARTIES, rel);
}

export function readsContent(action: string, rel: Relation): boolean {
  return PUBLIC_STEPS.has(action) || has(contentReaders[action] ?? PARTIES, rel);
}

/** The state a 榜单 ended in (or went back to) names the step whose reason explains it. */
const reasonStep: Partial<Record<ChallengeStatus, string>> = {
  draft: "return",
  rejected: "reject",
  failed: "fail",
  withdrawn: "withdraw",
  terminated: "terminate",
};

/** The reason shown beside the status, for those who may read the step that set it. */
export function statusReasonFor(status: ChallengeStatus, reason: string | null, rel: Relation): string | null {
  const step = reasonStep[status];
  return step && readsContent(step, rel) ? reason : null;
}

export interface HistoryEntry {
  action: string;
  to_state: string | null;
  reason: string | null;
  amount_fen: number | null;
}

/**
 * The timeline as this viewer may read it: entries outside the review stay hidden from others,
 * and an entry whose content the viewer may not read keeps its label and date, marked `withheld`.
 */
export function timelineFor<E extends HistoryEntry>(entries: E[], rel: Relation): (E & { withheld: boolean })[] {
  return entries
    .filter((e) => {
      if (BUREAU_ONLY_ENTRIES.includes(e.action)) return rel.bureau;
      const inReview = e.to_state == null || PRE_PUBLICATION.includes(e.to_state as ChallengeStatus);
      if (PARTIES_ONLY_ENTRIES.has(e.action)) return isParty(rel);
      return !inReview || has(REVIEW, rel);
    })
    .map((e) => {
      const reason = readsContent(e.action, rel) ? e.reason : null;
      const amount_fen = isParty(rel) ? e.amount_fen : null;
      return { ...e, reason, amount_fen, withheld: reason !== e.reason || amount_fen !== e.amount_fen };
    });
}

const notices = new Map<Reader[] | typeof EVERYONE, string>([
  [REVIEW, "内容仅发榜企业、区科技局和论证专家可见"],
  [REVIEWERS, "论证意见仅区科技局和论证专家可见"],
  [BIDDERS, "理由仅发榜企业、揭榜单位和区科技局可见"],
  [PARTIES, "内容仅当事双方和区科技局可见"],
  [BUREAU, "内容仅区科技局可见"],
]);

/** What the page says in place of withheld content. */
export function withheldNotice(action: string): string {
  return notices.get(contentReaders[action] ?? PARTIES)!;
}
