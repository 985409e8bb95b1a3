import { describe, expect, it } from "vitest";
import type { DB } from "../../db/client.server";
import { action as registerAction } from "../../app/routes/register";
import { loader as meLoader } from "../../app/routes/me";
import { demoCreditCode, seedOrgs } from "../../seeds/organizations";
import { freshDb } from "../support/db";
import { NEW_CODE, registrationForm } from "../support/registration";
import { ORIGIN, anonymous, body, call, get, post, type Browser } from "../support/http";

const WRONG_CHECK = NEW_CODE.slice(0, 17) + (NEW_CODE[17] === "0" ? "1" : "0");
const codeOf = (key: string) => {
  const i = seedOrgs.findIndex((o) => o.key === key);
  return demoCreditCode(seedOrgs[i].prefix, seedOrgs[i].division, i + 1);
};
const CHINESE = /[\u4e00-\u9fff]/;
const CONTROL = (label: string) => `${label}包含无法识别的控制字符，请删除后重试`;


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

/** Submit a request that must be refused: a 4xx with a Chinese message, no session, nothing written. */
async function refused(db: DB, request: Request) {
  const before = await rowCounts(db);
  const res = await call(registerAction, request);
  expect(res.status).toBeGreaterThanOrEqual(400);
  expect(res.status).toBeLessThan(500);
  expect(res.headers.get("Set-Cookie") ?? "").not.toMatch(/lz_session=[^;]/);
  const answer = await body(res);
  expect(answer.message).toMatch(CHINESE);
  expect(await rowCounts(db)).toEqual(before);
  return { status: res.status, answer };
}

function withSession(b: Browser, res: Response): Browser {
  return { ...b, cookie: `${b.cookie}; ${res.headers.get("Set-Cookie")!.split(";")[0]}` };
}

