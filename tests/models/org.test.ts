import { describe, expect, it } from "vitest";
import type { DB } from "../../db/client.server";
import { registerAccount } from "../../app/models/account/account.server";
import { ConflictError, ForbiddenError, NotFoundError } from "../../app/utils/errors";
import { decideMembership, getOrgPage, reviewOrg, updateOrg } from "../../app/models/account/org.server";
import { createSession, findSessionUser, type CurrentUser } from "../../app/models/shared/session.server";
import { accountSchema } from "../../app/schemas/fields";
import { orgFieldsSchema } from "../../app/schemas/org";
import { demoCreditCode, seedOrgs } from "../../seeds/organizations";
import { freshDb, orgIdByName, userIdByEmail } from "../support/db";

const HAIJU = "四川海聚环保科技有限公司";
const SCITC = "四川信息职业技术学院";
const PENDING1 = "广元示范精密传动有限公司（演示）";
const codeOf = (key: string) => {
  const i = seedOrgs.findIndex((o) => o.key === key);
  return demoCreditCode(seedOrgs[i].prefix, seedOrgs[i].division, i + 1);
};

/** The user as the application sees them after signing in. */
async function asUser(db: DB, email: string): Promise<CurrentUser> {
  const token = await createSession(db, await userIdByEmail(db, email), { userAgent: null });
  return (await findSessionUser(db, token))!;
}

async function orgRow(db: DB, id: number) {
  return db.selectFrom("organizations").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}

async function events(db: DB, entity: string, entityId: number) {
  return db
    .selectFrom("audit_events")
    .select(["action", "from_state", "to_state", "reason", "actor_id"])
    .where("entity", "=", entity)
    .where("entity_id", "=", entityId)
    .orderBy("id")
    .execute();
}

/** Profile fields as the edit form would submit them, starting from the org's current values. */
async function editFields(db: DB, orgId: number, changes: Record<string, string> = {}) {
  const o = await orgRow(db, orgId);
  return orgFieldsSchema.omit({ orgKind: true }).parse({
    orgName: o.name,
    creditCode: o.credit_code,
    region: o.region,
    address: o.address ?? "",
    intro: o.intro ?? "",
    contactName: o.contact_name,
    contactPhone: o.contact_phone,
    contactEmail: o.contact_email ?? "",
    ...changes,
  });
}

/** A new person asking to join an existing organisation; returns their user id. */
async function joinRequest(db: DB, email: string, role: "enterprise" | "researcher", orgKey: string): Promise<number> {
  return registerAccount(db, {
    name: "新成员",
    account: accountSchema.parse(email),
    password: "Secret123",
    role,
    org: { mode: "join", creditCode: codeOf(orgKey) },
  });
}

describe("reviewOrg (机构认证)", () => {
  it("verifies a waiting organisation and records who did it", async () => {
    const db = await freshDb({ demo: true });
    const officer = await asUser(db, "bureau@demo.test");
    const orgId = await orgIdByName(db, PENDING1);

    await reviewOrg(db, officer, orgId, { verify: true });

    expect(await orgRow(db, orgId)).toMatchObject({ status: "verified", reviewed_by: officer.id, review_note: null });
    expect(await events(db, "organization", orgId)).toEqual([
      { action: "verify", from_state: "unverified", to_state: "verified", reason: null, actor_id: officer.id },
    ]);
  });

  it("rejects with the reason shown to the organisation", async () => {
    const db = await freshDb({ demo: true });
    const officer = await asUser(db, "bureau@demo.test");
    const orgId = await orgIdByName(db, PENDING1);

    await reviewOrg(db, officer, orgId, { verify: false, reason: "营业执照名称与填写不符" });

    expect(await orgRow(db, orgId)).toMatchObject({ status: "rejected", review_note: "营业执照名称与填写不符" });
    expect(await events(db, "organization", orgId)).toEqual([
      { action: "reject", from_state: "unverified", to_state: "rejected", reason: "营业执照名称与填写不符", actor_id: officer.id },
    ]);
  });

  it("refuses a second review of the same organisation with a conflict, keeping the first decision", async () => {
    const db = await freshDb({ demo: true });
    const officer = await asUser(db, "bureau@demo.test");
    const orgId = await orgIdByName(db, PENDING1);
    await reviewOrg(db, officer, orgId, { verify: true });

    const second = reviewOrg(db, officer, orgId, { verify: false, reason: "重复操作" });
    await expect(second).rejects.toBeInstanceOf(ConflictError);
    await expect(second).rejects.toThrow("该机构已被处理过");
    expect((await orgRow(db, orgId)).status).toBe("verified");
    expect(await events(db, "organization", orgId)).toHaveLength(1);
  });

  it.each(["enterprise@demo.test", "researcher@demo.test", "expert@demo.test", "pending@demo.test"])(
    "refuses %s, who is not bureau staff",
    async (email) => {
      const db = await freshDb({ demo: true });
      const orgId = await orgIdByName(db, PENDING1);
      await expect(reviewOrg(db, await asUser(db, email), orgId, { verify: true })).rejects.toBeInstanceOf(ForbiddenError);
      expect((await orgRow(db, orgId)).status).toBe("unverified");
      expect(await events(db, "organization", orgId)).toEqual([]);
    },
  );

  it("refuses a bureau-role user whose membership of the bureau is still pending", async () => {
    const db = await freshDb({ demo: true });
    await registerAccount(db, {
      name: "新来的科员",
      account: accountSchema.parse("clerk@example.com"),
      password: "Secret123",
      role: "bureau",
      org: { mode: "join", creditCode: codeOf("bureau") },
    });
    const orgId = await orgIdByName(db, PENDING1);
    await expect(reviewOrg(db, await asUser(db, "clerk@example.com"), orgId, { verify: true })).rejects.toBeInstanceOf(ForbiddenError);
    expect((await orgRow(db, orgId)).status).toBe("unverified");
  });

  it("does not review the bureau itself or an organisation that does not exist", async () => {
    const db = await freshDb({ demo: true });
    const officer = await asUser(db, "bureau@demo.test");
    await expect(reviewOrg(db, officer, officer.orgId!, { verify: false, reason: "测试" })).rejects.toBeInstanceOf(NotFoundError);
    await expect(reviewOrg(db, officer, 99_999, { verify: true })).rejects.toBeInstanceOf(NotFoundError);
    expect((await orgRow(db, officer.orgId!)).status).toBe("verified");
  });
});

