/**
 * `npm run bench:pages [-- --seconds 8 --connections 10 --rounds 2 --no-build --only /dashboard --mixed 300]`:
 * what the site's key pages cost beside the least a page can cost. Builds the production server
 * (`npm run build`, skipped with --no-build), starts it (app/web/server-process.ts, NODE_ENV=production) on
 * a scratch demo database with the benchmark's reference page switched on (BENCH_REFERENCE_PAGE=1:
 * /bench/reference, a heading inside the same document shell and root loader), then for each page
 * runs autocannon against the reference and the page in turn, A/B/A/B (`--rounds` pairs), so both
 * see the same machine. Prints one JSON line per page {path, reqPerSec, refReqPerSec, ratio, p99, refP99},
 * then a last line {minRatio, worst, peakRssMB}. A signed-in page (/workbench) is loaded with the
 * demo enterprise's session cookie.
 * `--signed-in`: every page (and the reference) as the demo enterprise, so none comes from the
 * pages anonymous visitors share (Decision 67): what rendering each page costs.
 * `--mixed S`: afterwards, S seconds of all pages at once (50 connections) for the memory figure.
 * `--postgres`: a PostgreSQL deployment (Decision 63) instead: a scratch PostgreSQL 15 cluster and the
 * packaged Meilisearch, two server processes on two ports, each page loaded on both at once with
 * half the connections each (req/s summed, p99 the worse; memory the larger process's).
 * `--lighthouse`: instead of the load, Lighthouse 12.2.3 (desktop preset, the system's Chromium) on
 * each page `--lighthouse-runs` times (3), one JSON line per page with the median run's four category
 * scores, every run's performance, and the audits that lost points.
 * `--profile`: the server runs under `node --cpu-prof`; at the end, its self time per package or
 * file and per function (tests/bench/cpu-profile.ts), best with `--only` one page; the whole
 * profile is kept in tests/.tmp/pages.cpuprofile.
 * Speed lives here, never in a timed test.
 */
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import pg from "pg";
import { startMeilisearch } from "../../search/meilisearch/local-server";
import { startPostgresCluster } from "../support/postgres-cluster";
import { profileClock, summarise } from "./cpu-profile";
import { serverArgs } from "../../app/web/server-process";

const { values } = parseArgs({
  options: {
    seconds: { type: "string", default: "8" },
    connections: { type: "string", default: "10" },
    rounds: { type: "string", default: "2" },
    port: { type: "string", default: "3390" },
    "no-build": { type: "boolean", default: false },
    only: { type: "string", multiple: true },
    mixed: { type: "string", default: "0" },
    profile: { type: "boolean", default: false },
    "signed-in": { type: "boolean", default: false },
    postgres: { type: "boolean", default: false },
    lighthouse: { type: "boolean", default: false },
    "lighthouse-runs": { type: "string", default: "3" },
  },
});
const SECONDS = Number(values.seconds);
const CONNECTIONS = Number(values.connections);
const ROUNDS = Number(values.rounds);
const ports = values.postgres ? [Number(values.port), Number(values.port) + 1] : [Number(values.port)];
const bases = ports.map((p) => `http://127.0.0.1:${p}`);
const base = bases[0];
const REFERENCE = "/bench/reference";

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "techmatch-pages-"));
const serverEnv: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV: "production",
  PORT: values.port,
  HOST: "127.0.0.1",
  DATABASE_PATH: path.join(scratch, "bench.sqlite"),
  FILES_DIR: path.join(scratch, "files"),
  LOGIN_SLOWDOWN_MS: "0",
  BENCH_REFERENCE_PAGE: "1",
};
delete serverEnv.DATABASE_URL;
delete serverEnv.MEILI_URL;
let stopBackends = async () => {};
if (values.postgres) {
  const cluster = await startPostgresCluster();
  const meili = await startMeilisearch({ dataDir: path.join(scratch, "meili") });
  stopBackends = async () => {
    await meili.stop();
    cluster.stop();
  };
  const admin = new pg.Client({ connectionString: cluster.url });
  await admin.connect();
  await admin.query("create database techmatch_bench");
  await admin.end();
  const url = new URL(cluster.url);
  url.pathname = "/techmatch_bench";
  Object.assign(serverEnv, { DATABASE_URL: url.toString(), MEILI_URL: meili.url, MEILI_MASTER_KEY: meili.key });
}

if (!values["no-build"]) execFileSync("npm", ["run", "build"], { stdio: "ignore" });
execFileSync("node_modules/.bin/tsx", ["app/cli.server.ts", "setup"], { env: serverEnv, stdio: "ignore" });
const profileDir = path.join(scratch, "profile");
const servers = ports.map((port, i) =>
  spawn(process.execPath, serverArgs(values.profile && i === 0 ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : []), {
    env: { ...serverEnv, PORT: String(port) },
    stdio: ["ignore", "ignore", "inherit"],
  }),
);
process.on("exit", () => servers.forEach((s) => s.kill()));

