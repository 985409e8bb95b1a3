import type { ScheduleState } from "../../../db/schema";
import { ForbiddenError } from "../../utils/errors";
import type { CurrentUser } from "./session.server";

/**
 * Who a user is to the platform, in one place: membership of an organisation, its verification,
 * its admin, the bureau, the roles that act for an organisation. Every model asks these instead
 * of reading `membershipStatus`, `orgRole` or `org.kind` itself; what a role may do to a 榜单 is
 * the policy table in challenge/policy.server.ts, built from these. Pure (no database, no Node),
 * so a page may ask the same question its loader asked. README Decision 54.
 *
 * These say who someone is; they do not replace the query: a model that filters rows by
 * organisation keeps doing so in SQL (`where org_id = ?`) with `activeOrgId(user)`.
 */

/** The organisation a user acts for: theirs while an active member (not pending, left or refused), else none. */
export function activeOrgId(user: CurrentUser | null): number | null {
  return user != null && user.membershipStatus === "active" ? user.orgId : null;
}

/** A member of an organisation or waiting to join one: may not choose another. */
export function hasOrJoinsOrg(user: CurrentUser): boolean {
  return user.membershipStatus === "active" || user.membershipStatus === "pending";
}

/** An active member of that organisation. */
export function isMemberOf(user: CurrentUser | null, orgId: number): boolean {
  return activeOrgId(user) === orgId;
}

/** An active member of a verified organisation: who reads contact details and 榜单 in full. */
export function isVerifiedMember(user: CurrentUser | null): boolean {
  return activeOrgId(user) != null && user!.org?.status === "verified";
}

/** The admin of that organisation (edits its profile, accepts its members). */
export function isOrgAdmin(user: CurrentUser | null, orgId: number): boolean {
  return isMemberOf(user, orgId) && user!.orgRole === "admin";
}

/** Only an active member of the verified bureau organisation acts for the bureau. */
export function isBureauStaff(user: CurrentUser | null): boolean {
  return (
    user != null &&
    user.role === "bureau" &&
    user.membershipStatus === "active" &&
    user.org?.kind === "bureau" &&
    user.org.status === "verified"
  );
}

/** A 403 (with the caller's words, when given) for anyone but the bureau. */
export function requireBureau(user: CurrentUser | null, message?: string): void {
  if (!isBureauStaff(user)) throw new ForbiddenError(message);
}

/** 企业用户 of that organisation act for it: its 榜单, its interest in a result. */
export function actsForEnterprise(user: CurrentUser | null, orgId: number): boolean {
  return isMemberOf(user, orgId) && user!.role === "enterprise";
}

/** Researchers and experts (an expert keeps writing results for the 高校 or 院所 they belong to). */
export function isResearcher(user: CurrentUser | null): boolean {
  return user?.role === "researcher" || user?.role === "expert";
}

/** Researchers and experts of a 高校 or 科研院所 write results for it (for `orgId`, when given). */
export function actsForResearch(user: CurrentUser | null, orgId?: number): boolean {
  return (
    activeOrgId(user) != null &&
    isResearcher(user) &&
    (user!.org?.kind === "university" || user!.org?.kind === "institute") &&
    (orgId == null || user!.orgId === orgId)
  );
}

/** An active member of a verified organisation other than the bureau: who registers for a 对接会 and books meetings. */
export function actsForOrg(user: CurrentUser | null): user is CurrentUser & { orgId: number } {
  return isVerifiedMember(user) && user!.orgId != null && user!.org!.kind !== "bureau";
}

/** An agenda is out once the bureau publishes it, preliminary or final; a draft is the bureau's own. */
export function agendaPublished(state: ScheduleState): boolean {
  return state === "preliminary" || state === "final";
}

/** Who reads an event's agenda and its meetings: the bureau always; a validated participant once it is published. */
export function readsAgenda(user: CurrentUser | null, e: { schedule_state: ScheduleState }, own: { status: string } | null): boolean {
  return isBureauStaff(user) || (own?.status === "validated" && agendaPublished(e.schedule_state));
}
