import { describe, expect, it } from "vitest";
import { action as loginAction } from "../../app/routes/login";
import { action as meAction, loader as meLoader } from "../../app/routes/me";
import { describeDevice } from "../../app/utils/device";
import { DEMO_PASSWORD } from "../../seeds/organizations";
import { freshDb, userIdByEmail } from "../support/db";
import { anonymous, body, call, get, post, signedIn, redirectedWith } from "../support/http";

describe("个人中心 · 修改密码", () => {
  it("changes the password, signs out every other device, and the old password stops working", async () => {
    const db = await freshDb({ demo: true });
    const id = await userIdByEmail(db, "researcher@demo.test");
    const here = await signedIn(id);
    const elsewhere = await signedIn(id);
    const res = await call(
      meAction,
      post("/me", { intent: "change-password", currentPassword: DEMO_PASSWORD, newPassword: "NewPass2027", newPasswordConfirm: "NewPass2027" }, here),
    );
    expect(res.status).toBe(302);
    expect(redirectedWith(res)).toEqual({ to: "/me", notice: "passwordChanged" });
    expect((await call(meLoader, get("/me", here))).status).toBe(200);
    expect((await call(meLoader, get("/me", elsewhere))).status).toBe(302);

    const b = await anonymous();
    const old = await call(loginAction, post("/login", { account: "researcher@demo.test", password: DEMO_PASSWORD }, b));
    expect(old.status).toBe(400);
    const fresh = await call(loginAction, post("/login", { account: "researcher@demo.test", password: "NewPass2027" }, b));
    expect(fresh.status).toBe(302);
  });

  it("refuses a wrong current password next to its field and changes nothing", async () => {
    const db = await freshDb({ demo: true });
    const id = await userIdByEmail(db, "researcher@demo.test");
    const before = await db.selectFrom("users").select("password_hash").where("id", "=", id).executeTakeFirstOrThrow();
    const res = await call(
      meAction,
      post("/me", { intent: "change-password", currentPassword: "not-it-123", newPassword: "NewPass2027", newPasswordConfirm: "NewPass2027" }, await signedIn(id)),
    );
    expect(res.status).toBe(400);
    expect((await body(res)).errors.currentPassword).toEqual(["当前密码不正确"]);
    const after = await db.selectFrom("users").select("password_hash").where("id", "=", id).executeTakeFirstOrThrow();
    expect(after).toEqual(before);
  });

  it("refuses a weak new password and never echoes any password back", async () => {
    const db = await freshDb({ demo: true });
    const id = await userIdByEmail(db, "researcher@demo.test");
    const res = await call(
      meAction,
      post("/me", { intent: "change-password", currentPassword: DEMO_PASSWORD, newPassword: "short", newPasswordConfirm: "short" }, await signedIn(id)),
    );
    expect(res.status).toBe(400);
    const answer = await body(res);
    expect(answer.errors.newPassword).toEqual(["密码至少 8 位"]);
    expect(JSON.stringify(answer)).not.toContain(DEMO_PASSWORD);
  });
});

describe("login devices", () => {
  it("names devices a person recognises", () => {
    expect(describeDevice("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36")).toBe("Chrome · Windows");
    expect(describeDevice("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1")).toBe("Safari · iOS");
    expect(describeDevice("Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36 MicroMessenger/8.0")).toBe("微信 · Android");
    expect(describeDevice(null)).toBe("未知设备");
  });
});
