/**
 * `npm test`: every suite, then one closing line `N passed, N failed, N skipped` over all of them.
 *   1. make sure a Chromium is there for the browser tests (Debian's package when running as root),
 *   2. production build (the e2e server serves it),
 *   3. vitest: unit, model, route and bundle tests,
 *   4. Playwright e2e in Chromium.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const tmp = path.resolve("tests/.tmp");
fs.mkdirSync(tmp, { recursive: true });
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

function run(cmd: string, args: string[], env: Record<string, string> = {}): number {
  console.log(`\n$ ${cmd} ${args.join(" ")}`);
  const r = spawnSync(cmd, args, { stdio: "inherit", env: { ...process.env, ...env } });
  return r.status ?? 1;
}

function ensureChromium(): void {
  if (fs.existsSync(chromium)) return;
  if (process.getuid?.() === 0 && fs.existsSync("/usr/bin/apt-get")) {
    console.log("未找到 Chromium，正在安装 Debian 的 chromium 与中文字体（fonts-noto-cjk）…");
    run("apt-get", ["update", "-qq"]);
    run("apt-get", ["install", "-y", "-qq", "--no-install-recommends", "chromium", "fonts-noto-cjk"], { DEBIAN_FRONTEND: "noninteractive" });
  }
  if (!fs.existsSync(chromium)) {
    console.error(`浏览器测试需要 Chromium：请安装 Debian 的 chromium 和 fonts-noto-cjk，或用 CHROMIUM_PATH 指定浏览器路径。`);
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
run("node_modules/.bin/vitest", ["run", "-c", "tests/vitest.config.ts", "--reporter=default", "--reporter=json", `--outputFile.json=${vitestJson}`]);
add(vitestCounts(vitestJson));

const pwJson = path.join(tmp, "playwright.json");
fs.rmSync(pwJson, { force: true });
run("node_modules/.bin/playwright", ["test", "-c", "tests/playwright.config.ts"], { PLAYWRIGHT_JSON_OUTPUT_NAME: pwJson });
add(playwrightCounts(pwJson));

console.log(`\n${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(total.failed > 0 || total.passed === 0 ? 1 : 0);
