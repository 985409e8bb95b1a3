import type { Kysely } from "kysely";
import type { Database, DocKind } from "../db/schema";
import type { SearchEngine } from "./engine";
import { sqliteEngine } from "./sqlite/engine";

/** The engine in use. The embedded one for now; a Meilisearch adapter will be chosen by MEILI_URL. */
export function searchEngine(): SearchEngine {
  return sqliteEngine;
}

/** Re-sync every searchable record of an organisation (its name or verification changed). */
export async function syncOrganization(trx: Kysely<Database>, orgId: number): Promise<void> {
  const engine = searchEngine();
  const [challenges, results, people] = await Promise.all([
    trx.selectFrom("challenges").select("id").where("org_id", "=", orgId).execute(),
    trx.selectFrom("results").select("id").where("org_id", "=", orgId).execute(),
    trx.selectFrom("researcher_profiles").innerJoin("users", "users.id", "researcher_profiles.user_id").select("users.id").where("users.org_id", "=", orgId).execute(),
  ]);
  const all: [DocKind, number][] = [
    ...challenges.map((c) => ["challenge", c.id] as [DocKind, number]),
    ...results.map((r) => ["result", r.id] as [DocKind, number]),
    ...people.map((p) => ["expert", p.id] as [DocKind, number]),
  ];
  for (const [kind, id] of all) await engine.sync(trx, kind, id);
}
