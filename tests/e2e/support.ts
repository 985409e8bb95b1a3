import fs from "node:fs";
import path from "node:path";
import { CompiledQuery } from "kysely";
import { expect, type Browser, type Locator, type Page } from "@playwright/test";
import { Meilisearch } from "meilisearch";
import { dialectOf, openDatabase, type DB } from "../../db/client.server";
import { configureSearch, setSearchEngine } from "../../search";
import { allDocuments } from "../../search/documents";
import { INDEX } from "../../search/meilisearch/engine";
import { DEMO_PASSWORD } from "../../seeds/organizations";

/**
 * The database the e2e server uses: the SQLite file playwright.config.ts prepares, or the
 * PostgreSQL database that `npm test`'s second run serves from two processes (E2E_DATABASE_URL).
 */
const E2E_DB = process.env.E2E_DATABASE_URL || path.resolve("tests/.tmp/e2e.sqlite");

/**
 * One short connection per use, through the application's own client (SQLite: WAL and the busy
 * budget), as the running server's writes do, so it waits for the server instead of failing beside it.
 */
export async function withDb<T>(use: (db: DB) => Promise<T>): Promise<T> {
  // Model functions a spec calls index as the server's do: into the outbox its relays apply
  // (PostgreSQL run), or in the write. Set on each use: an app module a spec imports configures
  // search from its own environment when it loads (app/utils/search.server.ts), which has no MEILI_URL here.
  configureSearch({ meiliUrl: process.env.E2E_MEILI_URL, meiliKey: process.env.E2E_MEILI_KEY });
  setSearchEngine(undefined);
  const db = openDatabase(E2E_DB);
  try {
    return await use(db);
  } finally {
    await db.destroy();
  }
}

/**
 * Rows from the server's database: specs find records by what a person sees. The query is plain
 * SQL both engines understand, with `?` placeholders (numbered for PostgreSQL here).
 */
export function rows<T = Record<string, unknown>>(query: string, ...params: unknown[]): Promise<T[]> {
  return withDb(async (db) => {
    let n = 0;
    const text = dialectOf(db) === "postgres" ? query.replace(/\?/g, () => `$${++n}`) : query;
    return (await db.executeQuery<T>(CompiledQuery.raw(text, params))).rows;
  });
}

/** One row (rows, where finding none is the spec's mistake). */
export async function readRow<T>(query: string, ...params: unknown[]): Promise<T> {
  const [row] = await rows<T>(query, ...params);
  if (row === undefined) throw new Error(`e2e: no row for ${query} ${JSON.stringify(params)}`);
  return row;
}

/**
 * The server's search index against a rebuild from its database, as "key|title|status|updated"
 * lines: the embedded engine's search_docs, or (E2E_MEILI_URL, the PostgreSQL run) Meilisearch.
 */
export async function indexAgainstRebuild(): Promise<{ missing: string[]; extra: string[] }> {
  const line = (key: string, title: string, status: string | null, updated: string) => `${key}|${title}|${status}|${updated}`;
  const fresh = (await withDb(allDocuments)).map((d) => line(d.key, d.title, d.status, d.updatedAt));
  let indexed: string[];
  if (process.env.E2E_MEILI_URL) {
    const client = new Meilisearch({ host: process.env.E2E_MEILI_URL, apiKey: process.env.E2E_MEILI_KEY });
    const stored = await client.index(INDEX).getDocuments<{ id: string; title: string; status: string; updated_at: string }>({ limit: 100_000, fields: ["id", "title", "status", "updated_at"] });
    indexed = stored.results.map((d) => line(d.id.replace("-", ":"), d.title, d.status, d.updated_at));
  } else {
    const docs = await rows<{ doc_key: string; title: string; status: string; updated_at: string }>("select doc_key, title, status, updated_at from search_docs");
    indexed = docs.map((d) => line(d.doc_key, d.title, d.status, d.updated_at));
  }
  return { missing: fresh.filter((l) => !indexed.includes(l)).sort(), extra: indexed.filter((l) => !fresh.includes(l)).sort() };
}

const id = async (query: string, ...params: unknown[]) => (await readRow<{ id: number }>(query, ...params)).id;

/**
 * The id of a record as a person knows it: a 榜单 or 成果 by its title, an expert by e-mail, a 对接会
 * by part of its title (titles carry the year), a contract by the start of its title. Specs never
 * write seed ids, so a change to the seed's order cannot silently point a check at another record.
 */
