import type { Kysely } from "kysely";

// The reminder scheduler (issue 14 §5) runs in every server process; one row per job is its lease.
// A process claims the job with a conditional UPDATE (free, or the lease ran out); the others skip
// that tick. The reminders themselves are also unique per person (notifications.dedupe_key), so a
// process that crashed mid-run and a later one never send a reminder twice. Frozen in time.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("scheduler_runs")
    .addColumn("job", "text", (c) => c.primaryKey())
    // Held until this instant (ISO, UTC) by `holder`; null when free.
    .addColumn("lease_until", "text")
    .addColumn("holder", "text")
    .addColumn("last_started_at", "text")
    .addColumn("last_finished_at", "text")
    // Why the last run failed (the SQLite code and message), null after a good run.
    .addColumn("last_error", "text")
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("scheduler_runs").execute();
}
