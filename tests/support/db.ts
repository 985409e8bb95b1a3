import { sql } from "kysely";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach } from "vitest";
import { openDatabase, type DB } from "../../db/client.server";
import { migrateToLatest } from "../../db/migrate";
import { seedDemo, seedReference } from "../../seeds";
import { setDb } from "../../app/utils/db.server";
import { fileStore, setFileStore } from "../../app/files/index.server";
import { diskStore } from "../../app/files/store.server";
import { readingOwnWrites, searchEngine, setSearchEngine } from "../../search";
import type { SearchEngine } from "../../search/engine";
import { meilisearchEngine } from "../../search/meilisearch/engine";
import { sqliteEngine } from "../../search/sqlite/engine";

/**
 * `npm test`'s PostgreSQL run sets TEST_DATABASE_URL (a server's admin address) and TEST_MEILI_URL:
 * each test then gets a database of its own, copied from a per-worker template with CREATE
 * DATABASE … TEMPLATE, and a Meilisearch index of its own (PostgreSQL deployments search with
 * Meilisearch, Decision 63).
 */
const PG_ADMIN = process.env.TEST_DATABASE_URL;
export const onPostgres = PG_ADMIN != null;

const opened: { db: DB; dir?: string; database?: string; index?: string }[] = [];

/**
 * The instant the demo database is seeded as of: the process clock when the suite starts (the
 * shifted-clock runs of `npm test` move it). Tests that read dates of the demo data take this `now`.
 */
export const DEMO_NOW = new Date();

/**
 * A fresh, migrated database file for one test, installed as the application's database so
 * loaders and actions use it too. `demo` adds the seeded organisations and accounts.
 */
export async function freshDb({ demo = false } = {}): Promise<DB> {
  if (PG_ADMIN) return freshPostgres(demo);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "techmatch-test-"));
  const file = path.join(dir, "test.sqlite");
  let db: DB;
  if (demo) {
    // Seeding drives dozens of records through the workflow; do it once per worker and copy the file.
    fs.copyFileSync(await demoTemplate(), file);
    db = openDatabase(file);
  } else {
    db = openDatabase(file);
    await migrateToLatest(db);
    await seedReference(db);
  }
  setDb(db);
  opened.push({ db, dir });
  return db;
}

let template: Promise<string> | undefined;

/** The demo seed on a template database, searching with `engine`, its 附件 in the run's FILES_DIR (not the store of the test that happens to seed). */
async function seedDemoWith(db: DB, engine: SearchEngine): Promise<void> {
  const suiteEngine = searchEngine();
  const testStore = fileStore();
  setSearchEngine(engine);
  setFileStore(diskStore(process.env.FILES_DIR!));
  try {
    await seedDemo(db, DEMO_NOW);
  } finally {
    setSearchEngine(suiteEngine);
    setFileStore(testStore);
  }
}

function demoTemplate(): Promise<string> {
  return (template ??= (async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "techmatch-template-"));
    const file = path.join(dir, "demo.sqlite");
    const db = openDatabase(file);
    await migrateToLatest(db);
    await seedReference(db);
    // The template always carries the embedded index; a Meilisearch suite reindexes from it.
    await seedDemoWith(db, sqliteEngine);
    await db.destroy(); // closing checkpoints the WAL into the file, so a plain copy is complete
    process.on("exit", () => fs.rmSync(dir, { recursive: true, force: true }));
    return file;
  })());
}

afterEach(async () => {
  for (const { db, dir, database, index } of opened.splice(0)) {
    await db.destroy();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    if (database) await adminQuery(`drop database if exists "${database}" with (force)`);
    if (index) await testMeili().client.deleteIndex(index).catch(() => undefined);
  }
});

/* ---- PostgreSQL ---- */

const worker = `${process.pid}`;
let serial = 0;

function urlOf(database: string): string {
  const url = new URL(PG_ADMIN!);
  url.pathname = `/${database}`;
  return url.toString();
}

