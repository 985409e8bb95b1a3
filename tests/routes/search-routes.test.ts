import { describe, expect, it } from "vitest";
import { loader as healthz } from "../../app/routes/healthz";
import { loader as matchesLoader } from "../../app/routes/bureau.matches";
import { loader as suggest } from "../../app/routes/search_.suggest";
import { loader as searchLoader } from "../../app/routes/search";
import { freshDb, onPostgres, userIdByEmail } from "../support/db";
import { searchEngine } from "../../search";
import { anonymous, body, call, get, signedIn } from "../support/http";

describe("search routes", () => {
  it("suggests public titles while typing, and nothing for empty or hostile input", async () => {
    await freshDb({ demo: true });
    const r = await body(await call(suggest, get(`/search/suggest?q=${encodeURIComponent("泡菜")}`)));
    expect(r.suggestions).toContain("泡菜低盐发酵与品质稳定控制");
    // Terms first, for the start of a term and for a part of one, then titles.
    for (const [typed, term] of [["高盐", "高盐废水"], ["盐废水", "高盐废水"], ["螯合", "多肽螯合钙"]]) {
      const s = (await body(await call(suggest, get(`/search/suggest?q=${encodeURIComponent(typed)}`)))).suggestions as string[];
      expect(s.slice(0, 4), typed).toContain(term);
      expect(s.length).toBeLessThanOrEqual(8);
    }
    for (const q of ["", '" NEAR(', "😀"]) {
      const res = await call(suggest, get(`/search/suggest?q=${encodeURIComponent(q)}`));
      expect(res.status).toBe(200);
      expect((await body(res)).suggestions).toEqual([]);
    }
  });

  it("reports health: database, engine and outbox lag", async () => {
    const db = await freshDb({ demo: true });
    // On PostgreSQL the seed's documents wait in the outbox until a relay; the relay empties it.
    if (onPostgres) await searchEngine().search(db, { q: "废水", page: 1, pageSize: 1 });
    const res = await call(healthz, get("/healthz"));
    expect(res.status).toBe(200);
    const engine = onPostgres ? "meilisearch" : "sqlite";
    expect(await body(res)).toEqual({ ok: true, database: { ok: true, state: "ok" }, search: { engine, ok: true, outboxPending: 0, outboxLagSeconds: 0 } });
  });

  it("shows candidate pairs to the bureau only", async () => {
    const db = await freshDb({ demo: true });
    expect((await call(matchesLoader, get("/bureau/matches", await anonymous()))).status).toBe(302);
    expect((await call(matchesLoader, get("/bureau/matches", await signedIn(await userIdByEmail(db, "enterprise@demo.test"))))).status).toBe(403);
    const res = await call(matchesLoader, get("/bureau/matches", await signedIn(await userIdByEmail(db, "bureau@demo.test"))));
    expect(res.status).toBe(200);
    const data = await body(res);
    const saline = data.rows.find((r: { challenge: { title: string } }) => r.challenge.title === "肠衣加工高盐废水综合利用关键技术");
    expect(saline.matches.results[0].reasons[0]).toMatch(/共同关键词/);
  });

  const searchPage = async (query: string) => {
    const res = await call(searchLoader, get(`/search?${query}`));
    expect(res.status).toBe(200);
    return body(res);
  };

  it.each([
    "q=%E5%BA%9F%E6%B0%B4&amountMin=abc",
    "q=%E5%BA%9F%E6%B0%B4&stage=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "q=%E5%BA%9F%E6%B0%B4&region=mars",
    "q=%E5%BA%9F%E6%B0%B4&status=draft",
    "q=%E5%BA%9F%E6%B0%B4&status=__proto__&field=x&kind=bids",
    "q=%E5%BA%9F%E6%B0%B4&amountMin=-5&amountMax=1e99",
    "q=%E5%BA%9F%E6%B0%B4&amountMin=&amountMax=&stage=&region=",
    "q=%E5%BA%9F%E6%B0%B4&region=lizhou&region=mars&page=-1",
  ])("ignores hostile or invalid filter params: %s", async (query) => {
    await freshDb({ demo: true });
    const unfiltered = await searchPage("q=%E5%BA%9F%E6%B0%B4");
    const data = await searchPage(query);
    expect(data.unavailable).toBe(false);
    expect(data.stage ?? null).toBeNull();
    expect(data.status ?? null).toBeNull();
    expect(data.amountMin ?? null).toBeNull();
    if (!query.includes("region=lizhou")) expect(data.results.total).toBe(unfiltered.results.total);
  });

  it("tells that a mistyped amount was ignored", async () => {
    await freshDb({ demo: true });
    expect((await searchPage("q=%E5%BA%9F%E6%B0%B4&amountMin=abc")).note).toMatch(/金额/);
  });

  it("swaps a reversed 万元 range and says so", async () => {
    await freshDb({ demo: true });
    const data = await searchPage("q=%E5%BA%9F%E6%B0%B4&amountMin=100&amountMax=50");
    expect(data.amountMin).toBe(50_000_000);
    expect(data.amountMax).toBe(100_000_000);
    expect(data.note).toMatch(/对调/);
    expect(data.results.hits.length).toBeGreaterThan(0);
    for (const h of data.results.hits) expect(h.amountFen).toBeGreaterThanOrEqual(50_000_000);
  });

  it("applies valid filters from the address", async () => {
    await freshDb({ demo: true });
    const data = await searchPage("q=%E5%BA%9F%E6%B0%B4&region=sichuan_other&stage=scale");
    expect(data.region).toBe("sichuan_other");
    expect(data.results.hits.length).toBeGreaterThan(0);
    for (const h of data.results.hits) {
      expect(h.orgRegion).toBe("sichuan_other");
      expect(h.trl).toBeGreaterThanOrEqual(6);
      expect(h.trl).toBeLessThanOrEqual(7);
    }
  });
});
