/**
 * The seeded demo database, table by table, as a fingerprint: a refactor of seeds/ keeps the data
 * it writes identical. The seed runs as of one fixed instant (an input, as every seeded day is);
 * what the models stamp with the wall clock (`*_at`), random secrets and password hashes, the
 * migration log, and the search engine's own tables (derived, and different per engine) are left
 * out, and rows are compared as a set (ids are columns, so they still count). PostgreSQL must give
 * the very same fingerprint as SQLite: one seed, the same data on both engines.
 */
import crypto from "node:crypto";
import { sql } from "kysely";
import { expect, it } from "vitest";
import type { DB } from "../../db/client.server";
import { seedDemo } from "../../seeds";
import { freshDb, onPostgres } from "../support/db";

const SEEDED_AS_OF = new Date("2026-11-29T04:00:00Z");
const VOLATILE_COLUMN = /(_at|^timestamp|^password_hash)$/;
const SKIPPED_TABLE = /^(site_secrets|kysely_migration.*|search_.*)$/;

/** A JSON value with its wall-clock keys removed (revision snapshots carry `updated_at`). */
function stable(value: unknown): unknown {
  if (typeof value === "string" && /^[[{]/.test(value)) {
    try {
      return stable(JSON.parse(value));
    } catch {
      return value;
    }
  }
  if (Array.isArray(value)) return value.map(stable);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).filter(([k]) => !VOLATILE_COLUMN.test(k)).map(([k, v]) => [k, stable(v)]));
  return value;
}

export async function fingerprint(db: DB): Promise<Record<string, string>> {
  const tables = onPostgres
    ? (await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = 'public' order by table_name`.execute(db)).rows
    : (await sql<{ name: string }>`select name from sqlite_schema where type = 'table' and name not like 'sqlite_%' order by name`.execute(db)).rows;
  const out: Record<string, string> = {};
  for (const { name } of tables) {
    if (SKIPPED_TABLE.test(name)) continue;
    const rows = (await sql.raw<Record<string, unknown>>(`select * from "${name}"`).execute(db)).rows;
    const lines = rows.map((r) => JSON.stringify(stable(Object.fromEntries(Object.entries(r).filter(([k]) => !VOLATILE_COLUMN.test(k)))))).sort();
    out[name] = `${rows.length} ${crypto.createHash("sha256").update(lines.join("\n")).digest("hex").slice(0, 16)}`;
  }
  return out;
}

/**
 * The 对接会 agenda is built from matching scores, which come from the search engine: the embedded
 * one on SQLite, Meilisearch on PostgreSQL (Decision 63), and the two rank alike on the whole
 * (Decision 75) but not identically: the three seeded meetings hash differently. On PostgreSQL
 * these tables are left out; every other table must equal SQLite's to the hash.
 */
const ENGINE_DEPENDENT = ["meetings", "notifications"];

it("the seeded demo database is the same, table by table", async () => {
  const db = await freshDb();
  await seedDemo(db, SEEDED_AS_OF);
  const found = await fingerprint(db);
  const expected = { ...SQLITE };
  if (onPostgres) for (const table of ENGINE_DEPENDENT) delete found[table], delete expected[table];
  expect(found).toEqual(expected);
});

/** What a refactor of seeds/ must keep; after an intended change, copy the new values from the test's diff. */
const SQLITE: Record<string, string> = {
  "account_tokens": "0 e3b0c44298fc1c14",
  "audit_events": "339 dc1aea35e99d57d0",
  "award_notices": "6 76f513a545015e53",
  "award_objections": "1 612c6dc64a1e406f",
  "award_settings": "1 9fae18d33157a5eb",
  "bid_scores": "22 e9f70fbd227c7873",
  "bids": "15 57773e8b85e8b494",
  "challenge_experts": "28 d0af23d722d2aa19",
  "challenge_follows": "2 1fbfe80a496d40cd",
  "challenges": "17 5c85951a9426ce6a",
  "contract_revisions": "130 dff69617a6cb4106",
  "contract_rollup": "127 b73234a4e8529b15",
  "contract_seller_rollup": "116 e0231857e22b0afd",
  "contract_settings": "1 07beaad66498b486",
  "contracts": "128 f4f1fc9d58ca8e76",
  "digest_runs": "0 e3b0c44298fc1c14",
  "documents": "49 d025995ae97dd482",
  "event_blocks": "3 f042452c0a8a9a27",
  "event_participants": "11 765f34166b65afb1",
  "event_representatives": "12 c6a11f1db711ffbb",
  "event_unavailable": "0 e3b0c44298fc1c14",
  "events": "2 8373877071fd79e0",
  "focus_fields": "15 a354aab5540188e3",
  "form_submissions": "0 e3b0c44298fc1c14",
  "indicator_actuals": "40 704a2fdc4602c96a",
  "interest_messages": "15 1b7f2b66908b618b",
  "mail_outbox": "0 e3b0c44298fc1c14",
  "meeting_followups": "1 b752b233b70d2d99",
  "meeting_ratings": "6 45a41c0e3c2568f3",
  "meeting_requests": "6 fc2d3fd0982a3116",
  "meetings": "3 41a7644bcb3b85a6",
  "milestone_reports": "10 d93e8ae5deefc2a5",
  "milestones": "15 4dba2da4d61f331b",
  "notice_preferences": "0 e3b0c44298fc1c14",
  "notifications": "284 a5195ac5b04d660d",
  "organizations": "24 afed333b7b05fd0b",
  "plan_indicators": "9 4cc029f7be71815c",
  "public_snapshots": "1 a666a1e902dc5e3d",
  "rate_limits": "0 e3b0c44298fc1c14",
  "researcher_profiles": "17 87d35c1368d99e04",
  "result_interests": "9 09cfce91ddc25222",
  "result_patents": "43 b70a44821805c05f",
  "results": "38 a3eee3ec2d53ea25",
  "schedule_unplaced": "0 e3b0c44298fc1c14",
  "scheduler_runs": "1 3cca60dceb1b386e",
  "sessions": "0 e3b0c44298fc1c14",
  "synonym_groups": "18 16a2c2f44bdfabf3",
  "synonyms": "37 bba066536c033312",
  "tech_fields": "11 c11aeb3370271489",
  "users": "25 5e6e4c9579885fbb",
};

