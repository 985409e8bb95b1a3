import { describe, expect, it } from "vitest";
import type { MembershipStatus, OrgKind, OrgStatus, UserRole } from "../../db/schema";
import {
  activeOrgId,
  actsForEnterprise,
  actsForOrg,
  actsForResearch,
  agendaPublished,
  isBureauStaff,
  isMemberOf,
  isOrgAdmin,
  isVerifiedMember,
  readsAgenda,
  requireBureau,
} from "../../app/models/shared/access";
import { ForbiddenError } from "../../app/utils/errors";
import type { CurrentUser } from "../../app/models/shared/session.server";

function user(role: UserRole, membership: MembershipStatus, org: { kind: OrgKind; status: OrgStatus } | null, admin = false): CurrentUser {
  return {
    id: 1,
    name: "测试",
    role,
    email: null,
    mobile: null,
    orgId: org ? 7 : null,
    orgRole: org ? (admin ? "admin" : "member") : null,
    membershipStatus: membership,
    org: org && { id: 7, name: "测试机构", ...org },
    sessionId: "",
  };
}

const verifiedEnterprise = { kind: "enterprise", status: "verified" } as const;

describe("membership", () => {
  it("only an active member acts for the organisation: pending, rejected or left members act for none", () => {
    for (const m of ["pending", "rejected", "left", "none"] as MembershipStatus[]) {
      const u = user("enterprise", m, verifiedEnterprise, true);
      expect([activeOrgId(u), isMemberOf(u, 7), isVerifiedMember(u), isOrgAdmin(u, 7), actsForEnterprise(u, 7), actsForOrg(u)]).toEqual([null, false, false, false, false, false]);
    }
    const active = user("enterprise", "active", verifiedEnterprise, true);
    expect([activeOrgId(active), isMemberOf(active, 7), isMemberOf(active, 8), isOrgAdmin(active, 7), actsForEnterprise(active, 7)]).toEqual([7, true, false, true, true]);
    expect(isOrgAdmin(user("enterprise", "active", verifiedEnterprise), 7)).toBe(false);
  });

  it("verification is the organisation's: a member of an unverified one is a member, not a verified member", () => {
    const u = user("enterprise", "active", { kind: "enterprise", status: "unverified" });
    expect([isMemberOf(u, 7), isVerifiedMember(u), actsForOrg(u)]).toEqual([true, false, false]);
    expect(isVerifiedMember(null)).toBe(false);
  });

  it("researchers and experts of a 高校 or 院所 write results; an enterprise user or another organisation does not", () => {
    const uni = { kind: "university", status: "verified" } as const;
    expect(actsForResearch(user("researcher", "active", uni))).toBe(true);
    expect(actsForResearch(user("expert", "active", uni), 7)).toBe(true);
    expect(actsForResearch(user("expert", "active", uni), 8)).toBe(false);
    expect(actsForResearch(user("enterprise", "active", uni))).toBe(false);
    expect(actsForResearch(user("researcher", "active", verifiedEnterprise))).toBe(false);
  });
});

describe("the bureau", () => {
  const bureauOrg = { kind: "bureau", status: "verified" } as const;

  it("is an active 科技局工作人员 of the verified bureau organisation, nobody else", () => {
    expect(isBureauStaff(user("bureau", "active", bureauOrg))).toBe(true);
    expect(isBureauStaff(user("bureau", "pending", bureauOrg))).toBe(false);
    expect(isBureauStaff(user("bureau", "active", { kind: "bureau", status: "unverified" }))).toBe(false);
    expect(isBureauStaff(user("enterprise", "active", bureauOrg))).toBe(false);
    expect(isBureauStaff(user("bureau", "active", verifiedEnterprise))).toBe(false);
    expect(actsForOrg(user("bureau", "active", bureauOrg))).toBe(false);
  });

  it("requireBureau refuses everyone else with 403 and the caller's words (or the general ones)", () => {
    expect(() => requireBureau(user("bureau", "active", bureauOrg), "x")).not.toThrow();
    const refused = (() => {
      try {
        requireBureau(user("enterprise", "active", verifiedEnterprise), "对接会由区科技局工作人员创建和管理。");
      } catch (e) {
        return e;
      }
    })();
    expect(refused).toBeInstanceOf(ForbiddenError);
    expect((refused as ForbiddenError).message).toBe("对接会由区科技局工作人员创建和管理。");
    expect(() => requireBureau(null)).toThrow("您没有权限执行此操作。");
  });
});

describe("the agenda", () => {
  it("is published once preliminary or final; a validated participant reads it then, the bureau always", () => {
    expect((["none", "draft", "preliminary", "final"] as const).map(agendaPublished)).toEqual([false, false, true, true]);
    const participant = user("enterprise", "active", verifiedEnterprise);
    const bureau = user("bureau", "active", { kind: "bureau", status: "verified" });
    expect(readsAgenda(participant, { schedule_state: "draft" }, { status: "validated" })).toBe(false);
    expect(readsAgenda(participant, { schedule_state: "preliminary" }, { status: "validated" })).toBe(true);
    expect(readsAgenda(participant, { schedule_state: "final" }, { status: "unverified" })).toBe(false);
    expect(readsAgenda(participant, { schedule_state: "final" }, null)).toBe(false);
    expect(readsAgenda(bureau, { schedule_state: "draft" }, null)).toBe(true);
  });
});
