/**
 * `npm run bench:rollup -- --contracts 1000000 [--runs 200] [--keep] [--db sqlite|postgres] [--url postgres://…]`:
 * fill a scratch database with synthetic contracts (tests/bench/contracts.ts, the same rows on both
 * engines), build the rollups the register keeps in step with every write, then time the
 * dashboard's real queries (the bureau's full view, every section) and print, last, a JSON line
 * {"db","contracts","p50","p95"} in ms. Before that, a check line: the dashboard's yearly totals
 * against the generated rows and against a plain sum over the ledger, to the fen.
 *
 * SQLite: a file in a temporary folder, loaded through one better-sqlite3 prepared statement.
 * PostgreSQL: `--url` or BENCH_DATABASE_URL names a server (its admin database, e.g.
 * postgres://postgres@127.0.0.1:5433/postgres); a scratch database bench_rollup_<pid>_<time> is
 * created there, migrated with the PostgreSQL chain, loaded with multi-row INSERTs (unnest of one
 * array per column, BATCH rows a statement, one transaction, foreign keys off for it as on SQLite,
 * which takes a superuser: session_replication_role), and dropped at the end unless --keep.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import SQLite from "better-sqlite3";
import { sql } from "kysely";
import { openDatabase, postgresPool, type DB } from "../../db/client.server";
import { migrateToLatest } from "../../db/migrate";
import { seedReference } from "../../seeds";
import { rebuildRollups } from "../../app/models/contract/contract.server";
import { dashboard, getSettings } from "../../app/models/contract/dashboard.server";
import { CONTRACT_COLUMNS, CONTRACT_PG_TYPES, syntheticContracts, type ContractRow, type LedgerSums } from "./contracts";

const USAGE = "用法：npm run bench:rollup -- --contracts 1000000 [--runs 200] [--keep] [--db sqlite|postgres] [--url postgres://用户@主机:端口/管理库]（postgres 也可用环境变量 BENCH_DATABASE_URL 指定服务器）";
const { values } = parseArgs({
  options: {
    contracts: { type: "string", default: "100000" },
    runs: { type: "string", default: "200" },
    keep: { type: "boolean", default: false },
    db: { type: "string", default: "sqlite" },
    url: { type: "string" },
  },
});
const N = Number(values.contracts);
const RUNS = Number(values.runs);
const ENGINE = values.db;
const SERVER = values.url ?? process.env.BENCH_DATABASE_URL ?? "";
function usage(problem: string): never {
  console.error(`${problem}\n${USAGE}`);
  process.exit(2);
}
if (!Number.isSafeInteger(N) || N < 1 || !Number.isSafeInteger(RUNS) || RUNS < 1) usage("--contracts 与 --runs 须为正整数。");
if (ENGINE !== "sqlite" && ENGINE !== "postgres") usage(`--db 只能是 sqlite 或 postgres，而不是 ${ENGINE}。`);
if (ENGINE === "postgres" && !/^postgres(ql)?:\/\//.test(SERVER)) usage("--db postgres 需要数据库服务器地址：--url postgres://… 或环境变量 BENCH_DATABASE_URL。");

// PostgreSQL binds at most 65535 parameters a statement; unnest binds one array per column, so a
// batch is bounded by memory only. A few thousand rows keep each statement's arrays small.
const BATCH = 5_000;
const BENCH_ORG = { id: 1, name: "区科技局（基准测试）", kind: "bureau", credit_code: "111111111111111111", region: "lizhou", contact_name: "-", contact_phone: "-", status: "verified", is_demo: 1, created_at: "2026-01-01", updated_at: "2026-01-01" } as const;
const BENCH_USER = { id: 1, name: "基准测试", email: "bench@bench.test", password_hash: "-", role: "bureau", org_id: 1, membership_status: "active", is_demo: 1, created_at: "2026-01-01" } as const;

interface Scratch {
  target: string;
  /** Fill the migrated, seeded database with N contracts; returns the load time in ms. */
  load(sums: LedgerSums): Promise<number>;
  cleanup(): Promise<string | undefined>;
}

