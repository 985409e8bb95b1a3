import { Migrator, type MigrationProvider } from "kysely";
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
  const tables = await db.introspection.getTables();
  const applied = tables.some((t) => t.name === "kysely_migration")
    ? new Set((await db.selectFrom("kysely_migration" as never).select("name" as never).execute()).map((r) => (r as { name: string }).name))
    : new Set<string>();
  return Object.keys(migrations).filter((name) => !applied.has(name));
}
