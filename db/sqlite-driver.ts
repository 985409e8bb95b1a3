import { AsyncLocalStorage } from "node:async_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import type SQLite from "better-sqlite3";
import {
  CompiledQuery,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
} from "kysely";
import { databaseFault, type DatabaseFault } from "./errors";

/** What the last write met: a fault (and its SQLite code) until a later write succeeds. */
export interface WriteHealth {
  fault: DatabaseFault | undefined;
  code: string | undefined;
  since: string | undefined;
}

export interface PooledSqliteOptions {
  /** Opens one connection, pragmas set. Called again whenever every open connection is busy. */
  open: () => SQLite.Database;
  /** At most this many connections; a request beyond it waits for one to be released. */
  maxConnections: number;
  /** How long a write may wait for another process's write lock before it gives up (ms). */
  busyBudgetMs: number;
  /** Kept up to date for /healthz. */
  health: WriteHealth;
}

const budgetOverride = new AsyncLocalStorage<number>();

/**
 * Run `work` with a shorter wait for the write lock: bookkeeping done while a page is read should
 * give up quickly rather than hold the page for the whole budget.
 */
export function withBusyBudget<T>(ms: number, work: () => Promise<T>): Promise<T> {
  return budgetOverride.run(ms, work);
}

/**
 * Kysely's own SQLite dialect with a different driver: the queries, adapter and introspection are
 * Kysely's; only how connections are handed out and how a busy database is waited for differ.
 */
export class PooledSqliteDialect implements Dialect {
  constructor(private readonly options: PooledSqliteOptions) {}
  createDriver(): Driver {
    return new PooledSqliteDriver(this.options);
  }
  createQueryCompiler() {
    return new SqliteQueryCompiler();
  }
  createAdapter() {
    return new SqliteAdapter();
  }
  createIntrospector(db: Kysely<any>) {
    return new SqliteIntrospector(db);
  }
}

/**
 * Several connections to the one file, so a transaction waiting for the write lock (or holding it
 * across awaits) does not stop other requests' reads, which WAL lets run beside a writer. SQLite's
 * own busy handler would sleep on the one JavaScript thread and freeze every request, so it is off
 * (busy_timeout = 0 in client.server.ts) and a busy write is retried here with asynchronous sleeps.
 */
class PooledSqliteDriver implements Driver {
  readonly #idle: PooledConnection[] = [];
  readonly #all: PooledConnection[] = [];
  readonly #waiting: ((c: PooledConnection) => void)[] = [];

  constructor(private readonly options: PooledSqliteOptions) {}

  async init(): Promise<void> {
    // Kysely calls this before the first query: a file that cannot be opened fails there, with its code.
    this.#idle.push(this.#create());
  }

  #create(): PooledConnection {
    const c = new PooledConnection(this.options.open(), this.options);
    this.#all.push(c);
    return c;
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const idle = this.#idle.pop();
    if (idle) return idle;
    if (this.#all.length < this.options.maxConnections) return this.#create();
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    const c = connection as PooledConnection;
    const next = this.#waiting.shift();
    if (next) next(c);
    else this.#idle.push(c);
  }

  /**
   * IMMEDIATE takes the write lock at the start: a transaction that reads and then writes waits
   * for the lock here, where waiting is safe, instead of failing at its first write (a deferred
   * transaction whose snapshot is stale cannot be retried in place).
   */
  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as PooledConnection).run("begin immediate", true);
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as PooledConnection).run("commit", false);
  }

  /**
   * SQLite rolls a transaction back by itself after some errors (SQLITE_FULL among them); a second
   * rollback would throw "no transaction is active" and hide the error that matters.
   */
  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    const c = connection as PooledConnection;
    if (c.sqlite.inTransaction) await c.run("rollback", false);
  }

  async destroy(): Promise<void> {
    for (const c of this.#all.splice(0)) c.sqlite.close();
    this.#idle.length = 0;
  }
}

