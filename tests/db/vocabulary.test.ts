import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { checkIn } from "../../db/check-in";
import * as V from "../../db/vocabulary";
import { freshDb, onPostgres } from "../support/db";

/**
 * Old migrations keep their own literal CHECK lists (they are history, Decision 50); this is what
 * keeps them and db/vocabulary.ts in step: every `column in (…)` CHECK of the migrated database
 * must equal its vocabulary array, and every such CHECK must be listed here.
 */
const expected: Record<string, readonly (string | number)[]> = {
  "organizations.kind": V.ORG_KINDS,
  "organizations.region": V.REGIONS,
  "organizations.status": V.ORG_STATUSES,
  "users.role": V.USER_ROLES,
  "users.org_role": V.ORG_ROLES,
  "users.membership_status": V.MEMBERSHIP_STATUSES,
  "focus_fields.sector": V.SECTORS,
  "challenges.cooperation": V.COOPERATIONS,
  "challenges.status": V.CHALLENGE_STATUSES,
  "challenges.acceptance_level": V.ACCEPTANCE_LEVELS,
  "challenge_experts.recommendation": V.RECOMMENDATIONS,
  "bids.status": V.BID_STATUSES,
  "bids.outcome_reason": V.OUTCOME_REASONS,
  "milestone_reports.decision": V.REPORT_DECISIONS,
  "results.status": V.RESULT_STATUSES,
  "result_patents.kind": V.PATENT_KINDS,
  "result_patents.status": V.PATENT_STATUSES,
  "researcher_profiles.expert_status": V.EXPERT_STATUSES,
  "search_docs.kind": V.DOC_KINDS,
  "contracts.seller_region": V.REGIONS,
  "contracts.seller_kind": V.PARTY_KINDS,
  "contracts.buyer_region": V.REGIONS,
  "contracts.buyer_kind": V.PARTY_KINDS,
  "contracts.type": V.CONTRACT_TYPES,
  "contracts.payment": V.PAYMENTS,
  "contracts.flow": V.FLOWS,
  "contracts.origin_kind": V.ORIGIN_KINDS,
  "contracts.status": V.CONTRACT_STATUSES,
  "contract_revisions.action": V.REVISION_ACTIONS,
  "contract_settings.amount_basis": V.AMOUNT_BASES,
  "events.kind": V.EVENT_KINDS,
  "events.slot_minutes": V.SLOT_MINUTES,
  "events.schedule_state": V.SCHEDULE_STATES,
  "event_participants.status": V.PARTICIPANT_STATUSES,
  "meeting_requests.status": V.MEETING_REQUEST_STATUSES,
  "meetings.source": V.MEETING_SOURCES,
  "meetings.status": V.MEETING_STATUSES,
  "meeting_ratings.rating": V.MEETING_RATINGS,
  "meeting_followups.months": V.FOLLOW_UP_MONTHS,
  "meeting_followups.answer": V.FOLLOW_UP_ANSWERS,
  "award_notices.status": V.AWARD_NOTICE_STATUSES,
  "award_objections.status": V.OBJECTION_STATUSES,
  "notice_preferences.delivery": V.NOTICE_DELIVERIES,
  "account_tokens.purpose": V.ACCOUNT_TOKEN_PURPOSES,
};

/** `column in ('a', 'b')` or `column in (1, 3)` inside a CREATE TABLE statement. */
const IN_LIST = /\b([a-z_]+) in \(([^)]*)\)/gi;

function parseList(list: string): (string | number)[] {
  return list.split(",").map((item) => {
    const v = item.trim();
    return v.startsWith("'") ? v.slice(1, -1).replaceAll("''", "'") : Number(v);
  });
}

/** PostgreSQL prints `column in (…)` back as `(column = ANY (ARRAY['a'::text, 'b'::text]))`. */
const ANY_ARRAY = /\(\(?"?([a-z_]+)"? = ANY \(ARRAY\[([^\]]*)\]\)\)/gi;

async function checkLists(): Promise<Record<string, (string | number)[]>> {
  const db = await freshDb();
  if (onPostgres) {
    const checks = await sql<{ table: string; def: string }>`select conrelid::regclass::text as "table", pg_get_constraintdef(oid) as def
      from pg_constraint where contype = 'c' and conrelid <> 0`.execute(db);
    const found: Record<string, (string | number)[]> = {};
    for (const c of checks.rows) {
      for (const [, column, list] of c.def.matchAll(ANY_ARRAY)) found[`${c.table}.${column}`] = parseList(list.replaceAll("::text", ""));
    }
    return found;
  }
  const tables = await sql<{ name: string; sql: string }>`select name, sql from sqlite_master where type = 'table' and sql is not null`.execute(db);
  const found: Record<string, (string | number)[]> = {};
  for (const t of tables.rows) for (const [, column, list] of t.sql.matchAll(IN_LIST)) found[`${t.name}.${column}`] = parseList(list);
  return found;
}

describe("the database's CHECK lists and db/vocabulary.ts", () => {
  it("every CHECK … IN list of a migrated database equals its vocabulary array", async () => {
    const found = await checkLists();
    // The embedded search engine's table exists on SQLite only (Decision 63).
    const wanted = Object.entries(expected).filter(([key]) => !(onPostgres && key.startsWith("search_docs.")));
    // Both directions: a CHECK without a vocabulary array, or an array whose CHECK is gone, fails.
    expect(Object.keys(found).sort()).toEqual(wanted.map(([key]) => key).sort());
    for (const [key, values] of wanted) expect(found[key], key).toEqual([...values]);
  });

  it("checkIn writes the list a new migration's CHECK needs, and the database enforces it", async () => {
    const db = await freshDb();
    if (onPostgres) {
      await sql`create table vocab_probe (region text not null check (${checkIn("region", V.REGIONS)}), slot integer check (${checkIn("slot", V.SLOT_MINUTES)}))`.execute(db);
      await sql`insert into vocab_probe (region, slot) values ('lizhou', 20)`.execute(db);
      await expect(sql`insert into vocab_probe (region, slot) values ('mars', 20)`.execute(db)).rejects.toThrow(/check constraint/);
      await expect(sql`insert into vocab_probe (region, slot) values ('lizhou', 25)`.execute(db)).rejects.toThrow(/check constraint/);
      return;
    }
    await sql`create table vocab_probe (region text not null check (${checkIn("region", V.REGIONS)}), slot integer check (${checkIn("slot", V.SLOT_MINUTES)}))`.execute(db);
    const { rows } = await sql<{ sql: string }>`select sql from sqlite_master where name = 'vocab_probe'`.execute(db);
    expect([...rows[0].sql.matchAll(IN_LIST)].map(([, c, l]) => [c, parseList(l)])).toEqual([
      ["region", [...V.REGIONS]],
      ["slot", [...V.SLOT_MINUTES]],
    ]);
    await sql`insert into vocab_probe (region, slot) values ('lizhou', 20)`.execute(db);
    await expect(sql`insert into vocab_probe (region, slot) values ('mars', 20)`.execute(db)).rejects.toThrow(/CHECK constraint failed/);
    await expect(sql`insert into vocab_probe (region, slot) values ('lizhou', 25)`.execute(db)).rejects.toThrow(/CHECK constraint failed/);
    expect(() => checkIn("region); drop table users; --", V.REGIONS)).toThrow(/not a column name/);
  });
});
