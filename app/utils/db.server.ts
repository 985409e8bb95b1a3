import { openDatabase, type DB } from "../../db/client.server";
import { env } from "./env.server";

let db: DB | undefined;

/** The application's database handle, opened on first use. Models receive it as their first argument. */
export function getDb(): DB {
  return (db ??= openDatabase(env.DATABASE_PATH));
}

/** Tests point the application at a fresh database file. */
export function setDb(next: DB): void {
  db = next;
}
