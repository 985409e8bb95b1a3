import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import type { DB } from "../../db/client.server";
import { registerAccount } from "../../app/models/account/account.server";
import { listSessions } from "../../app/models/shared/session.server";
import { accountSchema } from "../../app/schemas/fields";
import { action as reviewAction, loader as reviewLoader } from "../../app/routes/bureau.orgs";
import { action as logoutAction } from "../../app/routes/logout";
import { action as meAction, loader as meLoader } from "../../app/routes/me";
import { action as orgAction, loader as orgLoader } from "../../app/routes/orgs.$id";
import { action as editAction, loader as editLoader } from "../../app/routes/orgs.$id_.edit";
import { demoCreditCode, seedOrgs } from "../../seeds/organizations";
import { everyRow, freshDb, orgIdByName, userIdByEmail } from "../support/db";
import { ROUTES_DIR, routeModules } from "../support/route-modules";
import { anonymous, body, call, get, post, signedIn, type Browser } from "../support/http";

const HAIJU = "四川海聚环保科技有限公司";
const SCITC = "四川信息职业技术学院";
const PENDING1 = "广元示范精密传动有限公司（演示）";
const EXPIRED = "页面已过期";

const ROLES = ["anonymous", "enterprise", "researcher", "expert", "bureau"] as const;
type Role = (typeof ROLES)[number];
/** The demo accounts in seeds/organizations.ts: enterprise → 海聚环保, researcher → 信息学院, expert → 电子科大. */
const EMAIL: Record<Exclude<Role, "anonymous">, string> = {
  enterprise: "enterprise@demo.test",
  researcher: "researcher@demo.test",
  expert: "expert@demo.test",
  bureau: "bureau@demo.test",
};

async function browserFor(db: DB, who: Role | string): Promise<Browser> {
  if (who === "anonymous") return anonymous();
  return signedIn(await userIdByEmail(db, who in EMAIL ? EMAIL[who as keyof typeof EMAIL] : who));
}

async function orgStatus(db: DB, id: number) {
  return (await db.selectFrom("organizations").select("status").where("id", "=", id).executeTakeFirstOrThrow()).status;
}

async function membership(db: DB, userId: number) {
  return db.selectFrom("users").select(["org_id", "membership_status"]).where("id", "=", userId).executeTakeFirstOrThrow();
}

/** Someone asking to join a seeded organisation; returns their user id. */
async function joinRequest(db: DB, email: string, role: "enterprise" | "researcher", orgKey: string): Promise<number> {
  const i = seedOrgs.findIndex((o) => o.key === orgKey);
  return registerAccount(db, {
    name: "新成员",
    account: accountSchema.parse(email),
    password: "Secret123",
    role,
    org: { mode: "join", creditCode: demoCreditCode(seedOrgs[i].prefix, seedOrgs[i].division, i + 1) },
  });
}

describe("GET /bureau/orgs (机构认证队列)", () => {
  it("sends an anonymous visitor to sign in and back", async () => {
    await freshDb({ demo: true });
    const res = await call(reviewLoader, get("/bureau/orgs?status=rejected"));
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(`/login?redirectTo=${encodeURIComponent("/bureau/orgs?status=rejected")}`);
  });

  it.each(["enterprise", "researcher", "expert"] as const)("refuses %s with 403 and a Chinese explanation", async (role) => {
    const db = await freshDb({ demo: true });
    const res = await call(reviewLoader, get("/bureau/orgs", await browserFor(db, role)));
    expect(res.status).toBe(403);
    expect((await body(res)).message).toBe("此页面仅供区科技局工作人员使用。");
  });

  it("shows bureau staff the organisations waiting for verification", async () => {
    const db = await freshDb({ demo: true });
    const res = await call(reviewLoader, get("/bureau/orgs", await browserFor(db, "bureau")));
    expect(res.status).toBe(200);
    const data = await body(res);
    expect(data.rows.map((r: { name: string }) => r.name)).toContain(PENDING1);
    expect(data.counts.unverified).toBe(3);
  });
});

