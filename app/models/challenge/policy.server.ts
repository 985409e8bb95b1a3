import type { ChallengeStatus } from "../../../db/schema";
import { PRE_PUBLICATION } from "./visibility";
import { type CurrentUser, actsForEnterprise, isBureauStaff, isMemberOf, isVerifiedMember } from "../shared";

/**
 * Who may do what to a 榜单, in one table. Every model function asks `can()` before it writes,
 * the pages ask it to decide which buttons to show, and tests walk the table cell by cell.
 */
export type ChallengeAction =
  | "edit"
  | "submit"
  | "return"
  | "send_to_review"
  | "assign_experts"
  | "publish"
  | "reject"
  | "give_opinion"
  | "withdraw"
  | "bid"
  | "score_bids"
  | "select"
  | "fail"
  | "sign"
  | "report_milestone"
  | "review_report"
  | "confirm"
  | "accept"
  | "terminate"
  | "pay"
  // Issue 13 §4: deadline changes and following.
  | "extend_deadline"
  | "close_bidding"
  | "follow"
  | "reopen";

/** What the policy needs to know about one challenge and the viewer's relation to it. */
export interface ChallengeContext {
  status: ChallengeStatus;
  orgId: number;
  /** The viewer is an expert assigned to this challenge. */
  assignedExpert: boolean;
  /** The viewer's organisation has a bid on it (any state). */
  viewerOrgBid: boolean;
  /** The viewer's organisation won it (its bid was selected): the team that reports milestones. */
  viewerOrgWon: boolean;
  /** The enterprise has confirmed that the 考核指标 were met. */
  ownerConfirmed: boolean;
  /** Why signing must wait for the 中选公示 (challenge/award-gate.server.ts), null when it need not. */
  signingGate: string | null;
}

const BIDDER_KINDS = ["university", "institute", "enterprise"];

const rules: Record<ChallengeAction, (u: CurrentUser | null, c: ChallengeContext) => boolean> = {
  edit: (u, c) => actsForEnterprise(u, c.orgId) && c.status === "draft",
  submit: (u, c) => actsForEnterprise(u, c.orgId) && c.status === "draft" && u!.org?.status === "verified",
  return: (u, c) => isBureauStaff(u) && c.status === "submitted",
  send_to_review: (u, c) => isBureauStaff(u) && c.status === "submitted",
  assign_experts: (u, c) => isBureauStaff(u) && (c.status === "under_review" || c.status === "evaluating"),
  publish: (u, c) => isBureauStaff(u) && c.status === "under_review",
  reject: (u, c) => isBureauStaff(u) && c.status === "under_review",
  give_opinion: (u, c) => u?.role === "expert" && c.assignedExpert && c.status === "under_review",
  withdraw: (u, c) => actsForEnterprise(u, c.orgId) && c.status === "published",
  bid: (u, c) =>
    c.status === "published" &&
    isVerifiedMember(u) &&
    u!.orgId !== c.orgId &&
    u!.role !== "bureau" &&
    BIDDER_KINDS.includes(u!.org!.kind),
  score_bids: (u, c) => u?.role === "expert" && c.assignedExpert && !c.viewerOrgBid && c.status === "evaluating",
  select: (u, c) => (isBureauStaff(u) || actsForEnterprise(u, c.orgId)) && c.status === "evaluating",
  fail: (u, c) => (isBureauStaff(u) || actsForEnterprise(u, c.orgId)) && c.status === "evaluating",
  sign: (u, c) => (isBureauStaff(u) || actsForEnterprise(u, c.orgId)) && c.status === "selected" && c.signingGate == null,
  // The winning team reports each milestone; the enterprise (or the bureau for it) accepts or returns.
  report_milestone: (u, c) => u != null && c.viewerOrgWon && (c.status === "contracted" || c.status === "in_progress"),
  review_report: (u, c) => (isBureauStaff(u) || actsForEnterprise(u, c.orgId)) && (c.status === "contracted" || c.status === "in_progress"),
  confirm: (u, c) => actsForEnterprise(u, c.orgId) && c.status === "in_progress" && !c.ownerConfirmed,
  accept: (u, c) => isBureauStaff(u) && c.status === "in_progress" && c.ownerConfirmed,
  terminate: (u, c) => isBureauStaff(u) && (c.status === "contracted" || c.status === "in_progress"),
  pay: (u, c) => (isBureauStaff(u) || actsForEnterprise(u, c.orgId)) && c.status === "accepted",
  // Only while bidding is open: a closed round is never re-opened (bids were read after it closed).
  extend_deadline: (u, c) => isBureauStaff(u) && c.status === "published",
  close_bidding: (u, c) => isBureauStaff(u) && c.status === "published",
  // Anyone signed in who can see a public 榜单 may follow it; unfollowing is always allowed.
  follow: (u, c) => u != null && !PRE_PUBLICATION.includes(c.status),
  // An objection to the 中选公示 upheld: the selection is reopened (challenge/award.server.ts, decideObjection).
  reopen: (u, c) => isBureauStaff(u) && c.status === "selected",
};

export function can(user: CurrentUser | null, action: ChallengeAction, c: ChallengeContext): boolean {
  return rules[action](user, c);
}

export function allowedActions(user: CurrentUser | null, c: ChallengeContext): ChallengeAction[] {
  return (Object.keys(rules) as ChallengeAction[]).filter((a) => rules[a](user, c));
}

/** Whole-record read: who sees a challenge at all (public summary), and who sees its details. */
export function readLevel(user: CurrentUser | null, c: ChallengeContext): "none" | "summary" | "details" {
  const privileged = isBureauStaff(user) || isMemberOf(user, c.orgId) || c.assignedExpert;
  if (PRE_PUBLICATION.includes(c.status)) return privileged ? "details" : "none";
  if (privileged || isVerifiedMember(user)) return "details";
  return "summary";
}

/**
 * A bid is read by its own organisation, the challenge's enterprise, the bureau, and experts
 * assigned to the challenge once bidding has closed, unless the expert's own organisation bid.
 */
export function canReadBid(user: CurrentUser | null, bidOrgId: number, c: ChallengeContext): boolean {
  return isBureauStaff(user) || isMemberOf(user, bidOrgId) || isMemberOf(user, c.orgId) || expertReadsBids(user, c);
}

/** Experts judge bids after the deadline, never while competitors (or their own colleagues) can still bid. */
export function expertReadsBids(user: CurrentUser | null, c: ChallengeContext): boolean {
  return user?.role === "expert" && c.assignedExpert && !c.viewerOrgBid && c.status !== "published";
}

/** A published challenge whose deadline has passed is 评审中 everywhere, whether or not a job has run. */
export function effectiveStatus(status: ChallengeStatus, deadline: string | null, now: Date): ChallengeStatus {
  return status === "published" && deadline != null && deadline <= now.toISOString() ? "evaluating" : status;
}
