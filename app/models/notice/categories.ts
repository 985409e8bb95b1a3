import type { NoticeDelivery } from "../../../db/schema";

/**
 * Notice kinds grouped into the categories a person chooses e-mail for (Decision 46). A category
 * that usually asks the reader to act is mailed at once by default; news that asks nothing of
 * them is gathered into the daily digest. Shared by the preferences page and the mail code.
 */
export const noticeCategories = [
  { key: "review", label: "榜单审核与论证", hint: "榜单提交审核、发布、退回修改、论证结论，请专家论证、专家意见", delivery: "immediately", kinds: ["challenge_submitted", "published", "returned", "rejected", "expert_assigned", "opinion_given"] },
  { key: "bids", label: "揭榜与定榜", hint: "收到、修改或撤回揭榜申请，可以评审、待定榜、定榜与流标，中选与未中选", delivery: "immediately", kinds: ["bid_received", "bid_updated", "bid_withdrawn", "scoring_open", "scored", "select_due", "selected", "failed", "bid_selected", "bid_not_selected"] },
  { key: "awards", label: "公示与异议", hint: "中选公示收到异议、异议处理结果、公示撤销", delivery: "immediately", kinds: ["objection_lodged", "objection_dismissed", "objection_upheld", "award_revoked"] },
  { key: "delivery", label: "里程碑与验收", hint: "签约、里程碑报告、申请验收、验收结果、榜额兑现", delivery: "immediately", kinds: ["signed", "milestone_reported", "milestone_accepted", "milestone_returned", "indicators_confirmed", "acceptance_requested", "accepted", "paid"] },
  { key: "events", label: "对接会", hint: "报名结果、会谈日程（附日历文件）、约谈请求、会后回访", delivery: "immediately", kinds: ["event", "event_registration", "event_schedule", "meeting_request", "meeting_follow_up"] },
  { key: "results", label: "成果与合作意向", hint: "对您成果的合作意向及其回复", delivery: "immediately", kinds: ["result_interest", "interest_reply"] },
  { key: "account", label: "账户与认证", hint: "机构注册与认证结果、专家库申请与审核结果", delivery: "immediately", kinds: ["org_registered", "org_verified", "org_rejected", "expert_applied", "expert_decision"] },
  { key: "reminders", label: "截止提醒", hint: "揭榜截止、里程碑到期等提醒", delivery: "immediately", kinds: ["deadline_soon", "milestone_due"] },
  { key: "updates", label: "榜单动态", hint: "撤榜、终止、截止时间调整、揭榜截止等消息", delivery: "digest", kinds: ["withdrawn", "terminated", "deadline_extended", "bidding_closed"] },
] as const satisfies readonly { key: string; label: string; hint: string; delivery: NoticeDelivery; kinds: readonly string[] }[];

export type NoticeCategory = (typeof noticeCategories)[number]["key"];

const categoryByKind = new Map<string, NoticeCategory>(noticeCategories.flatMap((c) => c.kinds.map((k) => [k, c.key] as const)));

/** A kind no category names yet counts as news (榜单动态): it is never lost, only not urgent. */
export function categoryOf(kind: string): NoticeCategory {
  return categoryByKind.get(kind) ?? "updates";
}

export function isNoticeCategory(s: string): s is NoticeCategory {
  return noticeCategories.some((c) => c.key === s);
}

export function categoryLabel(key: NoticeCategory): string {
  return noticeCategories.find((c) => c.key === key)!.label;
}
