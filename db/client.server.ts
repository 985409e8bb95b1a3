import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import type { Database } from "./schema";

export type DB = Kysely<Database>;

export const DEFAULT_DATABASE_PATH = "./data/techmatch.sqlite";

/**
 * Open the one SQLite file the application uses. WAL lets readers proceed during a write;
 * busy_timeout makes a second writer wait instead of failing at once; foreign keys are off by
 * default in SQLite and must be switched on per connection.
 */
export function openDatabase(file: string = process.env.DATABASE_PATH || DEFAULT_DATABASE_PATH): DB {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("synchronous = NORMAL");
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  handles.set(db, sqlite);
  return db;
}

const handles = new WeakMap<DB, SQLite.Database>();

/**
 * The better-sqlite3 connection under a DB opened by openDatabase, for a library that speaks to it
 * directly (rate-limiter-flexible's SQLite store). Use it inside `db.connection().execute(…)`, so
 * its statements never land inside another request's open Kysely transaction.
 */
export function sqliteHandle(db: DB): SQLite.Database {
  const handle = handles.get(db);
  if (!handle) throw new Error("sqliteHandle: this DB was not opened by openDatabase");
  return handle;
}
