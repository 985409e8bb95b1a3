import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { DB } from "../../../db/client.server";
import type { Database } from "../../../db/schema";
import { followUpsDue } from "../event";
import { daysBeforeDue } from "../challenge";
import { eventRef, notifyTurn } from "./rules.server";

type Tx = Kysely<Database>;

/**
 * Reminders nobody asks for (issue 14 §5, Decision 49): run by the scheduler in the server process
 * (app/web/scheduler.server.ts) with the clock as `now`, never when someone reads a page.
 * Each reminder goes through the notice table and is unique per person (its dedupe key), so a
 * second run at the same `now`, in this process or another, creates nothing new.
 */

const JOB = "reminders";
/** Long enough for any run; a process that died mid-run frees the job after this. */
const LEASE_MS = 5 * 60_000;
const HOUR = 3_600_000;
/** 揭榜截止 reminders: 3 days and 1 day before. */
const DEADLINE_STEPS = [{ key: "3d", within: 72 * HOUR }, { key: "1d", within: 24 * HOUR }];
/** Milestone reminders to the winning team: a week and a day before the due date (北京时间 days). */
const MILESTONE_STEPS = [7, 1];
/** A 榜单 whose deadline passed longer ago than this is not announced any more (the run was down). */
const DEADLINE_PASSED_WINDOW_MS = 30 * 24 * HOUR;

/** Claim the job for this run: free, or its lease ran out. One conditional UPDATE, atomic across processes. */
async function claim(db: DB, holder: string, now: Date): Promise<boolean> {
  await db.insertInto("scheduler_runs").values({ job: JOB, lease_until: null, holder: null, last_started_at: null, last_finished_at: null, last_error: null }).onConflict((oc) => oc.doNothing()).execute();
  const r = await db
    .updateTable("scheduler_runs")
    .set({ lease_until: new Date(now.getTime() + LEASE_MS).toISOString(), holder, last_started_at: now.toISOString() })
    .where("job", "=", JOB)
    .where((eb) => eb.or([eb("lease_until", "is", null), eb("lease_until", "<=", now.toISOString())]))
    .executeTakeFirst();
  return r.numUpdatedRows === 1n;
}

async function release(db: DB, holder: string, now: Date, error: string | null): Promise<void> {
  await db
    .updateTable("scheduler_runs")
    .set({ lease_until: null, holder: null, last_finished_at: now.toISOString(), last_error: error })
    .where("job", "=", JOB)
    .where("holder", "=", holder)
    .execute();
}

/** Published 榜单 whose deadline is near: bidders and followers, at each step once. */
async function deadlineReminders(trx: Tx, now: Date): Promise<void> {
  const soon = await trx
    .selectFrom("challenges")
    .select(["id", "title", "org_id", "winner_bid_id", "deadline"])
    .where("status", "=", "published")
    .where("deadline", ">", now.toISOString())
    .where("deadline", "<=", new Date(now.getTime() + DEADLINE_STEPS[0].within).toISOString())
    .execute();
  for (const c of soon) {
    const left = Date.parse(c.deadline!) - now.getTime();
    // The nearest step reached: a run that first sees the 榜单 within a day sends only the 1-day one.
    const step = DEADLINE_STEPS.filter((s) => left <= s.within).at(-1)!;
    await notifyTurn(trx, "challenge.deadline_soon", { challenge: c, dueAt: c.deadline!, now, dedupeKey: `deadline:${c.id}:${step.key}` });
  }
}

/** Published 榜单 past their deadline are 评审中: experts score, the enterprise selects, bidders wait. */
async function deadlinePassed(trx: Tx, now: Date): Promise<void> {
  const passed = await trx
    .selectFrom("challenges")
    .select(["id", "title", "org_id", "winner_bid_id"])
    .select((eb) =>
      eb.selectFrom("bids").select(eb.fn.countAll<number>().as("n")).whereRef("bids.challenge_id", "=", "challenges.id").where("bids.status", "=", "submitted").as("bids"),
    )
    .where("status", "=", "published")
    .where("deadline", "<=", now.toISOString())
    .where("deadline", ">", new Date(now.getTime() - DEADLINE_PASSED_WINDOW_MS).toISOString())
    .execute();
  for (const c of passed) await notifyTurn(trx, "challenge.deadline_passed", { challenge: c, count: Number(c.bids ?? 0), now });
}

/** Milestones not yet reported (or returned) that fall due within a week: the winning team. */
async function milestoneReminders(trx: Tx, now: Date): Promise<void> {
  const rows = await trx
    .selectFrom("milestones")
    .innerJoin("challenges", "challenges.id", "milestones.challenge_id")
    .select(["milestones.id as milestoneId", "milestones.title as milestoneTitle", "milestones.due_on", "challenges.id", "challenges.title", "challenges.org_id", "challenges.winner_bid_id"])
    .where("challenges.status", "in", ["contracted", "in_progress"])
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("milestone_reports as r")
            .select("r.id")
            .whereRef("r.milestone_id", "=", "milestones.id")
            // The latest report is pending or accepted: nothing for the team to do.
            .where((e2) => e2.or([e2("r.decision", "is", null), e2("r.decision", "=", "accepted")]))
            .where("r.id", "=", (e2) => e2.selectFrom("milestone_reports as l").select((e3) => e3.fn.max("l.id").as("m")).whereRef("l.milestone_id", "=", "milestones.id")),
        ),
      ),
    )
    .execute();
  for (const m of rows) {
    const days = daysBeforeDue(m.due_on, now);
    const step = MILESTONE_STEPS.filter((s) => days >= 0 && days <= s).at(-1);
    if (step == null) continue;
    await notifyTurn(trx, "challenge.milestone_due", {
      challenge: { id: m.id, title: m.title, org_id: m.org_id, winner_bid_id: m.winner_bid_id },
      subject: m.milestoneTitle,
      count: days,
      now,
      dedupeKey: `milestone:${m.milestoneId}:${step}`,
    });
  }
}

/** The 1/3/6-month 回访 after a held meeting, to each side's organisation. Same key as before 0020. */
async function followUpReminders(trx: Tx, now: Date): Promise<void> {
  for (const d of await followUpsDue(trx, now)) {
    await notifyTurn(trx, "event.follow_up_due", {
      event: eventRef({ id: d.eventId, title: d.title, event_date: d.eventDate }),
      orgId: d.orgId,
      name: `“${d.otherName}”`,
      months: d.months,
      link: `/events/${d.eventId}/meetings/${d.meetingId}`,
      dedupeKey: `followup:${d.meetingId}:${d.months}`,
      now,
    });
  }
}

/**
 * One run as of `now`. Returns false when another process holds the job. A failure is recorded on
 * the job's row (with its SQLite code) and thrown to the caller, who logs it; the lease is freed.
 */
export async function runReminders(db: DB, now: Date, holder: string = randomUUID()): Promise<boolean> {
  if (!(await claim(db, holder, now))) return false;
  try {
    await db.transaction().execute(async (trx) => {
      await deadlinePassed(trx, now);
      await deadlineReminders(trx, now);
      await milestoneReminders(trx, now);
      await followUpReminders(trx, now);
    });
  } catch (e) {
    const code = (e as { code?: string }).code;
    await release(db, holder, now, `${code ? `${code}: ` : ""}${(e as Error).message}`).catch(() => undefined);
    throw e;
  }
  await release(db, holder, now, null);
  return true;
}