export const idOf = {
  challenge: (title: string) => id("select id from challenges where title = ?", title),
  result: (title: string) => id("select id from results where title = ?", title),
  expert: (email: string) => id("select id from users where email = ?", email),
  event: (titlePart: string) => id("select id from events where title like '%' || ? || '%' order by id limit 1", titlePart),
  contract: (titleStart: string) => id("select id from contracts where substr(title, 1, length(?)) = ? order by id limit 1", titleStart, titleStart),
  /** An organisation's registration for a 对接会, by one of its accounts. */
  participant: (eventId: number, email: string) =>
    id("select p.id from event_participants p join users u on u.org_id = p.org_id where p.event_id = ? and u.email = ?", eventId, email),
  /** The first meeting of a 对接会 that the account's organisation sits in. */
  meeting: (eventId: number, email: string) =>
    id(
      `select m.id from meetings m join event_participants p on p.id in (m.a_participant_id, m.b_participant_id)
       join users u on u.org_id = p.org_id where m.event_id = ? and u.email = ? order by m.id limit 1`,
      eventId,
      email,
    ),
};

/**
 * Time passing, the one step no person takes on the site: the 揭榜 deadline or the 中选公示 period of
 * a 榜单 ends a second ago.
 */
export async function letEnd(what: "bidding" | "objection period", challengeId: number): Promise<void> {
  const past = new Date(Date.now() - 1000).toISOString();
  await withDb(async (db) => {
    if (what === "bidding") await db.updateTable("challenges").set({ deadline: past }).where("id", "=", challengeId).executeTakeFirstOrThrow();
    else await db.updateTable("award_notices").set({ period_ends_at: past }).where("challenge_id", "=", challengeId).executeTakeFirstOrThrow();
  });
}

/** The day `offset` days from now in 北京时间 (YYYY-MM-DD), the calendar the site's date fields use. */
export const beijingDay = (offset = 0) => new Date(Date.now() + 8 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);

/** A text field by its exact accessible name (labels carry a required-mark hidden from it). */
export function box(page: Page, name: string) {
  return page.getByRole("textbox", { name, exact: true });
}

export async function signIn(page: Page, account: string, password = DEMO_PASSWORD) {
  await box(page, "邮箱或手机号").fill(account);
  await box(page, "密码").fill(password);
  await page.getByRole("button", { name: "登录" }).click();
}

/** A fresh browser context signed in as a demo account, on its 工作台. */
export async function as(browser: Browser, email: string, { javaScriptEnabled = true } = {}): Promise<Page> {
  const page = await (await browser.newContext({ javaScriptEnabled })).newPage();
  await page.goto("/login");
  await signIn(page, email);
  await expect(page).toHaveURL(/\/workbench$/);
  return page;
}

/** The fields of the 榜单 form a spec chooses; the rest are the same for every test 榜单. */
export interface ChallengeDraft {
  title: string;
  keywords: string;
  summary: string;
  difficulties: string;
  indicators: string;
  research: string;
  eligibility: string;
}

/** Fill the 榜单 form on /challenges/new as an enterprise does (files, if any, are set after this). */
export async function fillChallengeForm(page: Page, c: ChallengeDraft) {
  await page.goto("/challenges/new");
  await box(page, "榜单名称").fill(c.title);
  await page.getByLabel("技术领域").selectOption({ label: "环境保护与资源综合利用" });
  await box(page, "关键词").fill(c.keywords);
  await box(page, "公开摘要").fill(c.summary);
  await box(page, "主要技术难点").fill(c.difficulties);
  await box(page, "主要技术指标").fill(c.indicators);
  await box(page, "主要研究内容").fill(c.research);
  await box(page, "榜额（万元）").fill("60");
  await box(page, "期望完成期限（月）").fill("12");
  await box(page, "揭榜条件").fill(c.eligibility);
  await page.getByLabel("期望合作方式").selectOption({ label: "技术开发" });
}

/** Save the filled form as a draft; the new 榜单's id. */
export async function saveDraft(page: Page): Promise<number> {
  await page.getByRole("button", { name: "保存草稿" }).click();
  await expect(page).toHaveURL(/\/challenges\/\d+$/);
  await expect(page.getByText("草稿", { exact: true })).toBeVisible();
  return Number(page.url().match(/challenges\/(\d+)/)![1]);
}

/** Submit the draft on the page for review (待审核). */
export async function submitForReview(page: Page) {
  await page.getByRole("button", { name: "提交审核" }).click();
  await expect(page.getByText("待审核", { exact: true })).toBeVisible();
}

/** A suffix for the titles a spec creates, so that no spec finds another's records (or a rerun's). */
export const unique = () => Date.now().toString().slice(-6);

/**
 * With SHOTS_DIR set, leave `<name>-desktop.png` (1280 wide) and `<name>-phone.png` (390 wide)
 * there: the whole page, or only `target`. Without it, nothing (screenshots are for looking at,
 * not for the test's verdict).
 */
export async function shoot(page: Page, name: string, target?: Locator) {
  const dir = process.env.SHOTS_DIR;
  if (!dir) return;
  fs.mkdirSync(dir, { recursive: true });
  for (const [suffix, width, height] of [["desktop", 1280, 900], ["phone", 390, 844]] as const) {
    await page.setViewportSize({ width, height });
    const file = path.join(dir, `${name}-${suffix}.png`);
    if (target) {
      await target.scrollIntoViewIfNeeded();
      await target.screenshot({ path: file });
    } else await page.screenshot({ path: file, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}
