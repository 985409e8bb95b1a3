/**
 * Milestone reports: the winning team reports, the enterprise (or the bureau for it) accepts or
 * returns with a reason, every round is kept; and the date checks around them (提前完成说明,
 * 签约 before reports, every milestone accepted before 验收, 兑现 not before 验收).
 */
import { describe, expect, it } from "vitest";
import type { DB } from "../../db/client.server";
import { confirmIndicators, recordAcceptance, recordPayment, recordSigning } from "../../app/models/challenge/delivery.server";
import { ConflictError, ForbiddenError, InvalidInputError, type DomainError } from "../../app/utils/errors";
import { EARLY_REPORT_DAYS, decideMilestoneReport, milestonesWithReports, submitMilestoneReport } from "../../app/models/challenge/milestone-report.server";
import { beijingDate, formatDay } from "../../app/utils/time";
import { DEMO_NOW, freshDb } from "../support/db";
import { EARLY_NOTE, driveTo, noticesOf, snapshot, statusOf, type Driven } from "../support/challenges";

const DAY = 86_400_000;
/** The 北京时间 day `n` days after `now`. */
const dayAfter = (now: Date, n: number) => beijingDate(new Date(now.getTime() + n * DAY));

async function refusal(p: Promise<unknown>): Promise<DomainError> {
  try {
    await p;
  } catch (e) {
    return e as DomainError;
  }
  throw new Error("expected a refusal");
}

/** A 榜单 signed on `now`'s day with milestones due the given number of days later. */
async function signed(db: DB, now: Date, dueInDays: number[]): Promise<Driven> {
  const d = await driveTo(db, "selected");
  await recordSigning(db, d.cast.owner, d.id, {
    signedOn: dayAfter(now, 0),
    amountFen: 40_000_000,
    milestones: dueInDays.map((n, i) => ({ dueOn: dayAfter(now, n), title: `第 ${i + 1} 阶段` })),
  });
  d.milestoneIds = (await db.selectFrom("milestones").select("id").where("challenge_id", "=", d.id).orderBy("id").execute()).map((m) => m.id);
  return d;
}

const TEXT = "本阶段完成，主要指标达到要求。";

describe("who reports and who decides", () => {
  it("only members of the winning organisation report; everyone else is refused and nothing is written", async () => {
    const db = await freshDb({ demo: true });
    const d = await signed(db, DEMO_NOW, [10]);
    for (const who of ["owner", "bureau", "bidderB", "otherEnt", "expert", "researcher"] as const) {
      const before = await snapshot(db, d.id);
      const e = await refusal(submitMilestoneReport(db, d.cast[who], d.id, d.milestoneIds[0], { text: TEXT, earlyNote: null }, DEMO_NOW));
      expect(e, who).toBeInstanceOf(ForbiddenError);
      expect(await snapshot(db, d.id), who).toEqual(before);
    }
    await submitMilestoneReport(db, d.cast.bidderA, d.id, d.milestoneIds[0], { text: TEXT, earlyNote: null }, DEMO_NOW);
    expect(await statusOf(db, d.id)).toBe("in_progress");
  });

  it("the enterprise or the bureau decides; the team, the losing bidder, other organisations and experts may not", async () => {
    const db = await freshDb({ demo: true });
    const d = await signed(db, DEMO_NOW, [10, 20]);
    const r1 = await submitMilestoneReport(db, d.cast.bidderA, d.id, d.milestoneIds[0], { text: TEXT, earlyNote: null }, DEMO_NOW);
    for (const who of ["bidderA", "bidderB", "otherEnt", "expert", "researcher"] as const) {
      const before = await snapshot(db, d.id);
      const e = await refusal(decideMilestoneReport(db, d.cast[who], d.id, r1, { accept: true }, DEMO_NOW));
      expect(e, who).toBeInstanceOf(ForbiddenError);
      expect(await snapshot(db, d.id), who).toEqual(before);
    }
    await decideMilestoneReport(db, d.cast.owner, d.id, r1, { accept: true }, DEMO_NOW);
    const r2 = await submitMilestoneReport(db, d.cast.bidderA, d.id, d.milestoneIds[1], { text: TEXT, earlyNote: null }, DEMO_NOW);
    await decideMilestoneReport(db, d.cast.bureau, d.id, r2, { accept: false, reason: "请补充检测报告" }, DEMO_NOW);
    expect((await milestonesWithReports(db, d.id, DEMO_NOW)).map((m) => m.state)).toEqual(["accepted", "returned"]);
  });
});

