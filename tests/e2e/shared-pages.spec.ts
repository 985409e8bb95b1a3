/**
 * Shared pages against the real server (Decision 67): anonymous visitors get one render, each with
 * their own nonce and token; the browser keeps it and revalidates; nothing of a signed-in person is
 * ever in it, and a change made through a form shows at once.
 */
import { expect, test, type APIResponse } from "@playwright/test";
import { as, idOf } from "./support";

/** The nonce of the page's policy, the nonces on its scripts, and the token in its data. */
async function secretsOf(res: APIResponse) {
  const html = await res.text();
  const policy = /'nonce-([^']+)'/.exec(res.headers()["content-security-policy"] ?? "")?.[1];
  const onScripts = new Set([...html.matchAll(/<script[^>]* nonce="([^"]+)"/g)].map((m) => m[1]));
  const token = /"csrf":"([^"]+)"/.exec(html)?.[1];
  return { html, policy, onScripts, token };
}

test("anonymous visitors share a render, never a nonce or a token; a kept copy is revalidated with 304", async ({ playwright, baseURL }) => {
  const [a, b] = await Promise.all([playwright.request.newContext({ baseURL }), playwright.request.newContext({ baseURL })]);
  for (const path of ["/challenges", "/dashboard", "/results"]) {
    const first = await a.get(path);
    const second = await b.get(path);
    const [x, y] = [await secretsOf(first), await secretsOf(second)];
    for (const s of [x, y]) {
      expect(s.onScripts, path).toEqual(new Set([s.policy]));
      expect(s.token, path).toMatch(/^[A-Za-z0-9_-]{43}$/);
    }
    expect(x.policy).not.toBe(y.policy);
    expect(x.token).not.toBe(y.token);

    // With its cookie the browser's copy is current: 304, and no new policy to replace the kept one.
    const etag = (await a.get(path)).headers()["etag"];
    expect(etag).toMatch(/^W\/"/);
    const again = await a.get(path, { headers: { "If-None-Match": etag } });
    expect(again.status()).toBe(304);
    expect(again.headers()["content-security-policy"]).toBeUndefined();
    expect(again.headers()["cache-control"]).toBe("private, no-cache");
    expect((await b.get(path, { headers: { "If-None-Match": etag } })).status(), "another visitor's copy").toBe(200);
  }
  await Promise.all([a.dispose(), b.dispose()]);
});

test("a signed-in page is never shared, and the shared page holds nothing of the person", async ({ browser, playwright, baseURL }) => {
  const page = await as(browser, "researcher@demo.test");
  const path = `/results/${await idOf.result("山区农业物联网墒情监测与智能灌溉系统")}`;
  const anonymous = await playwright.request.newContext({ baseURL });
  const before = await (await anonymous.get(path)).text();

  const own = await page.goto(path);
  expect(own?.headers()["cache-control"]).toBe("no-store");
  expect(own?.headers()["etag"]).toBeUndefined();
  const bar = page.getByRole("navigation", { name: "我的工作台" });
  await expect(bar).toBeVisible();
  await expect(page.getByRole("link", { name: "修改" }).first()).toBeVisible();

  for (const html of [before, await (await anonymous.get(path)).text()]) {
    expect(html).not.toContain("我的工作台");
    expect(html).not.toContain(`/edit"`);
  }
  // Signed in again after anonymous visitors: still their own page.
  await page.reload();
  await expect(bar).toBeVisible();

  // A change made through the form shows to anonymous visitors at once, not after the page expires.
  const marker = `（${Date.now() % 100000} 号更新：新增滴灌支管压力补偿）`;
  await page.goto(`${path}/edit`);
  const abstract = page.getByRole("textbox", { name: "成果摘要" });
  await abstract.fill((await abstract.inputValue()) + marker);
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.getByText(marker)).toBeVisible();
  const seen = async () => (await (await anonymous.get(path)).text()).includes(marker);
  // One process forgets its kept pages at once; another shows the change when its copy expires (30 s).
  if (process.env.E2E_DATABASE_URL) await expect.poll(seen, { timeout: 40_000, intervals: [1_000] }).toBe(true);
  else expect(await seen()).toBe(true);
  await anonymous.dispose();
});

test("a page taken from the shared render hydrates under its own nonce", async ({ browser }) => {
  const page = await (await browser.newContext()).newPage();
  const problems: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(m.text());
  });
  await page.goto("/challenges"); // kept by this visit or an earlier one
  await page.goto("/events");
  await page.goto("/challenges");
  await page.waitForFunction(() => (window as unknown as { __remixRouter?: unknown }).__remixRouter != null);
  await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "科技成果" }).click();
  await expect(page).toHaveURL(/\/results$/);
  expect(problems).toEqual([]);
});
