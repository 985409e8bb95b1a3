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
import { demoCreditCode } from "../../seeds/organizations";
import { importLedger } from "../../app/models/contract/io.server";
import { loadActor } from "../../app/models/shared/session.server";

const { values } = parseArgs({ options: { rows: { type: "string", default: "5000" } } });
const ROWS = Number(values.rows);
if (!Number.isSafeInteger(ROWS) || ROWS < 1 || ROWS > 20_000) throw new Error("用法：npm run bench:import-lock -- [--rows 5000]（1 至 20000）");

const HEADER = "登记号,项目名称,合同类型,合同子类,签订日期,登记日期,有效期起,有效期止,卖方名称,卖方统一社会信用代码,卖方所在地区,卖方类型,买方名称,买方统一社会信用代码,买方所在地区,买方类型,合同成交额（元）,技术交易额（元）,非技术性费用明细,技术领域,支付方式,来源榜单编号,来源成果编号";
const TYPES = ["技术开发,委托开发", "技术转让,专利权转让", "技术服务,技术服务", "技术咨询,技术咨询"];
const REGIONS = ["利州区", "四川省其他市州", "广元市其他区县", "省外"];

function ledgerCsv(rows: number): Buffer {
  const lines = [HEADER];
  for (let i = 0; i < rows; i++) {
    const s = i % 97;
    const b = i % 89;
    const total = 100_000 + ((i * 7919) % 900_000);
    lines.push(
      `2025${String(510_802_900_000 + i).padStart(12, "0")},导入基准项目 ${i},${TYPES[i % TYPES.length]},2025-03-05,2025-03-20,2025-03-05,2026-03-05,` +
        `基准卖方 ${s} 有限公司,${demoCreditCode("91", "510802", 500 + s)},${REGIONS[s % 2]},企业,` +
        `基准买方 ${b} 有限公司,${demoCreditCode("91", "510700", 700 + b)},${REGIONS[2 + (b % 2)]},企业,` +
        `${total}.00,${total - 1000}.00,设备购置 1000.00,农业,一次总付,,`,
    );
  }
  return Buffer.from("\uFEFF" + lines.join("\r\n"), "utf8");
}

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
