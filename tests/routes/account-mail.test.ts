/**
 * Accounts by e-mail through the real routes and a REAL SMTP server on loopback (issue 14 §4,
 * Decisions 44–45): registration mails a verification link that verifies; a reset link changes the
 * password once and signs out every session; an unlock link lifts a lock made by real failed
 * sign-ins. Forged, expired, used and hostile links are refused with a clear message and change nothing.
 */
import { describe, expect, it } from "vitest";
import type { DB } from "../../db/client.server";
import { registerAccount } from "../../app/models/account/account.server";
import { hasVerifiedEmail, requestPasswordReset, MOBILE_ONLY } from "../../app/models/account/account-mail.server";
import { accountSchema } from "../../app/schemas/fields";
import { parseOrgChoice } from "../../app/schemas/org";
import { action as forgotAction } from "../../app/routes/account.forgot";
import { action as resetAction, loader as resetLoader } from "../../app/routes/account.reset";
import { action as unlockAction, loader as unlockLoader } from "../../app/routes/account.unlock";
import { action as verifyAction, loader as verifyLoader } from "../../app/routes/account.verify";
import { action as loginAction } from "../../app/routes/login";
import { loader as meLoader } from "../../app/routes/me";
import { action as registerAction } from "../../app/routes/register";
import { DEMO_PASSWORD } from "../../seeds/organizations";
import { linkIn, mailFor, smtpServer } from "../support/account-mail";
import { freshDb, userIdByEmail } from "../support/db";
import { registrationForm } from "../support/registration";
import { ORIGIN, anonymous, body, call, get, post, redirectedWith, signedIn, type Browser } from "../support/http";

const CHINESE = /[\u4e00-\u9fff]/;
const ENTERPRISE = "enterprise@demo.test";

/** A request from `source` (the test proxy's X-Forwarded-For, TRUSTED_PROXIES=1). */
function from(source: string, request: Request): Request {
  request.headers.set("X-Forwarded-For", source);
  return request;
}

/** Account mail queued (verification, reset, unlock); a new organisation also tells the bureau, which is not account mail. */
const outboxCount = async (db: DB) =>
  Number((await db.selectFrom("mail_outbox").select((eb) => eb.fn.countAll<number>().as("n")).where("kind", "in", ["account_verify", "account_reset", "account_unlock"]).executeTakeFirstOrThrow()).n);
const userRow = (db: DB, email: string) => db.selectFrom("users").selectAll().where("email", "=", email).executeTakeFirstOrThrow();

async function login(b: Browser, account: string, password: string, source = "203.0.113.10") {
  return call(loginAction, from(source, post("/login", { account, password }, b)));
}

/** A 4xx with a Chinese message, never a 500. */
async function refusedWith(res: Response, message?: string) {
  expect(res.status).toBeGreaterThanOrEqual(400);
  expect(res.status).toBeLessThan(500);
  const answer = await body(res);
  expect(answer.message).toMatch(CHINESE);
  if (message) expect(answer.message).toBe(message);
  return answer;
}

