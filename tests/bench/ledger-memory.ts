/**
 * `npm run bench:ledger-memory -- [--rows 20000]`: the ledger's biggest jobs inside the web
 * server's bounded heap (app/web/server-process.ts, README Decision 72). Runs itself again as a
 * child with the server's heap flags, which on a scratch demo database imports a CSV of `--rows`
 * new contracts, exports them as XLSX (in the workbook process), and checks that export
 * by importing it back (dry run: every row already registered and unchanged). Prints one JSON line
 * per job {job, ms, rssMB, heapUsedMB} and a last line {heapLimitMB, peakRssMB}. A job that does not
 * fit fails the run with the job's own error.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import v8 from "node:v8";
import { openDatabase } from "../../db/client.server";
import { migrateToLatest } from "../../db/migrate";
import { seedDemo, seedReference } from "../../seeds";
import { exportXlsx, importLedger } from "../../app/models/contract/io.server";
import { loadActor } from "../../app/models/shared/session.server";
import { SERVER_HEAP_FLAGS } from "../../app/web/server-process";
import { BENCH_TITLE, ledgerCsv } from "./contracts";

const { values } = parseArgs({ options: { rows: { type: "string", default: "20000" }, child: { type: "boolean", default: false } } });
const ROWS = Number(values.rows);
if (!Number.isSafeInteger(ROWS) || ROWS < 1 || ROWS > 20_000) throw new Error("用法：npm run bench:ledger-memory -- [--rows 20000]（1 至 20000）");

const mb = (bytes: number) => Math.round(bytes / 1048576);
const peakRssMB = () => Math.round(Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync("/proc/self/status", "utf8"))?.[1] ?? 0) / 1024);

async function job<T>(name: string, work: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  const value = await work();
  const m = process.memoryUsage();
  console.log(JSON.stringify({ job: name, ms: Math.round(performance.now() - t0), rssMB: mb(m.rss), heapUsedMB: mb(m.heapUsed) }));
  return value;
}

async function child(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-ledger-"));
  try {
    const db = openDatabase(path.join(dir, "bench.sqlite"));
    await migrateToLatest(db);
    await seedReference(db);
    await seedDemo(db, new Date("2026-11-29T04:00:00Z"));
    const { id } = await db.selectFrom("users").select("id").where("email", "=", "bureau@demo.test").executeTakeFirstOrThrow();
    const officer = await loadActor(db, id);
    const csv = await job(`CSV 导入 ${ROWS} 行`, () => importLedger(db, officer, { name: "台账.csv", bytes: ledgerCsv(ROWS) }, { onlyValid: false, dryRun: false }));
    if (csv.imported !== ROWS) throw new Error(`CSV 导入未完成：${JSON.stringify({ ...csv, problems: csv.problems.slice(0, 3) })}`);
    // Only the imported rows (the demo ledger's own would take the file past the import's 20,000 rows).
    const xlsx = await job(`XLSX 导出这 ${ROWS} 行`, () => exportXlsx(db, { q: BENCH_TITLE }, BENCH_TITLE));
    const back = await job("XLSX 导回（只检查）", () => importLedger(db, officer, { name: "台账.xlsx", bytes: xlsx }, { onlyValid: false, dryRun: true }));
    if (back.problems.length > 0 || back.unchanged < ROWS) throw new Error(`导出的文件未能原样导回：${JSON.stringify({ ...back, problems: back.problems.slice(0, 3) })}`);
    await db.destroy();
    console.log(JSON.stringify({ heapLimitMB: mb(v8.getHeapStatistics().heap_size_limit), peakRssMB: peakRssMB(), xlsxBytes: xlsx.length }));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (values.child) await child();
else {
  const args = [...SERVER_HEAP_FLAGS, "--import", "tsx", "tests/bench/ledger-memory.ts", "--child", "--rows", String(ROWS)];
  process.exit(spawnSync(process.execPath, args, { stdio: "inherit" }).status ?? 1);
}
