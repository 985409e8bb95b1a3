import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "../../search/meilisearch/local-server";

/**
 * A throwaway PostgreSQL 15 cluster for `npm test` (tests/run-all.ts): initdb in a temporary folder,
 * listening on 127.0.0.1 on a free port, trust authentication, no fsync (its data is thrown away).
 * initdb refuses to run as root, so as root the cluster belongs to an unprivileged system user.
 */
export const PG_BIN = process.env.PG_BIN ?? "/usr/lib/postgresql/15/bin";
const PG_USER = "techmatch-pg";

export interface Cluster {
  /** The superuser's address on the admin database `postgres`. */
  url: string;
  stop(): void;
}

/** Why no cluster can be started here (null: it can). */
export function postgresMissing(): string | null {
  if (fs.existsSync(path.join(PG_BIN, "initdb")) && fs.existsSync(path.join(PG_BIN, "pg_ctl"))) return null;
  return `PostgreSQL 测试无法运行：未找到 ${PG_BIN}/initdb 和 pg_ctl。请安装 Debian 的 postgresql-15（apt-get install postgresql-15），或用 PG_BIN 指定其 bin 目录。`;
}

const asRoot = () => process.getuid?.() === 0;

/** Run a PostgreSQL program as the cluster's owner; throws with its output when it fails. */
function pg(program: string, args: string[], cwd: string): SpawnSyncReturns<string> {
  const [cmd, argv] = asRoot() ? ["runuser", ["-u", PG_USER, "--", path.join(PG_BIN, program), ...args]] : [path.join(PG_BIN, program), args];
  const r = spawnSync(cmd, argv, { cwd, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`PostgreSQL 测试集群：${program} 失败（退出码 ${r.status}）：${r.error?.message ?? ""}${r.stderr}${r.stdout}`);
  return r;
}

function ensureUser(): void {
  if (spawnSync("id", ["-u", PG_USER]).status === 0) return;
  const r = spawnSync("useradd", ["--system", "--no-create-home", "--shell", "/usr/sbin/nologin", PG_USER], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`PostgreSQL 测试集群：无法创建系统用户 ${PG_USER}：${r.stderr}`);
}

export async function startPostgresCluster(): Promise<Cluster> {
  const missing = postgresMissing();
  if (missing) throw new Error(missing);
  if (asRoot()) ensureUser();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "techmatch-pg-"));
  const data = path.join(dir, "data");
  const sockets = path.join(dir, "sockets");
  fs.mkdirSync(sockets);
  if (asRoot()) spawnSync("chown", ["-R", `${PG_USER}:`, dir]);
  const port = await freePort();
  let started = false;
  const stop = () => {
    if (started) {
      started = false;
      try {
        pg("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"], dir);
      } catch (e) {
        console.error(e instanceof Error ? e.message : e);
      }
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    pg("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync"], dir);
    const options = [
      "-c listen_addresses=127.0.0.1",
      `-c port=${port}`,
      `-c unix_socket_directories=${sockets}`,
      // A throwaway cluster: durability costs time and buys nothing.
      "-c fsync=off",
      "-c synchronous_commit=off",
      "-c full_page_writes=off",
      // Every test opens its own pool (and CREATE DATABASE … TEMPLATE needs the template unused).
      "-c max_connections=300",
    ].join(" ");
    started = true;
    pg("pg_ctl", ["-D", data, "-l", path.join(dir, "server.log"), "-o", options, "-w", "-t", "60", "start"], dir);
  } catch (e) {
    const log = path.join(dir, "server.log");
    const tail = fs.existsSync(log) ? `\n${fs.readFileSync(log, "utf8").slice(-2000)}` : "";
    stop();
    throw new Error(`${e instanceof Error ? e.message : e}${tail}`);
  }
  return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, stop };
}
