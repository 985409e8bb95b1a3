import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { DOC_KINDS } from "../../db/vocabulary";
import { moveResult, createResult } from "../../app/models/result/result.server";
import { loadActor } from "../../app/models/shared/session.server";
import { SEARCH_PAGE_SIZE } from "../../app/models/result/search.server";
import { loader as searchLoader } from "../../app/routes/search";
import { searchEngine } from "../../search";
import { freshDb, userIdByEmail } from "../support/db";
import { body, call, get } from "../support/http";
import type { DB } from "../../db/client.server";

async function find(q: string, extra = "") {
  const res = await call(searchLoader, get(`/search?q=${encodeURIComponent(q)}${extra}`));
  expect(res.status, q).toBe(200);
  return (await body(res)).results as { total: number; hits: { key: string; title: { text: string }[]; snippet: { text: string; mark: boolean }[] }[]; facets: { kind: Record<string, number> } };
}

const titles = (r: Awaited<ReturnType<typeof find>>) => r.hits.map((h) => h.title.map((t) => t.text).join(""));

async function newResult(db: DB, title: string, abstract: string, publish = true) {
  const researcher = await loadActor(db, await userIdByEmail(db, "researcher@demo.test"));
  const id = await createResult(db, researcher, {
    title,
    abstract,
    fieldCode: "07",
    keywords: ["测试"],
    trl: 5,
    transferModes: ["license"],
    price: null,
    team: "测试团队，五人。",
    contactName: "林老师",
    contactPhone: "13800009999",
    contactEmail: null,
    patents: [],
  });
  if (publish) await moveResult(db, researcher, id, "publish");
  return id;
}

