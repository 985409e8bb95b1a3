import { describe, expect, it } from "vitest";
import type { DB } from "../../db/client.server";
import { registerAccount, type Registration } from "../../app/models/account.server";
import { LOCK_AFTER, signIn } from "../../app/models/auth.server";
import { InvalidInputError } from "../../app/models/errors";
import { createSession, findSessionUser, listSessions, revokeSession } from "../../app/models/session.server";
import { accountSchema } from "../../app/schemas/fields";
import { orgFieldsSchema } from "../../app/schemas/org";
import { DEMO_PASSWORD, demoCreditCode, seedOrgs } from "../../seeds/organizations";
import { freshDb, userIdByEmail } from "../support/db";

const NEW_CODE = demoCreditCode("91", "510802", 77);
const HAIJU_CODE = demoCreditCode("91", "510802", seedOrgs.findIndex((o) => o.key === "haiju") + 1);
const SCITC_CODE = demoCreditCode("12", "510802", seedOrgs.findIndex((o) => o.key === "scitc") + 1);

function newOrg(overrides: Record<string, string> = {}) {
  return orgFieldsSchema.parse({
    orgName: "广元测试新材料有限公司",
    orgKind: "enterprise",
    creditCode: NEW_CODE,
    region: "lizhou",
    contactName: "张晓明",
    contactPhone: "0839-1234567",
    ...overrides,
  });
}

function registration(overrides: Partial<Registration> = {}): Registration {
  return {
    name: "张晓明",
    account: accountSchema.parse("zhang@example.com"),
    password: "Secret123",
    role: "enterprise",
    org: { mode: "create", fields: newOrg() },
    ...overrides,
  };
}

async function rowCounts(db: DB) {
  const count = async (table: "users" | "organizations" | "audit_events" | "sessions") =>
    Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
  return {
    users: await count("users"),
    organizations: await count("organizations"),
    audit_events: await count("audit_events"),
    sessions: await count("sessions"),
  };
}

/** Run a registration that must fail; return its field messages and check nothing was written. */
async function refusedRegistration(db: DB, r: Registration): Promise<Record<string, string[]>> {
  const before = await rowCounts(db);
  const error = await registerAccount(db, r).then(
    () => expect.unreachable("registration should have been refused"),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InvalidInputError);
  expect(await rowCounts(db)).toEqual(before);
  return (error as InvalidInputError).fieldErrors;
}

