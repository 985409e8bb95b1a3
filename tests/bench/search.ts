/**
 * `npm run bench:search -- --docs 100000 [--engine sqlite|meilisearch] [--real | --corpus F [--queries F]]`:
 * speed of the search port. Three corpora:
 * - synthetic (default): challenge- and result-like text recombined from the demo seed's vocabulary,
 *   a worst case (one query word matches 10–25 % of all documents);
 * - `--real`: the real abstracts under ../shared/eval (the CSL dev set, all categories, built into a
 *   scratch folder), each used several times under new ids up to `--docs`, queried with the real
 *   titles and keywords of its papers;
 * - `--corpus F` (the eval corpus format, `{id, title, text}` per line), queried with `--queries F`
 *   or, without it, the first words of its texts.
 * Measures /search (the page's query: a kind filter, facets, one page) and matching (`findMatches`
 * for a title or keyword source) separately, and in the same run a naive FTS5 baseline over the
 * same documents (jieba tokens OR-ed, bm25, top 10) for the same query texts; each p95 is printed
 * with its ratio to the baseline's. The last line is one JSON object.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { openDatabase, sqliteHandle } from "../../db/client.server";
import { migrateToLatest } from "../../db/migrate";
import { seedChallenges } from "../../seeds/challenges";
import type { SearchDocument } from "../../search/documents";
import type { SearchEngine } from "../../search/engine";
import { findMatches, type MatchSource } from "../../search/matching";
import { meilisearchEngine } from "../../search/meilisearch/engine";
import { startMeilisearch } from "../../search/meilisearch/local-server";
import { searchWords } from "../../search/segment";
import { sqliteEngine } from "../../search/sqlite/engine";
import { prng } from "./prng";
import { syntheticCorpus } from "./synthetic";

const { values } = parseArgs({
  options: {
    docs: { type: "string", default: "100000" },
    engine: { type: "string", default: "sqlite" },
    queries: { type: "string" },
    count: { type: "string", default: "300" },
    corpus: { type: "string" },
    real: { type: "boolean", default: false },
    eval: { type: "string", default: "../shared/eval/csl" },
  },
});
const N = Number(values.docs);
const Q = Number(values.count);
const FIELDS = ["01", "02", "05", "06", "07", "08", "09", "10", "11"];
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "techmatch-bench-"));

interface Workload {
  corpus: string;
  docs: SearchDocument[];
  /** What people type into /search. */
  searches: string[];
  /** Records matched against the index. */
  sources: MatchSource[];
}

function synthetic(): Workload {
  const { rand, pick, keywords, document } = syntheticCorpus(42, new Date().toISOString());
  const searches = Array.from({ length: Q }, () => Array.from({ length: 1 + Math.floor(rand() * 3) }, () => pick(keywords)).join(" "));
  const sources = Array.from({ length: Math.min(Q, 200) }, () => {
    const c = pick(seedChallenges);
    return { title: c.title, keywords: c.keywords, description: c.summary, fieldCode: c.field, amountFen: c.bounty * 1_000_000 };
  });
  return { corpus: "synthetic", docs: Array.from({ length: N }, (_, i) => document(i)), searches, sources };
}

const readJsonl = <T>(file: string): T[] => fs.readFileSync(file, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l) as T);

