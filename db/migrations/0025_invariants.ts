import { sql, type Kysely } from "kysely";

// One open (pending or accepted) meeting request per pair of participants, enforced by the
// database: with several processes a check followed by an insert lets two requests through.
// "Open" also depends on the clock (a pending request past expires_at reads as expired), which an
// index cannot read, so each open request carries its pair's key, "smaller id:larger id", and
// gives it up when it is declined, withdrawn or found lapsed. Existing rows: the newest open
// request of a pair keeps the key (an older duplicate, from before, would break the index).
// Frozen in time: the PostgreSQL chain has the same step in db/postgres/invariants.ts.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table meeting_requests add column open_pair text`.execute(db);
  await sql`update meeting_requests set open_pair = min(from_participant_id, to_participant_id) || ':' || max(from_participant_id, to_participant_id)
    where status in ('pending', 'accepted')
      and id = (select max(r.id) from meeting_requests r
        where r.event_id = meeting_requests.event_id and r.status in ('pending', 'accepted')
          and min(r.from_participant_id, r.to_participant_id) = min(meeting_requests.from_participant_id, meeting_requests.to_participant_id)
          and max(r.from_participant_id, r.to_participant_id) = max(meeting_requests.from_participant_id, meeting_requests.to_participant_id))`.execute(db);
  await sql`create unique index meeting_requests_one_open on meeting_requests (event_id, open_pair) where open_pair is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index meeting_requests_one_open`.execute(db);
  await sql`alter table meeting_requests drop column open_pair`.execute(db);
}
