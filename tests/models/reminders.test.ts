/**
 * The scheduler's reminders (app/models/notice/reminders.server.ts): created on time from `now`, with exact
 * wording, and exactly once however many server processes run at the same moment.
 */
import { describe, expect, it } from "vitest";
import type { DB } from "../../db/client.server";
import { openDatabase } from "../../db/client.server";
import { followChallenge } from "../../app/models/challenge/follow.server";
import { runReminders } from "../../app/models/notice/reminders.server";
import { formatDateTime } from "../../app/utils/time";
import { submitMilestoneReport } from "../../app/models/challenge/milestone-report.server";
import { EARLY_NOTE, driveTo } from "../support/challenges";
import { fileOf, freshDb } from "../support/db";

const HOUR = 3_600_000;

/** Reminders about one 榜单, per user (the demo's other 榜单 get theirs too). */
async function remindersAbout(db: DB, challengeId: number) {
  return db
    .selectFrom("notifications")
    .select(["user_id", "kind", "title", "body"])
    .where("link", "like", `/challenges/${challengeId}%`)
    .where("kind", "in", ["deadline_soon", "milestone_due"])
    .orderBy("id")
    .execute();
}

async function activeMembers(db: DB, orgId: number) {
  return (await db.selectFrom("users").select("id").where("org_id", "=", orgId).where("membership_status", "=", "active").orderBy("id").execute()).map((r) => r.id);
}

describe("deadline reminders, from the scheduler", () => {
  it("two processes running at the same moment remind each bidder and follower once, at 3 days and at 20 hours, in exact words", async () => {
    const db = await freshDb({ demo: true });
    const d = await driveTo(db, "published");
    await followChallenge(db, d.cast.researcher, d.id);
    const { deadline, title } = await db.selectFrom("challenges").select(["deadline", "title"]).where("id", "=", d.id).executeTakeFirstOrThrow();
    const due = Date.parse(deadline!);
    const told = [...(await activeMembers(db, d.cast.bidderA.orgId!)), ...(await activeMembers(db, d.cast.bidderB.orgId!)), d.cast.researcher.id].sort((a, b) => a - b);
    const other = openDatabase(await fileOf(db));
    try {
      const both = (now: Date) => Promise.all([runReminders(db, now), runReminders(other, now)]);

      // An hour before the 3-day mark: nothing yet.
      await both(new Date(due - 72 * HOUR - HOUR));
      expect(await remindersAbout(db, d.id)).toEqual([]);

      await both(new Date(due - 72 * HOUR));
      const threeDays = await remindersAbout(db, d.id);
      expect(threeDays.map((n) => n.user_id).sort((a, b) => a - b)).toEqual(told);
      const bidder = threeDays.find((n) => n.user_id === d.cast.bidderA.id)!;
      expect(bidder.title).toBe(`榜单“${title}”揭榜将于 3 天后截止`);
      expect(bidder.body).toBe(`截止时间：${formatDateTime(deadline!)}（北京时间）。截止后不能再修改揭榜申请。`);
      expect(threeDays.find((n) => n.user_id === d.cast.researcher.id)!.title).toBe(`您关注的榜单“${title}”揭榜将于 3 天后截止`);

      // Later the same day nothing new; 20 hours before, the last reminder.
      await both(new Date(due - 25 * HOUR));
      expect(await remindersAbout(db, d.id)).toHaveLength(told.length);
      await both(new Date(due - 20 * HOUR));
      const all = await remindersAbout(db, d.id);
      expect(all).toHaveLength(2 * told.length);
      expect(all.filter((n) => n.user_id === d.cast.bidderA.id).map((n) => n.title)).toEqual([
        `榜单“${title}”揭榜将于 3 天后截止`,
        `榜单“${title}”揭榜将于 20 小时后截止`,
      ]);
    } finally {
      await other.destroy();
    }
  });

  it("a run whose lease another process holds does nothing; once the lease runs out, a run proceeds", async () => {
    const db = await freshDb({ demo: true });
    const d = await driveTo(db, "published");
    const { deadline } = await db.selectFrom("challenges").select("deadline").where("id", "=", d.id).executeTakeFirstOrThrow();
    const now = new Date(Date.parse(deadline!) - 48 * HOUR);
    // Another process claimed the job a minute ago and is still at it (or died: its lease then runs out).
    const held = { holder: "other-process", lease_until: new Date(now.getTime() + 4 * 60_000).toISOString(), last_started_at: new Date(now.getTime() - 60_000).toISOString() };
    await db
      .insertInto("scheduler_runs")
      .values({ job: "reminders", ...held, last_finished_at: null, last_error: null })
      .onConflict((oc) => oc.column("job").doUpdateSet(held))
      .execute();
    expect(await runReminders(db, now)).toBe(false);
    expect(await remindersAbout(db, d.id)).toEqual([]);
    const later = new Date(now.getTime() + 4 * 60_000);
    expect(await runReminders(db, later)).toBe(true);
    expect((await remindersAbout(db, d.id)).find((n) => n.user_id === d.cast.bidderA.id)?.title).toContain("将于 2 天后截止");
    expect(await db.selectFrom("scheduler_runs").selectAll().executeTakeFirstOrThrow()).toMatchObject({ holder: null, lease_until: null, last_error: null, last_finished_at: later.toISOString() });
  });
});

