import { currentFault, databaseState, openDatabase, type DB } from "../../db/client.server";
import { databaseFault } from "../../db/errors";
import { withBusyBudget } from "../../db/sqlite-driver";
import { env } from "./env.server";

let db: DB | undefined;

/**
 * The application's database as the environment says: PostgreSQL at DATABASE_URL, else the SQLite
 * file at DATABASE_PATH (read-only for maintenance, the lock budget).
 */
export function openAppDatabase(file = env.DATABASE_URL ?? env.DATABASE_PATH): DB {
  return openDatabase(file, { readonly: env.DATABASE_READONLY, busyBudgetMs: env.DATABASE_BUSY_BUDGET_MS });
}

/** The application's database handle, opened on first use. Models receive it as their first argument. */
export function getDb(): DB {
  return (db ??= openAppDatabase());
}

/** Tests point the application at a fresh database file. */
export function setDb(next: DB): void {
  db = next;
}

/** For the page banner: the database serves reads only, and why. */
export function databaseReadonly(): { reason: string } | null {
  const state = databaseState(getDb());
  return state.mode === "readonly" ? { reason: state.readonlyReason ?? "" } : null;
}

/** For /healthz: the fault a write would meet now (read-only mode, or the last write's fault until a write succeeds). */
export function databaseHealth() {
  return currentFault(getDb());
}

/** How long a page view's bookkeeping write waits for another process's lock before the page is shown without it. */
const BOOKKEEPING_BUDGET_MS = 200;

/**
 * Bookkeeping a page does while it is read (reminders, sign-out): when the database refuses the
 * write (busy, full, read-only; the driver has logged the code), the page goes on with `fallback`.
 */
export async function unlessDatabaseRefuses<T>(work: () => Promise<T>, fallback: () => T | Promise<T>): Promise<T> {
  try {
    return await withBusyBudget(BOOKKEEPING_BUDGET_MS, work);
  } catch (e) {
    if (!databaseFault(e)) throw e;
    return fallback();
  }
}
