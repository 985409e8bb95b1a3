/**
 * Migration 0016 on a database written before it: each milestone's one status and report text
 * becomes a report row, so the history and the states carry on.
 */
import { Migrator, sql } from "kysely";
import { describe, expect, it } from "vitest";
import { migrateToLatest } from "../../db/migrate";
import { migrations } from "../../db/migrations";
import { milestonesWithReports } from "../../app/models/challenge/milestone-report.server";
import { freshDb } from "../support/db";
import { driveTo } from "../support/challenges";

describe("migration 0016_milestone_reports", () => {
  it("turns 已完成 milestones into accepted reports and other report texts into reports waiting for the enterprise", async () => {
    const db = await freshDb({ demo: true });
    const d = await driveTo(db, "contracted");
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
    expect((await migrator.migrateTo("0013_expert_pool")).error).toBeUndefined();
    const [first, second] = d.milestoneIds;
    await sql`update milestones set status = 'done', report = '旧系统登记：小试完成' where id = ${first}`.execute(db);
    await sql`update milestones set status = 'in_progress', report = '旧系统登记：中试进行中' where id = ${second}`.execute(db);

    expect(await migrateToLatest(db)).toContain("0016_milestone_reports");

    const view = await milestonesWithReports(db, d.id);
    expect(view.map((m) => [m.state, m.reports.map((r) => [r.text, r.decision, r.submitted_by_name])])).toEqual([
      ["accepted", [["旧系统登记：小试完成", "accepted", null]]],
      ["reported", [["旧系统登记：中试进行中", null, null]]],
    ]);
  });
});
