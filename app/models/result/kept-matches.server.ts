import { searchChanges } from "../../../search/changes";
import { clock } from "../../utils/time";

/**
 * Matches kept between changes of the index (README Decision 70). A detail page's matching asks
 * the engine four times or more (twelve on Meilisearch), for the same answer until a record is
 * written. An answer is used while nothing was written in this process since its computation
 * began (search/changes.ts) and for at most KEEP_MS, which bounds how long a change made by
 * another process or by the clock takes to show. Matches hold only what the index holds: public
 * fields of published records, the same for every viewer.
 */
const KEEP_MS = 30_000;
const MAX_ENTRIES = 500;

interface Entry {
  value: unknown;
  changes: number;
  at: number;
}

/** Per database handle: tests open many databases in one process. */
const keptFor = new WeakMap<object, Map<string, Entry>>();

export async function keptMatches<T>(db: object, key: unknown, compute: () => Promise<T>, now = clock.now().getTime()): Promise<T> {
  let kept = keptFor.get(db);
  if (!kept) keptFor.set(db, (kept = new Map()));
  const k = JSON.stringify(key);
  const entry = kept.get(k);
  if (entry && entry.changes === searchChanges() && now - entry.at < KEEP_MS) return entry.value as T;
  // Counted before computing: an answer that overlapped a write is stale the moment it is kept.
  const changes = searchChanges();
  const value = await compute();
  kept.delete(k);
  if (kept.size >= MAX_ENTRIES) kept.delete(kept.keys().next().value!);
  kept.set(k, { value, changes, at: now });
  return value;
}
