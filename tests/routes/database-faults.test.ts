import { spawnSync } from "node:child_process";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import SQLite from "better-sqlite3";
import { sql } from "kysely";
import { afterEach, describe, expect, it, vi } from "vitest";
import { loader as rootLoader } from "../../app/root";
import { loader as challengesLoader } from "../../app/routes/challenges._index";
import { action as newChallenge } from "../../app/routes/challenges.new";
import { loader as healthz } from "../../app/routes/healthz";
import { loader as inboxLoader } from "../../app/routes/inbox";
import { action as loginAction } from "../../app/routes/login";
import { setDb } from "../../app/utils/db.server";
import { openDatabase, type DB, type OpenOptions } from "../../db/client.server";
import { DEMO_PASSWORD } from "../../seeds/organizations";
import { challengeForm } from "../support/challenges";
import { freshDb, userIdByEmail, fileOf } from "../support/db";
import { anonymous, body, call, get, post, signedIn } from "../support/http";

const BUSY_MESSAGE = "系统繁忙，请稍后再试，您填写的内容已保留。";
const FULL_MESSAGE = "存储空间不足，内容未保存。请联系区科技局，稍后再试，您填写的内容已保留。";
const READONLY_MESSAGE = "系统当前为只读模式，内容未保存，请稍后再试。您填写的内容已保留。";
/** Short, so the tests do not wait the production five seconds. */
const BUDGET_MS = 1500;

const reopened: DB[] = [];
const holders: SQLite.Database[] = [];

afterEach(async () => {
  vi.restoreAllMocks();
  for (const h of holders.splice(0)) h.close();
  for (const db of reopened.splice(0)) await db.destroy();
});

/** The demo database, opened again the way a test needs it and installed as the application's. */
async function demoWith(options: OpenOptions): Promise<{ db: DB; file: string }> {
  const file = await fileOf(await freshDb({ demo: true }));
  const db = openDatabase(file, options);
  reopened.push(db);
  setDb(db);
  return { db, file };
}

/** Another process's writer (a reindex, a migration, a sqlite3 shell): a second real connection holding the write lock. */
function holdWriteLock(file: string): SQLite.Database {
  const other = new SQLite(file);
  holders.push(other);
  other.exec("begin immediate");
  other.prepare("update users set name = name where id = (select min(id) from users)").run();
  return other;
}

