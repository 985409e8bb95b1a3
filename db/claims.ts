import type { SelectQueryBuilder } from "kysely";
import { dialectOf, type DB } from "./client.server";

/**
 * The rows a claim picks (background work several processes share: the search outbox, the mail
 * outbox), read so that two processes claiming at once never pick the same row. The one place the
 * engines differ here:
 * - PostgreSQL runs claims side by side: FOR UPDATE SKIP LOCKED locks each picked row as it is read
 *   and passes over rows another claim has locked, and a row claimed since this statement began is
 *   re-read at its latest version, so the claim's conditions see the other claim. Without it, two
 *   processes would pick the same rows from one snapshot, the second wait for the first's row
 *   locks, and then claim them again.
 * - SQLite takes one writer at a time: the claiming UPDATE runs alone from its reads to its writes,
 *   and SQLite has no FOR UPDATE.
 * The claiming UPDATE repeats its "not claimed" condition on the row it writes as well, so even a
 * row read before another claim committed is not taken twice.
 */
export function lockSkippingLocked<DB_, TB extends keyof DB_, O>(db: DB, qb: SelectQueryBuilder<DB_, TB, O>): SelectQueryBuilder<DB_, TB, O> {
  return dialectOf(db) === "postgres" ? qb.forUpdate().skipLocked() : qb;
}
