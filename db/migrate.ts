import { Migrator, sql, type MigrationProvider } from "kysely";
import { dialectOf, type DB } from "./client.server";
import { migrations as sqliteMigrations } from "./migrations";
import { postgresMigrations } from "./postgres/migrations";

/** Each engine has its own chain (README Decision 63). */
function chainOf(db: DB) {
  return dialectOf(db) === "postgres" ? postgresMigrations : sqliteMigrations;
}

/** Bring the database to the latest migration; throws with the failing migration's name. */
export async function migrateToLatest(db: DB): Promise<string[]> {
  const migrations = chainOf(db);
  const provider: MigrationProvider = { getMigrations: async () => migrations };
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
  const tables = await db.introspection.getTables({ withInternalKyselyTables: true });
  const hasLog = tables.some((t) => t.name === "kysely_migration");
  const applied = hasLog ? (await sql<{ name: string }>`select name from kysely_migration`.execute(db)).rows.map((r) => r.name) : [];
  return Object.keys(chainOf(db)).filter((name) => !applied.includes(name));
}
