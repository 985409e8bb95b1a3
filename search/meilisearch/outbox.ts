import type { Kysely } from "kysely";
import type { Meilisearch } from "meilisearch";
import type { Database } from "../../db/schema";
import { describeFault } from "./http-client";

/**
 * The transactional outbox between our database and Meilisearch. `sync` adds a row with the
 * document's whole state (or null: remove it) inside the writer's transaction; the relay applies
 * committed rows to the index afterwards.
 *
 * Order: rows of one document are applied in order, and a document whose earliest row is backing
 * off after a failure is held back whole, so a later row never overtakes it (a result published
 * then archived during an outage must end up removed, not published). Because each row is the
 * document's whole state, a run of rows of one document is applied as its last row alone: the
 * index then equals a fresh rebuild from the database.
 */

/** Rows per relay run: one addDocuments and one deleteDocuments call each. */
export const RELAY_BATCH = 2000;
/** Enqueued tasks may wait behind a rebuild; the rows are retried if this runs out, which is harmless. */
const TASK_WAIT = { timeout: 60_000 };
const MAX_BACKOFF_MS = 300_000;
/** SQLite binds at most a few thousand variables per statement on older builds. */
const ID_CHUNK = 500;

export async function enqueue(trx: Kysely<Database>, docKey: string, document: object | null, now: Date): Promise<void> {
  const at = now.toISOString();
  await trx
    .insertInto("search_outbox")
    .values({ doc_key: docKey, document: document ? JSON.stringify(document) : null, created_at: at, next_attempt_at: at, last_error: null })
    .execute();
}

/** Meilisearch ids allow letters, digits, - and _ only. */
export const meiliId = (key: string) => key.replace(":", "-");

/** Apply due rows in one batch; returns how many rows were applied (0 when none were due or the engine failed). */
export async function relayOutbox(db: Kysely<Database>, client: Meilisearch, indexUid: string, now: Date): Promise<number> {
  const at = now.toISOString();
  const heldFrom = new Map(
    (await db.selectFrom("search_outbox").select(["doc_key", (eb) => eb.fn.min<number>("id").as("id")]).where("next_attempt_at", ">", at).groupBy("doc_key").execute()).map((r) => [r.doc_key, Number(r.id)]),
  );
  const due = await db.selectFrom("search_outbox").select(["id", "doc_key", "document", "attempts"]).where("next_attempt_at", "<=", at).orderBy("id").limit(RELAY_BATCH).execute();
  const rows = due.filter((r) => !(r.id > (heldFrom.get(r.doc_key) ?? Infinity)));
  if (rows.length === 0) return 0;

  const last = new Map<string, string | null>();
  for (const r of rows) last.set(r.doc_key, r.document);
  const adds = [...last.values()].filter((d): d is string => d != null).map((d) => JSON.parse(d) as Record<string, unknown>);
  const deletes = [...last].filter(([, d]) => d == null).map(([key]) => meiliId(key));
  const ids = rows.map((r) => r.id);
  try {
    const index = client.index(indexUid);
    const tasks = [];
    if (adds.length) tasks.push(await index.addDocuments(adds, { primaryKey: "id" }));
    if (deletes.length) tasks.push(await index.deleteDocuments(deletes));
    for (const t of tasks) {
      const done = await client.tasks.waitForTask(t.taskUid, TASK_WAIT);
      if (done.status !== "succeeded") throw new Error(`Meilisearch task ${done.uid} ${done.status}: ${done.error?.message ?? ""}`);
    }
  } catch (e) {
    const attempts = Math.max(...rows.map((r) => r.attempts)) + 1;
    const delay = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** (attempts - 1));
    const cause = describeFault(e);
    console.error(`搜索索引同步失败，${rows.length} 条待同步记录将在 ${delay / 1000} 秒后重试（第 ${attempts} 次）：${cause}`);
    for (let i = 0; i < ids.length; i += ID_CHUNK) {
      await db
        .updateTable("search_outbox")
        .set((eb) => ({ attempts: eb("attempts", "+", 1), next_attempt_at: new Date(now.getTime() + delay).toISOString(), last_error: cause.slice(0, 500) }))
        .where("id", "in", ids.slice(i, i + ID_CHUNK))
        .execute();
    }
    return 0;
  }
  for (let i = 0; i < ids.length; i += ID_CHUNK) await db.deleteFrom("search_outbox").where("id", "in", ids.slice(i, i + ID_CHUNK)).execute();
  return rows.length;
}

/** How far the index trails the database: pending rows, and the age of the oldest one. */
export async function outboxLag(db: Kysely<Database>, now: Date): Promise<{ rows: number; seconds: number }> {
  const r = await db.selectFrom("search_outbox").select([(eb) => eb.fn.countAll<number>().as("rows"), (eb) => eb.fn.min("created_at").as("oldest")]).executeTakeFirst();
  const oldest = r?.oldest ? Date.parse(String(r.oldest)) : null;
  return { rows: Number(r?.rows ?? 0), seconds: oldest == null ? 0 : Math.max(0, Math.round((now.getTime() - oldest) / 1000)) };
}
