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
import { searchEngine, setSearchEngine } from "../../search";
import { sqliteEngine } from "../../search/sqlite/engine";

const opened: { db: DB; dir: string }[] = [];

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

function demoTemplate(): Promise<string> {
  return (template ??= (async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "techmatch-template-"));
    const file = path.join(dir, "demo.sqlite");
    const db = openDatabase(file);
    await migrateToLatest(db);
    await seedReference(db);
    // The template always carries the embedded index; a Meilisearch suite reindexes from it.
    const suiteEngine = searchEngine();
    setSearchEngine(sqliteEngine);
    // The seed's 附件 go to the run's FILES_DIR, not to the store of the test that happens to seed.
    const testStore = fileStore();
    setFileStore(diskStore(process.env.FILES_DIR!));
    try {
      await seedDemo(db, DEMO_NOW);
    } finally {
      setSearchEngine(suiteEngine);
      setFileStore(testStore);
    }
    await db.destroy(); // closing checkpoints the WAL into the file, so a plain copy is complete
    process.on("exit", () => fs.rmSync(dir, { recursive: true, force: true }));
    return file;
  })());
}

afterEach(async () => {
  for (const { db, dir } of opened.splice(0)) {
    await db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

export async function userIdByEmail(db: DB, email: string): Promise<number> {
  const row = await db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow();
  return row.id;
}

export async function orgIdByName(db: DB, name: string): Promise<number> {
  const row = await db.selectFrom("organizations").select("id").where("name", "=", name).executeTakeFirstOrThrow();
  return row.id;
}

/** The file behind a connection, to open another, independent connection to the same database. */
export async function fileOf(db: DB): Promise<string> {
  const { rows } = await sql<{ name: string; file: string }>`pragma database_list`.execute(db);
  return rows.find((r) => r.name === "main")!.file;
}

/**
 * Every row of every table (the FTS index's own storage aside: it follows `search_fts`), for "a
 * refused request changes nothing": a check of one table misses a write that lands elsewhere.
 */
export async function everyRow(db: DB): Promise<Record<string, unknown[]>> {
  const { rows: tables } = await sql<{ name: string }>`select name from sqlite_schema
    where type = 'table' and name not like 'sqlite_%' and name not like 'search_fts_%' order by name`.execute(db);
  const out: Record<string, unknown[]> = {};
  for (const { name } of tables) out[name] = (await sql.raw(`select * from "${name}"`).execute(db)).rows;
  return out;
}
