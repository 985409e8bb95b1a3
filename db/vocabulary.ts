/**
 * The domain's closed sets of values, each written once (Decision 50). From these arrays derive the
 * column types in `schema.ts`, the zod enums in `app/schemas`, the label maps in
 * `app/utils/labels.ts` (typed `Record<…>`, so a new value without a label does not compile), and
 * the CHECK lists of new migrations (`checkIn` in `check-in.ts`). Old migrations keep their own
 * literal lists (they are history); `tests/db/vocabulary.test.ts` compares every CHECK … IN list of
 * a migrated database with the array here, so the two cannot drift apart unnoticed.
 *
 * Plain data: no imports, so the browser bundle can carry it (zod stays on the server).
 */

// ---- 机构与账户 ----
export const ORG_KINDS = ["enterprise", "university", "institute", "service", "bureau"] as const;
export const ORG_STATUSES = ["unverified", "verified", "rejected"] as const;
export const REGIONS = ["lizhou", "guangyuan_other", "sichuan_other", "outside"] as const;
export const USER_ROLES = ["enterprise", "researcher", "bureau", "expert"] as const;
export const ORG_ROLES = ["admin", "member"] as const;
export const MEMBERSHIP_STATUSES = ["none", "pending", "active", "rejected"] as const;
export const EXPERT_STATUSES = ["none", "applied", "approved", "rejected"] as const;
export const ACCOUNT_TOKEN_PURPOSES = ["verify_email", "reset_password", "unlock"] as const;
export const NOTICE_DELIVERIES = ["immediately", "digest", "site"] as const;
/** The plan's three sectors of 产业领域 (专栏 2–3), stored as the plan writes them. */
export const SECTORS = ["工业", "农业", "民生"] as const;

// ---- 揭榜挂帅 ----
export const CHALLENGE_STATUSES = [
  "draft",
  "submitted",
  "under_review",
  "published",
  "evaluating",
  "selected",
  "contracted",
  "in_progress",
  "accepted",
  "closed",
  "rejected",
  "failed",
  "withdrawn",
  "terminated",
] as const;
/** 期望合作方式 of a 榜单. */
export const COOPERATIONS = ["development", "transfer", "license", "consulting", "service"] as const;
/** 专家论证意见's conclusion. */
export const RECOMMENDATIONS = ["publish", "revise", "reject"] as const;
export const BID_STATUSES = ["submitted", "withdrawn", "selected", "not_selected"] as const;
/** The reasons an enterprise gives for each bid it did not select (定榜). */
export const NOT_SELECTED_REASONS = ["route_mismatch", "price_high", "duration_long", "team_weak", "other"] as const;
/** A bid's outcome_reason: one the enterprise gave, or `failed` when the 榜单 流标. */
export const OUTCOME_REASONS = [...NOT_SELECTED_REASONS, "failed"] as const;
export const ACCEPTANCE_LEVELS = ["excellent", "good", "pass", "fail"] as const;
/** The enterprise's decision on a milestone report. */
export const REPORT_DECISIONS = ["accepted", "returned"] as const;
/** A milestone's state follows from its reports (challenge/milestone-report.server.ts, milestoneState). */
export const MILESTONE_STATES = ["planned", "reported", ...REPORT_DECISIONS] as const;
export const AWARD_NOTICE_STATUSES = ["published", "revoked"] as const;
/** What the public reads beside a 中选公示 (challenge/award.server.ts, awardState). */
export const AWARD_STATES = ["open", "ended", "objections", "revoked"] as const;
export const OBJECTION_STATUSES = ["pending", "dismissed", "upheld", "closed"] as const;

// ---- 科技成果 ----
export const RESULT_STATUSES = ["draft", "published", "archived"] as const;
export const TRANSFER_MODES = ["transfer", "license", "equity", "joint", "service"] as const;
export const PATENT_KINDS = ["invention", "utility", "design"] as const;
export const PATENT_STATUSES = ["pending", "granted", "lapsed"] as const;

/** 成熟度 stages and the TRL (1–9) range of each, as Chinese practice groups them. */
export const STAGES = ["lab", "pilot", "scale", "industry"] as const;
export type Stage = (typeof STAGES)[number];
export const STAGE_TRL: Record<Stage, readonly [min: number, max: number]> = { lab: [1, 3], pilot: [4, 5], scale: [6, 7], industry: [8, 9] };
export function stageOfTrl(trl: number): Stage {
  return STAGES.find((s) => trl <= STAGE_TRL[s][1]) ?? "industry";
}

// ---- 附件 ----
/** The record kinds documents attach to (app/files/kinds.server.ts says who reads each). No CHECK. */
export const DOCUMENT_RECORD_KINDS = ["challenge", "bid", "result", "contract", "org", "objection", "milestone_report", "acceptance_report", "acceptance_opinion"] as const;

// ---- 搜索 ----
export const DOC_KINDS = ["challenge", "result", "expert"] as const;

// ---- 对接会 ----
export const EVENT_KINDS = ["results", "demands", "campus"] as const;
export const SLOT_MINUTES = [15, 20, 30] as const;
export const SCHEDULE_STATES = ["none", "draft", "preliminary", "final"] as const;
export const PARTICIPANT_STATUSES = ["pending", "validated", "refused"] as const;
export const MEETING_REQUEST_STATUSES = ["pending", "accepted", "declined", "withdrawn"] as const;
/** A pending request past its expiry reads as expired; the column never holds it. */
export const EFFECTIVE_REQUEST_STATUSES = [...MEETING_REQUEST_STATUSES, "expired"] as const;
export const MEETING_SOURCES = ["request", "match"] as const;
export const MEETING_STATUSES = ["scheduled", "cancelled"] as const;
export const MEETING_RATINGS = ["not_held", "low_interest", "useful_no_deal", "potential"] as const;
/** Months after an event when each meeting's parties are asked whether a contract followed. */
export const FOLLOW_UP_MONTHS = [1, 3, 6] as const;
export const FOLLOW_UP_ANSWERS = ["yes", "no"] as const;

// ---- 技术合同 (民法典 第843条 and the registration statistics' categories) ----
export const CONTRACT_TYPES = ["development", "transfer", "license", "consulting", "service"] as const;
/** No CHECK: which sub-type belongs to which type is a rule (contract/rules.ts, subtypesOf). */
export const CONTRACT_SUBTYPES = [
  "commissioned",
  "cooperative",
  "patent_right",
  "patent_application",
  "know_how",
  "patent_license",
  "know_how_license",
  "consulting",
  "service",
  "intermediary",
  "training",
] as const;
export const PARTY_KINDS = ["enterprise", "university", "institute", "other"] as const;
export const PAYMENTS = ["lump_sum", "installments", "royalty", "mixed", "other"] as const;
export const FLOWS = ["output", "absorb", "both", "neither"] as const;
export const ORIGIN_KINDS = ["challenge", "meeting", "result", "none"] as const;
export const CONTRACT_STATUSES = ["registered", "amended", "cancelled"] as const;
export const REVISION_ACTIONS = ["register", "import", "amend", "cancel"] as const;
/** Which amount the statistics count: 技术交易额 or 合同成交额. */
export const AMOUNT_BASES = ["tech", "total"] as const;

// Values that are derived, never stored, but named and labelled like the columns above.
export type MilestoneState = (typeof MILESTONE_STATES)[number];
export type AwardState = (typeof AWARD_STATES)[number];
export type EffectiveRequestStatus = (typeof EFFECTIVE_REQUEST_STATUSES)[number];
