/**
 * 邮件通知设置 (/me/notifications): defaults per category (Decision 46), saving a choice per
 * category, and a tampered or incomplete form refused with the field named and nothing saved.
 */
import { describe, expect, it } from "vitest";
import { action, loader } from "../../app/routes/me_.notifications";
import { noticeCategories } from "../../app/models/notice/categories";
import { freshDb, userIdByEmail } from "../support/db";
import { body, call, get, post, redirectedWith, signedIn } from "../support/http";

const allAt = (delivery: string) => Object.fromEntries(noticeCategories.map((c) => [c.key, delivery]));

describe("/me/notifications", () => {
  it("shows the defaults, saves each category's choice, and refuses an unknown choice without saving", async () => {
    const db = await freshDb({ demo: true });
    const id = await userIdByEmail(db, "enterprise@demo.test");
    const me = await signedIn(id);
    expect(await call(loader, get("/me/notifications"))).toHaveProperty("status", 302); // sign in first
    const { prefs } = await body(await call(loader, get("/me/notifications", me)));
    expect(prefs).toEqual(Object.fromEntries(noticeCategories.map((c) => [c.key, c.delivery])));
    expect(prefs.bids).toBe("immediately");
    expect(prefs.updates).toBe("digest");

    const bad = await call(action, post("/me/notifications", { ...allAt("site"), events: "weekly" }, me));
    expect(bad.status).toBe(400);
    expect((await body(bad)).errors.events[0]).toContain("对接会");
    expect(await db.selectFrom("notice_preferences").selectAll().where("user_id", "=", id).execute()).toEqual([]);

    const ok = await call(action, post("/me/notifications", { ...allAt("digest"), events: "site" }, me));
    expect(redirectedWith(ok)).toEqual({ to: "/me/notifications", notice: "mailPreferencesSaved" });
    const saved = (await body(await call(loader, get("/me/notifications", me)))).prefs;
    expect(saved).toEqual({ ...allAt("digest"), events: "site" });
  });
});
