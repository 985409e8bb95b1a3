import { json } from "@remix-run/node";
import { sql } from "kysely";
import type { DB } from "../../db/client.server";
import { searchHealth } from "../models/result";
import { databaseHealth, getDb } from "../utils/db.server";
import { clock } from "../utils/time";

/**
 * The database part: "ok", or the fault a write would meet now with its SQLite code (read-only
 * mode; a full disk or a lock held past the budget, until a write succeeds), or "error" when even
 * a read fails. Reads go on in every fault but the last.
 */
async function databaseStatus(db: DB) {
  try {
    await sql`select 1`.execute(db);
  } catch (e) {
    return { readable: false, status: { ok: false, state: "error", code: String((e as { code?: unknown }).code ?? "UNKNOWN") } };
  }
  const fault = databaseHealth();
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
