/**
 * Migration 0010 on a database written before it: 兑现 amounts that the old code put into the
 * reason text move into the entry's amount field, which only the parties read.
 */
import { Migrator, sql } from "kysely";
import { describe, expect, it } from "vitest";
import { migrateToLatest } from "../../db/migrate";
import { migrations } from "../../db/migrations";
import { loader as pageLoader } from "../../app/routes/challenges.$id/route";
import { freshDb } from "../support/db";
import { body, call, get, signedIn } from "../support/http";
import { driveTo } from "../support/challenges";

describe("migration 0010_audit_amounts", () => {
  it("moves an old '兑现 … 万元' reason into the amount field and out of other organisations' pages", async () => {
    const db = await freshDb({ demo: true });
    const d = await driveTo(db, "closed"); // signed and paid 50.00 万元
    // Turn it into a database from before 0010, with the text the old recordPayment wrote.
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
    expect((await migrator.migrateTo("0009_form_submissions")).error).toBeUndefined();
    await sql`update audit_events set reason = '兑现 50.00 万元' where entity = 'challenge' and entity_id = ${d.id} and action = 'pay'`.execute(db);
    await db.updateTable("challenges").set({ status_reason: "兑现 50.00 万元" }).where("id", "=", d.id).execute();

    expect((await migrateToLatest(db))[0]).toBe("0010_audit_amounts");

    const history = await db.selectFrom("audit_events").select(["action", "reason", "amount_fen"]).where("entity", "=", "challenge").where("entity_id", "=", d.id).where("action", "in", ["sign", "pay"]).orderBy("id").execute();
    expect(history).toEqual([
      { action: "sign", reason: null, amount_fen: 50_000_000 },
      { action: "pay", reason: null, amount_fen: 50_000_000 },
    ]);
    expect(await db.selectFrom("challenges").select("status_reason").where("id", "=", d.id).executeTakeFirstOrThrow()).toEqual({ status_reason: null });

    const page = async (userId: number) => body(await call(pageLoader, get(`/challenges/${d.id}`, await signedIn(userId)), { id: String(d.id) }));
    const losing = await page(d.cast.bidderB.id);
    expect(JSON.stringify(losing)).not.toContain("万元");
    const pay = (p: { details: { events: { action: string; amount_fen: number | null }[] } }) => p.details.events.find((e) => e.action === "pay");
    expect(pay(losing)).toMatchObject({ amount_fen: null, withheld: true });
    expect(pay(await page(d.cast.owner.id))).toMatchObject({ amount_fen: 50_000_000, withheld: false });
  });
});
