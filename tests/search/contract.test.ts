import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createResult, moveResult, updateResult } from "../../app/models/result/result.server";
import { matchesForChallenge } from "../../app/models/result/matching.server";
import { loadActor } from "../../app/models/shared/session.server";
import { searchEngine, setSearchEngine } from "../../search";
import { stageOfTrl } from "../../db/vocabulary";
import type { SearchEngine, SearchHit, SearchQuery } from "../../search/engine";
import { meilisearchEngine } from "../../search/meilisearch/engine";
import { sqliteEngine } from "../../search/sqlite/engine";
import { rankByText } from "../../search/matching";
import { answers } from "../../seeds/results";
import type { DB } from "../../db/client.server";
import { freshDb, onPostgres, userIdByEmail } from "../support/db";
import { startMeilisearch } from "../../search/meilisearch/local-server";

/**
 * One suite of behaviours, run on the embedded engine and on a real Meilisearch. For Meilisearch,
 * writes reach the index through the outbox relay, exactly as in production.
 */
interface Harness {
  engine: SearchEngine;
  /** Make pending writes visible (the relay for Meilisearch; nothing for the embedded engine). */
  settle(db: DB): Promise<void>;
  stop(): Promise<void>;
}

// The embedded engine lives in SQLite; on PostgreSQL only Meilisearch runs (Decision 63).
const harnesses: [string, () => Promise<Harness>][] = ([
  ["embedded (SQLite FTS5)", async () => ({ engine: sqliteEngine, settle: async () => {}, stop: async () => {} })],
  [
    "Meilisearch",
    async () => {
      const server = await startMeilisearch();
      const engine = meilisearchEngine({ host: server.url, apiKey: server.key });
      return { engine, settle: async (db) => void (await engine.relay(db)), stop: server.stop };
    },
  ],
] as [string, () => Promise<Harness>][]).filter(([name]) => !onPostgres || name === "Meilisearch");

async function newResult(db: DB, title: string, abstract: string, keywords: string[]) {
  const researcher = await loadActor(db, await userIdByEmail(db, "researcher@demo.test"));
  const id = await createResult(db, researcher, {
    title,
    abstract,
    fieldCode: "07",
    keywords,
    trl: 6,
    transferModes: ["license"],
    price: null,
    team: "测试团队，五人。",
    contactName: "林老师",
    contactPhone: "13800007777",
    contactEmail: null,
    patents: [],
  });
  await moveResult(db, researcher, id, "publish");
  return { id, researcher };
}