describe("e-mail verification", () => {
  it("registration mails a link; following it verifies the address, once", async () => {
    const db = await freshDb({ demo: true });
    const smtp = await smtpServer();
    const res = await call(registerAction, post("/register", registrationForm({ account: "Zhang@Example.com" }), await anonymous()));
    expect(res.status).toBe(302);
    expect((await userRow(db, "zhang@example.com")).email_verified_at).toBeNull();

    const m = await mailFor(db, smtp, "zhang@example.com", "请验证您的邮箱");
    expect(m.subject).toBe("【利州技术转移对接平台】请验证您的邮箱");
    expect(m.text).toContain("张晓明，您好");
    expect(m.text).not.toContain("Secret123");
    const { url, path } = linkIn(m);
    expect(url.startsWith(`${ORIGIN}/account/verify?token=`)).toBe(true);
    // Only the token's hash is stored.
    const token = new URL(url).searchParams.get("token")!;
    expect(JSON.stringify(await db.selectFrom("account_tokens").selectAll().execute())).not.toContain(token);

    const ok = await call(verifyLoader, get(path));
    expect(ok.status).toBe(200);
    expect((await body(ok)).state).toBe("verified");
    const verifiedAt = (await userRow(db, "zhang@example.com")).email_verified_at;
    expect(verifiedAt).not.toBeNull();

    const again = await call(verifyLoader, get(path));
    expect(again.status).toBe(400);
    expect((await body(again)).message).toContain("验证链接无效或已过期");
    expect((await userRow(db, "zhang@example.com")).email_verified_at).toBe(verifiedAt);
  });

  it("refuses a forged or expired link with the message and a way to resend; the resent link verifies", async () => {
    const db = await freshDb({ demo: true });
    const smtp = await smtpServer();
    // Registered 25 hours ago: its link (24 hours) has expired.
    const long = new Date(Date.now() - 25 * 3600_000);
    const org = parseOrgChoice(registrationForm());
    if (!org.ok) throw new Error("registration form");
    const userId = await registerAccount(
      db,
      { name: "李四", account: accountSchema.parse("li@example.com"), password: "Secret123", role: "enterprise", org: org.choice },
      { origin: ORIGIN, now: long },
    );
    const expired = linkIn(await mailFor(db, smtp, "li@example.com", "请验证您的邮箱")).path;
    const forged = "/account/verify?token=" + "A".repeat(43);
    for (const path of [expired, forged]) {
      const res = await call(verifyLoader, get(path));
      expect(res.status).toBe(400);
      expect((await body(res)).message).toBe("验证链接无效或已过期（链接 24 小时内有效，只能使用一次）。请登录后重新发送验证邮件。");
    }
    expect(await hasVerifiedEmail(db, userId)).toBe(false);

    const b = await signedIn(userId);
    const page = await body(await call(verifyLoader, get(expired, b)));
    expect(page.signedIn).toBe(true); // the page offers the resend button to a signed-in person
    const resent = await call(verifyAction, post("/account/verify", {}, b));
    expect(redirectedWith(resent)).toEqual({ to: "/account/verify", notice: "verificationSent" });
    smtp.messages.length = 0;
    const fresh = linkIn(await mailFor(db, smtp, "li@example.com", "请验证您的邮箱")).path;
    expect((await call(verifyLoader, get(fresh))).status).toBe(200);
    expect(await hasVerifiedEmail(db, userId)).toBe(true);
    // Verified: nothing more to resend.
    await refusedWith(await call(verifyAction, post("/account/verify", {}, b)), "您的邮箱已经验证过了。");
  });

  it("limits resending (LIMITS.verifyResend)", async () => {
    const db = await freshDb({ demo: true });
    await call(registerAction, post("/register", registrationForm(), await anonymous()));
    const b = await signedIn(await userIdByEmail(db, "zhang@example.com"));
    for (let i = 0; i < 3; i++) expect((await call(verifyAction, post("/account/verify", {}, b))).status).toBe(302);
    const res = await call(verifyAction, post("/account/verify", {}, b));
    expect(res.status).toBe(429);
    expect((await body(res)).message).toContain("验证邮件发送过于频繁");
  });

  it("demo accounts count as verified; a mobile registration queues no mail", async () => {
    const db = await freshDb({ demo: true });
    expect(await hasVerifiedEmail(db, await userIdByEmail(db, ENTERPRISE))).toBe(true);
    await call(registerAction, post("/register", registrationForm({ account: "13800138000" }), await anonymous()));
    expect(await outboxCount(db)).toBe(0);
  });
});