async function waitUntilUp(at: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(at + REFERENCE)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("服务器未能启动（60 秒内无响应）");
}

/** The demo enterprise's cookies after a real sign-in through the login form. */
async function signIn(): Promise<string> {
  const page = await fetch(`${base}/login`);
  const cookies = page.headers.getSetCookie().map((c) => c.split(";")[0]);
  const csrf = /name="csrf" value="([^"]+)"/.exec(await page.text())?.[1];
  if (!csrf) throw new Error("登录页没有 CSRF 字段");
  const answer = await fetch(`${base}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookies.join("; "), Origin: base },
    body: new URLSearchParams({ csrf, account: "enterprise@demo.test", password: "Lizhou2026", redirectTo: "" }),
  });
  if (answer.status !== 302) throw new Error(`登录失败：HTTP ${answer.status}`);
  return [...cookies, ...answer.headers.getSetCookie().map((c) => c.split(";")[0])].join("; ");
}

/** The path of the first link on `page` that matches `pattern` (a record the demo data has). */
async function firstLink(page: string, pattern: RegExp): Promise<string> {
  const html = await (await fetch(base + page)).text();
  const found = html.match(pattern)?.[0];
  if (!found) throw new Error(`${page} 上没有找到 ${pattern}`);
  return found;
}

interface Run {
  reqPerSec: number;
  p99: number;
}

/** A path loaded on every server process at once, the connections shared among them. */
async function load(pathname: string, headers: Record<string, string>, seconds = SECONDS, connections = CONNECTIONS): Promise<Run> {
  const runs = await Promise.all(
    bases.map(async (at) => {
      const url = at + pathname;
      const r = await autocannon({ url, connections: Math.max(1, Math.round(connections / bases.length)), duration: seconds, headers });
      const bad = r.non2xx + r.errors + r.timeouts;
      if (bad > 0) throw new Error(`${url}: ${bad} 个请求失败（非 2xx ${r.non2xx}，错误 ${r.errors}，超时 ${r.timeouts}）`);
      return { reqPerSec: r.requests.average, p99: r.latency.p99 };
    }),
  );
  return { reqPerSec: runs.reduce((n, r) => n + r.reqPerSec, 0), p99: Math.max(...runs.map((r) => r.p99)) };
}

/** Peak resident memory of the largest server process so far (VmHWM). */
function peakRssMB(): number {
  const peaks = servers.map((s) => Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${s.pid}/status`, "utf8"))?.[1] ?? 0));
  return Math.round(Math.max(...peaks) / 1024);
}

