import { Migrator, sql, type MigrationProvider } from "kysely";
import type { DB } from "./client.server";
import { migrations } from "./migrations";

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Bring the database to the latest migration; throws with the failing migration's name. */
export async function migrateToLatest(db: DB): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === "Error");
  if (error) {
    throw new Error(`数据库迁移失败${failed ? `（${failed.migrationName}）` : ""}: ${String(error)}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}

/** Migrations not yet applied, read without writing (a read-only database cannot be migrated). */
export async function pendingMigrations(db: DB): Promise<string[]> {
  const { rows: table } = await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name = 'kysely_migration'`.execute(db);
  const applied = table.length ? (await sql<{ name: string }>`select name from kysely_migration`.execute(db)).rows.map((r) => r.name) : [];
  return Object.keys(migrations).filter((name) => !applied.includes(name));
}
