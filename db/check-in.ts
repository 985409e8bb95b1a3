import { sql, type RawBuilder } from "kysely";

/**
 * `column in ('a','b',…)` for a CHECK constraint of a NEW migration, built from a vocabulary array
 * (vocabulary.ts) so the list is written once. A migration that uses it is frozen in time all the
 * same: it reads the array as it stood when it ran, and a later value needs a later migration
 * (tests/db/vocabulary.test.ts fails until one brings the database's list up to date).
 */
export function checkIn(column: string, values: readonly (string | number)[]): RawBuilder<unknown> {
  if (!/^[a-z_][a-z0-9_]*$/.test(column)) throw new Error(`checkIn: not a column name: ${column}`);
  const list = values.map((v) => (typeof v === "number" ? String(v) : `'${v.replaceAll("'", "''")}'`)).join(",");
  return sql.raw(`${column} in (${list})`);
}