describe("rounds", () => {
  it("planned → reported → returned (reason to the team) → reported again → accepted, every round kept and each side told", async () => {
    const db = await freshDb({ demo: true });
    const d = await signed(db, DEMO_NOW, [10]);
    const m = d.milestoneIds[0];
    const state = async () => (await milestonesWithReports(db, d.id, DEMO_NOW))[0].state;
    expect(await state()).toBe("planned");

    const r1 = await submitMilestoneReport(db, d.cast.bidderA, d.id, m, { text: "第一稿报告内容", earlyNote: null }, DEMO_NOW);
    expect(await state()).toBe("reported");
    expect(await statusOf(db, d.id)).toBe("in_progress");
    expect(await noticesOf(db, d.cast.owner.id)).toContainEqual(expect.objectContaining({ kind: "milestone_reported", title: expect.stringContaining("第 1 阶段") }));
    // Reported twice (a double click, a second tab): the second is refused, one report exists.
    const again = await refusal(submitMilestoneReport(db, d.cast.bidderA, d.id, m, { text: "第一稿报告内容", earlyNote: null }, DEMO_NOW));
    expect(again).toBeInstanceOf(ConflictError);
    expect(again.message).toContain("等待发榜企业确认");

    await decideMilestoneReport(db, d.cast.owner, d.id, r1, { accept: false, reason: "缺少第三方检测报告" }, DEMO_NOW);
    expect(await state()).toBe("returned");
    expect(await noticesOf(db, d.cast.bidderA.id)).toContainEqual(expect.objectContaining({ kind: "milestone_returned", body: "退回理由：缺少第三方检测报告" }));
    // A decided report is not decided again (a stale page).
    expect(await refusal(decideMilestoneReport(db, d.cast.owner, d.id, r1, { accept: true }, DEMO_NOW))).toBeInstanceOf(ConflictError);

    const r2 = await submitMilestoneReport(db, d.cast.bidderA, d.id, m, { text: "第二稿，已补充检测报告", earlyNote: null }, DEMO_NOW);
    await decideMilestoneReport(db, d.cast.owner, d.id, r2, { accept: true }, DEMO_NOW);
    expect(await state()).toBe("accepted");
    expect(await noticesOf(db, d.cast.bidderA.id)).toContainEqual(expect.objectContaining({ kind: "milestone_accepted" }));
    expect(await refusal(submitMilestoneReport(db, d.cast.bidderA, d.id, m, { text: "第三稿报告内容", earlyNote: null }, DEMO_NOW))).toBeInstanceOf(ConflictError);

    const [view] = await milestonesWithReports(db, d.id, DEMO_NOW);
    expect(view.reports.map((r) => [r.text, r.decision, r.return_reason])).toEqual([
      ["第二稿，已补充检测报告", "accepted", null],
      ["第一稿报告内容", "returned", "缺少第三方检测报告"],
    ]);
  });

  it("a report id of another 榜单 is not found, and changes nothing there", async () => {
    const db = await freshDb({ demo: true });
    const d = await signed(db, DEMO_NOW, [10]);
    const other = await signed(db, DEMO_NOW, [10]);
    const theirs = await submitMilestoneReport(db, other.cast.bidderA, other.id, other.milestoneIds[0], { text: TEXT, earlyNote: null }, DEMO_NOW);
    const e = await refusal(decideMilestoneReport(db, d.cast.owner, d.id, theirs, { accept: true }, DEMO_NOW));
    expect(e).toBeInstanceOf(InvalidInputError);
    expect((await milestonesWithReports(db, other.id, DEMO_NOW))[0].state).toBe("reported");
  });
});

