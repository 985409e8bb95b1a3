import type { Kysely } from "kysely";
import type { DB } from "../../../db/client.server";
import type { Database, MilestoneReport } from "../../../db/schema";
import { beijingDate, clock, daysBetween, formatDay } from "../../utils/time";
import { transitionChallenge } from "./challenge.server";
import { attachDocuments, NO_CHANGES, type AttachmentChanges, type CurrentUser } from "../shared";
import { ConflictError, InvalidInputError } from "../../utils/errors";
import { notifyTurn } from "../notice";
import type { MilestoneState } from "../../../db/vocabulary";

type Tx = Kysely<Database>;

/** A report of completion more than this many days before the due date must say why (Decision 30). */
export const EARLY_REPORT_DAYS = 30;

/**
 * A milestone's state follows from its reports (migration 0016): none → planned (未提交), the
 * latest undecided → reported (待确认), the latest decided → accepted (已确认) or returned (退回修改,
 * and the team may report again).
 */
function stateOf(latest: Pick<MilestoneReport, "decision"> | undefined): MilestoneState {
  return latest ? latest.decision ?? "reported" : "planned";
}

/** Whole days from today in 北京时间 to a due date (YYYY-MM-DD); positive when it lies ahead. */
export function daysBeforeDue(dueOn: string, now: Date): number {
  return daysBetween(beijingDate(now), dueOn);
}

/** Reporting now, well before the due date, needs a 提前完成说明. */
export function needsEarlyNote(dueOn: string, now: Date): boolean {
  return daysBeforeDue(dueOn, now) > EARLY_REPORT_DAYS;
}

/**
 * Every milestone of a 榜单 with its state and its reports, newest first. Only the parties may read
 * this (challenge/visibility.ts): callers ask `isParty` before calling.
 */
export async function milestonesWithReports(db: Tx, challengeId: number, now = clock.now()) {
  const [milestones, reports] = await Promise.all([
    db.selectFrom("milestones").select(["id", "title", "due_on"]).where("challenge_id", "=", challengeId).orderBy("due_on").orderBy("id").execute(),
    db
      .selectFrom("milestone_reports")
      .innerJoin("milestones", "milestones.id", "milestone_reports.milestone_id")
      .leftJoin("users as submitter", "submitter.id", "milestone_reports.submitted_by")
      .leftJoin("users as decider", "decider.id", "milestone_reports.decided_by")
      .select([
        "milestone_reports.id",
        "milestone_reports.milestone_id",
        "milestone_reports.text",
        "milestone_reports.early_note",
        "milestone_reports.submitted_at",
        "milestone_reports.decision",
        "milestone_reports.decided_at",
        "milestone_reports.return_reason",
        "submitter.name as submitted_by_name",
        "decider.name as decided_by_name",
      ])
      .where("milestones.challenge_id", "=", challengeId)
      .orderBy("milestone_reports.id", "desc")
      .execute(),
  ]);
  return milestones.map((m) => {
    const own = reports.filter((r) => r.milestone_id === m.id);
    return { ...m, state: stateOf(own[0]), needsEarlyNote: needsEarlyNote(m.due_on, now), reports: own };
  });
}

/** 验收 needs every milestone accepted by the enterprise; the message names the ones still open. */
export async function assertAllMilestonesAccepted(trx: Tx, challengeId: number, step: string): Promise<void> {
  const open = (await milestonesWithReports(trx, challengeId)).filter((m) => m.state !== "accepted");
  if (open.length > 0) {
    const names = open.map((m) => `“${m.title}”`).join("、");
    throw new ConflictError(`还有 ${open.length} 个里程碑未经发榜企业确认完成（${names}），全部确认后才能${step}。`);
  }
}

async function milestoneTitle(db: DB, challengeId: number, milestoneId: number) {
  const m = await db.selectFrom("milestones").select("title").where("id", "=", milestoneId).where("challenge_id", "=", challengeId).executeTakeFirst();
  return m?.title ?? "";
}

export interface MilestoneReportInput {
  text: string;
  /** 提前完成说明; required when the report comes more than EARLY_REPORT_DAYS before the due date. */
  earlyNote: string | null;
}

/**
 * The winning team reports a milestone done. One transaction: the checks, the report row, the
 * history entry and the enterprise's notice; the first report moves 已签约 to 攻关中. Files are
 * attached later inside `also`, right after the report row is inserted (it has `reportId` then).
 */
