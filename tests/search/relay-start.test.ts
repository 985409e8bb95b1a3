import { expect, it } from "vitest";
import { loadActor } from "../../app/models/shared/session.server";
import { startSearchRelay } from "../../app/web/search-relay.server";
import { setSearchEngine } from "../../search";
import { INDEX, meilisearchEngine } from "../../search/meilisearch/engine";
import { startMeilisearch } from "../../search/meilisearch/local-server";
import { freshDb, userIdByEmail } from "../support/db";
import { makeResult } from "../support/results";

/**
 * The relay is started once by the server entry (not by a page's loader): committed writes reach
 * Meilisearch in the background with no request made. Its own file: the loop lives as long as the process.
 */
it("startSearchRelay applies committed writes in the background, with no page requested", async () => {
  const server = await startMeilisearch();
  const engine = meilisearchEngine({ host: server.url, apiKey: server.key });
  try {
    const db = await freshDb({ demo: true });
    // After freshDb: on PostgreSQL it installs an engine of its own (the suite's Meilisearch).
    setSearchEngine(engine);
    await engine.reindex(db);
    const id = await makeResult(db, await loadActor(db, await userIdByEmail(db, "researcher@demo.test")), "published");
    expect((await db.selectFrom("search_outbox").select("id").execute()).length).toBeGreaterThan(0);

    startSearchRelay();
    startSearchRelay(); // idempotent: the entry may be evaluated again

    const deadline = Date.now() + 15_000;
    while ((await db.selectFrom("search_outbox").select("id").limit(1).execute()).length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(await db.selectFrom("search_outbox").select("id").execute()).toEqual([]);
    expect((await engine.client.index(INDEX).getDocument(`result-${id}`)).ref_id).toBe(id);
  } finally {
    setSearchEngine(undefined);
    await server.stop();
  }
});
