import { afterEach, describe, expect, it, vi } from "vitest";
import { action as resultAction, loader as resultLoader } from "../../app/routes/results.$id/route";
import { loader as challengeLoader } from "../../app/routes/challenges.$id/route";
import { loader as healthz } from "../../app/routes/healthz";
import { loader as searchLoader } from "../../app/routes/search";
import { loadActor } from "../../app/models/shared/session.server";
import { setSearchEngine } from "../../search";
import { meilisearchEngine } from "../../search/meilisearch/engine";
import { startMeilisearch } from "../../search/meilisearch/local-server";
import type { DB } from "../../db/client.server";
import { freshDb, userIdByEmail } from "../support/db";
import { body, call, get, post, signedIn } from "../support/http";
import { makeResult } from "../support/results";

/**
 * The real packaged Meilisearch, killed or frozen (SIGSTOP) under the site: pages that show
 * matching still render and say matching is unavailable, nothing hangs, /healthz answers within its
 * budget, and the log names the real cause.
 */
describe("Meilisearch down or frozen", () => {
  afterEach(() => {
    setSearchEngine(undefined);
    vi.restoreAllMocks();
  });

  async function siteOnMeilisearch() {
    const server = await startMeilisearch();
    const engine = meilisearchEngine({ host: server.url, apiKey: server.key });
    const db = await freshDb({ demo: true });
    // After freshDb: on PostgreSQL it installs an engine of its own (the suite's Meilisearch).
    setSearchEngine(engine);
    await engine.reindex(db);
    return { server, db };
  }

  async function publicIds(db: DB) {
    const c = await db.selectFrom("challenges").select("id").where("status", "=", "published").orderBy("id").executeTakeFirstOrThrow();
    const r = await db.selectFrom("results").select("id").where("status", "=", "published").orderBy("id").executeTakeFirstOrThrow();
    return { challenge: c.id, result: r.id };
  }

  /** A handler's answer and how long it took. */
  async function timed(run: () => Promise<Response>) {
    const start = performance.now();
    const res = await run();
    return { res, seconds: (performance.now() - start) / 1000 };
  }

  const logged = (spy: { mock: { calls: unknown[][] } }) => spy.mock.calls.map((c) => c.map(String).join(" ")).join("\n");

  it("killed: detail pages, and the page a successful write redirects to, render with matching marked unavailable", async () => {
    const { server, db } = await siteOnMeilisearch();
    const ids = await publicIds(db);
    const researcherId = await userIdByEmail(db, "researcher@demo.test");
    const draft = await makeResult(db, await loadActor(db, researcherId), "draft");
    await server.stop();
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});

    const challenge = await call(challengeLoader, get(`/challenges/${ids.challenge}`), { id: String(ids.challenge) });
    expect(challenge.status).toBe(200);
    expect((await body(challenge)).matches).toBeNull();
    const result = await call(resultLoader, get(`/results/${ids.result}`), { id: String(ids.result) });
    expect(result.status).toBe(200);
    expect((await body(result)).matches).toBeNull();

    // A write while the engine is down: it succeeds, and the page it redirects to renders.
    const browser = await signedIn(researcherId);
    const published = await call(resultAction, post(`/results/${draft}`, { intent: "publish" }, browser), { id: String(draft) });
    expect(published.status).toBe(302);
    const target = published.headers.get("Location")!;
    expect(target).toBe(`/results/${draft}`);
    const page = await call(resultLoader, get(target, browser), { id: String(draft) });
    expect(page.status).toBe(200);
    expect((await body(page)).result.status).toBe("published");
    expect(logged(errors)).toMatch(/ECONNREFUSED|ECONNRESET/);
  });

  it("frozen (SIGSTOP): /search, detail pages and /healthz answer within their budget instead of hanging", async () => {
    const { server, db } = await siteOnMeilisearch();
    const ids = await publicIds(db);
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    process.kill(server.pid, "SIGSTOP");
    try {
      const search = await timed(() => call(searchLoader, get(`/search?q=${encodeURIComponent("废水")}`)));
      expect(search.seconds).toBeLessThan(6);
      expect(search.res.status).toBe(200);
      expect((await body(search.res)).unavailable).toBe(true);

      const challenge = await timed(() => call(challengeLoader, get(`/challenges/${ids.challenge}`), { id: String(ids.challenge) }));
      expect(challenge.seconds).toBeLessThan(6);
      expect(challenge.res.status).toBe(200);
      expect((await body(challenge.res)).matches).toBeNull();

      const result = await timed(() => call(resultLoader, get(`/results/${ids.result}`), { id: String(ids.result) }));
      expect(result.seconds).toBeLessThan(6);
      expect(result.res.status).toBe(200);
      expect((await body(result.res)).matches).toBeNull();

      const health = await timed(() => call(healthz, get("/healthz")));
      expect(health.seconds).toBeLessThan(6);
      expect(health.res.status).toBe(503);
      expect((await body(health.res)).search).toMatchObject({ engine: "meilisearch", ok: false, outboxPending: 0 });
      expect(logged(errors)).toMatch(/timeout/);
    } finally {
      process.kill(server.pid, "SIGCONT");
      await server.stop();
    }
  }, 60_000);

  it("/healthz reports how far the index lags: pending rows and the age of the oldest", async () => {
    const { server, db } = await siteOnMeilisearch();
    try {
      const researcher = await loadActor(db, await userIdByEmail(db, "researcher@demo.test"));
      await makeResult(db, researcher, "published");
      const pending = (await db.selectFrom("search_outbox").select("id").execute()).length;
      expect(pending).toBeGreaterThan(0);
      // The oldest row was written a minute ago (time is an input: the row carries it).
      await db.updateTable("search_outbox").set({ created_at: new Date(Date.now() - 60_000).toISOString() }).where("id", "=", (await db.selectFrom("search_outbox").select("id").orderBy("id").executeTakeFirstOrThrow()).id).execute();
      const res = await call(healthz, get("/healthz"));
      expect(res.status).toBe(200);
      const search = (await body(res)).search;
      expect(search).toMatchObject({ engine: "meilisearch", ok: true, outboxPending: pending });
      expect(search.outboxLagSeconds).toBeGreaterThanOrEqual(59);
    } finally {
      await server.stop();
    }
  });
});
