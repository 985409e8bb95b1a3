import { searchEngine } from "../utils/search.server";
import { getDb } from "../utils/db.server";

/** One loop per process, even when the server build is loaded again (remix dev). */
const STARTED = Symbol.for("techmatch.searchRelay");

/**
 * With Meilisearch, committed writes wait in the outbox; this loop applies them after commit,
 * off the request path, so a slow or absent engine never slows or fails a user's write.
 * Called once by the server entry; a no-op for the embedded engine, which has no relay.
 */
export function startSearchRelay(): void {
  const state = globalThis as { [STARTED]?: boolean };
  if (state[STARTED]) return;
  state[STARTED] = true;
  const engine = searchEngine();
  const relay = engine.relay?.bind(engine);
  if (!relay) return;
  const tick = async () => {
    let applied = 0;
    try {
      applied = await relay(getDb());
    } catch (e) {
      // Engine faults are handled (and logged) by the relay itself; this is the database failing.
      console.error("搜索同步失败，将自动重试：", e);
    }
    // While rows keep coming, go straight on: catch-up is not limited to one batch a second.
    setTimeout(tick, applied > 0 ? 0 : 1000).unref();
  };
  setTimeout(tick, 0).unref();
}