describe("password reset", () => {
  it("forgot → mail → reset: old password fails, new works, every session is signed out, the link works once", async () => {
    const db = await freshDb({ demo: true });
    const smtp = await smtpServer();
    const userId = await userIdByEmail(db, ENTERPRISE);
    const [phone, laptop] = [await signedIn(userId), await signedIn(userId)];

    const asked = await call(forgotAction, post("/account/forgot", { account: "Enterprise@Demo.test" }, await anonymous()));
    expect(asked.status).toBe(200);
    const m = await mailFor(db, smtp, ENTERPRISE, "重置密码");
    expect(m.text).not.toContain(DEMO_PASSWORD);
    const { path } = linkIn(m);
    expect(path.startsWith("/account/reset?token=")).toBe(true);

    // Opening the link shows the form without using the link.
    const form = await call(resetLoader, get(path));
    expect(form.status).toBe(200);
    const token = (await body(form)).token as string;
    expect((await call(resetLoader, get(path))).status).toBe(200);

    const b = await anonymous();
    const done = await call(resetAction, post("/account/reset", { token, newPassword: "NewSecret456", newPasswordConfirm: "NewSecret456" }, b));
    expect(redirectedWith(done)).toEqual({ to: "/login", notice: "passwordReset" });

    for (const device of [phone, laptop]) {
      const me = await call(meLoader, get("/me", device));
      expect(me.status).toBe(302);
      expect(me.headers.get("Location")).toMatch(/^\/login/);
    }
    expect((await login(b, ENTERPRISE, DEMO_PASSWORD)).status).toBe(400);
    expect((await login(b, ENTERPRISE, "NewSecret456")).status).toBe(302);

    const reused = await call(resetAction, post("/account/reset", { token, newPassword: "Another789x", newPasswordConfirm: "Another789x" }, b));
    await refusedWith(reused, "重置链接无效或已过期（链接 30 分钟内有效，只能使用一次）。请重新申请重置密码。");
    expect((await call(resetLoader, get(path))).status).toBe(400);
    expect((await login(b, ENTERPRISE, "NewSecret456", "203.0.113.11")).status).toBe(302);
  });

  it("refuses an expired link (issued 31 minutes ago) and keeps the password", async () => {
    const db = await freshDb({ demo: true });
    const smtp = await smtpServer();
    const before = (await userRow(db, ENTERPRISE)).password_hash;
    await requestPasswordReset(db, { account: accountSchema.parse(ENTERPRISE), source: "test" }, { origin: ORIGIN, now: new Date(Date.now() - 31 * 60_000) });
    const { path } = linkIn(await mailFor(db, smtp, ENTERPRISE, "重置密码"));
    const token = new URL(ORIGIN + path).searchParams.get("token")!;
    const page = await call(resetLoader, get(path));
    expect(page.status).toBe(400);
    expect((await body(page)).message).toContain("重置链接无效或已过期");
    await refusedWith(await call(resetAction, post("/account/reset", { token, newPassword: "NewSecret456", newPasswordConfirm: "NewSecret456" }, await anonymous())));
    expect((await userRow(db, ENTERPRISE)).password_hash).toBe(before);
  });

  it("answers an unknown address exactly as a known one, and sends it nothing", async () => {
    const db = await freshDb({ demo: true });
    const known = await call(forgotAction, post("/account/forgot", { account: ENTERPRISE }, await anonymous()));
    const unknown = await call(forgotAction, post("/account/forgot", { account: "nobody@demo.test" }, await anonymous()));
    expect(unknown.status).toBe(known.status);
    expect(await body(unknown)).toEqual(await body(known));
    const rows = await db.selectFrom("mail_outbox").select("to_address").execute();
    expect(rows.map((r) => r.to_address)).toEqual([ENTERPRISE]);
  });

  it("tells a mobile number to go through the bureau, whether or not such an account exists", async () => {
    const db = await freshDb({ demo: true });
    await call(registerAction, post("/register", registrationForm({ account: "13800138000" }), await anonymous()));
    const existing = await call(forgotAction, post("/account/forgot", { account: "138 0013 8000" }, await anonymous()));
    const missing = await call(forgotAction, post("/account/forgot", { account: "13900139000" }, await anonymous()));
    expect(await body(existing)).toEqual({ done: true, mobileOnly: MOBILE_ONLY });
    expect(MOBILE_ONLY).toContain("仅绑定手机号的账户暂不能自助找回密码");
    expect(await body(missing)).toEqual(await body(existing));
    expect(await outboxCount(db)).toBe(0);
  });

  it("limits requests per address and per source", async () => {
    await freshDb({ demo: true });
    const b = await anonymous();
    const askB = (account: string, source: string) => call(forgotAction, from(source, post("/account/forgot", { account }, b)));
    for (let i = 0; i < 3; i++) expect((await askB(ENTERPRISE, `198.51.100.${i}`)).status).toBe(200);
    const perAddress = await askB(ENTERPRISE, "198.51.100.9");
    expect(perAddress.status).toBe(429);
    expect((await body(perAddress)).message).toContain("该邮箱的请求过于频繁");
    for (let i = 0; i < 10; i++) await askB(`probe${i}@demo.test`, "192.0.2.7");
    const perSource = await askB("another@demo.test", "192.0.2.7");
    expect(perSource.status).toBe(429);
    expect((await body(perSource)).message).toContain("来自您所在网络的请求过于频繁");
  });
});

