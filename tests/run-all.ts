/**
 * `npm test`: every suite, then one closing line `N passed, N failed, N skipped` over all of them.
 *   1. make sure a Chromium is there for the browser tests (Debian's package when running as root),
 *   2. production build (the e2e server serves it),
 *   3. vitest: unit, model, route and bundle tests, on SQLite,
 *   4. vitest again under two shifted system clocks (Debian's faketime): the next 15 January (a new
 *      year: previous-year logic, pro-rata, forecasts) and the next 29 February (a leap day), so no
 *      test or seed silently depends on the day it was written,
 *   5. Playwright e2e in Chromium, one server on SQLite,
 *   6. PostgreSQL (Decision 63): a throwaway PostgreSQL 15 cluster (Debian's postgresql-15) and a
 *      Meilisearch for the run, then the model, route and search suites again on them, and the
 *      Playwright suite again against two server processes on one database behind a round-robin proxy.
 * `npm test -- postgres e2e` runs only the named stages (build, vitest, faketime, e2e, postgres).
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { startMeilisearch } from "../search/meilisearch/local-server";
import { startE2eOnPostgres } from "./support/e2e-postgres";
import { postgresMissing, startPostgresCluster, type Cluster } from "./support/postgres-cluster";

const tmp = path.resolve("tests/.tmp");
fs.mkdirSync(tmp, { recursive: true });
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const faketime = "/usr/bin/faketime";
const STAGES = ["build", "vitest", "faketime", "e2e", "postgres"];
const chosen = process.argv.slice(2);
if (chosen.some((s) => !STAGES.includes(s))) throw new Error(`用法：npm test [-- ${STAGES.join(" ")}]`);
const stage = (name: string) => chosen.length === 0 || chosen.includes(name);

/**
 * Test files that cannot apply to PostgreSQL, left out of its vitest run. Keep this short: every
 * other model, route and search test must pass on both engines.
 */
const NOT_ON_POSTGRES = [
  // The embedded search engine lives in SQLite tables; PostgreSQL deployments search with Meilisearch.
  "tests/search/embedded.test.ts",
  // Matching measured on the embedded engine by name; Meilisearch's is in tests/search/contract.test.ts.
  "tests/search/matching.test.ts",
  // SQLite's file faults (a held write lock, a full file, a read-only file or folder); PostgreSQL's
  // own faults are in tests/postgres/faults.test.ts.
  "tests/routes/database-faults.test.ts",
  // SQLite migrations 0010, 0016 and 0023 on data written before them: PostgreSQL's chain starts
  // from a baseline that already has their schema (db/postgres/baseline.ts), so there is no "before".
  "tests/models/challenge-history-migration.test.ts",
  "tests/models/milestone-reports-migration.test.ts",
  "tests/models/reg-no-migration.test.ts",
];

function run(cmd: string, args: string[], env: Record<string, string> = {}): number {
  console.log(`\n$ ${cmd} ${args.join(" ")}`);
  const r = spawnSync(cmd, args, { stdio: "inherit", env: { ...process.env, ...env } });
  return r.status ?? 1;
}

/** Debian packages the suites need, installed when running as root on Debian. */
function aptInstall(what: string, packages: string[]): void {
  if (process.getuid?.() !== 0 || !fs.existsSync("/usr/bin/apt-get")) return;
  console.log(`未找到${what}，正在安装 Debian 软件包：${packages.join(" ")}…`);
  run("apt-get", ["update", "-qq"]);
  run("apt-get", ["install", "-y", "-qq", "--no-install-recommends", ...packages], { DEBIAN_FRONTEND: "noninteractive" });
}

function ensureChromium(): void {
  if (!fs.existsSync(chromium)) aptInstall(" Chromium", ["chromium", "fonts-noto-cjk"]);
  if (!fs.existsSync(chromium)) {
    console.error(`浏览器测试需要 Chromium：请安装 Debian 的 chromium 和 fonts-noto-cjk，或用 CHROMIUM_PATH 指定浏览器路径。`);
  }
}

/** The first `month`/`day` at 10:00 UTC after `from` (29 February: the next leap year's). */
function nextDate(month: number, day: number, from: Date): string {
  for (let y = from.getUTCFullYear(); ; y++) {
    const t = new Date(Date.UTC(y, month - 1, day, 10));
    if (t.getUTCMonth() === month - 1 && t > from) return `${t.toISOString().slice(0, 10)} 10:00:00`;
  }
}

interface Counts { passed: number; failed: number; skipped: number }
const FAILED_TO_RUN: Counts = { passed: 0, failed: 1, skipped: 0 };
const total: Counts = { passed: 0, failed: 0, skipped: 0 };
const add = (c: Counts) => { total.passed += c.passed; total.failed += c.failed; total.skipped += c.skipped; };
const line = (c: Counts) => `${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped`;

function vitestCounts(file: string): Counts {
  if (!fs.existsSync(file)) return FAILED_TO_RUN;
  const r = JSON.parse(fs.readFileSync(file, "utf8"));
  // A file that failed to load has no test results but must still count as a failure.
  const brokenFiles = (r.testResults ?? []).filter((f: { status: string; assertionResults: unknown[] }) => f.status === "failed" && f.assertionResults.length === 0).length;
  return { passed: r.numPassedTests, failed: r.numFailedTests + brokenFiles, skipped: r.numPendingTests + r.numTodoTests };
}

function playwrightCounts(file: string): Counts {
  if (!fs.existsSync(file)) return FAILED_TO_RUN;
  const s = JSON.parse(fs.readFileSync(file, "utf8")).stats;
  return { passed: s.expected, failed: s.unexpected + s.flaky + (s.errors?.length ?? 0), skipped: s.skipped };
}

