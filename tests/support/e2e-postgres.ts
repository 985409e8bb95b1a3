import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { freePort } from "../../search/meilisearch/local-server";
import { e2eServerEnv } from "../playwright.config";
import { serverArgs } from "../../app/web/server-process";

/**
 * The site as a PostgreSQL deployment runs it, for `npm test`'s second Playwright run: one demo
 * database, two web server processes (app/web/server-process.ts) with the same environment, and a round-robin TCP
 * proxy on the e2e port in front of them (so consecutive connections, and thus one person's
 * requests, land on different processes).
 */

const DATABASE = "techmatch_e2e";
/** What the background loops log when they fail (app/web/*-relay, mail-sender, scheduler, search/meilisearch/outbox.ts). */
const LOOP_FAILURES = /搜索同步失败|搜索索引同步失败|\[mail\] outbox unavailable|\[mail\] SMTP_URL is not set|提醒调度失败/;

export interface E2eSite {
  /** The database's address, for the specs' own reads and writes (tests/e2e/support.ts). */
  databaseUrl: string;
  /** Problems seen in the server processes after the run: an exit, a failing background loop, no requests served. */
  problems(): string[];
  stop(): Promise<void>;
}

async function adminQuery(adminUrl: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** Waits until `url` answers at all (any status), or the process has exited, or two minutes pass. */
async function answering(url: string, child?: ChildProcess): Promise<boolean> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline && child?.exitCode == null) {
    try {
      await fetch(url, { signal: AbortSignal.timeout(5000) });
      return true;
    } catch {
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  return false;
}

/** A long-running tsx process whose output goes to a file (run-all blocks while Playwright runs: no pipes). */
/** A Node process with these arguments, its output in `log`. */
function background(args: string[], env: NodeJS.ProcessEnv, log: string): ChildProcess {
  const out = fs.openSync(log, "w");
  const child = spawn(process.execPath, args, { env, stdio: ["ignore", out, out] });
  fs.closeSync(out);
  return child;
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode != null || child.signalCode != null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  // The web server closes once its keep-alive connections go idle; do not wait for that.
  const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
  await exited;
  clearTimeout(timer);
}

export async function startE2eOnPostgres({ adminUrl, meili, port, logDir }: { adminUrl: string; meili: { url: string; key: string }; port: number; logDir: string }): Promise<E2eSite> {
  await adminQuery(adminUrl, `drop database if exists ${DATABASE} with (force)`);
  await adminQuery(adminUrl, `create database ${DATABASE}`);
  const url = new URL(adminUrl);
  url.pathname = `/${DATABASE}`;
  const databaseUrl = url.toString();
  const filesDir = path.join(logDir, "e2e-pg-files");
  fs.rmSync(filesDir, { recursive: true, force: true });
  const env = { ...process.env, ...e2eServerEnv, DATABASE_URL: databaseUrl, MEILI_URL: meili.url, MEILI_MASTER_KEY: meili.key, FILES_DIR: filesDir };

  // As `npm start` does it: migrate, seed the demo data, build the search index.
  const setup = spawnSync(process.execPath, ["--import", "tsx", "app/cli.server.ts", "setup"], { env, stdio: "inherit" });
  if (setup.status !== 0) throw new Error(`PostgreSQL e2e 数据库准备失败：app/cli.server.ts setup 退出码 ${setup.status}`);

  const ports = [await freePort(), await freePort()];
  const logs = ports.map((_, i) => path.join(logDir, `e2e-pg-server-${i + 1}.log`));
  const servers = ports.map((p, i) => background(serverArgs(), { ...env, PORT: String(p), HOST: "127.0.0.1" }, logs[i]));
  const proxy = background(["--import", "tsx", "tests/support/round-robin-proxy.ts", String(port), ...ports.map(String)], env, path.join(logDir, "e2e-pg-proxy.log"));
  const stop = async () => {
    await Promise.all([proxy, ...servers].map(stopChild));
    await adminQuery(adminUrl, `drop database if exists ${DATABASE} with (force)`).catch(() => undefined);
  };
  const up = await Promise.all([...ports.map((p, i) => answering(`http://127.0.0.1:${p}/healthz`, servers[i])), answering(`http://127.0.0.1:${port}/healthz`, proxy)]);
  if (up.includes(false)) {
    await stop();
    throw new Error(`PostgreSQL e2e 站点未能启动（日志：${logs.join("、")}）`);
  }

  return {
    databaseUrl,
    problems() {
      return servers.flatMap((server, i) => {
        const log = fs.readFileSync(logs[i], "utf8");
        const found: string[] = [];
        if (server.exitCode != null || server.signalCode != null) found.push(`服务进程 ${i + 1} 已退出（${server.exitCode ?? server.signalCode}）`);
        const failures = log.split("\n").filter((line) => LOOP_FAILURES.test(line));
        if (failures.length) found.push(`服务进程 ${i + 1} 的后台任务出错：${failures.slice(0, 3).join(" | ")}`);
        // Round robin must have given both processes real work, or this run proved nothing about two.
        if (!/^(GET|POST) \S+ \d{3} /m.test(log)) found.push(`服务进程 ${i + 1} 没有处理任何请求`);
        return found.map((f) => `${f}（日志：${logs[i]}）`);
      });
    },
    stop,
  };
}
