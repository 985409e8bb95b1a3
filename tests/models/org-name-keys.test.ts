import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Migrator, type Kysely } from "kysely";
import { afterEach, describe, expect, it, vi } from "vitest";
import { openDatabase, type DB } from "../../db/client.server";
import { migrateToLatest } from "../../db/migrate";
import { migrations } from "../../db/migrations";

let open: { db: DB; dir: string } | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  if (open) {
    await open.db.destroy();
    fs.rmSync(open.dir, { recursive: true, force: true });
    open = undefined;
  }
});

async function databaseBefore0011(): Promise<DB> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "techmatch-keys-"));
  const db = openDatabase(path.join(dir, "test.sqlite"));
  open = { db, dir };
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error } = await migrator.migrateTo("0009_form_submissions");
  if (error) throw error;
  return db;
}

async function addOrg(db: DB, name: string, n: number) {
  const at = new Date(0).toISOString();
  // The table as it was before 0011, without name_key.
  await (db as unknown as Kysely<any>)
    .insertInto("organizations")
    .values({ name, kind: "enterprise", credit_code: `CODE${n}`, region: "lizhou", contact_name: "联系人", contact_phone: "0839-1234567", created_at: at, updated_at: at })
    .execute();
}

describe("migration 0011: name keys for organisations already registered", () => {
  it("keys every existing name; a look-alike registered before the fix keeps no key and is reported", async () => {
    const db = await databaseBefore0011();
    await addOrg(db, "四川海聚环保科技有限公司", 1);
    await addOrg(db, "四川海聚环保科技\u200D有限公司", 2);
    await addOrg(db, "广元市（茶业）集团有限公司", 3);
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});

    await migrateToLatest(db);

    expect(await db.selectFrom("organizations").select(["id", "name_key"]).orderBy("id").execute()).toEqual([
      { id: 1, name_key: "四川海聚环保科技有限公司" },
      { id: 2, name_key: null },
      { id: 3, name_key: "广元市(茶业)集团有限公司" },
    ]);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining("机构 2"));
    // From now on the key is unique.
    await expect(
      db.updateTable("organizations").set({ name_key: "四川海聚环保科技有限公司" }).where("id", "=", 2).execute(),
    ).rejects.toMatchObject({ code: "SQLITE_CONSTRAINT_UNIQUE" });
  });
});