/** One vitest run with its own JSON report; `prefix` runs it under another program (faketime). */
function vitest(report: string, { files = [] as string[], exclude = [] as string[], env = {} as Record<string, string>, prefix = [] as string[] } = {}): Counts {
  const json = path.join(tmp, report);
  fs.rmSync(json, { force: true });
  const args = ["run", "-c", "tests/vitest.config.ts", "--reporter=default", "--reporter=json", `--outputFile.json=${json}`, ...exclude.map((e) => `--exclude=${e}`), ...files];
  const [cmd, ...rest] = [...prefix, "node_modules/.bin/vitest", ...args];
  run(cmd, rest, env);
  return vitestCounts(json);
}

function playwright(report: string, env: Record<string, string> = {}): Counts {
  const json = path.join(tmp, report);
  fs.rmSync(json, { force: true });
  run("node_modules/.bin/playwright", ["test", "-c", "tests/playwright.config.ts"], { ...env, PLAYWRIGHT_JSON_OUTPUT_NAME: json });
  return playwrightCounts(json);
}

function faketimeRuns(): void {
  if (!fs.existsSync(faketime)) aptInstall(" faketime", ["faketime"]);
  const today = new Date();
  for (const clock of [nextDate(1, 15, today), nextDate(2, 29, today)]) {
    console.log(`\n==== vitest 在模拟时钟 ${clock}（UTC）下再运行一遍 ====`);
    if (!fs.existsSync(faketime)) {
      console.error(`模拟时钟 ${clock} 的测试未运行：需要 Debian 的 faketime（apt-get install faketime），记为 1 项失败。`);
      total.failed += 1;
      continue;
    }
    // Timers and timeouts keep the real monotonic clock; only the calendar moves.
    const c = vitest(`vitest-${clock.slice(0, 10)}.json`, { prefix: [faketime, clock], env: { FAKETIME_DONT_FAKE_MONOTONIC: "1" } });
    console.log(`模拟时钟 ${clock}：${line(c)}`);
    add(c);
  }
}

/** The Playwright suite against two server processes on one PostgreSQL database, behind one port. */
async function e2eOnPostgres(cluster: Cluster, meili: { url: string; key: string }): Promise<Counts> {
  const port = Number(process.env.E2E_PORT ?? 3210);
  const site = await startE2eOnPostgres({ adminUrl: cluster.url, meili, port, logDir: tmp });
  const c = playwright("playwright-postgres.json", { E2E_DATABASE_URL: site.databaseUrl, E2E_MEILI_URL: meili.url, E2E_MEILI_KEY: meili.key });
  // A server that died or whose background loops failed is a failure even if every spec passed.
  const problems = site.problems();
  await site.stop();
  for (const p of problems) console.error(`PostgreSQL e2e：${p}`);
  return { ...c, failed: c.failed + problems.length };
}

/** Stage 6: vitest and Playwright again on a throwaway PostgreSQL cluster and Meilisearch. */
async function postgresRuns(): Promise<void> {
  console.log("\n==== PostgreSQL：模型、路由、搜索测试与浏览器测试再运行一遍 ====");
  if (postgresMissing()) aptInstall(" PostgreSQL 15", ["postgresql-15"]);
  let cluster: Cluster | undefined;
  let meili: Awaited<ReturnType<typeof startMeilisearch>> | undefined;
  // A signal or an exit half-way must leave neither the cluster nor Meilisearch running (both synchronous here).
  const cleanup = () => {
    cluster?.stop();
    if (meili) process.kill(meili.pid, "SIGTERM");
  };
  process.once("exit", cleanup);
  try {
    cluster = await startPostgresCluster();
    meili = await startMeilisearch();
    const env = { TEST_DATABASE_URL: cluster.url, TEST_MEILI_URL: meili.url, TEST_MEILI_KEY: meili.key };
    const unit = vitest("vitest-postgres.json", { files: ["tests/models", "tests/routes", "tests/search", "tests/db", "tests/postgres"], exclude: NOT_ON_POSTGRES, env });
    console.log(`PostgreSQL vitest：${line(unit)}`);
    add(unit);
    const e2e = await e2eOnPostgres(cluster, meili);
    console.log(`PostgreSQL e2e（两个服务进程，轮询代理）：${line(e2e)}`);
    add(e2e);
  } catch (e) {
    console.error(`PostgreSQL 测试未能完成，记为 1 项失败：${e instanceof Error ? e.message : e}`);
    total.failed += 1;
  } finally {
    await meili?.stop();
    meili = undefined;
    cleanup();
    process.removeListener("exit", cleanup);
  }
}

for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => process.exit(130));
// Each run says itself which database it uses: an exported TEST_DATABASE_URL must not turn the SQLite runs into PostgreSQL ones.
for (const name of ["TEST_DATABASE_URL", "TEST_MEILI_URL", "TEST_MEILI_KEY", "E2E_DATABASE_URL", "E2E_MEILI_URL", "E2E_MEILI_KEY"]) delete process.env[name];

if (stage("e2e") || stage("postgres")) ensureChromium();
if (stage("build") && run("npm", ["run", "build"]) !== 0) total.failed += 1;
if (stage("vitest")) add(vitest("vitest.json"));
if (stage("faketime")) faketimeRuns();
if (stage("e2e")) add(playwright("playwright.json"));
if (stage("postgres")) await postgresRuns();

console.log(`\n${line(total)}`);
process.exit(total.failed > 0 || total.passed === 0 ? 1 : 0);
