import { expect, it } from "vitest";
import type { Meilisearch } from "meilisearch";
import { openDatabase, type DB } from "../../db/client.server";
import { allDocuments } from "../../search/documents";
import { INDEX, meilisearchEngine, toMeili } from "../../search/meilisearch/engine";
import { startMeilisearch } from "../../search/meilisearch/local-server";
import { enqueue, meiliId, relayOutbox } from "../../search/meilisearch/outbox";
import { claimsAtOnce } from "../support/claims";
import { fileOf, freshDb } from "../support/db";

/**
 * Every server process runs the search relay (issue 16). Two relays on two real connections to one
 * database, made to apply at the same moment, share the outbox: each document's rows are applied by
 * one relay, once, in order, and the index ends equal to a fresh rebuild from the database.
 */

const NOW = new Date("2030-06-03T02:00:00Z");

type Name = "a" | "b";

/**
 * The Meilisearch client as a relay sees it, recording which documents each relay applies, and
 * holding each relay's apply until the other relay is applying too (or has nothing left): the two
 * relays' runs overlap every time, whatever the scheduling.
 */
function lockstep(real: Meilisearch) {
  const applied: Record<Name, string[]> = { a: [], b: [] };
  const applying: Record<Name, boolean> = { a: false, b: false };
  const done: Record<Name, boolean> = { a: false, b: false };
  const meet = async (me: Name) => {
    const other: Name = me === "a" ? "b" : "a";
    applying[me] = true;
    const deadline = Date.now() + 10_000; // never hang the suite: a missed meeting only weakens the test
    while (!applying[other] && !done[other] && Date.now() < deadline) await new Promise((r) => setTimeout(r, 2));
  };
  const client = (me: Name, together = true) =>
    ({
      tasks: real.tasks,
      index: (uid: string) => ({
        async addDocuments(docs: { id: string }[], options: { primaryKey: string }) {
          applied[me].push(...docs.map((d) => d.id));
          if (together) await meet(me);
          return real.index(uid).addDocuments(docs, options);
        },
        async deleteDocuments(ids: string[]) {
          applied[me].push(...ids);
          if (together) await meet(me);
          return real.index(uid).deleteDocuments(ids);
        },
      }),
    }) as unknown as Meilisearch;
  /** One relay's loop, as the server's: run after run until nothing is left for it. */
  const drain = async (me: Name, db: DB) => {
    let rows = 0;
    try {
      for (;;) {
        applying[me] = false;
        const n = await relayOutbox(db, client(me), INDEX, NOW, { batch: 3 });
        if (n === 0) return rows;
        rows += n;
      }
    } finally {
      done[me] = true;
    }
  };
  return { applied, client, drain };
}

/** A Meilisearch with the demo database indexed, and a second connection to that database. */
async function indexedDemo() {
  const server = await startMeilisearch();
  const engine = meilisearchEngine({ host: server.url, apiKey: server.key });
  const db = await freshDb({ demo: true });
  const other = openDatabase(await fileOf(db));
  await engine.reindex(db);
  return { server, engine, db, other };
}

/**
 * Every document three times, in three rounds: an outdated state, a removal, then its state now.
 * A relay that took rows rather than documents would split a document's rows between the two; one
 * applied out of order would leave a stale title or lose the document.
 */
async function threeRowsEach(db: DB) {
  const docs = await allDocuments(db);
  expect(docs.length).toBeGreaterThan(6);
  for (const d of docs) await enqueue(db, d.key, { ...toMeili(d), title: `${d.title}（旧）` }, NOW);
  for (const d of docs) await enqueue(db, d.key, null, NOW);
  for (const d of docs) await enqueue(db, d.key, toMeili(d), NOW);
  return docs;
}

/** What the index holds, and what a fresh rebuild from the database would hold, as comparable lines. */
async function indexAndRebuild(db: DB, engine: ReturnType<typeof meilisearchEngine>) {
  const stored = await engine.client.index(INDEX).getDocuments({ limit: 10_000, fields: ["id", "title", "body", "status", "updated_at"] });
  const indexed = stored.results.map((d) => `${d.id}|${d.title}|${d.body}|${d.status}|${d.updated_at}`).sort();
  const fresh = (await allDocuments(db)).map((d) => `${meiliId(d.key)}|${d.title}|${d.body}|${d.status}|${d.updatedAt}`).sort();
  return { indexed, fresh };
}

it("two relays on two connections apply each document's rows once and in order; the index equals a rebuild", async () => {
  const { server, engine, db, other } = await indexedDemo();
  try {
    const docs = await threeRowsEach(db);

    const relays = lockstep(engine.client);
    const [a, b] = await Promise.all([relays.drain("a", db), relays.drain("b", other)]);

    expect(a + b).toBe(3 * docs.length);
    expect(a).toBeGreaterThan(0);
    expect(b).toBeGreaterThan(0);
    // Each document went to Meilisearch once, as its last row alone: never by both relays.
    const all = [...relays.applied.a, ...relays.applied.b].sort();
    expect(all).toEqual(docs.map((d) => meiliId(d.key)).sort());
    expect(relays.applied.a.filter((id) => relays.applied.b.includes(id))).toEqual([]);
    expect(await db.selectFrom("search_outbox").select("id").execute()).toEqual([]);

    const { indexed, fresh } = await indexAndRebuild(db, engine);
    expect(indexed).toEqual(fresh);
  } finally {
    await other.destroy();
    await server.stop();
  }
});

it("two relays that read the same unclaimed rows at the same moment still apply each document once", async () => {
  const { server, engine, db, other } = await indexedDemo();
  try {
    const docs = await threeRowsEach(db);
    const relays = lockstep(engine.client);
    const first = await claimsAtOnce(db, "search_outbox", () => [
      relayOutbox(db, relays.client("a", false), INDEX, NOW, { batch: 3 }),
      relayOutbox(other, relays.client("b", false), INDEX, NOW, { batch: 3 }),
    ]);
    const rest = await Promise.all([relays.drain("a", db), relays.drain("b", other)]);

    expect([...first, ...rest].reduce((x, y) => x + y)).toBe(3 * docs.length);
    expect([...relays.applied.a, ...relays.applied.b].sort()).toEqual(docs.map((d) => meiliId(d.key)).sort());
    const { indexed, fresh } = await indexAndRebuild(db, engine);
    expect(indexed).toEqual(fresh);
  } finally {
    await other.destroy();
    await server.stop();
  }
});
