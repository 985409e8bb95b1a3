/**
 * Issue 12 §4 against the real server (app/serve.server.ts): hostile Origins, the open redirect, and
 * the security headers and Content-Security-Policy as Chromium applies them.
 */
import fs from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { as, idOf } from "./support";
import { ROUTES_DIR, routeModules } from "../support/route-modules";

const EXPIRED = "页面已过期或来源无法确认，请刷新页面后重新提交。";

/**
 * One-click unsubscribe (RFC 8058) is posted by mail clients without a page or an Origin: its signed
 * link is the credential, and it can only turn mail off for the link's owner (README Decision 47).
 */
const SIGNED_LINK_ROUTES = ["unsubscribe.$token.tsx"];

/** Every route module with an action: its route id and a URL for it (ids → 1). */
const actionRoutes = routeModules()
  .filter(({ file }) => !SIGNED_LINK_ROUTES.includes(file) && /export (async function|const) action\b/.test(fs.readFileSync(path.join(ROUTES_DIR, file), "utf8")))
  .map(({ name }) => {
    const url = name
      .split(".")
      .filter((s) => s !== "_index")
      .map((s) => s.replace(/_$/, "").replace(/^\$\w+$/, "1"))
      .join("/");
    return { id: `routes/${name}`, url: `/${url}` };
  });

test("every action answers a hostile Origin with the app's 403, as a page and as data", async ({ browser }) => {
  expect(actionRoutes.length).toBeGreaterThanOrEqual(28);
  // Signed in as the bureau, which passes every role check: only the Origin can stop the request.
  const page = await as(browser, "bureau@demo.test");
  const failures: string[] = [];
  for (const route of actionRoutes) {
    for (const origin of ["https://evil.example", "null", "not a url", "https://localhost:1"]) {
      for (const data of [false, true]) {
        const url = data ? `${route.url}?_data=${encodeURIComponent(route.id)}` : route.url;
        const res = await page.request.post(url, { headers: { Origin: origin }, form: { intent: "x" }, maxRedirects: 0 });
        const text = await res.text();
        if (res.status() !== 403 || !text.includes(EXPIRED)) failures.push(`${url} Origin ${origin}: ${res.status()} ${text.slice(0, 80)}`);
      }
    }
  }
  expect(failures).toEqual([]);
  // The refusal is the app's page (its header and navigation), not an empty body.
  const res = await page.request.post("/me", { headers: { Origin: "null" }, form: { intent: "revoke-others" } });
  expect(await res.text()).toContain("利州技术转移对接平台");
  await page.context().close();
});

test("a sign-in link cannot send the browser to another site", async ({ page }) => {
  for (const redirectTo of ["/%09/evil.example/phish", "/%5Cevil.example", "//evil.example", "/%0D%0A/evil.example", "https://evil.example", "javascript:alert(1)"]) {
    await page.context().clearCookies();
    await page.goto(`/login?redirectTo=${redirectTo}`);
    await page.getByRole("textbox", { name: "邮箱或手机号", exact: true }).fill("enterprise@demo.test");
    await page.getByRole("textbox", { name: "密码", exact: true }).fill("Lizhou2026");
    await page.getByRole("button", { name: "登录" }).click();
    await expect(page, redirectTo).toHaveURL(/^http:\/\/localhost:\d+\/workbench$/);
  }
  await page.context().clearCookies();
  await page.goto(`/login?redirectTo=${encodeURIComponent("/challenges?status=published")}`);
  await page.getByRole("textbox", { name: "邮箱或手机号", exact: true }).fill("enterprise@demo.test");
  await page.getByRole("textbox", { name: "密码", exact: true }).fill("Lizhou2026");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).toHaveURL(/\/challenges\?status=published$/);
});

/** Collect CSP violations and console errors the page reports from now on. */
async function watch(page: Page): Promise<string[]> {
  const problems: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" || /Content Security Policy/i.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  await page.exposeFunction("__reportViolation", (v: string) => problems.push(`violation: ${v}`));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) =>
      (window as unknown as { __reportViolation: (v: string) => void }).__reportViolation(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  return problems;
}

/** Public pages; a closed 榜单 by its title, looked up when the test runs. */
const publicPages = async () => ["/", "/challenges", `/challenges/${await idOf.challenge("肝素钠高效提取与纯化工艺")}`, "/results", "/experts", "/events", "/dashboard", "/search?q=雷达", "/login", "/register"];
const SIGNED_IN_PAGES = ["/me", "/inbox", "/bureau/matches", "/bureau/challenges", "/bureau/orgs", "/bureau/contracts", "/bureau/targets", "/bureau/experts"];

function expectSecurityHeaders(headers: Record<string, string>, where: string) {
  const csp = headers["content-security-policy"] ?? "";
  expect(csp, where).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}'/);
  expect(csp, where).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  // The stylesheet is inlined under the same nonce; no other <style> element is allowed.
  expect(csp, where).toMatch(/style-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}'(;|$)/);
  expect(csp, where).toContain("frame-ancestors 'none'");
  expect(headers["x-content-type-options"], where).toBe("nosniff");
  expect(headers["referrer-policy"], where).toBe("strict-origin-when-cross-origin");
}