function sqliteScratch(): Scratch {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-rollup-"));
  const file = path.join(dir, "bench.sqlite");
  return {
    target: file,
    async load(sums) {
      const raw = new SQLite(file);
      raw.pragma("journal_mode = WAL");
      raw.pragma("synchronous = OFF");
      const ins = (table: string, row: Record<string, string | number>) =>
        raw.prepare(`insert into ${table} (${Object.keys(row).join(", ")}) values (${Object.keys(row).map(() => "?").join(", ")})`).run(...Object.values(row));
      ins("organizations", BENCH_ORG);
      ins("users", BENCH_USER);
      const insert = raw.prepare(`insert into contracts (${CONTRACT_COLUMNS.join(", ")}, non_tech_items, payment, version, created_by)
        values (${CONTRACT_COLUMNS.map(() => "?").join(", ")}, '[]', 'lump_sum', 1, 1)`);
      const t0 = performance.now();
      // Foreign keys stay off for the bulk load only: the synthetic parties and origins are not rows.
      raw.pragma("foreign_keys = OFF");
      raw.transaction(() => {
        for (const row of syntheticContracts(N, sums)) insert.run(...row);
      })();
      const ms = performance.now() - t0;
      raw.pragma("foreign_keys = ON");
      raw.close();
      return ms;
    },
    async cleanup() {
      if (values.keep) return `数据库保留在 ${file}`;
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    },
  };
}

function postgresScratch(): Scratch {
  const name = `bench_rollup_${process.pid}_${Date.now()}`;
  const server = new URL(SERVER);
  const target = Object.assign(new URL(SERVER), { pathname: `/${name}` }).toString();
  const admin = () => openDatabase(server.toString());
  return {
    target,
    async load(sums) {
      const pool = postgresPool(openDatabase(target));
      const client = await pool.connect();
      try {
        const ins = (table: string, row: Record<string, string | number>) =>
          client.query(`insert into ${table} (${Object.keys(row).join(", ")}) values (${Object.keys(row).map((_, i) => `$${i + 1}`).join(", ")})`, Object.values(row));
        await ins("organizations", BENCH_ORG);
        await ins("users", BENCH_USER);
        const statement = `insert into contracts (${CONTRACT_COLUMNS.join(", ")}, non_tech_items, payment, version, created_by)
          select *, '[]', 'lump_sum', 1, 1 from unnest(${CONTRACT_COLUMNS.map((c, i) => `$${i + 1}::${CONTRACT_PG_TYPES[c]}[]`).join(", ")})`;
        const t0 = performance.now();
        await client.query("begin");
        // As on SQLite, foreign keys are off for the bulk load only (the synthetic origin meetings
        // are not rows): replica mode skips the FK triggers for this transaction. It needs a superuser.
        await client.query("set local session_replication_role = replica");
        let batch: ContractRow[] = [];
        const flush = async () => {
          await client.query(statement, CONTRACT_COLUMNS.map((_, c) => batch.map((row) => row[c])));
          batch = [];
        };
        for (const row of syntheticContracts(N, sums)) {
          batch.push(row);
          if (batch.length === BATCH) await flush();
        }
        if (batch.length) await flush();
        await client.query("commit");
        return performance.now() - t0;
      } finally {
        client.release();
        // Kysely never ran a query on this handle, so its destroy() would leave the pool open.
        await pool.end();
      }
    },
    async cleanup() {
      if (values.keep) return `数据库保留在 ${target}`;
      const db = admin();
      await sql`drop database if exists ${sql.id(name)} with (force)`.execute(db);
      await db.destroy();
    },
  };
}

async function create(scratch: Scratch) {
  if (ENGINE !== "postgres") return;
  const db = openDatabase(SERVER);
  await sql`create database ${sql.id(new URL(scratch.target).pathname.slice(1))}`.execute(db);
  await db.destroy();
}

