import { json } from "@remix-run/node";
import { sql } from "kysely";
import { searchEngine } from "../../search";
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
  const engine = "relay" in searchEngine() ? "meilisearch" : "sqlite";
  const outbox = database
    ? await db.selectFrom("search_outbox").select([(eb) => eb.fn.countAll<number>().as("pending"), (eb) => eb.fn.min("created_at").as("oldest")]).executeTakeFirst()
    : undefined;
  let search = database;
  if (database) {
    try {
      await searchEngine().search(db, { q: "健康检查", page: 1, pageSize: 1 });
    } catch {
      search = false;
    }
  }
  const lagSeconds = outbox?.oldest ? Math.round((Date.now() - Date.parse(String(outbox.oldest))) / 1000) : 0;
  const ok = database && search;
  return json(
    { ok, database, search: { engine, ok: search, outboxPending: Number(outbox?.pending ?? 0), outboxLagSeconds: lagSeconds } },
    { status: ok ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