describe("date checks (all from `now`)", () => {
  it(`a report more than ${EARLY_REPORT_DAYS} days before the due date (北京时间) needs a 提前完成说明 naming the due date; ${EARLY_REPORT_DAYS} days does not`, async () => {
    const db = await freshDb({ demo: true });
    const d = await signed(db, DEMO_NOW, [EARLY_REPORT_DAYS, EARLY_REPORT_DAYS + 1]);
    await submitMilestoneReport(db, d.cast.bidderA, d.id, d.milestoneIds[0], { text: TEXT, earlyNote: null }, DEMO_NOW);
    const before = await snapshot(db, d.id);
    const e = await refusal(submitMilestoneReport(db, d.cast.bidderA, d.id, d.milestoneIds[1], { text: TEXT, earlyNote: null }, DEMO_NOW));
    expect(e).toBeInstanceOf(InvalidInputError);
    const dueText = formatDay(dayAfter(DEMO_NOW, EARLY_REPORT_DAYS + 1));
    expect(dueText).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日$/);
    expect(e.fieldErrors.earlyNote).toEqual([`该里程碑计划于 ${dueText} 完成，现在提前 ${EARLY_REPORT_DAYS + 1} 天报告完成，请填写提前完成说明`]);
    expect(await snapshot(db, d.id)).toEqual(before);
    await submitMilestoneReport(db, d.cast.bidderA, d.id, d.milestoneIds[1], { text: TEXT, earlyNote: EARLY_NOTE }, DEMO_NOW);
    // A day later the same milestone is no longer "early".
    expect((await milestonesWithReports(db, d.id, new Date(DEMO_NOW.getTime() + DAY)))[1].needsEarlyNote).toBe(false);
  });

  it("the day is 北京时间's: at 07:30 there (still yesterday in UTC) the count starts from the Beijing day", async () => {
    const db = await freshDb({ demo: true });
    const d = await signed(db, DEMO_NOW, [EARLY_REPORT_DAYS + 1]);
    // 07:30 in 北京 on the day after signing: UTC still says the signing day.
    const morning = new Date(`${dayAfter(DEMO_NOW, 1)}T07:30:00+08:00`);
    await submitMilestoneReport(db, d.cast.bidderA, d.id, d.milestoneIds[0], { text: TEXT, earlyNote: null }, morning);
  });

  it("no report before the signing date", async () => {
    const db = await freshDb({ demo: true });
    const d = await driveTo(db, "selected");
    const signedOn = dayAfter(DEMO_NOW, 5);
    await recordSigning(db, d.cast.owner, d.id, { signedOn, amountFen: 1_000_000, milestones: [{ dueOn: dayAfter(DEMO_NOW, 20), title: "完成小试" }] });
    const [m] = await db.selectFrom("milestones").select("id").where("challenge_id", "=", d.id).execute();
    const e = await refusal(submitMilestoneReport(db, d.cast.bidderA, d.id, m.id, { text: TEXT, earlyNote: null }, DEMO_NOW));
    expect(e).toBeInstanceOf(InvalidInputError);
    expect(e.fieldErrors.text?.[0]).toMatch(/^合同签约日期为 .+，签约之前不能提交里程碑报告$/);
    await submitMilestoneReport(db, d.cast.bidderA, d.id, m.id, { text: TEXT, earlyNote: null }, new Date(`${signedOn}T09:00:00+08:00`));
  });

  it("milestones given at signing may not be due before the signing date", async () => {
    const db = await freshDb({ demo: true });
    const d = await driveTo(db, "selected");
    const before = await snapshot(db, d.id);
    const e = await refusal(
      recordSigning(db, d.cast.owner, d.id, {
        signedOn: dayAfter(DEMO_NOW, 0),
        amountFen: 1_000_000,
        milestones: [{ dueOn: dayAfter(DEMO_NOW, -1), title: "完成小试" }, { dueOn: dayAfter(DEMO_NOW, 0), title: "完成中试" }],
      }),
    );
    expect(e).toBeInstanceOf(InvalidInputError);
    expect(e.fieldErrors.milestones?.[0]).toMatch(/^里程碑“完成小试”（.+）的到期日早于签约日期 .+，请修改$/);
    expect(await snapshot(db, d.id)).toEqual(before);
  });

  it("验收 needs every milestone accepted: the enterprise cannot confirm the indicators, nor the bureau accept, before", async () => {
    const db = await freshDb({ demo: true });
    const d = await signed(db, DEMO_NOW, [10, 20]);
    const r1 = await submitMilestoneReport(db, d.cast.bidderA, d.id, d.milestoneIds[0], { text: TEXT, earlyNote: null }, DEMO_NOW);
    await decideMilestoneReport(db, d.cast.owner, d.id, r1, { accept: true }, DEMO_NOW);
    const r2 = await submitMilestoneReport(db, d.cast.bidderA, d.id, d.milestoneIds[1], { text: TEXT, earlyNote: null }, DEMO_NOW);
    const before = await snapshot(db, d.id);
    const e = await refusal(confirmIndicators(db, d.cast.owner, d.id, "指标均已达成", DEMO_NOW));
    expect(e).toBeInstanceOf(ConflictError);
    expect(e.message).toBe("还有 1 个里程碑未经发榜企业确认完成（“第 2 阶段”），全部确认后才能确认考核指标达成。");
    expect(await snapshot(db, d.id)).toEqual(before);

    await decideMilestoneReport(db, d.cast.owner, d.id, r2, { accept: true }, DEMO_NOW);
    await confirmIndicators(db, d.cast.owner, d.id, "指标均已达成", DEMO_NOW);
    // The enterprise confirmed; then a report was reopened behind its back (not possible through
    // the models): 验收 itself still checks.
    await db.updateTable("milestone_reports").set({ decision: null, decided_at: null, decided_by: null }).where("id", "=", r2).execute();
    const e2 = await refusal(recordAcceptance(db, d.cast.bureau, d.id, { acceptedOn: dayAfter(DEMO_NOW, 0), score: 80, level: "good", note: null }));
    expect(e2).toBeInstanceOf(ConflictError);
    expect(e2.message).toContain("全部确认后才能验收");
  });

  it("验收 not before signing; 兑现 not before 验收", async () => {
    const db = await freshDb({ demo: true });
    const d = await driveTo(db, "in_progress");
    const { signed_on } = await db.selectFrom("challenges").select("signed_on").where("id", "=", d.id).executeTakeFirstOrThrow();
    const dayBefore = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) - DAY).toISOString().slice(0, 10);
    const e = await refusal(recordAcceptance(db, d.cast.bureau, d.id, { acceptedOn: dayBefore(signed_on!), score: 80, level: "good", note: null }));
    expect(e).toBeInstanceOf(InvalidInputError);
    expect(e.fieldErrors.acceptedOn?.[0]).toMatch(/^验收日期不能早于签约日期（.+）$/);
    expect(await statusOf(db, d.id)).toBe("in_progress");

    const acceptedOn = signed_on!;
    await recordAcceptance(db, d.cast.bureau, d.id, { acceptedOn, score: 80, level: "good", note: null });
    const e2 = await refusal(recordPayment(db, d.cast.owner, d.id, { paidOn: dayBefore(acceptedOn), amountFen: 1_000_000 }));
    expect(e2).toBeInstanceOf(InvalidInputError);
    expect(e2.fieldErrors.paidOn?.[0]).toMatch(/^兑现日期不能早于验收日期（.+）$/);
    expect(await statusOf(db, d.id)).toBe("accepted");
    await recordPayment(db, d.cast.owner, d.id, { paidOn: acceptedOn, amountFen: 1_000_000 });
  });
});
