import { describe, expect, it } from "vitest";
import type { DB } from "../../db/client.server";
import { action as loginAction } from "../../app/routes/login";
import { action as registerAction } from "../../app/routes/register";
import { DEMO_PASSWORD, demoCreditCode, seedUsers } from "../../seeds/organizations";
import { freshDb } from "../support/db";
import { registrationForm } from "../support/registration";
import { anonymous, body, call, post, type Browser } from "../support/http";

// Each source is an address the (test) reverse proxy puts in X-Forwarded-For (TRUSTED_PROXIES=1).
const ATTACKER = "198.51.100.66";
const OWNER = "203.0.113.10";

function from(source: string, request: Request): Request {
  request.headers.set("X-Forwarded-For", source);
  return request;
}

function login(b: Browser, source: string, account: string, password: string): Promise<Response> {
  return call(loginAction, from(source, post("/login", { account, password, redirectTo: "/inbox" }, b)));
}

/** A response that came from checking the password: right (302) or wrong (400). 429 was refused unchecked. */
const evaluated = (r: Response) => r.status === 302 || r.status === 400;

async function expectRefusal(res: Response, message: RegExp) {
  expect(res.status).toBe(429);
  expect(Number(res.headers.get("Retry-After"))).toBeGreaterThan(0);
  expect(res.headers.get("Set-Cookie") ?? "").not.toMatch(/lz_session=[^;]/);
  const answer = await body(res);
  expect(answer.message).toMatch(message);
  return answer;
}

describe("登录限制", () => {
  it("a burst of 40 parallel wrong guesses checks at most 5, and the right password inside the burst does not sign in", async () => {
    await freshDb({ demo: true });
    const b = await anonymous();
    const passwords = Array.from({ length: 41 }, (_, i) => (i === 30 ? DEMO_PASSWORD : `Wrong${i}pass`));
    const answers = await Promise.all(passwords.map((p) => login(b, ATTACKER, "enterprise@demo.test", p)));

    expect(answers.filter(evaluated).length).toBeLessThanOrEqual(5);
    await expectRefusal(answers[30], /该账号已暂时锁定|登录失败次数过多/);
    const refused = answers.filter((r) => r.status === 429);
    expect(refused.length).toBeGreaterThanOrEqual(36);
    // The account typed is kept in the form; the password never comes back.
    const answer = await body(refused[0]);
    expect(answer.values).toMatchObject({ account: "enterprise@demo.test", redirectTo: "/inbox" });
    expect(JSON.stringify(answer)).not.toMatch(/Wrong\d+pass/);
    expect(JSON.stringify(answer)).not.toContain(DEMO_PASSWORD);

    // Three more bursts do not add a single checked guess.
    for (let round = 0; round < 3; round++) {
      const more = await Promise.all(Array.from({ length: 15 }, (_, i) => login(b, ATTACKER, "enterprise@demo.test", `Again${round}x${i}`)));
      expect(more.filter(evaluated)).toEqual([]);
    }
  });

  it("an attacker's wrong guesses do not lock the owner out: a source that has not tried the account passes after a pause", async () => {
    await freshDb({ demo: true });
    const attacker = await anonymous();
    for (let i = 0; i < 5; i++) expect((await login(attacker, ATTACKER, "enterprise@demo.test", `Wrong${i}pass`)).status).toBe(400);
    await expectRefusal(await login(attacker, ATTACKER, "enterprise@demo.test", DEMO_PASSWORD), /该账号已暂时锁定/);

    const owner = await anonymous();
    const started = Date.now();
    const res = await login(owner, OWNER, "enterprise@demo.test", DEMO_PASSWORD);
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/inbox");
    expect(Date.now() - started).toBeGreaterThanOrEqual(300); // LOGIN_LOCKED_DELAY_MS in tests

    // The attacker's source stays locked; a fresh source gets one checked guess, no more.
    await expectRefusal(await login(attacker, ATTACKER, "enterprise@demo.test", "Wrong9pass"), /该账号已暂时锁定/);
    expect((await login(attacker, "198.51.100.67", "enterprise@demo.test", "Wrong10pass")).status).toBe(400);
    await expectRefusal(await login(attacker, "198.51.100.67", "enterprise@demo.test", "Wrong11pass"), /该账号已暂时锁定/);
  });

  it("one password sprayed over many accounts from one source is stopped after 20 failures; other sources are not", async () => {
    await freshDb({ demo: true });
    const b = await anonymous();
    const accounts = seedUsers.map((u) => u.email);
    expect(accounts.length).toBeGreaterThanOrEqual(21);
    const answers: Response[] = [];
    for (const account of accounts) answers.push(await login(b, ATTACKER, account, "Summer#Pass1"));

    expect(answers.slice(0, 20).map((r) => r.status)).toEqual(Array(20).fill(400));
    for (const r of answers.slice(20)) await expectRefusal(r, /来自您所在网络的登录失败次数过多/);
    // The last accounts were never tried for real: from elsewhere their owners sign in at once.
    expect((await login(b, OWNER, accounts.at(-1)!, DEMO_PASSWORD)).status).toBe(302);
  });
});

describe("注册限制", () => {
  async function orgCount(db: DB) {
    return Number((await db.selectFrom("organizations").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
  }

  const form = (i: number) =>
    registrationForm({ account: `burst${i}@example.com`, orgName: `广元批量${i}号科技有限公司`, creditCode: demoCreditCode("91", "510802", 100 + i) });

  it("25 organisations from one source at once: 3 reach the bureau's queue, the rest get 429 with their input kept", async () => {
    const db = await freshDb({ demo: true });
    const before = await orgCount(db);
    const b = await anonymous();
    const answers = await Promise.all(Array.from({ length: 25 }, (_, i) => call(registerAction, from(ATTACKER, post("/register", form(i), b)))));

    expect(answers.filter((r) => r.status === 302).length).toBe(3);
    expect(await orgCount(db)).toBe(before + 3);
    const refused = answers.filter((r) => r.status === 429);
    expect(refused.length).toBe(22);
    const answer = await expectRefusal(refused[0], /注册过于频繁.*您填写的内容已保留/);
    expect(answer.values).toMatchObject({ name: "张晓明", orgName: expect.stringMatching(/^广元批量\d+号科技有限公司$/) });
    expect(answer.values.password).toBeUndefined();
    expect(JSON.stringify(answer)).not.toContain("Secret123");

    // Someone else registers as usual.
    expect((await call(registerAction, from(OWNER, post("/register", form(99), await anonymous())))).status).toBe(302);
  });
});
