import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach } from "vitest";
import { openDatabase, type DB } from "../../db/client.server";
import { migrateToLatest } from "../../db/migrate";
import { seedDemo, seedReference } from "../../seeds";
import { setDb } from "../../app/utils/db.server";

const opened: { db: DB; dir: string }[] = [];

/**
 * A fresh, migrated database file for one test, installed as the application's database so
 * loaders and actions use it too. `demo` adds the seeded organisations and accounts.
 */
export async function freshDb({ demo = false } = {}): Promise<DB> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "techmatch-test-"));
  const db = openDatabase(path.join(dir, "test.sqlite"));
  await migrateToLatest(db);
  await seedReference(db);
  if (demo) await seedDemo(db);
  setDb(db);
  opened.push({ db, dir });
  return db;
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
