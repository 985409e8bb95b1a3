import { sql } from "kysely";
import { openDatabase, type DB } from "../../db/client.server";
import { fileOf, onPostgres } from "./db";

/**
 * Claims started while a third connection holds every row of `table` (PostgreSQL: the rows' locks;
 * SQLite: the one write lock), released once each claim has read the table and waits on that lock,
 * or is already done. On PostgreSQL this is the race a claim must win: every claimant reads the same
 * unclaimed rows from its snapshot, then all of them reach the rows at once.
 */
export async function claimsAtOnce<T>(db: DB, table: "mail_outbox" | "search_outbox", start: () => Promise<T>[]): Promise<T[]> {
  const holder = openDatabase(await fileOf(db));
  try {
    let locked!: () => void;
    let release!: () => void;
    const isLocked = new Promise<void>((r) => (locked = r));
    const released = new Promise<void>((r) => (release = r));
    const held = holder.transaction().execute(async (trx) => {
      await sql`update ${sql.table(table)} set last_error = last_error`.execute(trx);
      locked();
      await released;
    });
    await isLocked;
    let settled = 0;
    const runs = start().map((p) => p.finally(() => settled++));
    const deadline = Date.now() + 10_000; // never hang the suite: a missed meeting only weakens the test
    if (onPostgres) {
      const waiting = async () =>
        Number((await sql<{ n: number }>`select count(*) as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`.execute(holder)).rows[0].n);
      while (settled + (await waiting()) < runs.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    } else {
      // SQLite shows no waiters; the claims retry the write lock meanwhile (busy budget 5 s).
      await new Promise((r) => setTimeout(r, 200));
    }
    release();
    await held;
    return await Promise.all(runs);
  } finally {
    await holder.destroy();
  }
}
