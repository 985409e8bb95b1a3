/**
 * Statements with parameters are prepared once per connection (db/postgres/connect.ts), and no
 * connection keeps more than its share: the least recently used are deallocated on the server.
 */
import { sql } from "kysely";
import { expect, it } from "vitest";
import { freshDb, onPostgres } from "../support/db";

if (!onPostgres) throw new Error("tests/postgres/ runs with TEST_DATABASE_URL only (npm test's PostgreSQL stage)");

it("prepares a statement with parameters once, keeps at most 200 per connection, and answers right after dropping some", async () => {
  const db = await freshDb();
  await db.connection().execute(async (conn) => {
    const prepared = async () =>
      (await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(conn)).rows.map((r) => r.statement);
    for (const n of [1, 2, 3]) expect((await sql<{ x: number }>`select ${n}::int + 1 as x`.execute(conn)).rows[0].x).toBe(n + 1);
    expect((await prepared()).filter((s) => s.includes("+ 1 as x"))).toHaveLength(1);

    // 250 different texts: the first ones are dropped, and each still answers (prepared again when asked).
    for (let i = 0; i < 250; i++) expect((await sql<{ x: number }>`select ${i}::int + ${sql.lit(i)} as x`.execute(conn)).rows[0].x).toBe(2 * i);
    const kept = await prepared();
    expect(kept.length).toBeGreaterThan(150);
    expect(kept.length).toBeLessThanOrEqual(200);
    expect(kept.some((s) => s.includes("+ 0 as x"))).toBe(false);
    expect((await sql<{ x: number }>`select ${7}::int + ${sql.lit(0)} as x`.execute(conn)).rows[0].x).toBe(7);
    expect((await prepared()).length).toBeLessThanOrEqual(200);
  });
});

it("runs several statements without parameters in one text, as migrations do", async () => {
  const db = await freshDb();
  await db.connection().execute(async (conn) => {
    await sql.raw("create temporary table t2 (a int); insert into t2 values (1); insert into t2 values (2)").execute(conn);
    expect((await sql<{ n: number }>`select count(*) as n from t2 where a > ${0}`.execute(conn)).rows[0].n).toBe(2);
  });
});