describe("POST /bureau/orgs (认证通过 / 驳回)", () => {
  const expected: Record<Role, number> = { anonymous: 302, enterprise: 403, researcher: 403, expert: 403, bureau: 302 };

  it.each(ROLES.filter((r) => r !== "bureau"))("does not let %s verify an organisation", async (role) => {
    const db = await freshDb({ demo: true });
    const orgId = await orgIdByName(db, PENDING1);
    const res = await call(reviewAction, post("/bureau/orgs", { intent: "verify", orgId: String(orgId) }, await browserFor(db, role)));
    expect(res.status).toBe(expected[role]);
    if (role === "anonymous") expect(res.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
    expect(await orgStatus(db, orgId)).toBe("unverified");
  });

  it("lets bureau staff verify, and answers a second click with a conflict", async () => {
    const db = await freshDb({ demo: true });
    const orgId = await orgIdByName(db, PENDING1);
    const b = await browserFor(db, "bureau");
    const res = await call(reviewAction, post("/bureau/orgs?status=unverified", { intent: "verify", orgId: String(orgId) }, b));
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/bureau/orgs?status=unverified");
    expect(await orgStatus(db, orgId)).toBe("verified");

    const again = await call(reviewAction, post("/bureau/orgs", { intent: "reject", orgId: String(orgId), reason: "重复点击" }, b));
    expect(again.status).toBe(409);
    expect((await body(again)).message).toContain("该机构已被处理过");
    expect(await orgStatus(db, orgId)).toBe("verified");
  });

  it("asks bureau staff for a reason before rejecting", async () => {
    const db = await freshDb({ demo: true });
    const orgId = await orgIdByName(db, PENDING1);
    const res = await call(reviewAction, post("/bureau/orgs", { intent: "reject", orgId: String(orgId), reason: " " }, await browserFor(db, "bureau")));
    expect(res.status).toBe(400);
    expect((await body(res)).errors.reason).toContain("请填写驳回理由");
    expect(await orgStatus(db, orgId)).toBe("unverified");
  });

  it.each([
    [{ intent: "delete", orgId: "1" }, "未知操作"],
    [{ intent: "verify", orgId: "abc" }, "编号无效"],
    [{ intent: "verify", orgId: "-1" }, "编号无效"],
  ])("refuses the forged form %j with 400", async (fields, message) => {
    const db = await freshDb({ demo: true });
    const res = await call(reviewAction, post("/bureau/orgs", fields, await browserFor(db, "bureau")));
    expect(res.status).toBe(400);
    expect((await body(res)).message).toBe(message);
  });
});

describe("GET /orgs/:id", () => {
  const unverifiedPage: Record<Role, number> = { anonymous: 404, enterprise: 404, researcher: 404, expert: 404, bureau: 200 };

  it.each(ROLES)("shows an unverified organisation to %s only if they may see it", async (role) => {
    const db = await freshDb({ demo: true });
    const orgId = await orgIdByName(db, PENDING1);
    const res = await call(orgLoader, get(`/orgs/${orgId}`, await browserFor(db, role)), { id: String(orgId) });
    expect(res.status).toBe(unverifiedPage[role]);
    if (res.status === 404) expect(JSON.stringify(await body(res))).not.toContain(PENDING1);
  });

  it("shows an unverified organisation to its own member", async () => {
    const db = await freshDb({ demo: true });
    const orgId = await orgIdByName(db, PENDING1);
    const res = await call(orgLoader, get(`/orgs/${orgId}`, await browserFor(db, "pending@demo.test")), { id: String(orgId) });
    expect(res.status).toBe(200);
    expect((await body(res)).org.name).toBe(PENDING1);
  });

  it("shows a verified organisation to anonymous visitors without its contact details", async () => {
    const db = await freshDb({ demo: true });
    const orgId = await orgIdByName(db, HAIJU);
    const res = await call(orgLoader, get(`/orgs/${orgId}`), { id: String(orgId) });
    expect(res.status).toBe(200);
    const data = await body(res);
    expect(data.org.name).toBe(HAIJU);
    expect(data.org.contact).toBeNull();
    expect(JSON.stringify(data)).not.toContain("0839-33");
  });

  it.each(["abc", "0", "-1", "1e3", "1.5", "0x1", " 1", "99999999", "9".repeat(30)])(
    "answers 404 for the id %j, even for bureau staff",
    async (id) => {
      const db = await freshDb({ demo: true });
      for (const b of [await anonymous(), await browserFor(db, "bureau")]) {
        const res = await call(orgLoader, get(`/orgs/${encodeURIComponent(id)}`, b), { id });
        expect(res.status).toBe(404);
        expect((await body(res)).message).toMatch(/没有找到/);
      }
    },
  );
});

describe("GET /orgs/:id/edit", () => {
  const expected: Record<Role, number> = { anonymous: 302, enterprise: 200, researcher: 404, expert: 404, bureau: 404 };

  it.each(ROLES)("opens 海聚环保's edit form for %s only if they are its admin", async (role) => {
    const db = await freshDb({ demo: true });
    const orgId = await orgIdByName(db, HAIJU);
    const res = await call(editLoader, get(`/orgs/${orgId}/edit`, await browserFor(db, role)), { id: String(orgId) });
    expect(res.status).toBe(expected[role]);
    if (role === "enterprise") expect((await body(res)).org.name).toBe(HAIJU);
  });

  it("does not open it for a member who is not the admin", async () => {
    const db = await freshDb({ demo: true });
    const orgId = await orgIdByName(db, HAIJU);
    await joinRequest(db, "new@example.com", "enterprise", "haiju");
    const res = await call(editLoader, get(`/orgs/${orgId}/edit`, await browserFor(db, "new@example.com")), { id: String(orgId) });
    expect(res.status).toBe(404);
  });

  it("does not let an admin edit another organisation, through the form or the page", async () => {
    const db = await freshDb({ demo: true });
    const scitc = await orgIdByName(db, SCITC);
    const before = await db.selectFrom("organizations").selectAll().where("id", "=", scitc).executeTakeFirstOrThrow();
    const b = await browserFor(db, "enterprise");

    expect((await call(editLoader, get(`/orgs/${scitc}/edit`, b), { id: String(scitc) })).status).toBe(404);
    const res = await call(
      editAction,
      post(`/orgs/${scitc}/edit`, {
        orgName: "被篡改的学院",
        creditCode: before.credit_code,
        region: "outside",
        contactName: "冒充者",
        contactPhone: "13800138000",
      }, b),
      { id: String(scitc) },
    );
    expect(res.status).toBe(404);
    expect(await db.selectFrom("organizations").selectAll().where("id", "=", scitc).executeTakeFirstOrThrow()).toEqual(before);
  });
});

describe("POST /orgs/:id (成员加入审核)", () => {
  it("lets the admin approve someone asking to join their organisation", async () => {
    const db = await freshDb({ demo: true });
    const haiju = await orgIdByName(db, HAIJU);
    const newcomer = await joinRequest(db, "new@example.com", "enterprise", "haiju");
    const res = await call(orgAction, post(`/orgs/${haiju}`, { intent: "approve", userId: String(newcomer) }, await browserFor(db, "enterprise")), {
      id: String(haiju),
    });
    expect(res.status).toBe(302);
    expect(await membership(db, newcomer)).toEqual({ org_id: haiju, membership_status: "active" });
  });

  it.each(["approve", "reject"])("answers 404 to an admin who tries to %s another organisation's applicant", async (intent) => {
    const db = await freshDb({ demo: true });
    const haiju = await orgIdByName(db, HAIJU);
    const scitc = await orgIdByName(db, SCITC);
    const foreign = await joinRequest(db, "new@example.com", "researcher", "scitc");
    const b = await browserFor(db, "enterprise");

    // Through their own organisation's page, with the other organisation's user id…
    const own = await call(orgAction, post(`/orgs/${haiju}`, { intent, userId: String(foreign) }, b), { id: String(haiju) });
    expect(own.status).toBe(404);
    // …and through the other organisation's page.
    const other = await call(orgAction, post(`/orgs/${scitc}`, { intent, userId: String(foreign) }, b), { id: String(scitc) });
    expect(other.status).toBe(404);

    expect(await membership(db, foreign)).toEqual({ org_id: scitc, membership_status: "pending" });
  });
});

describe("POST /me (登录设备)", () => {
  it("answers 404 when revoking another user's session, which keeps working", async () => {
    const db = await freshDb({ demo: true });
    const victimId = await userIdByEmail(db, EMAIL.researcher);
    const victim = await signedIn(victimId);
    const [victimSession] = await listSessions(db, victimId);

    const attacker = await browserFor(db, "enterprise");
    const res = await call(meAction, post("/me", { intent: "revoke-session", sessionId: victimSession.id }, attacker));
    expect(res.status).toBe(404);
    expect((await body(res)).message).toContain("没有找到这个登录设备");

    expect((await call(meLoader, get("/me", victim))).status).toBe(200);
  });

  it("revokes one of the user's own other sessions", async () => {
    const db = await freshDb({ demo: true });
    const userId = await userIdByEmail(db, EMAIL.enterprise);
    const laptop = await signedIn(userId);
    const phone = await signedIn(userId);
    expect(await listSessions(db, userId)).toHaveLength(2);

    // The phone sees two devices; the one that is not “this device” is the laptop.
    const seen = await body(await call(meLoader, get("/me", phone)));
    const other = seen.sessions.find((s: { current: boolean }) => !s.current);
    expect(other).toBeDefined();

    const res = await call(meAction, post("/me", { intent: "revoke-session", sessionId: other.id }, phone));
    expect(res.status).toBe(302);
    expect((await call(meLoader, get("/me", laptop))).status).toBe(302);
    expect((await call(meLoader, get("/me", phone))).status).toBe(200);
  });
});

describe("POST /logout", () => {
  it("ends the session and clears the cookie", async () => {
    const db = await freshDb({ demo: true });
    const b = await browserFor(db, "enterprise");
    const res = await call(logoutAction, post("/logout", {}, b));
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/");
    expect(res.headers.get("Set-Cookie")).toMatch(/^lz_session=;.*Max-Age=0/i);

    const me = await call(meLoader, get("/me", b));
    expect(me.status).toBe(302);
    expect(me.headers.get("Location")).toBe("/login?redirectTo=%2Fme");
  });

  it("refuses a forged logout without the CSRF token, leaving the session alone", async () => {
    const db = await freshDb({ demo: true });
    const b = await browserFor(db, "enterprise");
    const res = await call(logoutAction, post("/logout", {}, b, { csrf: false }));
    expect(res.status).toBe(403);
    expect((await call(meLoader, get("/me", b))).status).toBe(200);
  });
});

describe("CSRF: every route with an action refuses a POST without the token", async () => {
  const modules = await Promise.all(routeModules().map(async ({ name, file }) => ({ name, file, mod: await import(pathToFileURL(path.join(ROUTES_DIR, file)).href) })));
  // A one-click unsubscribe link is its own authority (a signed token; RFC 8058 mail clients POST
  // with no cookie or CSRF token): without a valid token it answers 400 and changes nothing, which
  // tests/routes/notice-mail.test.ts checks with forged and altered tokens (Decision 47).
  const SIGNED_LINK = ["unsubscribe.$token.tsx"];
  const withAction = modules.filter((m) => typeof m.mod.action === "function" && !SIGNED_LINK.includes(m.file));

  it("finds the route modules it is meant to cover", () => {
    expect(withAction.map((m) => m.file)).toEqual(
      expect.arrayContaining(["bureau.orgs.tsx", "challenges.$id/route.tsx", "login.tsx", "logout.tsx", "me.tsx", "orgs.$id.tsx", "orgs.$id_.edit.tsx", "register.tsx"]),
    );
  });

  it.each(withAction.map((m) => [m.file, m.name, m.mod.action]))("%s → 403", async (_file, name, action) => {
    const db = await freshDb({ demo: true });
    // Bureau staff pass every role check, so the token is the only thing that can stop the request.
    const bureauId = await userIdByEmail(db, EMAIL.bureau);
    const bureauOrg = (await db.selectFrom("users").select("org_id").where("id", "=", bureauId).executeTakeFirstOrThrow()).org_id!;
    const b = await signedIn(bureauId);
    const before = await everyRow(db);

    const url = `/${name.replace("$id_", String(bureauOrg)).replace("$id", String(bureauOrg)).replaceAll(".", "/")}`;
    const fields = { intent: "verify", orgId: String(await orgIdByName(db, PENDING1)), account: EMAIL.bureau, password: "x" };
    const res = await call(action, post(url, fields, b, { csrf: false }), { id: String(bureauOrg) });

    expect(res.status).toBe(403);
    expect((await body(res)).message).toContain(EXPIRED);
    expect(await everyRow(db)).toEqual(before);
    expect((await call(meLoader, get("/me", b))).status).toBe(200);
  });
});
