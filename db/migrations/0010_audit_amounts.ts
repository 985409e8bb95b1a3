import { sql, type Kysely } from "kysely";

// Amounts become a field of the history entry, read by the parties only, instead of text in the
// reason that every reader of the timeline received. Entries written before this carried
// "兑现 78.00 万元" in the reason: the amount moves to the field (from the challenge, which holds
// it exactly in 分) and the generated text goes. Signing entries gain the contract amount.
// Frozen in time.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("audit_events").addColumn("amount_fen", "integer").execute();
  await sql`
    update audit_events
       set amount_fen = (select paid_amount_fen from challenges where challenges.id = audit_events.entity_id),
           reason = case when reason like '兑现 % 万元' then null else reason end
     where entity = 'challenge' and action = 'pay'`.execute(db);
  await sql`
    update audit_events
       set amount_fen = (select contract_amount_fen from challenges where challenges.id = audit_events.entity_id)
     where entity = 'challenge' and action = 'sign'`.execute(db);
  // The same generated text was the challenge's last status reason once it was 已兑现.
  await sql`update challenges set status_reason = null where status = 'closed' and status_reason like '兑现 % 万元'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("audit_events").dropColumn("amount_fen").execute();
}