describe.each(harnesses)("search engine contract: %s", (_name, make) => {
  let h: Harness;
  beforeAll(async () => {
    h = await make();
    setSearchEngine(h.engine);
  }, 60_000);
  afterAll(async () => {
    setSearchEngine(undefined);
    await h?.stop();
  });

  async function seeded(): Promise<DB> {
    const db = await freshDb({ demo: true });
    await h.engine.reindex(db);
    return db;
  }

  const titles = async (db: DB, q: string, kind?: "challenge" | "result" | "expert") =>
    (await searchEngine().search(db, { q, kind, page: 1, pageSize: 20 })).hits.map((x) => x.title.map((t) => t.text).join(""));

  it("indexes a published result and removes it when archived", async () => {
    const db = await seeded();
    const { id, researcher } = await newResult(db, "契约测试成果甲乙丙", "用于检验索引与删除的测试成果摘要文字。", ["契约测试"]);
    await h.settle(db);
    expect(await titles(db, "契约测试")).toContain("契约测试成果甲乙丙");
    await moveResult(db, researcher, id, "archive");
    await h.settle(db);
    expect(await titles(db, "契约测试")).not.toContain("契约测试成果甲乙丙");
  });

  it("filters by kind and field, and counts facets consistently", async () => {
    const db = await seeded();
    const all = await searchEngine().search(db, { q: "高盐废水", page: 1, pageSize: 50 });
    expect(all.total).toBeGreaterThan(1);
    const results = await searchEngine().search(db, { q: "高盐废水", kind: "result", page: 1, pageSize: 50 });
    expect(results.hits.every((x) => x.kind === "result")).toBe(true);
    expect(results.hits.length).toBe(all.facets.kind.result);
    const inField = await searchEngine().search(db, { q: "高盐废水", field: "08", page: 1, pageSize: 50 });
    expect(inField.hits.every((x) => x.fieldCode === "08")).toBe(true);
    expect(inField.hits.length).toBe(all.facets.field["08"]);
  });

  // A broad query over the seeds: every kind, three regions, several statuses and stages.
  const BROAD = "发酵 废水 检测 材料";
  type Filters = Omit<SearchQuery, "q" | "page" | "pageSize">;
  const search = (db: DB, f: Filters = {}) => searchEngine().search(db, { q: BROAD, page: 1, pageSize: 500, ...f });
  // The filter semantics written out once more, independently of either engine, over unfiltered hits.
  const passes = (h: SearchHit, f: Filters) =>
    (!f.kind || h.kind === f.kind) &&
    (!f.field || h.fieldCode === f.field) &&
    (!f.industry || h.industryCode === f.industry) &&
    (!f.status || (h.kind !== "result" && h.status === f.status)) &&
    (!f.stage || (h.trl != null && stageOfTrl(h.trl) === f.stage)) &&
    (!f.region || h.orgRegion === f.region) &&
    (f.amountMin == null && f.amountMax == null ? true : h.amountFen != null && h.amountFen > 0 && h.amountFen >= (f.amountMin ?? 0) && h.amountFen <= (f.amountMax ?? Infinity));
  const keys = (hits: SearchHit[]) => hits.map((x) => x.key).sort();

  // A status is picked from the unfiltered hits: the engines' recall differs a little on this query.
  const challengeStatus = (all: SearchHit[]): Filters => ({ status: all.find((x) => x.kind === "challenge")?.status ?? "published" });
  it.each<[string, Filters | ((all: SearchHit[]) => Filters)]>([
    ["status (challenges)", challengeStatus],
    ["status (profiles)", { status: "researcher" }],
    ["成熟度", { stage: "scale" }],
    ["产业领域 (食品饮料)", { industry: "GY04" }],
    ["产业领域 and kind", { industry: "GY06", kind: "result" }],
    ["region", { region: "lizhou" }],
    ["amount range, 面议 excluded", { amountMin: 40_000_000, amountMax: 100_000_000 }],
    ["amount minimum only", { amountMin: 1 }],
    ["region and 成熟度 together", { region: "sichuan_other", stage: "scale" }],
    ["kind, region and amount together", { kind: "challenge", region: "lizhou", amountMax: 100_000_000 }],
  ])("filters by %s: exactly the matching documents", async (_what, filters) => {
    const db = await seeded();
    const all = await search(db);
    const f = typeof filters === "function" ? filters(all.hits) : filters;
    const expected = all.hits.filter((x) => passes(x, f));
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(all.hits.length);
    const got = await search(db, f);
    expect(keys(got.hits)).toEqual(keys(expected));
    expect(got.total).toBe(expected.length);
  });

  it("a food company choosing 食品饮料 finds 吉香居's 泡菜 榜单 and the 泡菜 result; the facet counts each industry; a changed industry reaches the index", async () => {
    const db = await seeded();
    const food = await searchEngine().search(db, { q: "泡菜 发酵", industry: "GY04", page: 1, pageSize: 50 });
    const foodTitles = food.hits.map((x) => x.title.map((t) => t.text).join(""));
    expect(foodTitles).toContain("泡菜低盐发酵与品质稳定控制");
    expect(foodTitles).toContain("耐低盐植物乳杆菌直投式菌剂及泡菜低盐发酵工艺");
    expect(food.hits.every((x) => x.industryCode === "GY04")).toBe(true);
    const all = await searchEngine().search(db, { q: "泡菜 发酵", page: 1, pageSize: 50 });
    expect(all.facets.industry.GY04).toBe(food.total);
    expect(all.total).toBeGreaterThan(food.total);

    // Through the outbox (Meilisearch) or the same transaction (embedded): the industry travels with the document.
    const { id, researcher } = await newResult(db, "产业领域契约测试成果", "用于检验产业领域随文档进入索引的测试成果摘要。", ["产业契约"]);
    await h.settle(db);
    expect((await searchEngine().search(db, { q: "产业契约", industry: "GY04", page: 1, pageSize: 5 })).total).toBe(0);
    const r = await db.selectFrom("results").select("version").where("id", "=", id).executeTakeFirstOrThrow();
    await updateResult(db, researcher, id, r.version, {
      title: "产业领域契约测试成果", abstract: "用于检验产业领域随文档进入索引的测试成果摘要。", industryCode: "GY04", keywords: ["产业契约"], trl: 6, transferModes: ["license"],
      price: null, team: "测试团队，五人。", contactName: "林老师", contactPhone: "13800007777", contactEmail: null, patents: [],
    });
    await h.settle(db);
    const moved = await searchEngine().search(db, { q: "产业契约", industry: "GY04", page: 1, pageSize: 5 });
    expect(moved.hits.map((x) => x.id)).toEqual([id]);
    // The 技术领域 left empty follows the industry (食品饮料 → 农业).
    expect(moved.hits[0].fieldCode).toBe("05");
  });

  it("carries the organisation's region on every hit", async () => {
    const db = await seeded();
    const all = await search(db);
    expect(all.hits.every((x) => x.orgRegion != null)).toBe(true);
    expect(new Set(all.hits.map((x) => x.orgRegion)).size).toBeGreaterThanOrEqual(2);
  });

  it.each<[string, Filters]>([
    ["no filter", {}],
    ["a region", { region: "lizhou" }],
    ["kind result and a region", { kind: "result", region: "sichuan_other" }],
    ["a stage and an amount range", { stage: "scale", amountMin: 1 }],
    ["a status and a field", { status: "published", field: "08" }],
  ])("counts every facet under the other filters but not its own (%s)", async (_what, f) => {
    const db = await seeded();
    const all = (await search(db)).hits;
    const got = await search(db, f);
    const without = (name: keyof Filters) => all.filter((x) => passes(x, { ...f, [name]: undefined }));
    const tally = (hits: SearchHit[], value: (h: SearchHit) => string | null | undefined) => {
      const out: Record<string, number> = {};
      for (const h of hits) {
        const v = value(h);
        if (v) out[v] = (out[v] ?? 0) + 1;
      }
      return out;
    };
    const nonZero = (r: Record<string, number>) => Object.fromEntries(Object.entries(r).filter(([, n]) => n > 0));
    expect(nonZero(got.facets.kind)).toEqual(tally(without("kind"), (x) => x.kind));
    expect(nonZero(got.facets.field)).toEqual(tally(without("field"), (x) => x.fieldCode));
    expect(nonZero(got.facets.status)).toEqual(tally(without("status").filter((x) => x.kind !== "result"), (x) => x.status));
    expect(nonZero(got.facets.stage)).toEqual(tally(without("stage"), (x) => (x.trl == null ? null : stageOfTrl(x.trl))));
    expect(nonZero(got.facets.region)).toEqual(tally(without("region"), (x) => x.orgRegion));
  });

  it("selecting a region keeps the other regions' counts (disjunctive facets)", async () => {
    const db = await seeded();
    const before = await search(db);
    const after = await search(db, { region: "lizhou" });
    expect(after.facets.region).toEqual(before.facets.region);
    expect(Object.values(after.facets.region).filter((n) => n > 0).length).toBeGreaterThanOrEqual(2);
    // …while the other facets narrow to 利州区.
    expect(after.facets.kind.expert).toBeLessThan(before.facets.kind.expert);
    expect(after.total).toBe(before.facets.region.lizhou);
  });

  it("recalls 锂电池 for 电池 and 重金属 for 金属", async () => {
    const db = await freshDb({ demo: true });
    await newResult(db, "退役锂电池梯次利用检测技术", "面向退役动力锂电池的快速分选与梯次利用检测方法。", ["锂电池", "梯次利用"]);
    await newResult(db, "镉超标农田安全利用技术", "针对重金属超标农田的钝化与低积累品种组合。", ["重金属", "农田"]);
    await h.engine.reindex(db);
    expect(await titles(db, "电池")).toContain("退役锂电池梯次利用检测技术");
    expect(await titles(db, "金属")).toContain("镉超标农田安全利用技术");
  });

  // Issue 17 §1: the part of a term a person remembers, and the word their trade uses.
  it("finds a record by a part of its keyword (脱氮 → 脱氮除磷), after the record is written", async () => {
    const db = await seeded();
    await newResult(db, "农村生活污染物一体化处理装置", "一体化设备处理农村生活排水，出水达到一级A标准。", ["脱氮除磷", "一体化设备"]);
    await h.settle(db);
    for (const q of ["脱氮", "除磷", "氮除磷"]) expect(await titles(db, q), q).toContain("农村生活污染物一体化处理装置");
  });

  it.each([
    ["盐废水", "肠衣加工高盐废水综合利用关键技术"],
    ["螯合", "多肽螯合钙制备技术研究与应用"],
    ["污水", "肠衣加工高盐废水综合利用关键技术"], // 同义词表: 污水/废水
  ])("%s finds %s", async (q, title) => {
    const db = await seeded();
    expect(await titles(db, q)).toContain(title);
  });

  // Issue 17 §2: Meilisearch reads only a query's first ten words; matching asks it word by word.
  it("matches on every one of a long source's terms, not only its first ten", async () => {
    const db = await seeded();
    await newResult(db, "石墨烯气凝胶吸附材料", "一种石墨烯气凝胶吸附材料，用于含油废水的吸附分离。", ["石墨烯气凝胶"]);
    await h.settle(db);
    // Ten terms no record has, strongest first, then the record's keyword as the eleventh and twelfth.
    const terms = [...["甲醛", "乙醛", "丙酮", "丁醇", "戊烷", "己烷", "庚烷", "辛烷", "壬烷", "癸烷"].map((w) => `${w}琮璜璎珞`), "石墨烯气凝胶", "含油废水"].map((term, i) => ({ term, weight: 20 - i }));
    const ranked = await rankByText(db, h.engine, terms, { kind: "result", depth: 10 });
    expect(ranked.map((r) => r.hit.title.map((t) => t.text).join(""))[0]).toBe("石墨烯气凝胶吸附材料");
  });

  it("ranks the seeded answers first for the seeded challenges (the same matching code)", async () => {
    const db = await seeded();
    const challenges = await db.selectFrom("challenges").select(["id", "title"]).execute();
    let first = 0;
    for (const [title, expected] of Object.entries(answers)) {
      const { results } = (await matchesForChallenge(db, challenges.find((c) => c.title === title)!.id))!;
      if (expected.includes(results[0]?.title)) first++;
    }
    console.log(`${_name}: ${first}/${Object.keys(answers).length} seeded challenges have a known answer first`);
    expect(first).toBeGreaterThanOrEqual(Math.ceil(Object.keys(answers).length * 0.7));
  }, 60_000);

  it("never finds drafts, unpublished challenges or contact details", async () => {
    const db = await seeded();
    const draft = await db.selectFrom("challenges").select("title").where("status", "=", "draft").executeTakeFirstOrThrow();
    expect(await titles(db, draft.title, "challenge")).not.toContain(draft.title);
    const r = await searchEngine().search(db, { q: "13800007777 0839", page: 1, pageSize: 20 });
    expect(r.hits.flatMap((x) => x.snippet.map((s) => s.text)).join("")).not.toMatch(/1380000|0839-/);
  });

  it.each(['"', "* - ( ) : ^ NEAR AND OR", "😀", "", "长".repeat(1000), "ＮＥＡＲ（）"])("answers hostile input #%# without an error", async (q) => {
    const db = await seeded();
    const r = await searchEngine().search(db, { q, page: 1, pageSize: 20 });
    // A real answer, not just "no error": the page holds what the count promises.
    expect(r.hits.length).toBe(Math.min(r.total, 20));
    expect(Object.values(r.facets.kind).reduce((a, b) => a + b, 0)).toBe(r.total);
  });
});

describe("Meilisearch outbox", () => {
  it("keeps the user's write and retries later with backoff when the engine is down", async () => {
    const down = meilisearchEngine({ host: "http://127.0.0.1:9", apiKey: "x" });
    setSearchEngine(down);
    try {
      const db = await freshDb({ demo: true });
      const { id } = await newResult(db, "离线时发布的成果", "搜索引擎不可用时发布，发布本身必须成功。", ["离线"]);
      expect((await db.selectFrom("results").select("status").where("id", "=", id).executeTakeFirstOrThrow()).status).toBe("published");
      const before = await db.selectFrom("search_outbox").selectAll().where("doc_key", "=", `result:${id}`).execute();
      expect(before.length).toBeGreaterThan(0);
      const now = new Date();
      expect(await down.relay(db, now)).toBe(0);
      const row = await db.selectFrom("search_outbox").selectAll().orderBy("id").executeTakeFirstOrThrow();
      expect(row.attempts).toBe(1);
      expect(row.next_attempt_at > now.toISOString()).toBe(true);
      expect(row.last_error).toBeTruthy();
    } finally {
      setSearchEngine(undefined);
    }
  });
});
