import { searchEngine } from "../../search";
import type { SearchEngine } from "../../search/engine";
import { getDb } from "./db.server";

type Relaying = SearchEngine & { relay(db: ReturnType<typeof getDb>): Promise<number> };

let started = false;

/**
 * With Meilisearch, committed writes wait in the outbox; this loop applies them after commit,
 * off the request path, so a slow or absent engine never slows or fails a user's write.
 */
export function ensureSearchRelay(): void {
  if (started) return;
  started = true;
  const engine = searchEngine();
  if (!("relay" in engine)) return;
  let running = false;
  const timer = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      await (engine as Relaying).relay(getDb());
    } catch (e) {
      console.error("搜索同步失败，将自动重试：", e);
    } finally {
      running = false;
    }
  }, 1000);
  timer.unref();
}
