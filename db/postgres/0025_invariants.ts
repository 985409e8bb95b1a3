import { sql, type Kysely } from "kysely";

// "0025_invariants" on PostgreSQL: the same step as db/migrations/0025_invariants.ts (see there
// why each open meeting request carries its pair's key under a unique partial index).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table meeting_requests add column open_pair text`.execute(db);
  await sql`update meeting_requests m set open_pair = least(m.from_participant_id, m.to_participant_id) || ':' || greatest(m.from_participant_id, m.to_participant_id)
    where m.status in ('pending', 'accepted')
      and m.id = (select max(r.id) from meeting_requests r
        where r.event_id = m.event_id and r.status in ('pending', 'accepted')
          and least(r.from_participant_id, r.to_participant_id) = least(m.from_participant_id, m.to_participant_id)
          and greatest(r.from_participant_id, r.to_participant_id) = greatest(m.from_participant_id, m.to_participant_id))`.execute(db);
  await sql`create unique index meeting_requests_one_open on meeting_requests (event_id, open_pair) where open_pair is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index meeting_requests_one_open`.execute(db);
  await sql`alter table meeting_requests drop column open_pair`.execute(db);
}
