import { sql, type Kysely } from "kysely";

// 登记号 has one name: meeting_followups.registration_no becomes reg_no, as in contracts. SQLite's
// RENAME COLUMN carries the column's CHECK constraints and the table's along. Frozen in time.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table meeting_followups rename column registration_no to reg_no`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table meeting_followups rename column reg_no to registration_no`.execute(db);
}
