import { describe, expect, it } from "vitest";
import { matchesForChallenge, matchesForResult } from "../../app/models/result/matching.server";
import { answers } from "../../seeds/results";
import { findMatches } from "../../search/matching";
import { sqliteEngine } from "../../search/sqlite/engine";
import { freshDb } from "../support/db";

describe("two-way matching on the seeded pairs", () => {
  it("puts an answering result in the top 5 for every seeded challenge that has one, with reasons", async () => {
    const db = await freshDb({ demo: true });
    const challenges = await db.selectFrom("challenges").select(["id", "title"]).execute();
    const misses: string[] = [];
    let firsts = 0;
    for (const [title, expected] of Object.entries(answers)) {
      const c = challenges.find((x) => x.title === title);
      expect(c, title).toBeDefined();
      const { results } = (await matchesForChallenge(db, c!.id))!;
      const top = results.map((r) => r.title);
      if (!expected.some((e) => top.includes(e))) misses.push(title);
      if (expected.includes(top[0])) firsts++;
      for (const r of results) expect(r.reasons[0]).toMatch(/^共同关键词：/);
    }
    expect(misses).toEqual([]);
    // The best match is a known answer for most challenges (printed for the closing note).
    console.log(`matching: ${firsts}/${Object.keys(answers).length} challenges have a known answer ranked first`);
    expect(firsts).toBeGreaterThanOrEqual(Math.ceil(Object.keys(answers).length * 0.7));
  });

  it("offers a result only challenges that are still open for bids", async () => {
    const db = await freshDb({ demo: true });
    const r = await db.selectFrom("results").select("id").where("title", "=", "耐盐菌预处理—纳滤分盐—酶解多肽回收组合工艺").executeTakeFirstOrThrow();
    const matches = (await matchesForResult(db, r.id))!;
    expect(matches.map((m) => m.title)).toContain("肠衣加工高盐废水综合利用关键技术");
    const open = await db.selectFrom("challenges").select("id").where("status", "=", "published").where("deadline", ">", new Date().toISOString()).execute();
    for (const m of matches) expect(open.map((o) => o.id)).toContain(m.id);
  });
});

describe("产业领域 in matching", () => {
  it("says when a challenge and a result share an industry, and counts it like a shared 技术领域", async () => {
    const db = await freshDb({ demo: true });
    const c = await db.selectFrom("challenges").select(["id", "industry_code"]).where("title", "=", "泡菜低盐发酵与品质稳定控制").executeTakeFirstOrThrow();
    expect(c.industry_code).toBe("GY04");
    const answer = "耐低盐植物乳杆菌直投式菌剂及泡菜低盐发酵工艺";
    const find = async () => (await matchesForChallenge(db, c.id))!.results.find((m) => m.title === answer)!;
    const shared = await find();
    expect(shared.reasons).toContain("同属产业领域：食品饮料");


    // The same challenge without its industry, on the same index: every food hit loses the
    // reason, and each score below the cap drops by exactly what a shared 技术领域 adds (the
    // source's field is set apart, so no score reaches the cap of 100).
    const source = { title: "泡菜低盐发酵与品质稳定控制", keywords: ["泡菜", "低盐发酵", "乳酸菌"], description: "泡菜低盐发酵工艺优化与品质稳定控制。", fieldCode: "03", amountFen: null };
    const names = { fieldName: (x: string) => x, industryName: (x: string) => (x === "GY04" ? "食品饮料" : x), limit: 40 };
    const withIndustry = await findMatches(db, sqliteEngine, { ...source, industryCode: "GY04" }, "result", names);
    const without = await findMatches(db, sqliteEngine, { ...source, industryCode: null }, "result", names);
    const food = without.filter((m) => m.hit.industryCode === "GY04" && m.score <= 85);
    expect(food.length).toBeGreaterThan(0);
    for (const m of food) {
      const lifted = withIndustry.find((x) => x.hit.key === m.hit.key)!;
      expect(lifted.score - m.score, m.hit.key).toBe(15);
      expect(lifted.reasons).toContain("同属产业领域：食品饮料");
      expect(m.reasons.some((x) => x.startsWith("同属产业领域"))).toBe(false);
    }
    const other = without.find((m) => m.hit.industryCode !== "GY04")!;
    expect(withIndustry.find((x) => x.hit.key === other.hit.key)?.score).toBe(other.score);
  });
});
