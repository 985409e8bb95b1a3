/**
 * `npm run search:eval -- [--build stem|all|abs2field]`: measure the embedded engine on the CSL
 * benchmark in ../shared/eval (real Chinese scientific text with real labels). Builds the benchmark
 * into a scratch folder (never into the repository), indexes the corpus with our segmentation and
 * FTS5 weights, runs every query through the engine, and prints evaluate.js's metrics and query
 * latency; the last line is one JSON object.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { openDatabase } from "../db/client.server";
import { migrateToLatest } from "../db/migrate";
import { indexDocument, sqliteEngine } from "./sqlite/engine";

const { values } = parseArgs({ options: { build: { type: "string", default: "stem" }, eval: { type: "string", default: "../shared/eval/csl" } } });
const evalDir = path.resolve(values.eval!);
const builds: Record<string, string[]> = { stem: [], all: ["--all-categories", "--types", "title,kw,need"], abs2field: ["--task", "abs2field"] };
const extra = builds[values.build!];
if (!extra) throw new Error(`--build 应为 ${Object.keys(builds).join("|")}`);

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "techmatch-eval-"));
const out = path.join(scratch, "bench");
execFileSync("node", [path.join(evalDir, "csl-to-jsonl.js"), "--split", "dev", "--out", out, ...extra], { stdio: "ignore" });
const { evaluate, loadBenchmark } = createRequire(import.meta.url)(path.join(evalDir, "evaluate.js"));
const bench = loadBenchmark(out) as { corpus: { id: string; title: string; text: string }[]; queries: { id: string; text: string; type: string }[] };

const db = openDatabase(path.join(scratch, "eval.sqlite"));
await migrateToLatest(db);
const t0 = performance.now();
const docIds = new Map<number, string>();
await db.transaction().execute(async (trx) => {
  for (const [i, d] of bench.corpus.entries()) {
    docIds.set(i + 1, d.id);
    await indexDocument(trx, { key: `result:${i + 1}`, kind: "result", id: i + 1, title: d.title ?? "", body: d.text, keywords: [], fieldCode: null, status: "published", trl: null, amountFen: null, orgName: "", updatedAt: "" });
  }
});
const indexMs = performance.now() - t0;

const run = new Map<string, string[]>();
const times: number[] = [];
for (const q of bench.queries) {
  const s = performance.now();
  const r = await sqliteEngine.search(db, { q: q.text, page: 1, pageSize: 100 });
  times.push(performance.now() - s);
  run.set(q.id, r.hits.map((h) => docIds.get(h.id)!));
}
const metrics = evaluate({ ...bench, run });
times.sort((a, b) => a - b);
const pct = (p: number) => Math.round(times[Math.min(times.length - 1, Math.floor(p * times.length))] * 10) / 10;
console.log(JSON.stringify(metrics, null, 1));
await db.destroy();
fs.rmSync(scratch, { recursive: true, force: true });
console.log(JSON.stringify({ build: values.build, docs: bench.corpus.length, queries: bench.queries.length, indexMs: Math.round(indexMs), p50: pct(0.5), p95: pct(0.95), overall: metrics.overall ?? metrics.all ?? null }));