/** The dashboard's yearly series and the year's flow breakdown, against the generated rows and the ledger. */
async function check(db: DB, sums: LedgerSums, now: Date) {
  const settings = await getSettings(db);
  const amount = (s: { total: number; tech: number }) => (settings.amountBasis === "tech" ? s.tech : s.total);
  const column = sql.ref(settings.amountBasis === "tech" ? "tech_fen" : "total_fen");
  const ledger = await sql<{ year: number; n: number; fen: number }>`select reg_year as year, count(*) as n, sum(${column}) as fen
    from contracts where status <> 'cancelled' and flow in (${sql.join(settings.flows)}) group by reg_year`.execute(db);
  const mismatches: string[] = [];
  let fen = 0;
  for (let year = 2020; year <= 2026; year++) {
    const d = await dashboard(db, { year, now });
    const point = d.series.find((p) => p.year === year);
    const generated = settings.flows.reduce(
      (a, f) => {
        const s = sums.byYearFlow.get(`${year}:${f}`);
        return s ? { n: a.n + s.n, fen: a.fen + amount(s) } : a;
      },
      { n: 0, fen: 0 },
    );
    const sum = ledger.rows.find((r) => Number(r.year) === year);
    const seen = { dashboard: [point?.n, point?.fen], generated: [generated.n, generated.fen], ledger: [Number(sum?.n ?? 0), Number(sum?.fen ?? 0)] };
    if (seen.dashboard.join() !== seen.generated.join() || seen.ledger.join() !== seen.generated.join()) mismatches.push(`${year}: ${JSON.stringify(seen)}`);
    for (const f of d.byFlow) {
      const s = sums.byYearFlow.get(`${year}:${f.key}`);
      if (!s || f.n !== s.n || f.fen !== amount(s)) mismatches.push(`${year} ${f.key}: dashboard ${f.n}/${f.fen}, generated ${s?.n}/${s ? amount(s) : undefined}`);
    }
    fen += generated.fen;
  }
  if (mismatches.length) throw new Error(`数据看板合计与台账不符：\n${mismatches.join("\n")}`);
  return { check: "ok", basis: settings.amountBasis, flows: settings.flows, years: "2020-2026", countedFen: fen };
}

async function main() {
  const scratch = ENGINE === "postgres" ? postgresScratch() : sqliteScratch();
  await create(scratch);
  try {
    const db = openDatabase(scratch.target);
    await migrateToLatest(db);
    await seedReference(db);
    await db.destroy();

    const sums: LedgerSums = { byYearFlow: new Map() };
    const loadMs = await scratch.load(sums);

    const kdb = openDatabase(scratch.target);
    const t1 = performance.now();
    await rebuildRollups(kdb);
    const rollupMs = performance.now() - t1;
    await sql`analyze`.execute(kdb);

    // For comparison: the same yearly figure as a plain aggregate over the ledger.
    const t2 = performance.now();
    await sql`select reg_year, sum(tech_fen) from contracts where status <> 'cancelled' and flow in ('output','both') group by reg_year`.execute(kdb);
    const plainMs = performance.now() - t2;

    const now = new Date("2026-11-29T04:00:00Z");
    const checked = await check(kdb, sums, now);
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
    console.log(`[${ENGINE}] 写入 ${N} 份合同 ${(loadMs / 1000).toFixed(1)} s；重建汇总表 ${(rollupMs / 1000).toFixed(1)} s（${rows.rows[0].n} 行分类汇总、${sellers.rows[0].n} 行卖方汇总）`);
    console.log(`对照：直接在台账上按年汇总一次 ${plainMs.toFixed(1)} ms；数据看板（局内完整视图）${RUNS} 次：`);
    console.log(JSON.stringify(checked));
    const kept = await scratch.cleanup();
    if (kept) console.log(kept);
    console.log(JSON.stringify({ db: ENGINE, contracts: N, p50: q(0.5), p95: q(0.95) }));
  } catch (e) {
    await scratch.cleanup().catch(() => undefined);
    throw e;
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