/** Every table's row count, to prove a refused write left nothing behind. */
async function rowCounts(db: DB): Promise<Record<string, number>> {
  const { rows } = await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`.execute(db);
  const counts: Record<string, number> = {};
  for (const { name } of rows) {
    counts[name] = Number((await sql<{ n: number }>`select count(*) as n from ${sql.table(name)}`.execute(db)).rows[0].n);
  }
  return counts;
}

function logged(spy: { mock: { calls: unknown[][] } }): string {
  return spy.mock.calls.map((c) => c.join(" ")).join("\n");
}

const enterprise = async (db: DB) => signedIn(await userIdByEmail(db, "enterprise@demo.test"));
/** Long texts, as a person types them: a write this large needs new pages (overflow pages) in the file. */
const draftForm = () =>
  challengeForm({ title: "数据库故障测试榜单标题", difficulties: "填写了很久的技术难点。".repeat(250), researchContent: "主要研究内容逐条写明。".repeat(450) });

describe("another process holds the write lock", () => {
  it("keeps answering reads while a write waits, then refuses the write with 503, the message and the typed values", async () => {
    const { db, file } = await demoWith({ busyBudgetMs: BUDGET_MS });
    const b = await enterprise(db);
    const before = await rowCounts(db);
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    holdWriteLock(file);

    const started = Date.now();
    let writeDone = false;
    const write = call(newChallenge, post("/challenges/new", draftForm(), b)).finally(() => (writeDone = true));
    await sleep(50);
    const read = await call(challengesLoader, get("/challenges", b));
    const readMs = Date.now() - started;
    expect(read.status).toBe(200);
    expect(readMs).toBeLessThan(700);
    expect(writeDone).toBe(false);

    const res = await write;
    expect(Date.now() - started).toBeGreaterThanOrEqual(BUDGET_MS - 100);
    expect(res.status).toBe(503);
    const answer = await body(res);
    expect(answer.message).toBe(BUSY_MESSAGE);
    expect(answer.values.title).toBe("数据库故障测试榜单标题");
    expect(answer.values.researchContent).toBe(draftForm().researchContent);
    expect(logged(errors)).toMatch(/SQLITE_BUSY/);
    expect(await rowCounts(db)).toEqual(before);
  });

  it("lets the waiting write through when the lock is released within the budget", async () => {
    const { db, file } = await demoWith({ busyBudgetMs: BUDGET_MS });
    const b = await enterprise(db);
    const other = holdWriteLock(file);
    const write = call(newChallenge, post("/challenges/new", draftForm(), b));
    await sleep(300);
    other.exec("commit");
    const res = await write;
    expect(res.status).toBe(302);
    expect(await db.selectFrom("challenges").select("id").where("title", "=", "数据库故障测试榜单标题").execute()).toHaveLength(1);
  });

  it("makes a read-then-write transaction wait for the lock rather than fail when the other writer commits", async () => {
    const { db, file } = await demoWith({ busyBudgetMs: BUDGET_MS });
    const other = holdWriteLock(file);
    const transaction = db.transaction().execute(async (trx) => {
      const { n } = await trx.selectFrom("organizations").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
      await trx.updateTable("organizations").set({ name: sql`name` }).where("id", "=", 1).execute();
      return Number(n);
    });
    await sleep(300);
    other.exec("commit");
    expect(await transaction).toBeGreaterThan(0);
  });

  it("answers a sign-in with 503 and the account kept (never the password), and still shows the inbox", async () => {
    const { db, file } = await demoWith({ busyBudgetMs: BUDGET_MS });
    const reader = await enterprise(db);
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    holdWriteLock(file);
    const res = await call(loginAction, post("/login", { account: "enterprise@demo.test", password: DEMO_PASSWORD }, await anonymous()));
    expect(res.status).toBe(503);
    const answer = await body(res);
    expect(answer.message).toBe(BUSY_MESSAGE);
    expect(answer.values.account).toBe("enterprise@demo.test");
    expect(JSON.stringify(answer)).not.toContain(DEMO_PASSWORD);
    // The inbox only reads (reminders come from the scheduler): under the lock it is shown without waiting the budget.
    const started = Date.now();
    expect((await call(inboxLoader, get("/inbox", reader))).status).toBe(200);
    expect(Date.now() - started).toBeLessThan(BUDGET_MS);
    expect(logged(errors)).toMatch(/SQLITE_BUSY/);
  });
});

describe("the disk is full", () => {
  it("answers 507 with the message and values, writes nothing, logs SQLITE_FULL, reports it on /healthz, and recovers when space returns", async () => {
    const connections: SQLite.Database[] = [];
    // A real SQLITE_FULL: each connection may not grow the file beyond the pages it has now.
    const { db } = await demoWith({
      onConnect: (s) => {
        connections.push(s);
        s.exec("vacuum"); // no free pages to reuse: the next large write must grow the file
        s.pragma(`max_page_count = ${s.pragma("page_count", { simple: true })}`);
      },
    });
    const b = await enterprise(db);
    const before = await rowCounts(db);
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});

    const res = await call(newChallenge, post("/challenges/new", draftForm(), b));
    expect(res.status).toBe(507);
    const answer = await body(res);
    expect(answer.message).toBe(FULL_MESSAGE);
    expect(answer.values.title).toBe("数据库故障测试榜单标题");
    expect(await rowCounts(db)).toEqual(before);
    expect(logged(errors)).toMatch(/SQLITE_FULL/);
    expect(logged(errors)).not.toMatch(/cannot rollback/);

    const health = await call(healthz, get("/healthz"));
    expect(health.status).toBe(503);
    expect((await body(health)).database).toEqual({ ok: false, state: "full", code: "SQLITE_FULL" });

    for (const s of connections) s.pragma("max_page_count = 1000000000");
    expect((await call(newChallenge, post("/challenges/new", draftForm(), b))).status).toBe(302);
    expect((await call(healthz, get("/healthz"))).status).toBe(200);
  });
});

describe("the database is read-only", () => {
  it("serves reads, refuses writes with a clear message, shows a banner and reports 503 on /healthz (DATABASE_READONLY=1)", async () => {
    const base = await freshDb({ demo: true });
    const b = await enterprise(base);
    const bureau = await signedIn(await userIdByEmail(base, "bureau@demo.test"));
    const file = await fileOf(base);
    const db = openDatabase(file, { readonly: true });
    reopened.push(db);
    setDb(db);
    const before = await rowCounts(db);
    vi.spyOn(console, "error").mockImplementation(() => {});
    vi.spyOn(console, "warn").mockImplementation(() => {});

    expect((await call(challengesLoader, get("/challenges", b))).status).toBe(200);
    const root = await body(await call(rootLoader, get("/", b)));
    expect(root.databaseMode).toEqual({ readonly: true, reason: null });
    expect((await body(await call(rootLoader, get("/", bureau)))).databaseMode.reason).toContain("只读");

    const res = await call(newChallenge, post("/challenges/new", draftForm(), b));
    expect(res.status).toBe(503);
    expect((await body(res)).message).toBe(READONLY_MESSAGE);
    expect((await body(res)).values.title).toBe("数据库故障测试榜单标题");
    const login = await call(loginAction, post("/login", { account: "enterprise@demo.test", password: DEMO_PASSWORD }, await anonymous()));
    expect(login.status).toBe(503);
    expect((await body(login)).message).toBe(READONLY_MESSAGE);
    expect((await call(inboxLoader, get("/inbox", b))).status).toBe(200);

    const health = await call(healthz, get("/healthz"));
    expect(health.status).toBe(503);
    expect((await body(health)).database).toEqual({ ok: false, state: "readonly", code: "SQLITE_READONLY" });
    expect(await rowCounts(db)).toEqual(before);
  });

  // A read-only bind mount stops even root from writing; it needs a private mount namespace.
  const canUnshare = spawnSync("unshare", ["-m", "true"]).status === 0;
  it.skipIf(!canUnshare)("starts read-only by itself when the database folder is mounted read-only", async () => {
    const db = await freshDb({ demo: true });
    const b = await enterprise(db);
    const file = await fileOf(db);
    await db.destroy(); // a clean shutdown: no -shm index is left for a read-only open to use
    const folder = path.dirname(file);
    const child = spawnSync(
      "unshare",
      ["-m", "sh", "-c", `mount --bind "$DIR" "$DIR" && mount -o remount,bind,ro "$DIR" && exec node_modules/.bin/tsx tests/support/readonly-child.ts`],
      {
        encoding: "utf8",
        env: { PATH: process.env.PATH, DIR: folder, DATABASE_PATH: file, NODE_ENV: "test", COOKIE_SECURE: "false", LOGIN_SLOWDOWN_MS: "0", BROWSER: JSON.stringify(b), FORM: JSON.stringify(challengeForm({ title: "数据库故障测试榜单标题" })) },
      },
    );
    expect(child.stderr).not.toMatch(/Unexpected|Error:/);
    expect(child.stderr).toMatch(/SQLITE_READONLY/); // the log names the cause
    const seen = JSON.parse(child.stdout.trim().split("\n").at(-1)!);
    expect(seen.read).toBe(200);
    expect(seen.readonly.reason).toContain("不可写");
    expect(seen.write).toEqual({ status: 503, message: READONLY_MESSAGE, title: "数据库故障测试榜单标题" });
    expect(seen.health).toEqual({ status: 503, database: { ok: false, state: "readonly", code: "SQLITE_READONLY" } });
  });
});
