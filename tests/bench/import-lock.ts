/**
 * `npm run bench:import-lock -- [--rows 5000]`: how long a ledger import keeps every other writer
 * out of the SQLite file. A scratch database with the demo seed; a worker thread with its own
 * connection tries to take the write lock (begin immediate, busy_timeout 0) every millisecond
 * while the bureau imports a CSV of `--rows` new contracts; the longest run of refusals is how long
 * a person registering a contract at that moment would have waited. Prints, last, a JSON line
 * {"rows","importMs","longestBlockMs","blockedMs","attempts"}.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { Worker } from "node:worker_threads";
import { openDatabase } from "../../db/client.server";
import { migrateToLatest } from "../../db/migrate";
import { seedDemo, seedReference } from "../../seeds";
import { importLedger } from "../../app/models/contract/io.server";
import { loadActor } from "../../app/models/shared/session.server";
import { ledgerCsv } from "./contracts";

const { values } = parseArgs({ options: { rows: { type: "string", default: "5000" } } });
const ROWS = Number(values.rows);
if (!Number.isSafeInteger(ROWS) || ROWS < 1 || ROWS > 20_000) throw new Error("用法：npm run bench:import-lock -- [--rows 5000]（1 至 20000）");

// The other writer: its own connection, never waiting inside SQLite, trying every millisecond.
const PROBE = `
const { workerData, parentPort } = require("node:worker_threads");
const SQLite = require("better-sqlite3");
const stop = new Int32Array(workerData.stop);
const db = new SQLite(workerData.file);
db.pragma("busy_timeout = 0");
let attempts = 0, blockedSince = null, longest = 0, blocked = 0;
while (Atomics.load(stop, 0) === 0) {
  attempts++;
  const t = performance.now();
  try {
    db.exec("begin immediate");
    db.exec("commit");
    if (blockedSince != null) { longest = Math.max(longest, t - blockedSince); blocked += t - blockedSince; blockedSince = null; }
  } catch (e) {
    if (e.code !== "SQLITE_BUSY") throw e;
    if (blockedSince == null) blockedSince = t;
  }
  Atomics.wait(stop, 0, 0, 1);
}
if (blockedSince != null) { const t = performance.now(); longest = Math.max(longest, t - blockedSince); blocked += t - blockedSince; }
db.close();
parentPort.postMessage({ attempts, longest, blocked });
`;

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-import-"));
  const file = path.join(dir, "bench.sqlite");
  try {
    const db = openDatabase(file);
    await migrateToLatest(db);
    await seedReference(db);
    await seedDemo(db, new Date("2026-11-29T04:00:00Z"));
    const { id } = await db.selectFrom("users").select("id").where("email", "=", "bureau@demo.test").executeTakeFirstOrThrow();
    const actor = await loadActor(db, id);
    const bytes = ledgerCsv(ROWS);

    const stop = new SharedArrayBuffer(4);
    const probe = new Worker(PROBE, { eval: true, workerData: { file, stop } });
    const report = new Promise<{ attempts: number; longest: number; blocked: number }>((resolve, reject) => {
      probe.once("message", resolve);
      probe.once("error", reject);
    });
    await new Promise((r) => setTimeout(r, 50));
    const t0 = performance.now();
    const result = await importLedger(db, actor, { name: "台账.csv", bytes }, { onlyValid: false, dryRun: false });
    const importMs = performance.now() - t0;
    await new Promise((r) => setTimeout(r, 50));
    Atomics.store(new Int32Array(stop), 0, 1);
    Atomics.notify(new Int32Array(stop), 0);
    const p = await report;
    await db.destroy();
    if (!result.written || result.imported !== ROWS) throw new Error(`导入未完成：${JSON.stringify({ ...result, problems: result.problems.slice(0, 3) })}`);
    const r = (ms: number) => Math.round(ms);
    console.log(`导入 ${ROWS} 行 ${r(importMs)} ms；其间另一写入者最长等待 ${r(p.longest)} ms，累计被拒 ${r(p.blocked)} ms（尝试 ${p.attempts} 次）`);
    console.log(JSON.stringify({ rows: ROWS, importMs: r(importMs), longestBlockMs: r(p.longest), blockedMs: r(p.blocked), attempts: p.attempts }));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
