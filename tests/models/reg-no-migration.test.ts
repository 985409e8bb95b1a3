/**
 * Migration 0023 on a database written before it: the follow-ups' 登记号 (registration_no) becomes
 * reg_no, as in contracts, keeping the answers and both CHECK rules on the number.
 */
import { Migrator, sql } from "kysely";
import { describe, expect, it } from "vitest";
import { migrateToLatest } from "../../db/migrate";
import { migrations } from "../../db/migrations";
import { freshDb } from "../support/db";

const columns = async (db: Awaited<ReturnType<typeof freshDb>>) =>
  (await sql<{ name: string }>`select name from pragma_table_info('meeting_followups')`.execute(db)).rows.map((r) => r.name);

describe("migration 0023_one_reg_no", () => {
  it("renames meeting_followups.registration_no to reg_no with its answers and checks", async () => {
    const db = await freshDb({ demo: true });
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
    expect((await migrator.migrateTo("0022_account_tokens")).error).toBeUndefined();
    expect(await columns(db)).toContain("registration_no");
    const before = (await sql<{ id: number; n: string | null }>`select id, registration_no as n from meeting_followups order by id`.execute(db)).rows;
    expect(before.filter((r) => r.n != null).length).toBeGreaterThan(0);

    expect(await migrateToLatest(db)).toContain("0023_one_reg_no");
    expect(await columns(db)).toContain("reg_no");
    expect(await columns(db)).not.toContain("registration_no");
    const after = await db.selectFrom("meeting_followups").select(["id", "reg_no as n"]).orderBy("id").execute();
    expect(after).toEqual(before);

    const one = await db.selectFrom("meeting_followups").select("id").where("reg_no", "is not", null).executeTakeFirstOrThrow();
    await expect(db.updateTable("meeting_followups").set({ reg_no: null }).where("id", "=", one.id).execute()).rejects.toThrow(/CHECK constraint failed/);
    await expect(db.updateTable("meeting_followups").set({ reg_no: "123" }).where("id", "=", one.id).execute()).rejects.toThrow(/CHECK constraint failed/);
  });
});
