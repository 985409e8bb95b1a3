import { describe, expect, it } from "vitest";
import { action as loginAction } from "../../app/routes/login";
import { loader as meLoader } from "../../app/routes/me";
import { DEMO_PASSWORD } from "../../seeds/organizations";
import { freshDb } from "../support/db";
import { anonymous, body, call, get, post } from "../support/http";

describe("登录", () => {
  it("signs in a demo account, sets a session cookie and lands on the 工作台", async () => {
    await freshDb({ demo: true });
    const b = await anonymous();
    const res = await call(loginAction, post("/login", { account: "Enterprise@Demo.test", password: DEMO_PASSWORD }, b));
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/workbench");
    const session = res.headers.get("Set-Cookie")!;
    expect(session).toMatch(/lz_session=/);
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Lax/i);
    const me = await call(meLoader, get("/me", { ...b, cookie: `${b.cookie}; ${session.split(";")[0]}` }));
    expect(me.status).toBe(200);
    expect((await body(me)).user.name).toBe("海聚环保 王工");
  });

  it("answers a wrong password with the same message as an unknown account", async () => {
    await freshDb({ demo: true });
    const b = await anonymous();
    const wrong = await call(loginAction, post("/login", { account: "enterprise@demo.test", password: "nope12345" }, b));
    const unknown = await call(loginAction, post("/login", { account: "nobody@demo.test", password: "nope12345" }, b));
    expect(wrong.status).toBe(400);
    expect(unknown.status).toBe(400);
    expect((await body(wrong)).message).toContain("账号或密码不正确");
    expect((await body(unknown)).message).toBe((await body(wrong)).message);
  });

  it("locks the account after repeated failures, even for the right password", async () => {
    await freshDb({ demo: true });
    const b = await anonymous();
    for (let i = 0; i < 5; i++) {
      await call(loginAction, post("/login", { account: "enterprise@demo.test", password: `wrong${i}abc` }, b));
    }
    const res = await call(loginAction, post("/login", { account: "enterprise@demo.test", password: DEMO_PASSWORD }, b));
    expect(res.status).toBe(429);
    expect((await body(res)).message).toContain("暂时锁定");
  });

  it("refuses a sign-in without the CSRF token", async () => {
    await freshDb({ demo: true });
    const b = await anonymous();
    const res = await call(loginAction, post("/login", { account: "enterprise@demo.test", password: DEMO_PASSWORD }, b, { csrf: false }));
    expect(res.status).toBe(403);
    expect((await body(res)).message).toContain("页面已过期");
  });
});
