/**
 * Issue 12 §4: where a sign-in may send the browser, and which Origins an action accepts. The
 * Remix-level refusal that used to answer an empty 500 is covered against the real server in
 * tests/e2e/security.spec.ts.
 */
import { describe, expect, it } from "vitest";
import { action as loginAction } from "../../app/routes/login";
import { action as meAction } from "../../app/routes/me";
import { safeRedirect } from "../../app/utils/safe-redirect";
import { DEMO_PASSWORD } from "../../seeds/organizations";
import { freshDb, userIdByEmail } from "../support/db";
import { ORIGIN, anonymous, body, call, post, signedIn } from "../support/http";

/** Each of these, read by a browser, leaves the site (or runs script), or cannot be a header at all. */
const HOSTILE = [
  "/\t/evil.example/phish", // what /login?redirectTo=/%09/evil.example/phish decodes to
  "/\n/evil.example",
  "/\r\n/evil.example",
  "/\r\nSet-Cookie: x=1",
  "/\\evil.example",
  "/\\/evil.example",
  "\\\\evil.example",
  "//evil.example",
  "///evil.example",
  " //evil.example",
  "https://evil.example",
  "http:evil.example",
  "javascript:alert(1)",
  "JaVaScRiPt:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  "evil.example",
  "",
  "/\u0000/evil.example",
];

const GOOD: [string, string][] = [
  ["/challenges?status=published&page=2", "/challenges?status=published&page=2"],
  ["/search?q=%E9%9B%B7%E8%BE%BE&kind=result", "/search?q=%E9%9B%B7%E8%BE%BE&kind=result"],
  ["/search?q=雷达", "/search?q=%E9%9B%B7%E8%BE%BE"], // sent as a header, so percent-encoded
  ["/events/3#agenda", "/events/3#agenda"],
  ["/me", "/me"],
];

describe("safeRedirect", () => {
  it.each(HOSTILE)("sends %j to the default page", (to) => {
    expect(safeRedirect(to, "/me")).toBe("/me");
  });
  it.each(GOOD)("keeps %j (query included)", (to, expected) => {
    expect(safeRedirect(to, "/me")).toBe(expected);
  });
  it("refuses what is not a string", () => {
    expect(safeRedirect(undefined, "/me")).toBe("/me");
    expect(safeRedirect(["/a", "/b"], "/me")).toBe("/me");
  });
});

describe("登录 with redirectTo", () => {
  const signIn = async (redirectTo: string) =>
    call(loginAction, post("/login", { account: "enterprise@demo.test", password: DEMO_PASSWORD, redirectTo }, await anonymous(), { origin: ORIGIN }));

  it.each(HOSTILE)("signs in and goes to the 工作台, not to %j", async (redirectTo) => {
    await freshDb({ demo: true });
    const res = await signIn(redirectTo);
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/workbench");
  });

  it.each(GOOD)("brings the person back to %j", async (redirectTo, expected) => {
    await freshDb({ demo: true });
    const res = await signIn(redirectTo);
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(expected);
  });
});

describe("an action's Origin check (scheme and host)", () => {
  it.each([
    ["another site", "https://evil.example"],
    ["the same host over another scheme", "https://localhost"],
    ["the same host on another port", "http://localhost:8080"],
    ["null (sandboxed frames, privacy redirects)", "null"],
    ["malformed", "not a url"],
    ["malformed, host only", "localhost"],
  ])("refuses %s with 403 and the Chinese message, and changes nothing", async (_, origin) => {
    const db = await freshDb({ demo: true });
    const user = await userIdByEmail(db, "enterprise@demo.test");
    await signedIn(user); // another device, which "revoke-others" would sign out
    const b = await signedIn(user);
    const sessions = async () => (await db.selectFrom("sessions").select("id").where("user_id", "=", user).execute()).length;
    const before = await sessions();
    const res = await call(meAction, post("/me", { intent: "revoke-others" }, b, { origin }));
    expect(res.status).toBe(403);
    expect((await body(res)).message).toBe("页面已过期或来源无法确认，请刷新页面后重新提交。");
    expect(await sessions()).toBe(before);
  });

  it("accepts this site's own Origin", async () => {
    const db = await freshDb({ demo: true });
    const user = await userIdByEmail(db, "enterprise@demo.test");
    await signedIn(user);
    const b = await signedIn(user);
    const res = await call(meAction, post("/me", { intent: "revoke-others" }, b, { origin: ORIGIN }));
    expect(res.status).toBeLessThan(400);
    expect(await db.selectFrom("sessions").select("id").where("user_id", "=", user).execute()).toHaveLength(1);
  });
});
