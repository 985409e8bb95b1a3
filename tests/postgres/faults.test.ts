/**
 * PostgreSQL's own faults, as tests/routes/database-faults.test.ts does SQLite's: another
 * transaction holds a lock past our budget, the database is read-only, the server is gone. Each
 * ends in 503 with the Chinese message, the typed values kept, nothing written, and a log line
 * naming the real cause. Runs in `npm test`'s PostgreSQL stage only (not in the SQLite include).
 */
import { sql } from "kysely";
import pg from "pg";
import { afterEach, describe, expect, it, vi } from "vitest";
import { action as newChallenge } from "../../app/routes/challenges.new";
import { loader as healthz } from "../../app/routes/healthz";
import { loader as challengesLoader } from "../../app/routes/challenges._index";
import { setDb } from "../../app/utils/db.server";
import { openDatabase, type DB } from "../../db/client.server";
import { challengeForm } from "../support/challenges";
import { everyRow, fileOf, freshDb, onPostgres, userIdByEmail } from "../support/db";
import { body, call, get, post, signedIn } from "../support/http";

const BUSY_MESSAGE = "系统繁忙，请稍后再试，您填写的内容已保留。";
const READONLY_MESSAGE = "系统当前为只读模式，内容未保存，请稍后再试。您填写的内容已保留。";

const opened: { end(): Promise<unknown> }[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const o of opened.splice(0)) await o.end();
});

if (!onPostgres) throw new Error("tests/postgres/ runs with TEST_DATABASE_URL only (npm test's PostgreSQL stage)");

function reopen(url: string, busyBudgetMs = 800): DB {
  const db = openDatabase(url, { busyBudgetMs });
  opened.push({ end: () => db.destroy() });
  setDb(db);
  return db;
}

const logged = (spy: { mock: { calls: unknown[][] } }) => spy.mock.calls.map((c) => c.join(" ")).join("\n");
const draft = () => challengeForm({ title: "数据库故障测试榜单标题" });

describe("PostgreSQL faults", () => {
  it("another transaction holds the table: the write gives up after the lock budget with 503 and the form kept (55P03)", async () => {
    const url = await fileOf(await freshDb({ demo: true }));
    const db = reopen(url);
    const b = await signedIn(await userIdByEmail(db, "enterprise@demo.test"));
    const before = await everyRow(db);
    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    opened.push(holder);
    await holder.query("begin; lock table challenges in exclusive mode");
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});

    // Reads go on (EXCLUSIVE still lets plain SELECTs through).
    expect((await call(challengesLoader, get("/challenges", b))).status).toBe(200);
    const res = await call(newChallenge, post("/challenges/new", draft(), b));
    expect(res.status).toBe(503);
    const answer = await body(res);
    expect(answer.message).toBe(BUSY_MESSAGE);
    expect(answer.values.title).toBe("数据库故障测试榜单标题");
    expect(logged(errors)).toMatch(/55P03/);
    await holder.query("rollback");
    expect(await everyRow(db)).toEqual(before);
  });

  it("a read-only database (a standby, or default_transaction_read_only) refuses writes with 503 and says so (25006)", async () => {
    const base = await freshDb({ demo: true });
    const url = await fileOf(base);
    const name = new URL(url).pathname.slice(1);
    const b = await signedIn(await userIdByEmail(base, "enterprise@demo.test"));
    await sql.raw(`alter database "${name}" set default_transaction_read_only = on`).execute(base);
    const db = reopen(url); // new sessions take the setting
    const before = await everyRow(db);
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});

    expect((await call(challengesLoader, get("/challenges", b))).status).toBe(200);
    // Monitoring sees it before anyone has tried to write.
    const health = await call(healthz, get("/healthz"));
    expect(health.status).toBe(503);
    expect((await body(health)).database).toEqual({ ok: false, state: "readonly", code: "25006" });
    const res = await call(newChallenge, post("/challenges/new", draft(), b));
    expect(res.status).toBe(503);
    expect((await body(res)).message).toBe(READONLY_MESSAGE);
    expect((await body(res)).values.title).toBe("数据库故障测试榜单标题");
    expect(logged(errors)).toMatch(/25006/);
    expect(await everyRow(db)).toEqual(before);
  });

  // Who is asking is read first, so the form's values cannot be kept here: the answer is the message alone.
  it("the server is gone: a write answers 503 with the message and the log names the refused connection", async () => {
    const db = await freshDb({ demo: true });
    const b = await signedIn(await userIdByEmail(db, "enterprise@demo.test"));
    const before = await everyRow(db);
    reopen("postgres://postgres@127.0.0.1:1/nowhere");
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});

    const res = await call(newChallenge, post("/challenges/new", draft(), b));
    expect(res.status).toBe(503);
    expect((await body(res)).message).toBe(BUSY_MESSAGE);
    expect(logged(errors)).toMatch(/ECONNREFUSED/);
    setDb(db);
    expect(await everyRow(db)).toEqual(before);
  });
});
