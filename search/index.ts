import type { Kysely } from "kysely";
import type { Database, DocKind } from "../db/schema";
import type { SearchEngine } from "./engine";
import { meilisearchEngine } from "./meilisearch/engine";
import { sqliteEngine } from "./sqlite/engine";

export { outboxLag } from "./meilisearch/outbox";

let engine: SearchEngine | undefined;

/** Where Meilisearch is, if it is used; the app passes it from its environment (MEILI_URL, MEILI_MASTER_KEY). */
export interface SearchConfig {
  meiliUrl?: string;
  meiliKey?: string;
}

let config: SearchConfig = {};

/** Set by the app before the first search (app/utils/search.server.ts); an engine already in use stays until `setSearchEngine(undefined)`. */
export function configureSearch(next: SearchConfig): void {
  config = next;
}

/**
 * The engine in use: Meilisearch when configured with an address (its outbox relayed every second,
 * after commit, off the request path), otherwise the embedded SQLite engine.
 */
export function searchEngine(): SearchEngine {
  if (engine) return engine;
  if (!config.meiliUrl) return (engine = sqliteEngine);
  return (engine = meilisearchEngine({ host: config.meiliUrl, apiKey: config.meiliKey }));
}

/**
 * The engine made to read its own writes, for work that searches while it writes (the demo seed,
 * tests): an engine that indexes outside the database (Meilisearch) builds its index with its
 * settings at the first search, then relays every committed outbox row before each search, as the
 * server's background relay would a moment later. The embedded engine already does; it is returned as is.
 */
export function readingOwnWrites(engine: SearchEngine): SearchEngine {
  const relay = engine.relay?.bind(engine);
  if (!relay) return engine;
  let built = false;
  return {
    ...engine,
    async search(db, query) {
      if (!built) await engine.reindex(db);
      built = true;
      while ((await relay(db, new Date("9999-01-01T00:00:00Z"))) > 0);
      return engine.search(db, query);
    },
  };
}

/** Tests choose the engine for a suite. */
export function setSearchEngine(next: SearchEngine | undefined): void {
  engine = next;
}

/** Re-sync every searchable record of an organisation (its name or verification changed). */
export async function syncOrganization(trx: Kysely<Database>, orgId: number): Promise<void> {
  const current = searchEngine();
  const [challenges, results, people] = await Promise.all([
    trx.selectFrom("challenges").select("id").where("org_id", "=", orgId).execute(),
    trx.selectFrom("results").select("id").where("org_id", "=", orgId).execute(),
    trx.selectFrom("researcher_profiles").innerJoin("users", "users.id", "researcher_profiles.user_id").select("users.id").where("users.org_id", "=", orgId).execute(),
  ]);
  const all: [DocKind, number][] = [
    ...challenges.map((c) => ["challenge", c.id] as [DocKind, number]),
    ...results.map((r) => ["result", r.id] as [DocKind, number]),
    ...people.map((p) => ["expert", p.id] as [DocKind, number]),
  ];
  for (const [kind, id] of all) await current.sync(trx, kind, id);
}
