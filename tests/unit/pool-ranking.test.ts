import { describe, expect, it } from "vitest";
import type { SearchHit } from "../../search/engine";
import { rankPool } from "../../search/meilisearch/pool-ranking";

const hit = (id: number, terms: [string, number][], score: number): SearchHit => ({
  key: `result:${id}`, kind: "result", id, title: [{ text: `成果${id}`, mark: false }], snippet: [], fieldCode: null, industryCode: null,
  status: "published", trl: null, amountFen: null, orgName: "", orgRegion: null, score,
  terms: terms.map(([term, weight]) => ({ term, weight })),
});

describe("rankPool (BM25 over Meilisearch's pool for matching)", () => {
  // Meilisearch counts matched words first: three common words beat two rare ones.
  const common = [2, 3, 4, 5, 6, 7].map((id) => hit(id, [["废水", 9], ["处理", 8], ["工艺", 8], ["设备", 7]], 0.9));
  const rare = hit(1, [["纳滤分盐", 12], ["耐盐菌", 11], ["废水", 6]], 0.6);
  const none = hit(8, [["土壤", 9]], 0.95);

  it("puts the document with the query's rare words first, whatever Meilisearch's own score", () => {
    const ranked = rankPool([...common, none, rare], ["纳滤分盐", "耐盐菌", "废水", "处理", "工艺"]);
    expect(ranked[0].key).toBe("result:1");
    expect(ranked[0].score).toBeGreaterThan(ranked[1].score);
  });

  it("keeps a document that holds none of the asked terms, last, with score 0", () => {
    const ranked = rankPool([none, ...common, rare], ["纳滤分盐", "废水"]);
    expect(ranked.at(-1)).toMatchObject({ key: "result:8", score: 0 });
    expect(ranked).toHaveLength(8);
  });

  it("gives equal documents the same score and breaks ties by Meilisearch's order, then key", () => {
    const ranked = rankPool([hit(9, [["废水", 9]], 0.2), hit(10, [["废水", 9]], 0.7)], ["废水"]);
    expect(ranked.map((h) => h.key)).toEqual(["result:10", "result:9"]);
    expect(ranked[0].score).toBe(ranked[1].score);
  });

  it("answers an empty pool with nothing", () => {
    expect(rankPool([], ["废水"])).toEqual([]);
  });
});
