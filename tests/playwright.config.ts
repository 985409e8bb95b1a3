import { fileURLToPath } from "node:url";
import { defineConfig } from "@playwright/test";
import { serverArgs } from "../app/web/server-process";

const root = fileURLToPath(new URL("..", import.meta.url));
const PORT = Number(process.env.E2E_PORT ?? 3210);
/**
 * The e2e server sends mail to a real SMTP server on this loopback port, started by the specs that
 * read mail (tests/e2e/account-mail.spec.ts). When none listens, mail just waits in the outbox.
 * Derived from E2E_PORT so that parallel runs on different ports do not share it.
 */
export const smtpPort = Number(process.env.E2E_SMTP_PORT ?? 2525 + (PORT - 3210));

// Playwright cannot download its own browsers here: drive the system Chromium (Debian's package).
export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** What every e2e server process gets (besides its database): the production build, no sign-in delay, mail to `smtpPort`. */
export const e2eServerEnv = { LOGIN_SLOWDOWN_MS: "0", NODE_ENV: "production" as const, SMTP_URL: `smtp://127.0.0.1:${smtpPort}` };

/**
 * With E2E_DATABASE_URL the caller has already started the site on PORT against that PostgreSQL
 * database (`npm test`: two processes behind a round-robin proxy, tests/support/e2e-postgres.ts);
 * otherwise Playwright starts one server on a fresh SQLite demo database.
 */
const external = Boolean(process.env.E2E_DATABASE_URL);

export default defineConfig({
  testDir: "./e2e",
  outputDir: "./.tmp/e2e-results",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [["list"], ["json"]] : [["list"]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    browserName: "chromium",
    launchOptions: {
      executablePath: chromiumPath,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  webServer: external ? undefined : {
    // The production build against a fresh demo database, as `npm start` serves it.
    command: `node_modules/.bin/tsx app/cli.server.ts reset && node ${serverArgs().join(" ")}`,
    cwd: root,
    url: `http://localhost:${PORT}/`,
    reuseExistingServer: false,
    timeout: 120_000,
    env: { ...e2eServerEnv, PORT: String(PORT), DATABASE_PATH: "tests/.tmp/e2e.sqlite", FILES_DIR: "tests/.tmp/e2e-files" },
    stdout: "ignore",
    stderr: "pipe",
  },
});
