import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { Kysely } from "kysely";
import type { DatabaseFault } from "./errors";
import type { Database } from "./schema";
import { PooledSqliteDialect, type WriteHealth } from "./sqlite-driver";
import { openPostgres } from "./postgres/connect";
import type pg from "pg";

export type DB = Kysely<Database>;

/** Which engine a handle speaks to; the few places where the two differ ask this. */
export type Dialect = "sqlite" | "postgres";

const dialects = new WeakMap<DB, Dialect>();
const pools = new WeakMap<DB, pg.Pool>();

export function dialectOf(db: DB): Dialect {
  return dialects.get(db) ?? "sqlite";
}

/** A postgres:// or postgresql:// address selects PostgreSQL; anything else is a SQLite file. */
export function isPostgresUrl(target: string): boolean {
  return /^postgres(ql)?:\/\//.test(target);
}

/** The pool behind a PostgreSQL handle, for a library that speaks to node-pg directly (the rate limiter). */
export function postgresPool(db: DB): pg.Pool {
  const pool = pools.get(db);
  if (!pool) throw new Error("postgresPool: this DB is not a PostgreSQL handle");
  return pool;
}

export const DEFAULT_DATABASE_PATH = "./data/techmatch.sqlite";

/** How long a write waits for another process's write lock before the person is asked to retry. */
export const DEFAULT_BUSY_BUDGET_MS = 5000;

export interface OpenOptions {
  /** Serve reads only (maintenance); also chosen by itself when the file or its folder cannot be written. */
  readonly?: boolean;
  busyBudgetMs?: number;
  /** Per-connection settings beyond ours, applied to every pooled connection (a test caps the file with max_page_count). */
  onConnect?: (sqlite: SQLite.Database) => void;
}

/** What /healthz and the page banner say about the database. */
export interface DatabaseState {
  mode: "read-write" | "readonly";
  /** Why the database is read-only, in Chinese, for the log and the bureau. */
  readonlyReason?: string;
  lastWrite: WriteHealth;
}

const states = new WeakMap<DB, DatabaseState>();

export function databaseState(db: DB): DatabaseState {
  return states.get(db) ?? { mode: "read-write", lastWrite: { fault: undefined, code: undefined, since: undefined } };
}

/** The fault a person would meet if they wrote now, with its SQLite code, or undefined when all is well. */
export function currentFault(db: DB): { fault: DatabaseFault; code: string } | undefined {
  const state = databaseState(db);
  if (state.mode === "readonly") return { fault: "readonly", code: "SQLITE_READONLY" };
  const { fault, code } = state.lastWrite;
  return fault && code ? { fault, code } : undefined;
}

function writable(target: string): boolean {
  try {
    fs.accessSync(target, fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** Why this file must be opened read-only, or undefined when it can be written. */
function readonlyReason(file: string, requested: boolean): string | undefined {
  if (requested) return "已设置只读维护模式（DATABASE_READONLY=1）";
  const folder = path.dirname(path.resolve(file));
  if (fs.existsSync(folder) && !writable(folder)) return `数据库所在文件夹 ${folder} 不可写`;
  if (fs.existsSync(file) && !writable(file)) return `数据库文件 ${file} 不可写`;
  return undefined;
}

/**
 * A read-only connection to a WAL database needs its -shm index, which a read-only folder cannot
 * hold after a clean shutdown (SQLITE_CANTOPEN). Then the file is read into memory as a snapshot,
 * marked as a rollback-journal database so SQLite does not look for the index.
 */
function openReadonly(file: string): SQLite.Database {
  const sqlite = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    sqlite.prepare("select count(*) from sqlite_master").get();
    return sqlite;
  } catch (e) {
    sqlite.close();
    if ((e as { code?: string }).code !== "SQLITE_CANTOPEN") throw e;
    console.warn(`[database] SQLITE_CANTOPEN: no WAL index beside ${file} and the folder is read-only; serving an in-memory snapshot`);
    const image = fs.readFileSync(file);
    image[18] = image[19] = 1; // file format 1: rollback journal, not WAL
    return new SQLite(image, { readonly: true });
  }
}

/**
 * Open the database at `file`: a postgres:// address opens a PostgreSQL pool (db/postgres/), anything
 * else is the one SQLite file the application uses. WAL lets readers proceed during a write; foreign
 * keys are off by default in SQLite and must be switched on per connection. busy_timeout is 0:
 * SQLite's busy handler sleeps on the JavaScript thread, so waiting for the lock is done by the
 * driver (sqlite-driver.ts) with asynchronous retries up to `busyBudgetMs`.
 */
export function openDatabase(
  file: string,
  { readonly = false, busyBudgetMs = DEFAULT_BUSY_BUDGET_MS, onConnect }: OpenOptions = {},
): DB {
  if (isPostgresUrl(file)) {
    const { db, pool } = openPostgres(file, { lockTimeoutMs: busyBudgetMs });
    dialects.set(db, "postgres");
    pools.set(db, pool);
    return db;
  }
  const reason = file === ":memory:" ? undefined : readonlyReason(file, readonly);
  if (!reason) fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  if (reason) console.warn(`[database] SQLITE_READONLY: ${reason}，只接受浏览，拒绝一切写入`);
  const open = () => {
    const sqlite = reason ? openReadonly(file) : new SQLite(file);
    if (!reason) sqlite.pragma("journal_mode = WAL");
    sqlite.pragma("foreign_keys = ON");
    sqlite.pragma("busy_timeout = 0");
    sqlite.pragma("synchronous = NORMAL");
    onConnect?.(sqlite);
    return sqlite;
  };
  const state: DatabaseState = { mode: reason ? "readonly" : "read-write", readonlyReason: reason, lastWrite: { fault: undefined, code: undefined, since: undefined } };
  // Each :memory: connection is its own database, and a read-only one never waits for a lock: one connection.
  const maxConnections = file === ":memory:" || reason ? 1 : 8;
  const db = new Kysely<Database>({ dialect: new PooledSqliteDialect({ open, maxConnections, busyBudgetMs, health: state.lastWrite }) });
  states.set(db, state);
  sideConnections.set(db, { open, busyBudgetMs });
  return db;
}

const sideConnections = new WeakMap<DB, { open: () => SQLite.Database; busyBudgetMs: number; handle?: SQLite.Database }>();

/**
 * A connection of its own, beside the pool, for a library that speaks to better-sqlite3 directly
 * (rate-limiter-flexible's SQLite store): never inside a request's transaction. Like the pool's, it
 * does not wait for a foreign write lock on the JavaScript thread (busy_timeout 0); its caller
 * retries a busy statement within `busyBudgetMs`.
 */
export function sqliteHandle(db: DB): { handle: SQLite.Database; busyBudgetMs: number } {
  const side = sideConnections.get(db);
  if (!side) throw new Error("sqliteHandle: this DB was not opened by openDatabase");
  side.handle ??= side.open();
  return { handle: side.handle, busyBudgetMs: side.busyBudgetMs };
}
