/**
 * `npm test`: every suite, then one closing line `N passed, N failed, N skipped` over all of them.
 *   1. make sure a Chromium is there for the browser tests (Debian's package when running as root),
 *   2. production build (the e2e server serves it),
 *   3. vitest: unit, model, route and bundle tests,
 *   4. vitest again under two shifted system clocks (Debian's faketime): the next 15 January (a new
 *      year: previous-year logic, pro-rata, forecasts) and the next 29 February (a leap day), so no
 *      test or seed silently depends on the day it was written,
 *   5. Playwright e2e in Chromium.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const tmp = path.resolve("tests/.tmp");
fs.mkdirSync(tmp, { recursive: true });
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const faketime = "/usr/bin/faketime";

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

function vitestCounts(file: string): Counts {
  if (!fs.existsSync(file)) return { passed: 0, failed: 1, skipped: 0 };
  const r = JSON.parse(fs.readFileSync(file, "utf8"));
  // A file that failed to load has no test results but must still count as a failure.
  const brokenFiles = (r.testResults ?? []).filter((f: { status: string; assertionResults: unknown[] }) => f.status === "failed" && f.assertionResults.length === 0).length;
  return { passed: r.numPassedTests, failed: r.numFailedTests + brokenFiles, skipped: r.numPendingTests + r.numTodoTests };
}

function playwrightCounts(file: string): Counts {
  if (!fs.existsSync(file)) return { passed: 0, failed: 1, skipped: 0 };
  const s = JSON.parse(fs.readFileSync(file, "utf8")).stats;
  return { passed: s.expected, failed: s.unexpected + s.flaky + (s.errors?.length ?? 0), skipped: s.skipped };
}

ensureChromium();
const total: Counts = { passed: 0, failed: 0, skipped: 0 };
const add = (c: Counts) => { total.passed += c.passed; total.failed += c.failed; total.skipped += c.skipped; };

if (run("node_modules/.bin/remix", ["build"]) !== 0) total.failed += 1;

const vitestJson = path.join(tmp, "vitest.json");
fs.rmSync(vitestJson, { force: true });
const vitestArgs = (json: string) => ["run", "-c", "tests/vitest.config.ts", "--reporter=default", "--reporter=json", `--outputFile.json=${json}`];
run("node_modules/.bin/vitest", vitestArgs(vitestJson));
add(vitestCounts(vitestJson));

if (!fs.existsSync(faketime)) aptInstall(" faketime", ["faketime"]);
const today = new Date();
for (const clock of [nextDate(1, 15, today), nextDate(2, 29, today)]) {
  console.log(`\n==== vitest 在模拟时钟 ${clock}（UTC）下再运行一遍 ====`);
  if (!fs.existsSync(faketime)) {
    console.error(`模拟时钟 ${clock} 的测试未运行：需要 Debian 的 faketime（apt-get install faketime），记为 1 项失败。`);
    total.failed += 1;
    continue;
  }
  const json = path.join(tmp, `vitest-${clock.slice(0, 10)}.json`);
  fs.rmSync(json, { force: true });
  // Timers and timeouts keep the real monotonic clock; only the calendar moves.
  run(faketime, [clock, "node_modules/.bin/vitest", ...vitestArgs(json)], { FAKETIME_DONT_FAKE_MONOTONIC: "1" });
  const c = vitestCounts(json);
  console.log(`模拟时钟 ${clock}：${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped`);
  add(c);
}

const pwJson = path.join(tmp, "playwright.json");
fs.rmSync(pwJson, { force: true });
run("node_modules/.bin/playwright", ["test", "-c", "tests/playwright.config.ts"], { PLAYWRIGHT_JSON_OUTPUT_NAME: pwJson });
add(playwrightCounts(pwJson));

console.log(`\n${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(total.failed > 0 || total.passed === 0 ? 1 : 0);
