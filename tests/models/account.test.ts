import { afterEach, describe, expect, it, vi } from "vitest";
import type { DB } from "../../db/client.server";
import { registerAccount, type Registration } from "../../app/models/account/account.server";
import { signIn } from "../../app/models/account/auth.server";
import { LIMITS } from "../../app/models/account/rate-limits.server";
import { InvalidInputError, TooManyAttemptsError } from "../../app/utils/errors";
import { createSession, findSessionUser, listSessions, revokeSession } from "../../app/models/shared/session.server";
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
  const delays = { slowdownMs: 0, lockPassDelayMs: 0 };
  const attempt = (db: DB, account: string, password: string, source = "203.0.113.1") =>
    signIn(db, { account: accountSchema.parse(account), password, source }, delays);

  afterEach(() => vi.useRealTimers());

  it("counts five wrong guesses, then refuses the 6th attempt from that source, even with the right password", async () => {
    const db = await freshDb({ demo: true });
    const results = [];
    for (let i = 0; i < LIMITS.signinAccount.points; i++) results.push(await attempt(db, "enterprise@demo.test", `wrong${i}abc`));
    expect(results.map((r) => (r.ok ? "ok" : r.remaining))).toEqual([4, 3, 2, 1, 0]);
    const locked = await attempt(db, "enterprise@demo.test", DEMO_PASSWORD).catch((e) => e);
    expect(locked).toBeInstanceOf(TooManyAttemptsError);
    expect(locked.status).toBe(429);
    expect(locked.message).toContain("该账号已暂时锁定");
    expect(locked.retryAfterMs).toBeGreaterThan(14 * 60_000);
  });

  it("gives back the point of a right password: signing in six times in a row locks nothing", async () => {
    const db = await freshDb({ demo: true });
    const id = await userIdByEmail(db, "enterprise@demo.test");
    for (let i = 0; i < 6; i++) expect(await attempt(db, "enterprise@demo.test", DEMO_PASSWORD)).toEqual({ ok: true, userId: id });
    expect(await attempt(db, "enterprise@demo.test", "wrong123")).toEqual({ ok: false, remaining: 4 });
  });

  it("throttles an unknown account exactly like a known one", async () => {
    const db = await freshDb({ demo: true });
    for (let i = 0; i < 5; i++) await attempt(db, "nobody@demo.test", "wrong123");
    await expect(attempt(db, "nobody@demo.test", "wrong123")).rejects.toBeInstanceOf(TooManyAttemptsError);
  });

  it("forgets attempts once the 15-minute window has passed", async () => {
    // rate-limiter-flexible reads the clock itself (Date.now), so the test moves that clock.
    vi.useFakeTimers({ toFake: ["Date"] });
    const t0 = Date.now();
    const db = await freshDb({ demo: true });
    for (let i = 0; i < 5; i++) await attempt(db, "enterprise@demo.test", "wrong123");
    vi.setSystemTime(t0 + 14 * 60_000);
    await expect(attempt(db, "enterprise@demo.test", "wrong123")).rejects.toBeInstanceOf(TooManyAttemptsError);
    vi.setSystemTime(t0 + 16 * 60_000);
    expect(await attempt(db, "enterprise@demo.test", "wrong123")).toEqual({ ok: false, remaining: 4 });
  });
});