export async function submitMilestoneReport(
  db: DB,
  user: CurrentUser,
  challengeId: number,
  milestoneId: number,
  input: MilestoneReportInput,
  now = clock.now(),
  files: AttachmentChanges = NO_CHANGES,
): Promise<number> {
  let reportId = 0;
  const title = await milestoneTitle(db, challengeId, milestoneId);
  await transitionChallenge(db, user, challengeId, {
    action: "report_milestone",
    to: "in_progress",
    now,
    reason: `里程碑“${title}”`,
    also: async (trx, c) => {
      const m = await trx.selectFrom("milestones").select(["id", "title", "due_on"]).where("id", "=", milestoneId).where("challenge_id", "=", challengeId).executeTakeFirst();
      if (!m) throw new InvalidInputError({ milestoneId: ["没有找到该里程碑"] });
      const latest = await trx.selectFrom("milestone_reports").select("decision").where("milestone_id", "=", m.id).orderBy("id", "desc").limit(1).executeTakeFirst();
      const state = stateOf(latest);
      if (state === "reported") throw new ConflictError(`里程碑“${m.title}”的报告已提交，正等待发榜企业确认，请勿重复提交。`);
      if (state === "accepted") throw new ConflictError(`里程碑“${m.title}”已由发榜企业确认完成，无需再提交报告。`);
      const today = beijingDate(now);
      if (c.signed_on != null && today < c.signed_on) {
        throw new InvalidInputError({ text: [`合同签约日期为 ${formatDay(c.signed_on)}，签约之前不能提交里程碑报告`] });
      }
      if (needsEarlyNote(m.due_on, now) && !input.earlyNote) {
        throw new InvalidInputError({
          earlyNote: [`该里程碑计划于 ${formatDay(m.due_on)} 完成，现在提前 ${daysBeforeDue(m.due_on, now)} 天报告完成，请填写提前完成说明`],
        });
      }
      ({ id: reportId } = await trx
        .insertInto("milestone_reports")
        .values({
          milestone_id: m.id,
          submitted_by: user.id,
          text: input.text,
          early_note: input.earlyNote,
          submitted_at: now.toISOString(),
          decision: null,
          decided_by: null,
          decided_at: null,
          return_reason: null,
        })
        .returning("id")
        .executeTakeFirstOrThrow());
      await attachDocuments(trx, user, "milestone_report", reportId, files, now);
      await notifyTurn(trx, "challenge.report_milestone", { actorId: user.id, challenge: c, subject: m.title, resubmitted: latest?.decision === "returned", now });
    },
  });
  return reportId;
}

export type ReportDecision = { accept: true } | { accept: false; reason: string };

/**
 * The enterprise (or the bureau for it) accepts a report or returns it with a reason; the team is
 * told either way. A report is decided once: a second decision, or one on a stale page, is refused.
 */
export async function decideMilestoneReport(
  db: DB,
  user: CurrentUser,
  challengeId: number,
  reportId: number,
  decision: ReportDecision,
  now = clock.now(),
): Promise<void> {
  const found = await db
    .selectFrom("milestone_reports")
    .innerJoin("milestones", "milestones.id", "milestone_reports.milestone_id")
    .select("milestones.title")
    .where("milestone_reports.id", "=", reportId)
    .where("milestones.challenge_id", "=", challengeId)
    .executeTakeFirst();
  const what = `里程碑“${found?.title ?? ""}”的报告`;
  await transitionChallenge(db, user, challengeId, {
    action: "review_report",
    now,
    reason: decision.accept ? `确认${what}` : `退回${what}：${decision.reason}`,
    also: async (trx, c) => {
      const r = await trx
        .selectFrom("milestone_reports")
        .innerJoin("milestones", "milestones.id", "milestone_reports.milestone_id")
        .select(["milestone_reports.id", "milestone_reports.decision", "milestones.title"])
        .where("milestone_reports.id", "=", reportId)
        .where("milestones.challenge_id", "=", challengeId)
        .executeTakeFirst();
      if (!r) throw new InvalidInputError({ reportId: ["没有找到该报告"] });
      const done = await trx
        .updateTable("milestone_reports")
        .set({
          decision: decision.accept ? "accepted" : "returned",
          decided_by: user.id,
          decided_at: now.toISOString(),
          return_reason: decision.accept ? null : decision.reason,
        })
        .where("id", "=", r.id)
        .where("decision", "is", null)
        .executeTakeFirst();
      if (done.numUpdatedRows === 0n) {
        throw new ConflictError(`里程碑“${r.title}”的这份报告已${r.decision === "accepted" ? "确认" : "退回"}，请刷新页面查看最新状态。`);
      }
      await notifyTurn(trx, decision.accept ? "challenge.accept_report" : "challenge.return_report", {
        actorId: user.id,
        challenge: c,
        subject: r.title,
        reason: decision.accept ? null : decision.reason,
        now,
      });
    },
  });
}