describe("注册", () => {
  it("creates the account and an unverified organisation, signs in and opens 个人中心", async () => {
    const db = await freshDb({ demo: true });
    const b = await anonymous();
    const res = await call(registerAction, post("/register", registrationForm(), b, { origin: ORIGIN }));

    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/me");
    expect(res.headers.get("Set-Cookie")).toMatch(/^lz_session=[^;]+;.*HttpOnly/i);

    const user = await db
      .selectFrom("users")
      .innerJoin("organizations", "organizations.id", "users.org_id")
      .select(["users.role", "users.org_role", "users.membership_status", "organizations.status", "organizations.credit_code"])
      .where("users.email", "=", "zhang@example.com")
      .executeTakeFirstOrThrow();
    expect(user).toEqual({ role: "enterprise", org_role: "admin", membership_status: "active", status: "unverified", credit_code: NEW_CODE });

    const me = await call(meLoader, get("/me", withSession(b, res)));
    expect(me.status).toBe(200);
    expect(await body(me)).toMatchObject({
      user: { name: "张晓明", email: "zhang@example.com", orgRole: "admin" },
      org: { name: "广元测试新材料有限公司", status: "unverified" },
    });
  });

  it("lets a researcher ask to join an existing 高校 by its credit code, typed loosely", async () => {
    const db = await freshDb({ demo: true });
    const loose = ` ${codeOf("scitc").toLowerCase().replace(/(.{6})/g, "$1 ")} `;
    const fields = registrationForm({ role: "researcher", orgMode: "join", joinCreditCode: loose, orgName: "", creditCode: "", contactPhone: "" });
    const res = await call(registerAction, post("/register", fields, await anonymous()));
    expect(res.status).toBe(302);
    const user = await db.selectFrom("users").selectAll().where("email", "=", "zhang@example.com").executeTakeFirstOrThrow();
    expect(user).toMatchObject({ org_role: "member", membership_status: "pending" });
  });

  it("lets a bureau officer ask to join the bureau", async () => {
    const db = await freshDb({ demo: true });
    const res = await call(registerAction, post("/register", registrationForm({ role: "bureau", orgMode: "join", joinCreditCode: codeOf("bureau") }), await anonymous()));
    expect(res.status).toBe(302);
    const user = await db.selectFrom("users").selectAll().where("email", "=", "zhang@example.com").executeTakeFirstOrThrow();
    expect(user).toMatchObject({ role: "bureau", membership_status: "pending" });
  });

  it("accepts emoji and stores names NFC-normalised", async () => {
    const db = await freshDb({ demo: true });
    const res = await call(
      registerAction,
      post("/register", registrationForm({ name: "Jose\u0301 😀", orgName: "🍵 广元好茶有限公司" }), await anonymous()),
    );
    expect(res.status).toBe(302);
    const user = await db.selectFrom("users").select("name").where("email", "=", "zhang@example.com").executeTakeFirstOrThrow();
    expect(user.name).toBe("Jos\u00E9 😀");
    expect(await db.selectFrom("organizations").select("id").where("name", "=", "🍵 广元好茶有限公司").executeTakeFirst()).toBeDefined();
  });

  describe("refuses hostile or mistaken input with a message next to the field, writing nothing", () => {
    const cases: [string, Record<string, string | undefined>, string, string | RegExp][] = [
      ["a 10,000-character name", { name: "张".repeat(10_000) }, "name", "姓名不能超过 30 个字"],
      ["a 10,000-character organisation name", { orgName: "厂".repeat(10_000) }, "orgName", "机构名称不能超过 60 个字"],
      ["a 10,000-character account", { account: `${"a".repeat(10_000)}@example.com` }, "account", "邮箱或手机号过长"],
      ["a 10,000-character password", { password: "a1".repeat(5_000), passwordConfirm: "a1".repeat(5_000) }, "password", "密码不能超过 128 位"],
      ["a NUL byte in the name", { name: "张\u0000晓明" }, "name", CONTROL("姓名")],
      ["a right-to-left override in the organisation name", { orgName: "广元\u202E司公限有" }, "orgName", CONTROL("机构名称")],
      ["an escape sequence in the introduction", { intro: "简介\u001B[2J" }, "intro", CONTROL("机构简介")],
      ["a wrong credit-code check character", { creditCode: WRONG_CHECK }, "creditCode", "统一社会信用代码校验位不正确，请核对后重新输入"],
      ["a credit code with a forbidden letter", { creditCode: "O" + NEW_CODE.slice(1) }, "creditCode", /不含 I、O、S、V、Z/],
      ["a phone number that is not one", { contactPhone: "12345" }, "contactPhone", /请输入 11 位手机号或带区号的固定电话/],
      ["mismatched passwords", { passwordConfirm: "Secret124" }, "passwordConfirm", "两次输入的密码不一致"],
      ["a weak password", { password: "password", passwordConfirm: "password" }, "password", "密码需同时包含字母和数字"],
      ["an invented role", { role: "superuser" }, "role", "请选择角色"],
      ["joining an unknown credit code", { orgMode: "join", joinCreditCode: NEW_CODE }, "joinCreditCode", /平台上没有这个统一社会信用代码对应的机构/],
      ["a bureau officer creating an organisation", { role: "bureau" }, "orgMode", /科技局工作人员请选择“加入已有机构”/],
      ["a researcher creating an 企业", { role: "researcher" }, "orgKind", "科研人员应属于高校、科研院所，不能加入企业"],
      ["someone creating a second bureau", { orgKind: "bureau" }, "orgKind", "请选择机构类型"],
      ["an account that already exists", { account: "Enterprise@Demo.test" }, "account", "该邮箱已注册，请直接登录"],
      ["a credit code already on the platform", { creditCode: codeOf("haiju") }, "creditCode", /该统一社会信用代码已在平台登记/],
      ["an organisation name already on the platform", { orgName: "四川海聚环保科技有限公司" }, "orgName", /已有同名机构/],
    ];

    it.each(cases)("%s", async (_what, changes, field, message) => {
      const db = await freshDb({ demo: true });
      const { status, answer } = await refused(db, post("/register", registrationForm(changes), await anonymous()));
      expect(status).toBe(400);
      expect(answer.errors[field]).toBeDefined();
      expect(answer.errors[field][0]).toMatch(CHINESE);
      if (typeof message === "string") expect(answer.errors[field]).toContain(message);
      else expect(answer.errors[field].join("\n")).toMatch(message);
    });

    it.each([
      ["the form check", { passwordConfirm: "Secret124" }],
      ["the model (account already registered)", { account: "enterprise@demo.test" }],
    ])("never sends the password back to the page when %s refuses it, but keeps the rest", async (_what, changes) => {
      const db = await freshDb({ demo: true });
      const { answer } = await refused(db, post("/register", registrationForm(changes), await anonymous()));
      expect(answer.values).toMatchObject({ name: "张晓明", orgName: "广元测试新材料有限公司" });
      expect(answer.values.password).toBeUndefined();
      expect(answer.values.passwordConfirm).toBeUndefined();
      expect(JSON.stringify(answer)).not.toContain("Secret123");
    });

    it("an empty form: every required field is asked for", async () => {
      const db = await freshDb({ demo: true });
      const { status, answer } = await refused(db, post("/register", {}, await anonymous()));
      expect(status).toBe(400);
      expect(answer.errors).toMatchObject({
        name: expect.arrayContaining(["请填写姓名"]),
        account: expect.arrayContaining(["请填写邮箱或手机号"]),
        password: expect.arrayContaining(["请设置密码"]),
        role: ["请选择角色"],
        orgName: expect.arrayContaining(["请填写机构名称"]),
        creditCode: expect.arrayContaining(["请填写统一社会信用代码"]),
      });
    });

    it("odd field names (__proto__, constructor) are ignored, not a crash", async () => {
      const db = await freshDb({ demo: true });
      const b = await anonymous();
      const raw = `__proto__=x&constructor=y&csrf=${b.csrf}&name=`;
      const req = new Request(`${ORIGIN}/register`, {
        method: "POST",
        body: raw,
        headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: b.cookie },
      });
      const { status, answer } = await refused(db, req);
      expect(status).toBe(400);
      expect(answer.errors.name).toContain("请填写姓名");
    });
  });

  describe("refuses malformed requests before reading them as a registration", () => {
    it("a body over 256 KiB → 413", async () => {
      const db = await freshDb({ demo: true });
      const { status, answer } = await refused(db, post("/register", registrationForm({ intro: "x".repeat(300 * 1024) }), await anonymous()));
      expect(status).toBe(413);
      expect(answer.message).toContain("提交的内容过大");
    });

    it("a file upload → 400", async () => {
      const db = await freshDb({ demo: true });
      const b = await anonymous();
      const data = new FormData();
      for (const [k, v] of Object.entries(registrationForm())) data.set(k, v);
      data.set("csrf", b.csrf);
      data.set("licence", new File([new Uint8Array(1024)], "licence.pdf", { type: "application/pdf" }));
      const { status, answer } = await refused(
        db,
        new Request(`${ORIGIN}/register`, { method: "POST", body: data, headers: { Cookie: b.cookie } }),
      );
      expect(status).toBe(400);
      expect(answer.message).toContain("此处不支持上传文件");
    });

    it("a body that is not valid UTF-8 → 400", async () => {
      const db = await freshDb({ demo: true });
      const b = await anonymous();
      const bytes = Buffer.concat([Buffer.from(`csrf=${b.csrf}&name=`), Buffer.from([0xff, 0xfe, 0xfd])]);
      const { status, answer } = await refused(
        db,
        new Request(`${ORIGIN}/register`, {
          method: "POST",
          body: bytes,
          headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: b.cookie },
        }),
      );
      expect(status).toBe(400);
      expect(answer.message).toContain("无法读取提交的表单");
    });

    it("a missing CSRF token → 403", async () => {
      const db = await freshDb({ demo: true });
      const { status, answer } = await refused(db, post("/register", registrationForm(), await anonymous(), { csrf: false }));
      expect(status).toBe(403);
      expect(answer.message).toContain("页面已过期");
    });

    it("another browser's CSRF token → 403", async () => {
      const db = await freshDb({ demo: true });
      const victim = await anonymous();
      const attacker = await anonymous();
      const { status } = await refused(db, post("/register", registrationForm(), { ...victim, csrf: attacker.csrf }));
      expect(status).toBe(403);
    });

    it("a foreign Origin header → 403, even with a valid token", async () => {
      const db = await freshDb({ demo: true });
      const { status, answer } = await refused(db, post("/register", registrationForm(), await anonymous(), { origin: "https://evil.example" }));
      expect(status).toBe(403);
      expect(answer.message).toContain("页面已过期");
    });

    it("a malformed Origin header → 403, not a server error", async () => {
      const db = await freshDb({ demo: true });
      const { status } = await refused(db, post("/register", registrationForm(), await anonymous(), { origin: "not a url" }));
      expect(status).toBe(403);
    });
  });
});
