import { expect, test, type APIRequestContext } from "@playwright/test";
import { signIn } from "./support";

// React 18's streaming renderer can flush U+0000 bytes inside Chinese text (react #24985). Browsers
// hide them; crawlers, link previews, mail and validators do not. Crawl what each kind of person
// can reach by following links and read every response as raw bytes.
const MAX_PAGES = 150;
const people = ["anonymous", "enterprise@demo.test", "researcher@demo.test", "expert@demo.test", "bureau@demo.test"];
const starts = ["/", "/challenges?status=all", "/results", "/experts", "/events", "/dashboard", "/search?q=废水", "/me", "/inbox", "/bureau/contracts"];

async function crawl(request: APIRequestContext): Promise<{ visited: number; withNul: string[]; failed: string[] }> {
  const queue = [...starts];
  const seen = new Set(queue);
  const withNul: string[] = [];
  const failed: string[] = [];
  let visited = 0;
  while (queue.length && visited < MAX_PAGES) {
    const path = queue.shift()!;
    const res = await request.get(path, { maxRedirects: 0 });
    visited++;
    const body = await res.body();
    const type = res.headers()["content-type"] ?? "";
    // Binary downloads (XLSX is a zip) carry zero bytes by nature; every text response must not.
    if (/^(text\/|application\/json)/.test(type) && body.includes(0)) withNul.push(path);
    if (res.status() >= 500) failed.push(`${path} → ${res.status()}`);
    if (!type.includes("text/html")) continue;
    for (const [, href] of body.toString("utf8").matchAll(/<a [^>]*href="(\/[^"#]*)"/g)) {
      const next = href.replaceAll("&amp;", "&");
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return { visited, withNul, failed };
}

for (const who of people) {
  test(`no page reached by ${who} contains a U+0000 byte`, async ({ page }) => {
    test.setTimeout(180_000);
    if (who !== "anonymous") {
      await page.goto("/login");
      await signIn(page, who);
      await expect(page).toHaveURL(/\/workbench$/);
    }
    const { visited, withNul, failed } = await crawl(page.request);
    expect(visited).toBeGreaterThan(30);
    expect(withNul).toEqual([]);
    expect(failed).toEqual([]);
  });
}