describe("embedded search (SQLite FTS5 + jieba)", () => {
  it("finds seeded challenges, results and researchers for a Chinese phrase, best match first, with marked snippets", async () => {
    await freshDb({ demo: true });
    const r = await find("高盐废水");
    expect(r.facets.kind.challenge).toBeGreaterThan(0);
    expect(r.facets.kind.result).toBeGreaterThan(0);
    expect(titles(r)[0]).toMatch(/高盐/);
    expect(r.hits[0].snippet.some((s) => s.mark)).toBe(true);
  });

  it("recalls 锂电池 for 电池 and 重金属 for 金属 (sub-words are indexed)", async () => {
    const db = await freshDb({ demo: true });
    await newResult(db, "退役锂电池梯次利用检测技术", "面向退役动力锂电池的快速分选与梯次利用检测方法。");
    await newResult(db, "重金属污染农田安全利用技术", "针对镉等重金属超标农田的钝化与低积累品种组合。");
    expect(titles(await find("电池"))).toContain("退役锂电池梯次利用检测技术");
    expect(titles(await find("金属"))).toContain("重金属污染农田安全利用技术");
  });

  it("indexes only what is published: a draft, and an archived result, are not found", async () => {
    const db = await freshDb({ demo: true });
    await newResult(db, "草稿成果ZQX星号", "尚未发布的成果内容，仅供测试使用。", false);
    const archived = await newResult(db, "下架成果ZQX月亮", "曾经发布又下架的成果，仅供测试使用。");
    expect((await find("ZQX月亮")).total).toBe(1);
    await moveResult(db, await loadActor(db, await userIdByEmail(db, "researcher@demo.test")), archived, "archive");
    expect((await find("ZQX星号")).total).toBe(0);
    expect((await find("ZQX月亮")).total).toBe(0);
  });

  it("never indexes contact details, bids or unpublished challenges", async () => {
    const db = await freshDb({ demo: true });
    const docs = await db.selectFrom("search_fts").selectAll().execute();
    const text = JSON.stringify(docs);
    expect(text).not.toMatch(/0839-|1380000|@demo\\.test/); // phones and e-mail addresses
    const bid = await db.selectFrom("bids").select("solution").executeTakeFirstOrThrow();
    expect(text.replaceAll("\u200B", "")).not.toContain(bid.solution.slice(0, 20));
    const hidden = await db.selectFrom("challenges").select("id").where("status", "in", ["draft", "submitted", "under_review", "rejected"]).execute();
    const keys = new Set(docs.map((d) => d.doc_key));
    for (const c of hidden) expect(keys.has(`challenge:${c.id}`)).toBe(false);
  });

  it.each([
    "",
    "长".repeat(1000), // a thousand characters
    '"',
    "* - ( ) : ^ NEAR AND OR",
    "锂电池 -钠",
    "a:b",
    "NEAR(",
    "😀🔋",
    "，。！？（）【】",
    "ＮＥＡＲ（）",
    "鋰電池",
    "%_\\",
  ])("answers hostile input #%# with results or an empty state, never an error", async (q) => {
    await freshDb({ demo: true });
    const r = await find(q);
    // A real answer, not just "no error": the page holds what the count promises, and the kind
    // facets account for every hit counted.
    expect(r.hits.length).toBe(Math.min(r.total, SEARCH_PAGE_SIZE));
    expect(Object.values(r.facets.kind).reduce((a, b) => a + b, 0)).toBe(r.total);
  });

  // The page's search asks for every word, and lets the last ones go while fewer than ten records
  // have them all (as Meilisearch's matchingStrategy "last"); matching still ranks any of them.
  describe("every word first", () => {
    const totals = async (q: string) => (await find(q)).total;
    async function corpus() {
      const db = await freshDb({ demo: true });
      for (let i = 1; i <= 11; i++) await newResult(db, `双词测试成果${i}号 qwxalpha qwxbeta`, "两个测试词都有的成果摘要，仅供测试使用。");
      for (let i = 1; i <= 4; i++) await newResult(db, `单词测试成果${i}号 qwxalpha`, "只有第一个测试词 qwxalpha qwxalpha 的成果摘要。");
      const long = "这份成果的摘要写得很长，用来检验排序不靠摘要长短。".repeat(6);
      await newResult(db, "三词测试成果 qwxbeta qwxgamma", `${long} qwxbeta qwxgamma`);
      return db;
    }

    it("counts only the records with every word once ten have them all; a word no record has is let go", async () => {
      await corpus();
      expect(await totals("qwxalpha")).toBe(15);
      expect(await totals("qwxalpha qwxbeta")).toBe(11);
      expect(titles(await find("qwxalpha qwxbeta")).every((t) => t.includes("双词"))).toBe(true);
      expect(await totals("qwxalpha qwxbeta qwxnothing")).toBe(11);
      expect(await totals("qwxnothing qwxalpha qwxbeta")).toBe(11);
      expect(await totals("qwxnothing")).toBe(0);
    });

    it("with fewer than ten having every word, the last word is let go and the records with more words come first", async () => {
      await corpus();
      const r = await find("qwxbeta qwxgamma");
      expect(r.total).toBe(12); // every record with qwxbeta
      expect(titles(r)[0]).toBe("三词测试成果 qwxbeta qwxgamma");
      // In the order typed: qwxgamma is kept, qwxbeta let go.
      expect(titles(await find("qwxgamma qwxalpha"))).toEqual(["三词测试成果 qwxbeta qwxgamma"]);
      expect(await totals("qwxalpha qwxgamma")).toBe(15);
    });
  });

  it("gives every document a rowid that says its kind, when written and when rebuilt (the kind filter reads it)", async () => {
    const db = await freshDb({ demo: true });
    const check = async () => {
      const rows = await db.selectFrom("search_docs").select(["kind", "ref_id"]).select(sql<number>`rowid`.as("rowid")).execute();
      expect(rows.length).toBeGreaterThan(50);
      for (const r of rows) expect(r.rowid, `${r.kind}:${r.ref_id}`).toBe(r.ref_id * DOC_KINDS.length + DOC_KINDS.indexOf(r.kind));
      const fts = await sql<{ n: number }>`select count(*) as n from search_fts f join search_docs d on d.rowid = f.rowid`.execute(db);
      expect(fts.rows[0].n).toBe(rows.length);
    };
    await check();
    await searchEngine().reindex(db);
    await check();
  });

  it("rebuilds the same index from the database", async () => {
    const db = await freshDb({ demo: true });
    const before = await db.selectFrom("search_docs").select(["doc_key", "title"]).orderBy("doc_key").execute();
    await searchEngine().reindex(db);
    const after = await db.selectFrom("search_docs").select(["doc_key", "title"]).orderBy("doc_key").execute();
    expect(after).toEqual(before);
  });
});
