import { PostgresAdapter, sql, type Kysely } from "kysely";
import type { Database } from "../../../db/schema";

/**
 * Hold tables against other writers until the transaction ends, on PostgreSQL only; readers go on.
 * SQLite needs nothing: every transaction there begins IMMEDIATE (db/sqlite-driver.ts) and so
 * already holds the file's one write lock, and SQLite has no LOCK TABLE or FOR UPDATE. On
 * PostgreSQL, transactions are READ COMMITTED and run side by side: SHARE ROW EXCLUSIVE waits for
 * every transaction writing the tables to commit, keeps new writers (and another holder) out, and
 * the reads that follow see one settled state. Take tables in the order writers take them, or two
 * transactions can wait on each other. Where one row is contended, prefer a conditional update
 * checked by its row count; this is for a reading of whole tables (the public snapshot).
 */
export async function holdTables(trx: Kysely<Database>, tables: (keyof Database & string)[]): Promise<void> {
  // dialectOf() knows the pool's handle, not a transaction made from it: ask the adapter.
  if (!(trx.getExecutor().adapter instanceof PostgresAdapter)) return;
  for (const table of tables) await sql`lock table ${sql.table(table)} in share row exclusive mode`.execute(trx);
}
