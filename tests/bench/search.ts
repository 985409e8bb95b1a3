/**
 * `npm run bench:search -- --docs 100000 [--engine sqlite|meilisearch]`: speed of the search port on a
 * synthetic corpus of challenge- and result-like Chinese text (recombined from the demo seed's
 * vocabulary). Prints index time, size on disk, and p50/p95/p99 (ms) for (a) 1–3 word searches
 * with a filter and facets and (b) matching a full challenge; the last line is one JSON object.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { openDatabase } from "../../db/client.server";
import { migrateToLatest } from "../../db/migrate";
import { seedChallenges } from "../../seeds/challenges";
import type { SearchEngine } from "../../search/engine";
import { findMatches } from "../../search/matching";
import { meilisearchEngine } from "../../search/meilisearch/engine";
import { startMeilisearch } from "../../search/meilisearch/local-server";
import { sqliteEngine } from "../../search/sqlite/engine";
import { syntheticCorpus } from "./synthetic";

const { values } = parseArgs({ options: { docs: { type: "string", default: "100000" }, engine: { type: "string", default: "sqlite" }, queries: { type: "string", default: "300" } } });
const N = Number(values.docs);

const { rand, pick, keywords, fields, document: synthetic } = syntheticCorpus(42, new Date().toISOString());

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "techmatch-bench-"));
const dbFile = path.join(scratch, "bench.sqlite");
const db = openDatabase(dbFile);
await migrateToLatest(db);
let engine: SearchEngine = sqliteEngine;
let stop = async () => {};
let dataDir = scratch;
if (values.engine === "meilisearch") {
  dataDir = path.join(scratch, "meili");
  const server = await startMeilisearch({ dataDir });
  engine = meilisearchEngine({ host: server.url, apiKey: server.key });
  stop = server.stop;
} else if (values.engine !== "sqlite") throw new Error("--engine 应为 sqlite 或 meilisearch");

const docs = Array.from({ length: N }, (_, i) => synthetic(i));
const t0 = performance.now();
await engine.replaceAll(db, docs);
const indexSeconds = (performance.now() - t0) / 1000;
const dirBytes = (dir: string): number =>
  fs.readdirSync(dir, { withFileTypes: true }).reduce((n, e) => n + (e.isDirectory() ? dirBytes(path.join(dir, e.name)) : fs.statSync(path.join(dir, e.name)).size), 0);

async function timeIt(n: number, fn: (i: number) => Promise<unknown>) {
  const t: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = performance.now();
    await fn(i);
    t.push(performance.now() - s);
  }
  t.sort((a, b) => a - b);
  const p = (q: number) => Math.round(t[Math.min(t.length - 1, Math.floor(q * t.length))] * 10) / 10;
  return { p50: p(0.5), p95: p(0.95), p99: p(0.99) };
}

const Q = Number(values.queries);
const search = await timeIt(Q, () =>
  engine.search(db, { q: Array.from({ length: 1 + Math.floor(rand() * 3) }, () => pick(keywords)).join(" "), kind: "result", field: pick(fields), page: 1, pageSize: 20 }),
);
const match = await timeIt(Math.min(Q, 200), () => {
  const c = pick(seedChallenges);
  const source = { title: c.title, keywords: c.keywords, description: c.summary, fieldCode: c.field, amountFen: c.bounty * 1_000_000 };
  return findMatches(db, engine, source, "result", { fieldName: (code) => code, industryName: (code) => code });
});
const dbBytes = dirBytes(dataDir);
await stop();
await db.destroy();
fs.rmSync(scratch, { recursive: true, force: true });
console.log(
  JSON.stringify({ engine: values.engine, docs: N, indexSeconds: Math.round(indexSeconds * 10) / 10, docsPerSecond: Math.round(N / indexSeconds), dbBytes, search, match }),
);