/** Real texts, each used again under new ids until there are N documents; titles and keywords as queries. */
function real(): Workload {
  let corpusFile = values.corpus;
  let queriesFile = values.queries;
  if (!corpusFile) {
    const evalDir = path.resolve(values.eval!);
    const out = path.join(scratch, "csl"); // a scratch folder: the built files contain the abstracts
    execFileSync("node", [path.join(evalDir, "csl-to-jsonl.js"), "--split", "dev", "--out", out, "--all-categories", "--types", "title,kw"], { stdio: "ignore" });
    corpusFile = path.join(out, "corpus.jsonl");
    queriesFile = path.join(out, "queries.jsonl");
  }
  const texts = readJsonl<{ title?: string; text: string }>(corpusFile);
  const rand = prng(7);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const asked = queriesFile
    ? readJsonl<{ text: string }>(queriesFile).map((q) => q.text)
    : texts.map((t) => searchWords(t.text).slice(0, 3).join(" "));
  const docs = Array.from({ length: N }, (_, i): SearchDocument => {
    const t = texts[i % texts.length];
    return {
      key: `${i % 2 ? "result" : "challenge"}:${i + 1}`, kind: i % 2 ? "result" : "challenge", id: i + 1,
      title: t.title ?? "", body: t.text, keywords: [], fieldCode: FIELDS[i % FIELDS.length], status: "published",
      trl: 1 + (i % 9), amountFen: (i % 200) * 1_000_000, orgName: "基准测试机构", updatedAt: "2026-01-01T00:00:00.000Z",
    };
  });
  const searches = Array.from({ length: Q }, () => pick(asked));
  const sources = Array.from({ length: Math.min(Q, 200) }, () => ({ title: pick(asked), keywords: [], description: "", fieldCode: pick(FIELDS), amountFen: null }));
  return { corpus: values.corpus ? path.basename(values.corpus) : "real", docs, searches, sources };
}

async function timeIt(inputs: string[] | MatchSource[], fn: (input: never) => Promise<unknown> | unknown) {
  const t: number[] = [];
  for (const input of inputs) {
    const s = performance.now();
    await fn(input as never);
    t.push(performance.now() - s);
  }
  t.sort((a, b) => a - b);
  const p = (q: number) => Math.round(t[Math.min(t.length - 1, Math.floor(q * t.length))] * 10) / 10;
  return { p50: p(0.5), p95: p(0.95), p99: p(0.99) };
}

/** The naive reference: one FTS5 table of jieba tokens, a query's tokens OR-ed, bm25, the top ten. */
function ftsBaseline(handle: ReturnType<typeof sqliteHandle>["handle"], docs: SearchDocument[]) {
  handle.exec("create virtual table bench_baseline using fts5(body)");
  const insert = handle.prepare("insert into bench_baseline (rowid, body) values (?, ?)");
  handle.transaction(() => docs.forEach((d, i) => insert.run(i + 1, searchWords(`${d.title} ${d.body}`).join(" "))))();
  const top = handle.prepare("select rowid from bench_baseline where bench_baseline match ? order by bm25(bench_baseline) limit 10");
  return (text: string) => {
    const terms = [...new Set(searchWords(text))];
    return terms.length ? top.all(terms.map((w) => `"${w.replace(/"/g, '""')}"`).join(" OR ")) : [];
  };
}

const work = values.real || values.corpus ? real() : synthetic();
const db = openDatabase(path.join(scratch, "bench.sqlite"));
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

const t0 = performance.now();
await engine.replaceAll(db, work.docs);
const indexSeconds = (performance.now() - t0) / 1000;
const dirBytes = (dir: string): number =>
  fs.readdirSync(dir, { withFileTypes: true }).reduce((n, e) => n + (e.isDirectory() ? dirBytes(path.join(dir, e.name)) : fs.statSync(path.join(dir, e.name)).size), 0);
const dbBytes = dirBytes(dataDir);

const names = { fieldName: (code: string) => code, industryName: (code: string) => code };
const search = await timeIt(work.searches, (q: string) => engine.search(db, { q, kind: "result", page: 1, pageSize: 20 }));
const match = await timeIt(work.sources, (s: MatchSource) => findMatches(db, engine, s, "result", names));
const baselineQuery = ftsBaseline(sqliteHandle(db).handle, work.docs);
const baseline = {
  search: await timeIt(work.searches, baselineQuery),
  match: await timeIt(work.sources, (s: MatchSource) => baselineQuery(`${s.title} ${s.keywords.join(" ")} ${s.description ?? ""}`)),
};
await stop();
await db.destroy();
fs.rmSync(scratch, { recursive: true, force: true });
const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
console.log(
  JSON.stringify({
    corpus: work.corpus, engine: values.engine, docs: N, indexSeconds: Math.round(indexSeconds * 10) / 10, docsPerSecond: Math.round(N / indexSeconds), dbBytes,
    search, match, baseline, p95VsBaseline: { search: ratio(search.p95, baseline.search.p95), match: ratio(match.p95, baseline.match.p95) },
  }),
);
