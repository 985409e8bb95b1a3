import { randomUUID } from "node:crypto";
import type { ExpressionBuilder, Kysely } from "kysely";
import type { Meilisearch } from "meilisearch";
import { lockSkippingLocked } from "../../db/claims";
import type { Database } from "../../db/schema";
import { noteSearchChange } from "../changes";
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

/** Documents per relay run: one addDocuments and one deleteDocuments call each. */
export const RELAY_BATCH = 2000;
/** Enqueued tasks may wait behind a rebuild; the rows are retried if this runs out, which is harmless. */
const TASK_WAIT = { timeout: 60_000 };
const MAX_BACKOFF_MS = 300_000;
/**
 * How long a run holds its rows: longer than any run (two tasks of TASK_WAIT each, plus the calls'
 * own timeouts), so only a process that died or hung loses them to another.
 */
const CLAIM_MS = 5 * 60_000;

export async function enqueue(trx: Kysely<Database>, docKey: string, document: object | null, now: Date): Promise<void> {
  const at = now.toISOString();
  await trx
    .insertInto("search_outbox")
    .values({ doc_key: docKey, document: document ? JSON.stringify(document) : null, created_at: at, next_attempt_at: at, last_error: null })
    .execute();
}

/** Meilisearch ids allow letters, digits, - and _ only. */
export const meiliId = (key: string) => key.replace(":", "-");

/**
 * Apply due rows in one batch; returns how many rows were applied (0 when none were due or the
 * engine failed). Any number of processes may run this at once (issue 16): a run claims whole
 * documents before it applies them, so each row is applied by one run, and no run applies a
 * document's row while another run holds an earlier row of it.
 *
 * A document is claimed through its earliest row: that row, due and unclaimed, is claimed in one
 * UPDATE that two processes cannot both win (db/claims.ts). Then the run takes the document's
 * further rows up to the first one backing off. Nobody else can take them meanwhile: every claim
 * starts at a document's earliest row, which this run holds until it deletes or releases all of
 * its rows in one statement. Rows written to a document after its claim wait for the next run.
 */
export async function relayOutbox(db: Kysely<Database>, client: Meilisearch, indexUid: string, now: Date, { batch = RELAY_BATCH } = {}): Promise<number> {
  const at = now.toISOString();
  const token = randomUUID();
  const claim = { claimed_by: token, claimed_until: new Date(now.getTime() + CLAIM_MS).toISOString() };
  const free = (eb: ExpressionBuilder<Database, "search_outbox">) => eb.or([eb("search_outbox.claimed_until", "is", null), eb("search_outbox.claimed_until", "<=", at)]);

  const heads = await db
    .updateTable("search_outbox")
    .set(claim)
    .where("id", "in", (eb) =>
      lockSkippingLocked(
        db,
        eb
          .selectFrom("search_outbox as h")
          .select("h.id")
          .where("h.next_attempt_at", "<=", at)
          .where((e) => e.or([e("h.claimed_until", "is", null), e("h.claimed_until", "<=", at)]))
          // The document's earliest row: one whose earliest row is backing off is held back whole.
          .where("h.id", "=", (e) => e.selectFrom("search_outbox as f").select((f) => f.fn.min<number>("f.id").as("m")).whereRef("f.doc_key", "=", "h.doc_key"))
          .orderBy("h.id")
          .limit(batch),
      ),
    )
    .where(free)
    .executeTakeFirst();
  if (Number(heads.numUpdatedRows) === 0) return 0;
  await db
    .updateTable("search_outbox")
    .set(claim)
    .where("doc_key", "in", (eb) => eb.selectFrom("search_outbox as c").select("c.doc_key").where("c.claimed_by", "=", token))
    .where(free)
    // Up to the document's first row that is backing off: a later row never overtakes it.
    .where((eb) =>
      eb.not(
        eb.exists(
          eb.selectFrom("search_outbox as o").select("o.id").whereRef("o.doc_key", "=", "search_outbox.doc_key").whereRef("o.id", "<", "search_outbox.id").where("o.next_attempt_at", ">", at),
        ),
      ),
    )
    .execute();
  const rows = await db.selectFrom("search_outbox").select(["id", "doc_key", "document", "attempts"]).where("claimed_by", "=", token).orderBy("id").execute();

  const last = new Map<string, string | null>();
  for (const r of rows) last.set(r.doc_key, r.document);
  const adds = [...last.values()].filter((d): d is string => d != null).map((d) => JSON.parse(d) as Record<string, unknown>);
  const deletes = [...last].filter(([, d]) => d == null).map(([key]) => meiliId(key));
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
    await db
      .updateTable("search_outbox")
      .set((eb) => ({ attempts: eb("attempts", "+", 1), next_attempt_at: new Date(now.getTime() + delay).toISOString(), last_error: cause.slice(0, 500), claimed_by: null, claimed_until: null }))
      .where("claimed_by", "=", token)
      .execute();
    return 0;
  }
  // Only rows still ours: a rebuild may have removed them, and a run whose claim ran out has lost them.
  await db.deleteFrom("search_outbox").where("claimed_by", "=", token).execute();
  noteSearchChange();
  return rows.length;
}

/** How far the index trails the database: pending rows, and the age of the oldest one. */
export async function outboxLag(db: Kysely<Database>, now: Date): Promise<{ rows: number; seconds: number }> {
  const r = await db.selectFrom("search_outbox").select([(eb) => eb.fn.countAll<number>().as("rows"), (eb) => eb.fn.min("created_at").as("oldest")]).executeTakeFirst();
  const oldest = r?.oldest ? Date.parse(String(r.oldest)) : null;
  return { rows: Number(r?.rows ?? 0), seconds: oldest == null ? 0 : Math.max(0, Math.round((now.getTime() - oldest) / 1000)) };
}