for (const signedIn of [false, true]) {
  test(`pages ${signedIn ? "signed in" : "anonymous"}: headers, no CSP violation, hydration works`, async ({ browser }) => {
    const page = signedIn ? await as(browser, "bureau@demo.test") : await (await browser.newContext()).newPage();
    const problems = await watch(page);
    const nonces = new Set<string>();
    const urls = signedIn ? [...(await publicPages()), ...SIGNED_IN_PAGES] : await publicPages();
    for (const url of urls) {
      const res = await page.goto(url);
      expect(res?.status(), url).toBe(200);
      const headers = res!.headers();
      expectSecurityHeaders(headers, url);
      nonces.add(/'nonce-([^']+)'/.exec(headers["content-security-policy"])![1]);
      if (signedIn) expect(headers["cache-control"], url).toBe("no-store");
      // Hydrated: React attached its handlers, so a link click navigates without a document load.
      await page.waitForFunction(() => (window as unknown as { __remixRouter?: unknown }).__remixRouter != null);
    }
    expect(nonces.size, "a fresh nonce per page").toBe(urls.length);

    // A client-side navigation (no new document) proves the nonce'd scripts ran and hydrated.
    await page.goto("/");
    const documents: string[] = [];
    page.on("request", (r) => {
      if (r.resourceType() === "document") documents.push(r.url());
    });
    await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "科技成果" }).click();
    await expect(page).toHaveURL(/\/results$/);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    expect(documents).toEqual([]);
    const data = await page.request.get("/results?_data=routes%2Fresults._index");
    expect(data.headers()["x-content-type-options"]).toBe("nosniff");
    if (signedIn) expect(data.headers()["cache-control"]).toBe("no-store");

    expect(problems).toEqual([]);
    // The policy is enforced, and a violation would have been seen: an injected inline script
    // without the nonce does not run, and is reported.
    const ran = await page.evaluate(() => {
      const s = document.createElement("script");
      s.textContent = "window.__injected = true";
      document.body.appendChild(s);
      return (window as unknown as { __injected?: boolean }).__injected === true;
    });
    expect(ran).toBe(false);
    await expect.poll(() => problems.some((p) => p.startsWith("violation: script-src"))).toBe(true);
    // The inlined stylesheet applies (the header's colour comes from it), after client navigations
    // too; an injected <style> without the nonce does not.
    const header = page.locator(".site-header");
    await expect(header).toHaveCSS("background-color", "rgb(11, 93, 107)");
    await page.evaluate(() => {
      const s = document.createElement("style");
      s.textContent = ".site-header { background: rgb(255, 0, 0) !important; }";
      document.head.appendChild(s);
    });
    await expect.poll(() => problems.some((p) => p.startsWith("violation: style-src"))).toBe(true);
    await expect(header).toHaveCSS("background-color", "rgb(11, 93, 107)");
    await page.context().close();
  });
}

test("a resource route and a built asset carry the headers too", async ({ request }) => {
  const health = await request.get("/healthz");
  expectSecurityHeaders(health.headers(), "/healthz");
  const home = await (await request.get("/")).text();
  const asset = /\/build\/[^"]+\.js/.exec(home)![0];
  const res = await request.get(asset);
  expect(res.status()).toBe(200);
  expect(res.headers()["x-content-type-options"]).toBe("nosniff");
  expect(res.headers()["cache-control"]).toContain("immutable");
});

test("hostile asset paths are 404, never a 500 or a file outside the build", async ({ request }) => {
  for (const path of ["/build/%E0%A4%A", "/build/..%2f..%2fpackage.json", "/build/%2e%2e/%2e%2e/package.json"]) {
    const res = await request.get(path);
    expect(res.status(), path).toBe(404);
    expect(await res.text(), path).not.toContain('"name": "lizhou-techmatch"');
  }
});