describe("decideMembership (成员加入审核)", () => {
  it("lets the organisation's admin approve a pending member", async () => {
    const db = await freshDb({ demo: true });
    const newcomer = await joinRequest(db, "new@example.com", "enterprise", "haiju");
    const admin = await asUser(db, "enterprise@demo.test");

    await decideMembership(db, admin, newcomer, { approve: true });

    const user = await db.selectFrom("users").selectAll().where("id", "=", newcomer).executeTakeFirstOrThrow();
    expect(user).toMatchObject({ org_id: admin.orgId, org_role: "member", membership_status: "active" });
    expect(await events(db, "user", newcomer)).toContainEqual({
      action: "join_approve",
      from_state: "pending",
      to_state: "active",
      reason: null,
      actor_id: admin.id,
    });
  });

  it("lets the admin decline with a reason, freeing the person to choose another organisation", async () => {
    const db = await freshDb({ demo: true });
    const newcomer = await joinRequest(db, "new@example.com", "enterprise", "haiju");
    const admin = await asUser(db, "enterprise@demo.test");

    await decideMembership(db, admin, newcomer, { approve: false, reason: "本公司无此员工" });

    const user = await db.selectFrom("users").selectAll().where("id", "=", newcomer).executeTakeFirstOrThrow();
    expect(user).toMatchObject({ org_id: null, org_role: null, membership_status: "rejected", membership_note: "本公司无此员工" });
  });

  it("gives the admin of another organisation NotFound for that person, and changes nothing", async () => {
    const db = await freshDb({ demo: true });
    const newcomer = await joinRequest(db, "new@example.com", "enterprise", "haiju");
    const foreignAdmin = await asUser(db, "researcher@demo.test");

    await expect(decideMembership(db, foreignAdmin, newcomer, { approve: true })).rejects.toBeInstanceOf(NotFoundError);
    await expect(decideMembership(db, foreignAdmin, newcomer, { approve: false, reason: null })).rejects.toBeInstanceOf(NotFoundError);

    const user = await db.selectFrom("users").selectAll().where("id", "=", newcomer).executeTakeFirstOrThrow();
    expect(user).toMatchObject({ org_id: await orgIdByName(db, HAIJU), membership_status: "pending" });
    expect((await events(db, "user", newcomer)).map((e) => e.action)).toEqual(["join_request"]);
  });

  it("gives NotFound for a forged id: an active member, an unknown user, or a second decision", async () => {
    const db = await freshDb({ demo: true });
    const admin = await asUser(db, "enterprise@demo.test");
    const newcomer = await joinRequest(db, "new@example.com", "enterprise", "haiju");
    await decideMembership(db, admin, newcomer, { approve: true });

    await expect(decideMembership(db, admin, newcomer, { approve: false, reason: null })).rejects.toBeInstanceOf(NotFoundError);
    await expect(decideMembership(db, admin, admin.id, { approve: false, reason: null })).rejects.toBeInstanceOf(NotFoundError);
    await expect(decideMembership(db, admin, 99_999, { approve: true })).rejects.toBeInstanceOf(NotFoundError);
    expect((await db.selectFrom("users").select("membership_status").where("id", "=", newcomer).executeTakeFirstOrThrow()).membership_status).toBe("active");
  });

  it("refuses a member who is not the admin", async () => {
    const db = await freshDb({ demo: true });
    const admin = await asUser(db, "enterprise@demo.test");
    const member = await joinRequest(db, "member@example.com", "enterprise", "haiju");
    await decideMembership(db, admin, member, { approve: true });
    const newcomer = await joinRequest(db, "new@example.com", "enterprise", "haiju");

    await expect(decideMembership(db, await asUser(db, "member@example.com"), newcomer, { approve: true })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    expect((await db.selectFrom("users").select("membership_status").where("id", "=", newcomer).executeTakeFirstOrThrow()).membership_status).toBe("pending");
  });
});

describe("updateOrg (机构资料)", () => {
  it("resubmits a rejected organisation for verification when its admin edits it", async () => {
    const db = await freshDb({ demo: true });
    const adminId = await registerAccount(db, {
      name: "张晓明",
      account: accountSchema.parse("zhang@example.com"),
      password: "Secret123",
      role: "enterprise",
      org: {
        mode: "create",
        fields: orgFieldsSchema.parse({
          orgName: "广元测试新材料有限公司",
          orgKind: "enterprise",
          creditCode: demoCreditCode("91", "510802", 77),
          region: "lizhou",
          contactName: "张晓明",
          contactPhone: "0839-1234567",
        }),
      },
    });
    const officer = await asUser(db, "bureau@demo.test");
    const admin = await asUser(db, "zhang@example.com");
    await reviewOrg(db, officer, admin.orgId!, { verify: false, reason: "请补充地址" });

    await updateOrg(db, admin, admin.orgId!, await editFields(db, admin.orgId!, { address: "利州区东坝街道 1 号" }));

    expect(await orgRow(db, admin.orgId!)).toMatchObject({ status: "unverified", address: "利州区东坝街道 1 号" });
    expect((await events(db, "organization", admin.orgId!)).at(-1)).toEqual({
      action: "resubmit",
      from_state: "rejected",
      to_state: "unverified",
      reason: null,
      actor_id: adminId,
    });
  });

  it("sends a verified organisation back for verification when its credit code changes", async () => {
    const db = await freshDb({ demo: true });
    const admin = await asUser(db, "enterprise@demo.test");
    const newCode = demoCreditCode("91", "510802", 88);

    await updateOrg(db, admin, admin.orgId!, await editFields(db, admin.orgId!, { creditCode: newCode }));

    expect(await orgRow(db, admin.orgId!)).toMatchObject({ status: "unverified", credit_code: newCode });
    expect(await events(db, "organization", admin.orgId!)).toContainEqual(
      expect.objectContaining({ action: "resubmit", from_state: "verified", to_state: "unverified" }),
    );
  });

  it("keeps a verified organisation verified when only its contact details change", async () => {
    const db = await freshDb({ demo: true });
    const admin = await asUser(db, "enterprise@demo.test");

    await updateOrg(db, admin, admin.orgId!, await editFields(db, admin.orgId!, { contactPhone: "13800138000" }));

    expect(await orgRow(db, admin.orgId!)).toMatchObject({ status: "verified", contact_phone: "13800138000" });
  });

  it("gives NotFound to anyone but the organisation's admin, and changes nothing", async () => {
    const db = await freshDb({ demo: true });
    const haiju = await orgIdByName(db, HAIJU);
    const before = await orgRow(db, haiju);
    const fields = await editFields(db, haiju, { orgName: "被篡改的名称" });
    const newcomer = await joinRequest(db, "new@example.com", "enterprise", "haiju");
    const pendingMember = await asUser(db, "new@example.com");
    expect(pendingMember.id).toBe(newcomer);

    for (const user of [await asUser(db, "researcher@demo.test"), await asUser(db, "bureau@demo.test"), pendingMember]) {
      await expect(updateOrg(db, user, haiju, fields)).rejects.toBeInstanceOf(NotFoundError);
    }
    expect(await orgRow(db, haiju)).toEqual(before);
  });

  it("refuses renaming to a look-alike of another organisation's name (a zero-width joiner inside)", async () => {
    const db = await freshDb({ demo: true });
    const admin = await asUser(db, "enterprise@demo.test");
    const before = await orgRow(db, admin.orgId!);
    await expect(
      updateOrg(db, admin, admin.orgId!, await editFields(db, admin.orgId!, { orgName: "广元市海鹏生物\u200D科技有限公司" })),
    ).rejects.toMatchObject({ status: 400, fieldErrors: { orgName: ["已有同名机构在平台登记"] } });
    expect(await orgRow(db, admin.orgId!)).toEqual(before);
  });

  it("keeps 广元市（茶业）集团有限公司 verified, its full-width brackets as typed, when its details are edited", async () => {
    const db = await freshDb({ demo: true });
    const admin = await asUser(db, "tea@demo.test");
    await updateOrg(db, admin, admin.orgId!, await editFields(db, admin.orgId!, { contactPhone: "13800138000" }));
    expect(await orgRow(db, admin.orgId!)).toMatchObject({ status: "verified", name: "广元市（茶业）集团有限公司" });
  });

  it("refuses a name or code that another organisation already uses", async () => {
    const db = await freshDb({ demo: true });
    const admin = await asUser(db, "enterprise@demo.test");
    const before = await orgRow(db, admin.orgId!);
    await expect(
      updateOrg(db, admin, admin.orgId!, await editFields(db, admin.orgId!, { creditCode: codeOf("haipeng") })),
    ).rejects.toMatchObject({ status: 400, fieldErrors: { creditCode: [expect.stringContaining("已被平台上的其他机构使用")] } });
    expect(await orgRow(db, admin.orgId!)).toEqual(before);
  });
});

describe("getOrgPage (机构主页的可见范围)", () => {
  it("hides an unverified organisation from anonymous visitors and other organisations' users", async () => {
    const db = await freshDb({ demo: true });
    const orgId = await orgIdByName(db, PENDING1);
    await expect(getOrgPage(db, orgId, null)).rejects.toBeInstanceOf(NotFoundError);
    for (const email of ["enterprise@demo.test", "researcher@demo.test", "expert@demo.test"]) {
      await expect(getOrgPage(db, orgId, await asUser(db, email))).rejects.toBeInstanceOf(NotFoundError);
    }
  });

  it("hides an unverified organisation from someone whose request to join is still pending", async () => {
    const db = await freshDb({ demo: true });
    await joinRequest(db, "new@example.com", "enterprise", "pending1");
    await expect(getOrgPage(db, await orgIdByName(db, PENDING1), await asUser(db, "new@example.com"))).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  it("shows an unverified organisation to its own member and to the bureau", async () => {
    const db = await freshDb({ demo: true });
    const orgId = await orgIdByName(db, PENDING1);
    const own = await getOrgPage(db, orgId, await asUser(db, "pending@demo.test"));
    expect(own).toMatchObject({ isMember: true, isAdmin: true, org: { name: PENDING1, status: "unverified" } });
    const bureau = await getOrgPage(db, orgId, await asUser(db, "bureau@demo.test"));
    expect(bureau).toMatchObject({ isMember: false, isAdmin: false, org: { name: PENDING1 } });
    expect(bureau.org.contact).toEqual({ name: "周经理", phone: expect.any(String), email: null });
  });

  it("shows a verified organisation to everyone, but its contact only to verified users and the bureau", async () => {
    const db = await freshDb({ demo: true });
    const orgId = await orgIdByName(db, HAIJU);
    const contact = { name: "王工", phone: expect.stringMatching(/^0839-/), email: null };

    const anonymous = await getOrgPage(db, orgId, null);
    expect(anonymous.org.name).toBe(HAIJU);
    expect(anonymous.org.contact).toBeNull();
    expect(anonymous.members).toEqual([]);

    const unverifiedViewer = await getOrgPage(db, orgId, await asUser(db, "pending@demo.test"));
    expect(unverifiedViewer.org.contact).toBeNull();

    expect((await getOrgPage(db, orgId, await asUser(db, "researcher@demo.test"))).org.contact).toEqual(contact);
    expect((await getOrgPage(db, orgId, await asUser(db, "enterprise@demo.test"))).org.contact).toEqual(contact);
    expect((await getOrgPage(db, orgId, await asUser(db, "bureau@demo.test"))).org.contact).toEqual(contact);
  });

  it("shows pending join requests to the admin only", async () => {
    const db = await freshDb({ demo: true });
    const orgId = await orgIdByName(db, SCITC);
    await joinRequest(db, "new@example.com", "researcher", "scitc");
    const names = async (email: string) => (await getOrgPage(db, orgId, await asUser(db, email))).members.map((m) => m.name);
    expect(await names("researcher@demo.test")).toContain("新成员");
    expect(await names("bureau@demo.test")).not.toContain("新成员");
    expect(await names("enterprise@demo.test")).toEqual([]);
  });

  it("answers NotFound for an id that does not exist", async () => {
    const db = await freshDb({ demo: true });
    await expect(getOrgPage(db, 99_999, await asUser(db, "bureau@demo.test"))).rejects.toBeInstanceOf(NotFoundError);
  });
});
