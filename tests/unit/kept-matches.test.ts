/**
 * Kept matches (README Decision 70): a detail page's matching is computed once and used again
 * until the index may have changed in this process, or for at most 30 s.
 */
import { describe, expect, it } from "vitest";
import { matchesForChallenge } from "../../app/models/result/matching.server";
import { keptMatches } from "../../app/models/result/kept-matches.server";
import { createResult, moveResult } from "../../app/models/result/result.server";
import { loadActor } from "../../app/models/shared/session.server";
import { setSearchEngine } from "../../search";
import { noteSearchChange } from "../../search/changes";
import type { SearchEngine } from "../../search/engine";
import { sqliteEngine } from "../../search/sqlite/engine";
import { freshDb, userIdByEmail } from "../support/db";

describe("keptMatches", () => {
  it("computes once, again after a change, again when older than 30 s, and per database", async () => {
    let runs = 0;
    const compute = async () => ++runs;
    const db = {};
    const t = 1_000_000;
    expect(await keptMatches(db, "k", compute, t)).toBe(1);
    expect(await keptMatches(db, "k", compute, t + 29_999)).toBe(1);
    expect(await keptMatches(db, "other", compute, t)).toBe(2);
    expect(await keptMatches({}, "k", compute, t)).toBe(3);
    noteSearchChange();
    expect(await keptMatches(db, "k", compute, t + 1)).toBe(4);
    expect(await keptMatches(db, "k", compute, t + 30_001)).toBe(5);
  });

  it("does not keep an answer whose computation overlapped a change", async () => {
    let runs = 0;
    const db = {};
    const overlapped = async () => {
      runs++;
      noteSearchChange(); // a form handled while this was computed
      return runs;
    };
    expect(await keptMatches(db, "k", overlapped)).toBe(1);
    expect(await keptMatches(db, "k", async () => ++runs)).toBe(2);
    expect(await keptMatches(db, "k", async () => ++runs)).toBe(2);
  });
});

describe("a challenge's matches between writes", () => {
  it("ask the engine once for two views, and show a result published after the first view at once", async () => {
    const db = await freshDb({ demo: true });
    let searches = 0;
    const counting: SearchEngine = { ...sqliteEngine, search: (d, q) => (searches++, sqliteEngine.search(d, q)) };
    setSearchEngine(counting);
    try {
      const c = await db.selectFrom("challenges").select(["id", "title"]).where("title", "=", "肠衣加工高盐废水综合利用关键技术").executeTakeFirstOrThrow();
      const first = (await matchesForChallenge(db, c.id))!;
      const asked = searches;
      expect(asked).toBeGreaterThan(0);
      expect((await matchesForChallenge(db, c.id))!).toEqual(first);
      expect(searches).toBe(asked);

      const researcher = await loadActor(db, await userIdByEmail(db, "researcher@demo.test"));
      const title = "肠衣高盐废水多肽回收与分盐资源化成套技术";
      const id = await createResult(db, researcher, {
        title, abstract: "肠衣加工高盐废水中多肽回收、分盐与资源化利用的成套工艺，已完成中试。", fieldCode: "08", keywords: ["高盐废水", "肠衣", "多肽"],
        trl: 7, transferModes: ["license"], price: null, team: "测试团队，五人。", contactName: "林老师", contactPhone: "13800009999", contactEmail: null, patents: [],
      });
      await moveResult(db, researcher, id, "publish");
      const after = (await matchesForChallenge(db, c.id))!;
      expect(searches).toBeGreaterThan(asked);
      expect(after.results.map((m) => m.title)).toContain(title);
    } finally {
      setSearchEngine(undefined);
    }
  });
});