for (const at of bases) await waitUntilUp(at);
const cookie = await signIn();
const pages: { path: string; headers: Record<string, string> }[] = [
  "/",
  "/challenges",
  await firstLink("/challenges", /\/challenges\/\d+(?=")/),
  "/results",
  await firstLink("/results", /\/results\/\d+(?=")/),
  "/search?q=" + encodeURIComponent("废水"),
  "/dashboard",
  await firstLink("/events", /\/events\/\d+(?=")/),
].map((p) => ({ path: p, headers: values["signed-in"] ? { Cookie: cookie } : ({} as Record<string, string>) }));
pages.push({ path: "/workbench", headers: { Cookie: cookie } });
// `--only /bench/reference` profiles the yardstick itself.
const chosen = values.only ? [...pages, { path: REFERENCE, headers: {} }].filter((p) => values.only!.includes(p.path)) : pages;

// Warm up both the reference and every page (JIT, caches, the search index's first query).
for (const p of [{ path: REFERENCE, headers: {} }, ...chosen]) await load(p.path, p.headers, 2);

/** One Lighthouse run's report; a run Lighthouse itself fails (NO_NAVSTART and the like) is tried again. */
function lighthouseReport(page: { path: string; headers: Record<string, string> }): LighthouseReport {
  const out = path.join(scratch, "lighthouse.json");
  const args = ["--yes", "lighthouse@12.2.3", base + page.path, "--preset=desktop", "--output=json", `--output-path=${out}`, "--quiet"];
  args.push("--chrome-flags=--headless=new --no-sandbox --disable-gpu", `--extra-headers=${JSON.stringify(page.headers)}`);
  for (let attempt = 1; ; attempt++) {
    try {
      execFileSync("npx", args, { env: { ...process.env, CHROME_PATH: process.env.CHROME_PATH ?? "/usr/bin/chromium" }, stdio: ["ignore", "ignore", "inherit"] });
      return JSON.parse(fs.readFileSync(out, "utf8")) as LighthouseReport;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}
interface LighthouseReport {
  categories: Record<string, { score: number }>;
  audits: Record<string, { score: number | null; scoreDisplayMode: string; displayValue?: string }>;
}

/**
 * Lighthouse's four scores for a page, from the run with the median performance of `--lighthouse-runs`
 * (Lighthouse's own advice: one run's performance varies by a point or two with the machine), the
 * performance of every run, and the audits short of full marks in the median run.
 */
function lighthouse(page: { path: string; headers: Record<string, string> }): void {
  const reports = Array.from({ length: Number(values["lighthouse-runs"]) }, () => lighthouseReport(page));
  reports.sort((a, b) => a.categories.performance.score - b.categories.performance.score);
  const report = reports[Math.floor(reports.length / 2)];
  const scores = Object.fromEntries(Object.entries(report.categories).map(([k, v]) => [k, Math.round(v.score * 100)]));
  const runs = reports.map((r) => Math.round(r.categories.performance.score * 100));
  const short = Object.entries(report.audits)
    .filter(([, a]) => a.score != null && a.score < 1 && ["binary", "numeric", "metricSavings"].includes(a.scoreDisplayMode))
    .map(([id, a]) => `${id} ${a.displayValue ?? a.score}`);
  console.log(JSON.stringify({ path: page.path, ...scores, performanceRuns: runs, short }));
}
if (values.lighthouse) {
  for (const page of chosen) lighthouse(page);
  servers.forEach((s) => s.kill());
  await stopBackends();
  fs.rmSync(scratch, { recursive: true, force: true });
  process.exit(0);
}

const loadStarted = profileClock();
const lines: { path: string; ratio: number }[] = [];
for (const page of chosen) {
  const ref: Run[] = [];
  const own: Run[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    // The reference is loaded with the same cookies, so a signed-in page is compared with a signed-in shell.
    ref.push(await load(REFERENCE, page.headers));
    own.push(await load(page.path, page.headers));
  }
  const mean = (xs: Run[]) => xs.reduce((s, x) => s + x.reqPerSec, 0) / xs.length;
  const reqPerSec = Math.round(mean(own));
  const refReqPerSec = Math.round(mean(ref));
  const ratio = Math.round((reqPerSec / refReqPerSec) * 100) / 100;
  const p99 = (runs: Run[]) => Math.max(...runs.map((r) => r.p99));
  console.log(JSON.stringify({ path: page.path, reqPerSec, refReqPerSec, ratio, p99: p99(own), refP99: p99(ref) }));
  lines.push({ path: page.path, ratio });
}

const mixedSeconds = Number(values.mixed);
if (mixedSeconds > 0) {
  // Every page at once: 50 connections spread over the pages, for the memory a busy hour needs.
  const share = Math.max(1, Math.floor(50 / chosen.length));
  await Promise.all(chosen.map((p) => load(p.path, p.headers, mixedSeconds, share)));
}
const worst = lines.reduce((a, b) => (b.ratio < a.ratio ? b : a), lines[0]);
const summary = { minRatio: worst?.ratio ?? null, worst: worst?.path ?? null, peakRssMB: peakRssMB(), mixedSeconds, processes: servers.length, database: values.postgres ? "postgresql" : "sqlite" };
// SIGINT lets a server close and exit, which is when V8 writes the profile.
await Promise.all(
  servers.map(
    (server) =>
      new Promise((done) => {
        server.once("exit", done);
        server.kill("SIGINT");
      }),
  ),
);
await stopBackends();
if (values.profile) {
  const file = fs.readdirSync(profileDir).map((f) => path.join(profileDir, f)).sort((a, b) => fs.statSync(b).size - fs.statSync(a).size)[0];
  const kept = path.resolve("tests/.tmp/pages.cpuprofile");
  fs.mkdirSync(path.dirname(kept), { recursive: true });
  fs.copyFileSync(file, kept);
  const { total, places, functions } = summarise(file, loadStarted);
  const share = (ms: number) => `${((ms / total) * 100).toFixed(1).padStart(5)} %  ${ms.toFixed(0).padStart(6)} ms`;
  console.log(`CPU 自身时间（不含空闲）共 ${total.toFixed(0)} ms；按包或文件：`);
  for (const [place, ms] of places) console.log(`${share(ms)}  ${place}`);
  console.log("按函数：");
  for (const [fn, ms] of functions) console.log(`${share(ms)}  ${fn}`);
  console.log(`完整剖析（可在 Chromium DevTools 中打开）：${kept}`);
}
console.log(JSON.stringify(summary));
fs.rmSync(scratch, { recursive: true, force: true });
process.exit(0);