describe("unlock by e-mail", () => {
  it("a lock made by real failed sign-ins offers an unlock mail whose link lifts it, once", async () => {
    const db = await freshDb({ demo: true });
    const smtp = await smtpServer();
    const b = await anonymous();
    for (let i = 0; i < 5; i++) expect((await login(b, ENTERPRISE, `wrong${i}abc`)).status).toBe(400);
    const locked = await login(b, ENTERPRISE, DEMO_PASSWORD);
    expect(locked.status).toBe(429);
    const answer = await body(locked);
    expect(answer.message).toContain("暂时锁定");
    expect(answer.errors.unlock[0]).toContain("解锁链接");

    const asked = await call(unlockAction, post("/account/unlock", { account: ENTERPRISE }, b));
    expect((await body(asked)).done).toBe(true);
    const { path } = linkIn(await mailFor(db, smtp, ENTERPRISE, "解锁您的账号"));
    const res = await call(unlockLoader, get(path));
    expect(res.status).toBe(200);
    expect((await body(res)).state).toBe("unlocked");
    expect((await login(b, ENTERPRISE, DEMO_PASSWORD)).status).toBe(302);

    const again = await call(unlockLoader, get(path));
    expect(again.status).toBe(400);
    expect((await body(again)).message).toContain("解锁链接无效或已过期");
  });

  it("sends no unlock mail for an account that is not locked, nor for an unknown one, with the same answer", async () => {
    const db = await freshDb({ demo: true });
    const b = await anonymous();
    const known = await call(unlockAction, post("/account/unlock", { account: ENTERPRISE }, b));
    const unknown = await call(unlockAction, post("/account/unlock", { account: "nobody@demo.test" }, b));
    expect(await body(unknown)).toEqual(await body(known));
    expect(await outboxCount(db)).toBe(0);
  });
});

describe("hostile links and forms", () => {
  const odd = [
    "",
    "x".repeat(100_000),
    "𝓽𝓸𝓴𝓮𝓷".repeat(10),
    "\u202e" + "A".repeat(42),
    "A".repeat(42) + "\u0000",
    "../../etc/passwd",
    "%E0%A4%A",
    "A".repeat(43) + "=",
  ];

  it("answers odd tokens on every link page with a 4xx and a clear message, never a 500, changing nothing", async () => {
    const db = await freshDb({ demo: true });
    const before = await db.selectFrom("users").select(["id", "password_hash", "email_verified_at"]).orderBy("id").execute();
    for (const token of odd) {
      const q = `?token=${encodeURIComponent(token)}`;
      for (const [loader, path] of [[verifyLoader, "/account/verify"], [resetLoader, "/account/reset"], [unlockLoader, "/account/unlock"]] as const) {
        const res = await call(loader, get(path + q));
        expect(res.status, `${path} ${token.slice(0, 20)}`).toBe(400);
        expect((await body(res)).message).toMatch(CHINESE);
      }
      await refusedWith(await call(resetAction, post("/account/reset", { token, newPassword: "NewSecret456", newPasswordConfirm: "NewSecret456" }, await anonymous())));
    }
    expect(await db.selectFrom("users").select(["id", "password_hash", "email_verified_at"]).orderBy("id").execute()).toEqual(before);
  });

  it("refuses missing or wrong fields with per-field messages", async () => {
    await freshDb({ demo: true });
    const b = await anonymous();
    const noToken = await refusedWith(await call(resetAction, post("/account/reset", { newPassword: "NewSecret456", newPasswordConfirm: "NewSecret456" }, b)));
    expect(noToken.errors.token[0]).toContain("链接不完整");
    const weak = await refusedWith(await call(resetAction, post("/account/reset", { token: "A".repeat(43), newPassword: "short", newPasswordConfirm: "short" }, b)));
    expect(weak.errors.newPassword[0]).toBe("密码至少 8 位");
    const mismatch = await refusedWith(await call(resetAction, post("/account/reset", { token: "A".repeat(43), newPassword: "NewSecret456", newPasswordConfirm: "NewSecret457" }, b)));
    expect(mismatch.errors.newPasswordConfirm[0]).toBe("两次输入的新密码不一致");
    for (const action of [forgotAction, unlockAction]) {
      const missing = await refusedWith(await call(action, post("/account/forgot", {}, b)));
      expect(missing.errors.account[0]).toBe("请填写邮箱或手机号");
      const junk = await refusedWith(await call(action, post("/account/forgot", { account: "\u202e<script>" }, b)));
      expect(junk.errors.account[0]).toMatch(CHINESE);
    }
    // Anonymous resend goes to sign in.
    expect((await call(verifyAction, post("/account/verify", {}, b))).status).toBe(302);
  });
});