/** One statement on the admin connection (CREATE and DROP DATABASE cannot run in a transaction). */
async function adminQuery(text: string): Promise<void> {
  const admin = new (await import("pg")).default.Client({ connectionString: PG_ADMIN });
  await admin.connect();
  try {
    await admin.query(text);
  } finally {
    await admin.end();
  }
}

let meili: ReturnType<typeof meilisearchEngine> | undefined;
function testMeili() {
  return (meili ??= meilisearchEngine({ host: process.env.TEST_MEILI_URL!, apiKey: process.env.TEST_MEILI_KEY }));
}

/** The Meilisearch engine on a test's own index, reading its own writes (search/index.ts). */
function meiliForTest(index: string): SearchEngine {
  return readingOwnWrites(meilisearchEngine({ host: process.env.TEST_MEILI_URL!, apiKey: process.env.TEST_MEILI_KEY, index }));
}

const testEngines = new WeakSet<SearchEngine>();
const templates = new Map<string, Promise<string>>();

/** A migrated database (with the demo data if asked) to copy; built once per worker. */
function postgresTemplate(demo: boolean): Promise<string> {
  const name = `tm_tpl_${demo ? "demo" : "ref"}_${worker}`;
  let made = templates.get(name);
  if (!made) {
    made = (async () => {
      await adminQuery(`drop database if exists "${name}" with (force)`);
      await adminQuery(`create database "${name}"`);
      const db = openDatabase(urlOf(name));
      await migrateToLatest(db);
      await seedReference(db);
      // The seed searches on an index of the template's own; each copy builds its own index again.
      if (demo) await seedDemoWith(db, meiliForTest(`tpl_${worker}`));
      await db.destroy();
      process.on("exit", () => void adminQuery(`drop database if exists "${name}" with (force)`).catch(() => undefined));
      return name;
    })();
    templates.set(name, made);
  }
  return made;
}

async function freshPostgres(demo: boolean): Promise<DB> {
  const template = await postgresTemplate(demo);
  const database = `tm_${worker}_${++serial}`;
  await adminQuery(`create database "${database}" template "${template}"`);
  const db = openDatabase(urlOf(database));
  const index = `t_${worker}_${serial}`;
  // A suite that chose its engine (a Meilisearch of its own) keeps it; otherwise this test's index.
  const current = searchEngine();
  if (current === sqliteEngine || testEngines.has(current)) {
    const engine = meiliForTest(index);
    testEngines.add(engine);
    setSearchEngine(engine);
  }
  setDb(db);
  opened.push({ db, database, index });
  return db;
}

export { orgIdByName, userIdByEmail } from "./lookups";

/** How many audit events of one kind a record has (a race's winner writes exactly one). */
export async function auditCount(db: DB, entity: string, entityId: number, action: string): Promise<number> {
  const r = await db
    .selectFrom("audit_events")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("entity", "=", entity)
    .where("entity_id", "=", entityId)
    .where("action", "=", action)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}


/** The file (or PostgreSQL address) behind a connection, to open another, independent connection to the same database. */
export async function fileOf(db: DB): Promise<string> {
  const own = opened.find((o) => o.db === db)?.database;
  if (own) return urlOf(own);
  const { rows } = await sql<{ name: string; file: string }>`pragma database_list`.execute(db);
  return rows.find((r) => r.name === "main")!.file;
}

/**
 * Every row of every table (the FTS index's own storage aside: it follows `search_fts`), for "a
 * refused request changes nothing": a check of one table misses a write that lands elsewhere.
 */
export async function everyRow(db: DB): Promise<Record<string, unknown[]>> {
  const { rows: tables } = onPostgres
    ? await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = 'public' order by table_name`.execute(db)
    : await sql<{ name: string }>`select name from sqlite_schema
    where type = 'table' and name not like 'sqlite_%' and name not like 'search_fts_%' order by name`.execute(db);
  const out: Record<string, unknown[]> = {};
  // Row order is not defined on PostgreSQL without an ORDER BY: sort by the whole row.
  for (const { name } of tables) out[name] = (await sql.raw(`select * from "${name}" t${onPostgres ? " order by t::text" : ""}`).execute(db)).rows;
  return out;
}
