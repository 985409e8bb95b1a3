import type { Migration } from "kysely";
import * as baseline from "./baseline";
import * as m0024 from "./0024_outbox_claims";
import * as m0025 from "./0025_invariants";
import * as m0026 from "./0026_thesaurus";

/**
 * The PostgreSQL chain (README Decision 63): one baseline equal to the SQLite chain up to 0023,
 * then the same names as the SQLite chain from 0024 on, each written for both.
 */
export const postgresMigrations: Record<string, Migration> = {
  "0023_postgres_baseline": baseline,
  "0024_outbox_claims": m0024,
  "0025_invariants": m0025,
  "0026_thesaurus": m0026,
};