describe("the reminder job, claimed through the database", () => {
  /**
   * A connection whose run stops right after it has claimed the job (the UPDATE of scheduler_runs
   * that took the lease), until `gate` opens: a process in the middle of its run.
   */
  function pausedAfterClaim(db: DB, name: string, paused: string[], gate: Promise<void>): DB {
    const updates = new Set<unknown>();
    return db.withPlugin({
      transformQuery(args) {
        if (args.node.kind === "UpdateQueryNode" && JSON.stringify(args.node.table).includes('"scheduler_runs"')) updates.add(args.queryId);
        return args.node;
      },
      async transformResult(args) {
        if (updates.delete(args.queryId) && args.result.numAffectedRows === 1n && !paused.includes(name)) {
          paused.push(name);
          await gate;
        }
        return args.result;
      },
    });
  }

  it("two schedulers on two connections started at the same moment: one runs the job, the other skips it while the first holds it", async () => {
    const db = await freshDb({ demo: true });
    const d = await driveTo(db, "published");
    const { deadline } = await db.selectFrom("challenges").select("deadline").where("id", "=", d.id).executeTakeFirstOrThrow();
    const now = new Date(Date.parse(deadline!) - 48 * HOUR);
    const other = openDatabase(await fileOf(db));
    let open!: () => void;
    const gate = new Promise<void>((r) => (open = r));
    let runs: Promise<boolean>[] = [];
    try {
      const paused: string[] = [];
      let settled = 0;
      runs = [runReminders(pausedAfterClaim(db, "a", paused, gate), now, "a"), runReminders(pausedAfterClaim(other, "b", paused, gate), now, "b")].map((p) =>
        p.finally(() => settled++),
      );
      // Until each has either claimed the job (and waits, holding it) or given up.
      const deadlineMs = Date.now() + 10_000;
      while (paused.length + settled < 2 && Date.now() < deadlineMs) await new Promise((r) => setTimeout(r, 5));
      expect(paused).toHaveLength(1);
      open();
      expect((await Promise.all(runs)).filter(Boolean)).toHaveLength(1);
      expect((await remindersAbout(db, d.id)).filter((n) => n.user_id === d.cast.bidderA.id)).toHaveLength(1);
      expect(await db.selectFrom("scheduler_runs").select(["holder", "lease_until"]).executeTakeFirstOrThrow()).toEqual({ holder: null, lease_until: null });
    } finally {
      open(); // a failed check must not leave a run waiting with its connection
      await Promise.allSettled(runs);
      await other.destroy();
    }
  });
});

describe("milestone reminders, from the scheduler", () => {
  it("tells the winning team a week before a milestone falls due (北京时间 days), once, and not once it is reported", async () => {
    const db = await freshDb({ demo: true });
    const d = await driveTo(db, "contracted");
    const m = await db.selectFrom("milestones").select(["id", "title", "due_on"]).where("challenge_id", "=", d.id).orderBy("due_on").executeTakeFirstOrThrow();
    const { title } = await db.selectFrom("challenges").select("title").where("id", "=", d.id).executeTakeFirstOrThrow();
    const weekBefore = Date.parse(`${m.due_on}T00:00:00+08:00`) - 7 * 24 * HOUR;
    const team = await activeMembers(db, d.cast.bidderA.orgId!);

    await runReminders(db, new Date(weekBefore - HOUR));
    expect(await remindersAbout(db, d.id)).toEqual([]);
    await runReminders(db, new Date(weekBefore));
    await runReminders(db, new Date(weekBefore + HOUR));
    const got = await remindersAbout(db, d.id);
    expect(got.map((n) => n.user_id).sort((a, b) => a - b)).toEqual(team);
    expect(got[0].title).toBe(`“${title}”里程碑“${m.title}”将于 7 天后到期，请提交报告`);

    // Reported (and waiting for the enterprise): the day-before reminder is not sent.
    await submitMilestoneReport(db, d.cast.bidderA, d.id, m.id, { text: "小试完成。", earlyNote: EARLY_NOTE });
    await runReminders(db, new Date(weekBefore + 6 * 24 * HOUR));
    expect(await remindersAbout(db, d.id)).toHaveLength(team.length);
  });
});
