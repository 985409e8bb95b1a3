import type { DB } from "../../../db/client.server";
import { outboxLag } from "../../../search";
import { searchEngine } from "../../utils/search.server";
import type { SearchQuery } from "../../../search/engine";

export const SEARCH_PAGE_SIZE = 20;

/** Site search over published challenges, results and researcher profiles (public fields only). */
export async function searchSite(db: DB, q: Omit<SearchQuery, "pageSize" | "lean">) {
  return searchEngine().search(db, { ...q, pageSize: SEARCH_PAGE_SIZE });
}

/**
 * For /healthz: the engine, whether it answers a search (within a page's time budget, so a frozen
 * engine cannot hold the check), and how far the index lags behind the database (rows, seconds).
 */
export async function searchHealth(db: DB, now: Date) {
  const engine = searchEngine();
  const [ok, lag] = await Promise.all([
    engine.search(db, { q: "健康检查", page: 1, pageSize: 1 }).then(
      () => true,
      (e) => {
        console.error("健康检查：搜索失败：", e);
        return false;
      },
    ),
    engine.relay ? outboxLag(db, now) : { rows: 0, seconds: 0 },
  ]);
  return { engine: engine.relay ? "meilisearch" : "sqlite", ok, outboxPending: lag.rows, outboxLagSeconds: lag.seconds };
}
