/**
 * `npm run bench:relay [-- --rows 10000]`: how fast the outbox relay catches up after an outage.
 * A scratch database gets N pending outbox rows (new documents, later versions of some of them, and
 * deletions, as writes during an outage leave them); the real packaged Meilisearch is started and
 * the relay runs as the server runs it (straight on while it applies rows) until the outbox is
 * empty. The last line is one JSON object: rows, seconds, rowsPerSecond, and whether the index
 * then holds exactly the documents the rows describe.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { openDatabase } from "../../db/client.server";
import { migrateToLatest } from "../../db/migrate";
import { INDEX, meilisearchEngine, toMeili } from "../../search/meilisearch/engine";
import { startMeilisearch } from "../../search/meilisearch/local-server";
import { enqueue } from "../../search/meilisearch/outbox";
import { syntheticCorpus } from "./synthetic";

const { values } = parseArgs({ options: { rows: { type: "string", default: "10000" } } });
const ROWS = Number(values.rows);

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "techmatch-bench-relay-"));
const db = openDatabase(path.join(scratch, "bench.sqlite"));
await migrateToLatest(db);
const server = await startMeilisearch({ dataDir: path.join(scratch, "meili") });
const engine = meilisearchEngine({ host: server.url, apiKey: server.key });
try {
  await engine.replaceAll(db, []); // the configured, empty index a new site starts with

  const now = new Date();
  const corpus = syntheticCorpus(7, now.toISOString());
  // 80 % new documents, 10 % later versions of one of them, 10 % deletions of one of them.
  const expected = new Map<string, boolean>();
  const created: number[] = [];
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < ROWS; i++) {
      const r = corpus.rand();
      if (created.length === 0 || r < 0.8) {
        const doc = corpus.document(created.length);
        created.push(created.length);
        await enqueue(trx, doc.key, toMeili(doc), now);
        expected.set(doc.key, true);
      } else {
        const n = corpus.pick(created);
        const doc = corpus.document(n);
        const remove = r >= 0.9;
        await enqueue(trx, doc.key, remove ? null : toMeili(doc), now);
        expected.set(doc.key, !remove);
      }
    }
  });

  const start = performance.now();
  while ((await db.selectFrom("search_outbox").select("id").limit(1).execute()).length > 0) {
    if ((await engine.relay(db)) === 0) await new Promise((r) => setTimeout(r, 1000));
  }
  const seconds = (performance.now() - start) / 1000;

  const stored = await engine.client.index(INDEX).getDocuments({ limit: ROWS + 1, fields: ["id"] });
  const want = [...expected].filter(([, present]) => present).map(([key]) => key.replace(":", "-")).sort();
  const got = stored.results.map((d) => String(d.id)).sort();
  const indexMatches = want.length === got.length && want.every((k, i) => k === got[i]);
  console.log(JSON.stringify({ rows: ROWS, seconds: Math.round(seconds * 10) / 10, rowsPerSecond: Math.round(ROWS / seconds), indexMatches }));
} finally {
  await server.stop();
  await db.destroy();
  fs.rmSync(scratch, { recursive: true, force: true });
}