/** Prepared statements a connection keeps: more distinct queries than a page runs, fewer than memory minds. */
const STATEMENTS_KEPT = 500;

class PooledConnection implements DatabaseConnection {
  /**
   * Statements by their text, most recently used last. Preparing every query again was a sixth of
   * a signed-in page's CPU time (`npm run bench:pages -- --only /workbench --profile`).
   */
  readonly #statements = new Map<string, SQLite.Statement>();

  constructor(
    readonly sqlite: SQLite.Database,
    private readonly options: PooledSqliteOptions,
  ) {}

  #prepare(sql: string): SQLite.Statement {
    let stmt = this.#statements.get(sql);
    if (stmt) this.#statements.delete(sql);
    else {
      stmt = this.sqlite.prepare(sql);
      if (this.#statements.size >= STATEMENTS_KEPT) this.#statements.delete(this.#statements.keys().next().value!);
    }
    this.#statements.set(sql, stmt);
    return stmt;
  }

  /** A statement outside a transaction may wait for the lock; inside one, BEGIN IMMEDIATE already holds it. */
  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const { sql, parameters } = compiled;
    return this.#withRetry(!this.sqlite.inTransaction, () => {
      const stmt = this.#prepare(sql);
      if (stmt.reader) return { rows: stmt.all(parameters) as R[] };
      const { changes, lastInsertRowid } = stmt.run(parameters);
      if (!this.sqlite.inTransaction) this.#wrote();
      return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
    });
  }

  async *streamQuery<R>(compiled: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    const stmt = this.sqlite.prepare(compiled.sql);
    for (const row of stmt.iterate(compiled.parameters)) yield { rows: [row as R] };
  }

  async run(sql: string, mayWait: boolean): Promise<void> {
    await this.#withRetry(mayWait, () => {
      this.#prepare(sql).run();
      if (sql === "commit") this.#wrote();
    });
  }

  #withRetry<T>(mayWait: boolean, work: () => T): Promise<T> {
    return retryWhileBusy(mayWait ? this.options.busyBudgetMs : 0, work, (fault, error, waited) => this.#failed(fault, error, waited));
  }

  #wrote(): void {
    Object.assign(this.options.health, { fault: undefined, code: undefined, since: undefined });
  }

  #failed(fault: DatabaseFault, error: Error & { code: string }, waitedMs: number): void {
    const health = this.options.health;
    if (health.code !== error.code) Object.assign(health, { fault, code: error.code, since: new Date().toISOString() });
    logDatabaseFault(fault, error, waitedMs);
  }
}

/**
 * Run `work`; while another writer holds the lock (SQLITE_BUSY), sleep without blocking other
 * requests and try again, up to `budgetMs` (or a shorter `withBusyBudget`). A fault it gives up
 * on goes to `onFault` once, then is thrown.
 */
export async function retryWhileBusy<T>(
  budgetMs: number,
  work: () => T | Promise<T>,
  onFault: (fault: DatabaseFault, error: Error & { code: string }, waitedMs: number) => void = logDatabaseFault,
): Promise<T> {
  const started = Date.now();
  const budget = Math.min(budgetMs, budgetOverride.getStore() ?? budgetMs);
  for (let delay = 5; ; delay = Math.min(delay * 2, 100)) {
    try {
      return await work();
    } catch (error) {
      const fault = databaseFault(error);
      const waited = Date.now() - started;
      if (fault === "busy" && waited + delay <= budget) {
        await sleep(delay);
        continue;
      }
      if (fault) onFault(fault, error as Error & { code: string }, waited);
      throw error;
    }
  }
}

/** One log line that names the real cause; the person is told in Chinese by the route. */
export function logDatabaseFault(fault: DatabaseFault, error: Error & { code: string }, waitedMs: number): void {
  const detail = fault === "busy" ? ` (another connection held the write lock; gave up after ${waitedMs} ms)` : "";
  console.error(`[database] ${error.code}: ${error.message}${detail}`);
}
