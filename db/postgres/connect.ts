import { Kysely, PostgresDialect, type LogEvent } from "kysely";
import { databaseFault } from "../errors";
import pg from "pg";
import type { Database } from "../schema";

/**
 * How PostgreSQL values reach the application: the same shapes the SQLite chain gives, so models
 * need no second code path (README Decision 63).
 * - int8 (bigint money, count(*)) and numeric (sum of bigint) arrive as strings; each is parsed
 *   once, here, and refused if it is not an exact integer a JavaScript number can hold (money is
 *   integer 分; 2^53 分 is about 900 亿元).
 * - timestamptz becomes the ISO string the app writes (`2026-12-01T07:30:00.000Z`), date stays
 *   `YYYY-MM-DD` (node-pg would make a Date at local midnight).
 * - boolean columns read as 1 and 0, as SQLite's do; writing 1 or 0 to them works as it is.
 */
const { builtins } = pg.types;

function exactInteger(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new RangeError(`数值 ${text} 超出可精确表示的整数范围`);
  return n;
}

const parsers: Record<number, (text: string) => unknown> = {
  [builtins.INT8]: exactInteger,
  // A sum of bigints is numeric; an average or a ratio computed in SQL may have a fraction.
  [builtins.NUMERIC]: (text) => (/^-?\d+$/.test(text) ? exactInteger(text) : Number(text)),
  [builtins.TIMESTAMPTZ]: (text) => new Date(text).toISOString(),
  [builtins.DATE]: (text) => text,
  [builtins.BOOL]: (text) => (text === "t" ? 1 : 0),
};

const types = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    parsers[oid] ?? pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

export interface PostgresOptions {
  /** Connections this process keeps open at most. */
  maxConnections?: number;
  /**
   * How long a statement waits for a lock another transaction holds before it fails with 55P03
   * (a busy database: 503, the form kept), as SQLite's writers wait for the write lock.
   */
  lockTimeoutMs?: number;
}

/** Prepared statements each connection keeps, least recently used dropped first. */
const STATEMENTS_KEPT = 200;

/**
 * A statement with parameters is prepared once per connection and then only bound and run:
 * PostgreSQL parses it once and, when its plan cache finds a generic plan as good, plans it once.
 * The 工作台's union of a dozen queries, which the root loader counts on every signed-in page, took
 * 10 ms a call unprepared and 1–3 ms prepared (README Decision 73); SQLite's driver keeps its
 * statements the same way. Statements without parameters keep the simple protocol, which allows
 * several in one text (migrations). node-pg never forgets a named statement on its own, so the
 * least recently used is deallocated, on the server and in node-pg's own record of it.
 */
function keepStatementsPrepared(client: pg.PoolClient): void {
  const names = new Map<string, string>();
  const parsed = (client as unknown as { connection: { parsedStatements: Record<string, string> } }).connection.parsedStatements;
  let made = 0;
  const query = client.query.bind(client) as (...args: unknown[]) => Promise<unknown>;
  client.query = ((text: unknown, values?: unknown, callback?: unknown) => {
    if (typeof text !== "string" || !Array.isArray(values) || values.length === 0 || callback) return query(text, values, callback);
    let name = names.get(text);
    if (name) names.delete(text);
    else {
      name = `lz${made++}`;
      if (names.size >= STATEMENTS_KEPT) {
        const [oldText, oldName] = names.entries().next().value!;
        names.delete(oldText);
        delete parsed[oldName];
        // Queued before the next statement; in a failed transaction it fails too and the server
        // keeps that one statement until the connection closes.
        query(`deallocate ${oldName}`).catch(() => undefined);
      }
    }
    names.set(text, name);
    return query({ name, text, values });
  }) as typeof client.query;
}

/** A pool on `url` (postgres://user:password@host:port/database) behind Kysely's own PostgreSQL dialect. */
export function openPostgres(url: string, { maxConnections = 10, lockTimeoutMs = 5000 }: PostgresOptions = {}): { db: Kysely<Database>; pool: pg.Pool } {
  const pool = new pg.Pool({ connectionString: url, max: maxConnections, types, options: `-c lock_timeout=${Math.round(lockTimeoutMs)}` });
  pool.on("connect", keepStatementsPrepared);
  // An idle connection that the server drops (restart, network) must not crash the process.
  pool.on("error", (error) => console.error(`[database] ${(error as { code?: string }).code ?? "postgres"}: ${error.message} (idle connection)`));
  // A server that cannot be reached fails before any query, so Kysely's log below never sees it.
  // pool.query (the rate limiter's) calls connect with a callback: that form is passed through as it is.
  const connect = pool.connect.bind(pool) as (callback?: unknown) => Promise<pg.PoolClient> | void;
  pool.connect = ((callback?: unknown) => {
    if (callback) return connect(callback);
    return (connect() as Promise<pg.PoolClient>).catch((error: Error & { code?: string }) => {
      console.error(`[database] ${error.code ?? "postgres"}: ${error.message} (connecting)`);
      throw error;
    });
  }) as typeof pool.connect;
  // One log line that names the real cause of a fault a person is told about (SQLite's driver does the same).
  const log = (event: LogEvent) => {
    if (event.level !== "error" || !databaseFault(event.error)) return;
    const error = event.error as Error & { code: string };
    console.error(`[database] ${error.code}: ${error.message}`);
  };
  return { db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log }), pool };
}
