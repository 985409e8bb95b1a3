import type { AppLoadContext } from "@remix-run/node";
import { describe, expect, it } from "vitest";
import { loader as rootLoader } from "../../app/root";
import { action as loginAction, loader as loginLoader } from "../../app/routes/login";
import { loader as workbenchLoader } from "../../app/routes/workbench";
import { DEMO_PASSWORD } from "../../seeds/organizations";
import { freshDb, userIdByEmail } from "../support/db";
import { anonymous, body, call, get, post, signedIn } from "../support/http";

const ACCOUNTS = ["bureau@demo.test", "enterprise@demo.test", "researcher@demo.test", "expert@demo.test", "haipeng@demo.test", "pending@demo.test"];

describe("工作台 route", () => {
  it("sign-in lands on the 工作台; a signed-in visit to /login goes there too", async () => {
    const db = await freshDb({ demo: true });
    const res = await call(loginAction, post("/login", { account: "bureau@demo.test", password: DEMO_PASSWORD }, await anonymous()));
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/workbench");
    const again = await call(loginLoader, get("/login", await signedIn(await userIdByEmail(db, "bureau@demo.test"))));
    expect(again.headers.get("Location")).toBe("/workbench");
  });

  it("a safe redirectTo still wins over the 工作台", async () => {
    await freshDb({ demo: true });
    const res = await call(loginAction, post("/login", { account: "enterprise@demo.test", password: DEMO_PASSWORD, redirectTo: "/challenges/13?tab=x" }, await anonymous()));
    expect(res.headers.get("Location")).toBe("/challenges/13?tab=x");
  });

  it("an anonymous visitor is asked to sign in and sees no badge", async () => {
    await freshDb({ demo: true });
    const b = await anonymous();
    const res = await call(workbenchLoader, get("/workbench", b));
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/login?redirectTo=%2Fworkbench");
    expect((await body(await call(rootLoader, get("/", b)))).user).toBeNull();
  });

  it.each(ACCOUNTS)("the navigation badge of %s equals the page's total", async (email) => {
    const db = await freshDb({ demo: true });
    const b = await signedIn(await userIdByEmail(db, email));
    const page = await body(await call(workbenchLoader, get("/workbench", b)));
    const root = await body(await call(rootLoader, get("/", b)));
    expect(root.user.todo).toBe(page.total);
    const counted = page.sections.filter((s: { counted: boolean }) => s.counted);
    expect(counted.reduce((n: number, s: { count: number }) => n + s.count, 0)).toBe(page.total);
  });

  it("on the 工作台 page the root loader and the page share one 工作台 (one load context); elsewhere the badge is counted", async () => {
    const db = await freshDb({ demo: true });
    const b = await signedIn(await userIdByEmail(db, "bureau@demo.test"));
    const context: AppLoadContext = {};
    const root = await body(await call(rootLoader, get("/workbench", b), {}, context));
    const made = context.workbench;
    expect(made).toBeDefined();
    const page = await body(await call(workbenchLoader, get("/workbench", b), {}, context));
    expect(context.workbench).toBe(made);
    expect(page.total).toBeGreaterThan(0);
    expect(root.user.todo).toBe(page.total);
    const elsewhere: AppLoadContext = {};
    expect((await body(await call(rootLoader, get("/challenges", b), {}, elsewhere))).user.todo).toBe(page.total);
    expect(elsewhere.workbench).toBeUndefined();
  });
});
