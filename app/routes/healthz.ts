import { json } from "@remix-run/node";
import { sql } from "kysely";
import { searchHealth } from "../models/search.server";
import { getDb } from "../utils/db.server";

/** For monitoring: the database, the search engine and how far the search outbox lags. No private data. */
export async function loader() {
  const db = getDb();
  let database = true;
  try {
    await sql`select 1`.execute(db);
  } catch {
    database = false;
  }
  const search = database ? await searchHealth(db, new Date()) : null;
  const ok = database && search?.ok === true;
  return json(
    { ok, database, search },
    { status: ok ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
