/**
 * `npm run bench:rollup -- --contracts 1000000 [--runs 200] [--keep]`: fill a scratch database
 * with synthetic contracts (one transaction, one prepared statement), build the rollups the
 * register keeps in step with every write, then time the dashboard's real queries (the bureau's
 * full view, every section) and print, last, a JSON line {"contracts","p50","p95"} in ms.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import SQLite from "better-sqlite3";
import { sql } from "kysely";
import { openDatabase } from "../../db/client.server";
import { migrateToLatest } from "../../db/migrate";
import { seedReference } from "../../seeds";
import { rebuildRollups } from "../../app/models/contract/contract.server";
import { dashboard } from "../../app/models/contract/dashboard.server";
import { CONTRACT_TYPES, PARTY_KINDS } from "../../db/vocabulary";
import { subtypesOf } from "../../app/models/contract/rules";
import { prng } from "./prng";

const { values } = parseArgs({
  options: { contracts: { type: "string", default: "100000" }, runs: { type: "string", default: "200" }, keep: { type: "boolean", default: false } },
});
const N = Number(values.contracts);
const RUNS = Number(values.runs);
if (!Number.isSafeInteger(N) || N < 1 || !Number.isSafeInteger(RUNS) || RUNS < 1) throw new Error("用法：npm run bench:rollup -- --contracts 1000000 [--runs 200]");

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-rollup-"));
const file = path.join(dir, "bench.sqlite");

// Deterministic pseudo-random numbers: the same --contracts gives the same database.
const rand = prng(42);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];

async function main() {
  const db = openDatabase(file);
  await migrateToLatest(db);
  await seedReference(db);
  await db.destroy();

  const raw = new SQLite(file);
  raw.pragma("journal_mode = WAL");
  raw.pragma("synchronous = OFF");
  raw.prepare(`insert into organizations (id, name, kind, credit_code, region, contact_name, contact_phone, status, is_demo, created_at, updated_at)
    values (1, '区科技局（基准测试）', 'bureau', '111111111111111111', 'lizhou', '-', '-', 'verified', 1, '2026-01-01', '2026-01-01')`).run();
  raw.prepare(`insert into users (id, name, email, password_hash, role, org_id, membership_status, is_demo, created_at)
    values (1, '基准测试', 'bench@bench.test', '-', 'bureau', 1, 'active', 1, '2026-01-01')`).run();
  const insert = raw.prepare(`insert into contracts (reg_no, title, type, subtype, signed_on, registered_on, reg_year, valid_from, valid_until,
      seller_org_id, seller_name, seller_credit_code, seller_region, seller_kind, buyer_org_id, buyer_name, buyer_credit_code, buyer_region, buyer_kind,
      total_fen, tech_fen, non_tech_items, field_code, payment, flow, origin_challenge_id, origin_bid_id, origin_result_id, origin_meeting_id, origin_kind,
      status, cancel_reason, version, created_by, created_at, updated_at)
    values (?, ?, ?, ?, ?, ?, ?, ?, ?, null, ?, ?, ?, ?, null, ?, ?, ?, ?, ?, ?, '[]', ?, 'lump_sum', ?, null, null, null, ?, ?, ?, null, 1, 1, ?, ?)`);
  const fields = ["01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11"];
  const flows = ["output", "output", "output", "both", "absorb", "absorb", "neither"] as const;
  const t0 = performance.now();
  // Foreign keys stay off for the bulk load only: the synthetic parties and origins are not rows.
  raw.pragma("foreign_keys = OFF");
  raw.transaction(() => {
    for (let i = 0; i < N; i++) {
      const year = 2020 + Math.floor(rand() * 7);
      const date = `${year}-${String(1 + Math.floor(rand() * 12)).padStart(2, "0")}-${String(1 + Math.floor(rand() * 28)).padStart(2, "0")}`;
      const type = pick(CONTRACT_TYPES);
      const flow = pick(flows);
      const total = 1_000_000 + Math.floor(rand() * 500_000_000);
      const tech = total - Math.floor(rand() * total * 0.3);
      const seller = Math.floor(rand() * 5_000);
      const meeting = rand() < 0.02 ? 1 + Math.floor(rand() * 500) : null;
      const status = rand() < 0.01 ? "cancelled" : rand() < 0.05 ? "amended" : "registered";
      insert.run(
        `${year}${String(i).padStart(12, "0")}`, `合同 ${i}`, type, pick(subtypesOf[type]), date, date, year, date, date,
        `卖方 ${seller}`, `cc${seller}`, flow === "output" || flow === "both" ? "lizhou" : "sichuan_other", PARTY_KINDS[seller % 4],
        `买方 ${i % 20_000}`, `cb${i % 20_000}`, flow === "absorb" || flow === "both" ? "lizhou" : "outside", "enterprise",
        total, tech, pick(fields), flow, meeting, meeting != null ? "meeting" : "none", status, date, date,
      );
    }
  })();
  const loadMs = performance.now() - t0;
  raw.pragma("foreign_keys = ON");
  raw.close();

  const kdb = openDatabase(file);
  const t1 = performance.now();
  await rebuildRollups(kdb);
  const rollupMs = performance.now() - t1;
  await sql`analyze`.execute(kdb);

  // For comparison: the same yearly figure as a plain aggregate over the ledger.
  const t2 = performance.now();
  await sql`select reg_year, sum(tech_fen) from contracts where status <> 'cancelled' and flow in ('output','both') group by reg_year`.execute(kdb);
  const plainMs = performance.now() - t2;

  const now = new Date("2026-11-29T04:00:00Z");
  for (let i = 0; i < 5; i++) await dashboard(kdb, { now }); // warm the page cache
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const s = performance.now();
    await dashboard(kdb, { year: 2020 + (i % 7), now });
    times.push(performance.now() - s);
  }
  times.sort((a, b) => a - b);
  const q = (p: number) => Math.round(times[Math.min(times.length - 1, Math.ceil(p * times.length) - 1)] * 100) / 100;
  const rows = await sql<{ n: number }>`select count(*) as n from contract_rollup`.execute(kdb);
  const sellers = await sql<{ n: number }>`select count(*) as n from contract_seller_rollup`.execute(kdb);
  await kdb.destroy();
  console.log(`写入 ${N} 份合同 ${(loadMs / 1000).toFixed(1)} s；重建汇总表 ${(rollupMs / 1000).toFixed(1)} s（${rows.rows[0].n} 行分类汇总、${sellers.rows[0].n} 行卖方汇总）`);
  console.log(`对照：直接在台账上按年汇总一次 ${plainMs.toFixed(1)} ms；数据看板（局内完整视图）${RUNS} 次：`);
  if (!values.keep) fs.rmSync(dir, { recursive: true, force: true });
  else console.log(`数据库保留在 ${file}`);
  console.log(JSON.stringify({ contracts: N, p50: q(0.5), p95: q(0.95) }));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
