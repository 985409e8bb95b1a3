import { RateLimiterPostgres, RateLimiterRes, RateLimiterSQLite } from "rate-limiter-flexible";
import { dialectOf, postgresPool, sqliteHandle, type DB } from "../../../db/client.server";
import { retryWhileBusy } from "../../../db/sqlite-driver";
import { formatDateTime } from "../../utils/time";

/**
 * Every limit the site keeps (README Decision 25). Each is a fixed window of `duration` seconds
 * that starts with its first point; more than `points` in one window is "exceeded". They share
 * rate-limiter-flexible's SQLite or PostgreSQL store in our own database (table rate_limits,
 * migration 0011), whose upsert counts atomically, across requests and processes alike.
 */
export const LIMITS = {
  /** Sign-in attempts at one account, from every source together: the 6th is refused (locked). */
  signinAccount: { points: 5, duration: 15 * 60 },
  /** Attempts per account and source: a pair that has already tried may not pass the lock. */
  signinPair: { points: 1, duration: 15 * 60 },
  /** Failed sign-ins from one source over all accounts (one password sprayed over many). */
  signinSource: { points: 20, duration: 15 * 60 },
  /** Attempts that pass an account's lock from sources that had not tried it. */
  signinLockPass: { points: 50, duration: 15 * 60 },
  /** Registrations from one source. */
  register: { points: 3, duration: 60 * 60 },
  /** Verification mails one account asks for again (Decision 44). */
  verifyResend: { points: 3, duration: 60 * 60 },
  /** Reset or unlock mails asked for one address, per purpose: an inbox is not flooded. */
  accountMailAddress: { points: 3, duration: 60 * 60 },
  /** Reset or unlock requests from one source over all addresses (probing, flooding many inboxes). */
  accountMailSource: { points: 10, duration: 60 * 60 },
} as const;

export type LimitName = keyof typeof LIMITS;

export interface Count {
  /** Points taken in this window, this one included. */
  consumed: number;
  exceeded: boolean;
  /** Until the window ends. */
  msBeforeNext: number;
}

type Limiter = RateLimiterSQLite | RateLimiterPostgres;

const limiters = new WeakMap<DB, Map<LimitName, Limiter>>();

function limiter(db: DB, name: LimitName): Limiter {
  let byName = limiters.get(db);
  if (!byName) limiters.set(db, (byName = new Map()));
  let l = byName.get(name);
  if (!l) {
    // The migrations made the table: the library runs no DDL, and we sweep old windows ourselves.
    const common = { tableName: "rate_limits", tableCreated: true, clearExpiredByTimeout: false, keyPrefix: name, ...LIMITS[name] };
    l = dialectOf(db) === "postgres"
      ? new RateLimiterPostgres({ storeClient: postgresPool(db), storeType: "pool", ...common })
      : new RateLimiterSQLite({ storeClient: sqliteHandle(db).handle, storeType: "better-sqlite3", ...common });
    byName.set(name, l);
  }
  return l;
}

/**
 * The library speaks to a better-sqlite3 connection of its own (sqliteHandle), so its statements
 * never land in a request's transaction. That connection does not sleep on the JavaScript thread
 * when another writer holds the lock: a busy statement is retried here, asynchronously, within the
 * database's busy budget, then surfaces as SQLITE_BUSY (a 503 that keeps the form).
 */
function withConnection<T>(db: DB, fn: () => Promise<T>): Promise<T> {
  if (dialectOf(db) === "postgres") return fn();
  return retryWhileBusy(sqliteHandle(db).busyBudgetMs, fn);
}

/** Take one point, atomically, and say whether that went over the limit. */
export function take(db: DB, name: LimitName, key: string): Promise<Count> {
  return withConnection(db, async () => {
    try {
      const r = await limiter(db, name).consume(key);
      return { consumed: r.consumedPoints, exceeded: false, msBeforeNext: r.msBeforeNext };
    } catch (e) {
      if (e instanceof RateLimiterRes) return { consumed: e.consumedPoints, exceeded: true, msBeforeNext: e.msBeforeNext };
      throw e;
    }
  });
}

/** Give back the point an attempt took (it turned out not to be a failure). */
export async function giveBack(db: DB, name: LimitName, key: string): Promise<void> {
  await withConnection(db, () => limiter(db, name).reward(key));
}

/** Points taken for `key` in the current window, without taking one. */
export async function consumedOf(db: DB, name: LimitName, key: string): Promise<number> {
  const r = await withConnection(db, () => limiter(db, name).get(key));
  return r?.consumedPoints ?? 0;
}

/** Whether the next point taken for `key` would go over the limit, without taking one. */
export async function isSpent(db: DB, name: LimitName, key: string): Promise<boolean> {
  return (await consumedOf(db, name, key)) >= LIMITS[name].points;
}

export async function forget(db: DB, name: LimitName, key: string): Promise<void> {
  await withConnection(db, () => limiter(db, name).delete(key));
}

/** Windows that ended more than an hour ago are only clutter (the library ignores them). */
export async function sweepExpiredLimits(db: DB): Promise<void> {
  // The library's clock is Date.now(); its expire column is in epoch milliseconds.
  await db.deleteFrom("rate_limits").where("expire", "<", Date.now() - 3_600_000).execute();
}

/** "2026年11月30日 14:05": when a window ends, for a refusal message. */
export function endOfWindow(count: Count): string {
  return formatDateTime(new Date(Date.now() + count.msBeforeNext).toISOString());
}

