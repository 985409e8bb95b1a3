import { json } from "@remix-run/node";
import { sql } from "kysely";
import { dialectOf, type DB } from "../../db/client.server";
import { searchHealth } from "../models/result";
import { databaseHealth, getDb } from "../utils/db.server";
import { clock } from "../utils/time";

/**
 * The database part: "ok", or the fault a write would meet now with its code (read-only mode; a
 * full disk or a lock held past the budget, until a write succeeds), or "error" when even a read
 * fails. Reads go on in every fault but the last. PostgreSQL says itself whether it takes writes
 * (a standby, or default_transaction_read_only), before any write has been refused.
 */
async function databaseStatus(db: DB) {
  let readOnly = false;
  try {
    if (dialectOf(db) === "postgres") readOnly = (await sql<{ transaction_read_only: string }>`show transaction_read_only`.execute(db)).rows[0].transaction_read_only === "on";
    else await sql`select 1`.execute(db);
  } catch (e) {
    return { readable: false, status: { ok: false, state: "error", code: String((e as { code?: unknown }).code ?? "UNKNOWN") } };
  }
  const fault = readOnly ? { fault: "readonly", code: "25006" } : databaseHealth();
  return { readable: true, status: fault ? { ok: false, state: fault.fault, code: fault.code } : { ok: true, state: "ok" } };
}

/** For monitoring: the database, the search engine and how far the search outbox lags. No private data. */
export async function loader() {
  const db = getDb();
  const { readable, status: database } = await databaseStatus(db);
  const search = readable ? await searchHealth(db, clock.now()) : null;
  const ok = database.ok && search?.ok === true;
  return json(
    { ok, database, search },
    { status: ok ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
