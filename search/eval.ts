/**
 * Search quality on labelled Chinese text (../shared/eval):
 *   npm run search:eval -- --corpus F --queries F --qrels F [--engine sqlite|meilisearch] [--k 10]
 *   npm run search:eval -- --build stem|all|abs2field [--engine …]   (builds the CSL dev set first)
 * Loads the corpus into a scratch index, runs every query through the same query path matching
 * uses, and scores with ../shared/eval/csl/evaluate.js. The field/category labels are answers:
 * they are never given to the engine. Last line: one JSON object.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { openDatabase } from "../db/client.server";
import { migrateToLatest } from "../db/migrate";
import type { SearchDocument } from "./documents";
import type { SearchEngine } from "./engine";
import { termsOf } from "./keywords";
import { rankByText } from "./matching";
import { meilisearchEngine } from "./meilisearch/engine";
import { startMeilisearch } from "./meilisearch/local-server";
import { sqliteEngine } from "./sqlite/engine";

const { values } = parseArgs({
  options: {
    corpus: { type: "string" },
    queries: { type: "string" },
    qrels: { type: "string" },
    build: { type: "string" },
    engine: { type: "string", default: "sqlite" },
    k: { type: "string", default: "10" },
    eval: { type: "string", default: "../shared/eval/csl" },
  },
});
const evalDir = path.resolve(values.eval!);
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "techmatch-eval-"));
const requireCjs = createRequire(import.meta.url);
const { evaluate, readJsonl } = requireCjs(path.join(evalDir, "evaluate.js"));

let files = { corpus: values.corpus, queries: values.queries, qrels: values.qrels };
if (values.build) {
  const builds: Record<string, string[]> = { stem: [], all: ["--all-categories", "--types", "title,kw,need"], abs2field: ["--task", "abs2field"] };
  if (!builds[values.build]) throw new Error(`--build 应为 ${Object.keys(builds).join("|")}`);
  const out = path.join(scratch, "bench"); // a scratch folder: the built files contain the abstracts
  execFileSync("node", [path.join(evalDir, "csl-to-jsonl.js"), "--split", "dev", "--out", out, ...builds[values.build]], { stdio: "ignore" });
  files = { corpus: path.join(out, "corpus.jsonl"), queries: path.join(out, "queries.jsonl"), qrels: path.join(out, "qrels.jsonl") };
}
if (!files.corpus || !files.queries || !files.qrels) throw new Error("用法：--corpus F --queries F --qrels F，或 --build stem|all|abs2field");

const corpus = readJsonl(files.corpus) as { id: string; title?: string; text: string }[];
const queries = readJsonl(files.queries) as { id: string; text: string; type?: string }[];
const qrels = new Map<string, Map<string, number>>();
const qrelsExact = new Map<string, Map<string, number>>();
for (const r of readJsonl(files.qrels) as { query_id: string; doc_id: string; grade: number }[]) {
  if (!qrels.has(r.query_id)) qrels.set(r.query_id, new Map());
  qrels.get(r.query_id)!.set(r.doc_id, r.grade);
  if (r.grade >= 2) {
    if (!qrelsExact.has(r.query_id)) qrelsExact.set(r.query_id, new Map());
    qrelsExact.get(r.query_id)!.set(r.doc_id, r.grade);
  }
}

const db = openDatabase(path.join(scratch, "eval.sqlite"));
await migrateToLatest(db);
let engine: SearchEngine = sqliteEngine;
let stop = async () => {};
if (values.engine === "meilisearch") {
  const server = await startMeilisearch({ dataDir: path.join(scratch, "meili") });
  engine = meilisearchEngine({ host: server.url, apiKey: server.key });
  stop = server.stop;
} else if (values.engine !== "sqlite") throw new Error("--engine 应为 sqlite 或 meilisearch");

const docs: SearchDocument[] = corpus.map((d, i) => ({
  key: `result:${i + 1}`, kind: "result", id: i + 1, title: d.title ?? "", body: d.text, keywords: [],
  fieldCode: null, status: "published", trl: null, amountFen: null, orgName: "", updatedAt: "",
}));
const t0 = performance.now();
await engine.replaceAll(db, docs);
const indexSeconds = (performance.now() - t0) / 1000;

const depth = Math.max(100, Number(values.k));
const run = new Map<string, string[]>();
const times: number[] = [];
for (const q of queries) {
  const s = performance.now();
  const ranked = await rankByText(db, engine, termsOf(q.text), { depth });
  times.push(performance.now() - s);
  run.set(q.id, ranked.map(({ hit }) => corpus[hit.id - 1].id));
}
const m = evaluate({ queries, qrels, qrelsExact, run }) as Record<string, Record<string, number | null>>;
await stop();
await db.destroy();
fs.rmSync(scratch, { recursive: true, force: true });

times.sort((a, b) => a - b);
const pct = (p: number) => Math.round(times[Math.min(times.length - 1, Math.floor(p * times.length))] * 10) / 10;
const pick = (g: Record<string, number | null>) => ({
  queries: g.queries, mrr10: g["MRR@10"], ndcg10: g["nDCG@10"], recall10: g["R@10"], recall100: g["R@100"], fieldP10: g["FieldP@10"],
});
const byType = Object.fromEntries(Object.entries(m).filter(([k]) => k !== "all").map(([k, g]) => [k, pick(g)]));
console.log(JSON.stringify({ engine: values.engine, docs: docs.length, indexSeconds: Math.round(indexSeconds * 10) / 10, p50: pct(0.5), p95: pct(0.95), ...pick(m.all), byType }));