describe("registerAccount", () => {
  it("creates the account and a new, unverified organisation with the user as its admin", async () => {
    const db = await freshDb();
    const userId = await registerAccount(db, registration());

    const user = await db.selectFrom("users").selectAll().where("id", "=", userId).executeTakeFirstOrThrow();
    expect(user).toMatchObject({ name: "张晓明", email: "zhang@example.com", mobile: null, role: "enterprise", org_role: "admin", membership_status: "active" });
    expect(user.password_hash).not.toContain("Secret123");

    const org = await db.selectFrom("organizations").selectAll().where("id", "=", user.org_id!).executeTakeFirstOrThrow();
    expect(org).toMatchObject({ name: "广元测试新材料有限公司", kind: "enterprise", credit_code: NEW_CODE, status: "unverified" });

    const events = await db.selectFrom("audit_events").selectAll().where("entity", "=", "organization").execute();
    expect(events).toMatchObject([{ entity_id: org.id, action: "create", to_state: "unverified", actor_id: userId }]);
  });

  it("registers a mobile account, stored as bare digits", async () => {
    const db = await freshDb();
    const userId = await registerAccount(db, registration({ account: accountSchema.parse("+86 138 0013 8000") }));
    const user = await db.selectFrom("users").select(["email", "mobile"]).where("id", "=", userId).executeTakeFirstOrThrow();
    expect(user).toEqual({ email: null, mobile: "13800138000" });
  });

  it("asks to join an existing organisation: a pending member until its admin approves", async () => {
    const db = await freshDb({ demo: true });
    const userId = await registerAccount(
      db,
      registration({ role: "researcher", org: { mode: "join", creditCode: SCITC_CODE } }),
    );
    const user = await db
      .selectFrom("users")
      .innerJoin("organizations", "organizations.id", "users.org_id")
      .select(["organizations.name", "users.org_role", "users.membership_status"])
      .where("users.id", "=", userId)
      .executeTakeFirstOrThrow();
    expect(user).toEqual({ name: "四川信息职业技术学院", org_role: "member", membership_status: "pending" });
    const event = await db.selectFrom("audit_events").selectAll().where("entity", "=", "user").where("action", "=", "join_request").executeTakeFirstOrThrow();
    expect(event).toMatchObject({ entity_id: userId, action: "join_request", to_state: "pending", actor_id: userId });
  });

  it("refuses an e-mail that is already registered, whatever its case", async () => {
    const db = await freshDb({ demo: true });
    const errors = await refusedRegistration(db, registration({ account: accountSchema.parse("Enterprise@Demo.TEST") }));
    expect(errors.account).toEqual(["该邮箱已注册，请直接登录"]);
  });

  it("refuses a mobile number that is already registered, however it is written", async () => {
    const db = await freshDb();
    await registerAccount(db, registration({ account: accountSchema.parse("13800138000") }));
    const errors = await refusedRegistration(
      db,
      registration({
        account: accountSchema.parse("+86 138-0013-8000"),
        org: { mode: "create", fields: newOrg({ orgName: "另一家测试公司", creditCode: demoCreditCode("91", "510802", 78) }) },
      }),
    );
    expect(errors.account).toEqual(["该手机号已注册，请直接登录"]);
  });

  it("refuses a credit code already on the platform, leaving no orphan user behind", async () => {
    const db = await freshDb({ demo: true });
    const errors = await refusedRegistration(
      db,
      registration({ org: { mode: "create", fields: newOrg({ creditCode: HAIJU_CODE }) } }),
    );
    expect(errors.creditCode?.[0]).toContain("该统一社会信用代码已在平台登记");
    expect(await db.selectFrom("users").select("id").where("email", "=", "zhang@example.com").executeTakeFirst()).toBeUndefined();
  });

  it("refuses an organisation name already on the platform", async () => {
    const db = await freshDb({ demo: true });
    const errors = await refusedRegistration(
      db,
      registration({ org: { mode: "create", fields: newOrg({ orgName: "四川海聚环保科技有限公司" }) } }),
    );
    expect(errors.orgName?.[0]).toContain("已有同名机构");
  });

  it("refuses a researcher creating an 企业, writing nothing", async () => {
    const db = await freshDb();
    const errors = await refusedRegistration(db, registration({ role: "researcher" }));
    expect(errors.orgKind).toEqual(["科研人员应属于高校、科研院所，不能加入企业"]);
  });

  it("refuses an enterprise user joining a 高校, writing nothing", async () => {
    const db = await freshDb({ demo: true });
    const errors = await refusedRegistration(db, registration({ org: { mode: "join", creditCode: SCITC_CODE } }));
    expect(errors.joinCreditCode?.[0]).toContain("企业用户应属于企业、服务机构，不能加入高校");
  });

  it("refuses a bureau officer creating an organisation even if the form check is bypassed", async () => {
    const db = await freshDb();
    const errors = await refusedRegistration(db, registration({ role: "bureau" }));
    expect(errors.orgKind?.[0]).toContain("科技局工作人员应属于区科技局");
  });

  it("refuses to join an unknown credit code, writing nothing", async () => {
    const db = await freshDb({ demo: true });
    const errors = await refusedRegistration(db, registration({ org: { mode: "join", creditCode: NEW_CODE } }));
    expect(errors.joinCreditCode?.[0]).toContain("平台上没有这个统一社会信用代码对应的机构");
  });
});

describe("sessions", () => {
  it("rotates: signing in again revokes the previous token", async () => {
    const db = await freshDb({ demo: true });
    const userId = await userIdByEmail(db, "enterprise@demo.test");
    const first = await createSession(db, userId, { userAgent: "Firefox" });
    expect((await findSessionUser(db, first))?.id).toBe(userId);

    const second = await createSession(db, userId, { userAgent: "Firefox", previousToken: first });
    expect(second).not.toBe(first);
    expect(await findSessionUser(db, first)).toBeNull();
    const user = await findSessionUser(db, second);
    expect(user).toMatchObject({ id: userId, name: "海聚环保 王工", org: { name: "四川海聚环保科技有限公司", status: "verified" } });
  });

  it("stores only a hash of the token", async () => {
    const db = await freshDb({ demo: true });
    const token = await createSession(db, await userIdByEmail(db, "enterprise@demo.test"), { userAgent: null });
    const ids = (await db.selectFrom("sessions").select("id").execute()).map((r) => r.id);
    expect(ids).toHaveLength(1);
    expect(ids[0]).not.toContain(token);
  });

  it("finds nothing for an expired session or an unknown token", async () => {
    const db = await freshDb({ demo: true });
    const token = await createSession(db, await userIdByEmail(db, "enterprise@demo.test"), { userAgent: null });
    await db.updateTable("sessions").set({ expires_at: new Date(Date.now() - 1000).toISOString() }).execute();
    expect(await findSessionUser(db, token)).toBeNull();
    expect(await findSessionUser(db, "not-a-token")).toBeNull();
  });

  it("will not revoke another user's session", async () => {
    const db = await freshDb({ demo: true });
    const alice = await userIdByEmail(db, "enterprise@demo.test");
    const bob = await userIdByEmail(db, "researcher@demo.test");
    const bobToken = await createSession(db, bob, { userAgent: null });
    const [bobSession] = await listSessions(db, bob);

    expect(await revokeSession(db, alice, bobSession.id)).toBe(false);
    expect((await findSessionUser(db, bobToken))?.id).toBe(bob);

    expect(await revokeSession(db, bob, bobSession.id)).toBe(true);
    expect(await findSessionUser(db, bobToken)).toBeNull();
  });
});

describe("signIn throttling", () => {
  const SLOW = 1000;
  const t0 = new Date("2026-03-01T02:00:00Z");
  const later = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

  it("slows from the 3rd failure, locks at the 5th, even against the right password", async () => {
    const db = await freshDb({ demo: true });
    const account = accountSchema.parse("enterprise@demo.test");
    const results = [];
    for (let i = 0; i < LOCK_AFTER; i++) {
      results.push(await signIn(db, account, `wrong${i}abc`, { slowdownMs: SLOW, now: later(i) }));
    }
    expect(results.slice(0, 4)).toEqual([
      { ok: false, reason: "invalid", delayMs: 0, remaining: 4 },
      { ok: false, reason: "invalid", delayMs: 0, remaining: 3 },
      { ok: false, reason: "invalid", delayMs: SLOW, remaining: 2 },
      { ok: false, reason: "invalid", delayMs: 2 * SLOW, remaining: 1 },
    ]);
    expect(results[4]).toMatchObject({ ok: false, reason: "locked" });

    expect(await signIn(db, account, DEMO_PASSWORD, { slowdownMs: SLOW, now: later(5) })).toMatchObject({
      ok: false,
      reason: "locked",
    });
    // The lock lasts 15 minutes from the 5th failure.
    const after = await signIn(db, account, DEMO_PASSWORD, { slowdownMs: SLOW, now: later(4 + 16) });
    expect(after).toEqual({ ok: true, userId: await userIdByEmail(db, "enterprise@demo.test") });
  });

  it("clears the counter on success", async () => {
    const db = await freshDb({ demo: true });
    const account = accountSchema.parse("enterprise@demo.test");
    for (let i = 0; i < 4; i++) await signIn(db, account, "wrong123", { slowdownMs: SLOW, now: later(i) });
    expect((await signIn(db, account, DEMO_PASSWORD, { slowdownMs: SLOW, now: later(5) })).ok).toBe(true);
    expect(await db.selectFrom("login_attempts").selectAll().execute()).toEqual([]);
    expect(await signIn(db, account, "wrong123", { slowdownMs: SLOW, now: later(6) })).toEqual({
      ok: false,
      reason: "invalid",
      delayMs: 0,
      remaining: 4,
    });
  });

  it("throttles an unknown account exactly like a known one", async () => {
    const db = await freshDb({ demo: true });
    const account = accountSchema.parse("nobody@demo.test");
    let last;
    for (let i = 0; i < LOCK_AFTER; i++) last = await signIn(db, account, "wrong123", { slowdownMs: SLOW, now: later(i) });
    expect(last).toMatchObject({ ok: false, reason: "locked" });
  });

  it("forgets failures older than the 15-minute window", async () => {
    const db = await freshDb({ demo: true });
    const account = accountSchema.parse("enterprise@demo.test");
    for (let i = 0; i < 4; i++) await signIn(db, account, "wrong123", { slowdownMs: SLOW, now: later(i) });
    expect(await signIn(db, account, "wrong123", { slowdownMs: SLOW, now: later(30) })).toEqual({
      ok: false,
      reason: "invalid",
      delayMs: 0,
      remaining: 4,
    });
  });
});
