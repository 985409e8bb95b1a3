/**
 * Every turn tells exactly the people whose turn it now is (app/models/notice/rules.server.ts), and
 * only what they may read. Each step runs a real model function and compares who got which notice,
 * by user, with the whole set of notices the step wrote: a person told too much, or not at all, fails.
 */
import { describe, expect, it } from "vitest";
import type { DB } from "../../db/client.server";
import { lodgeObjection, decideObjection } from "../../app/models/challenge/award.server";
import { scoreBid, submitBid, updateBid, withdrawBid } from "../../app/models/challenge/bid.server";
import { closeBidding, extendDeadline } from "../../app/models/challenge/deadline.server";
import { followChallenge } from "../../app/models/challenge/follow.server";
import {
  confirmIndicators,
  declareFailed,
  recordAcceptance,
  recordPayment,
  recordSigning,
  selectWinner,
  terminateChallenge,
} from "../../app/models/challenge/delivery.server";
import {
  createDraft,
  publishChallenge,
  recordOpinion,
  rejectChallenge,
  returnForRevision,
  sendToReview,
  submitChallenge,
  withdrawChallenge,
} from "../../app/models/challenge/challenge.server";
import { answerMeetingRequest, sendMeetingRequest } from "../../app/models/event/request.server";
import { editMeeting, generateSchedule, getAgenda, publishSchedule } from "../../app/models/event/agenda.server";
import { registerForEvent, reviewParticipant } from "../../app/models/event/event.server";
import { decideMilestoneReport, submitMilestoneReport } from "../../app/models/challenge/milestone-report.server";
import { reviewOrg } from "../../app/models/account/org.server";
import { applyAsExpert, decideExpert, saveProfile } from "../../app/models/account/profile.server";
import { runReminders } from "../../app/models/notice/reminders.server";
import { profileSchema } from "../../app/schemas/result";
import {
  BID_A,
  BID_B,
  HAIPENG,
  SCITC,
  SWJTU,
  asUser,
  bidInput,
  cast,
  challengeInput,
  dateInDays,
  daysFromNow,
  driveTo,
  EARLY_NOTE,
  passDeadline,
  SELECTED_DAYS_AGO,
} from "../support/challenges";
import { freshDb, orgIdByName } from "../support/db";
import { actor, eventWith } from "../support/events";

type Got = { user_id: number; kind: string; title: string; body: string | null; link: string | null };

/** Run one step and return every notice it wrote. */
async function turn(db: DB, step: () => Promise<unknown>): Promise<Got[]> {
  const { last } = await db.selectFrom("notifications").select((eb) => eb.fn.max("id").as("last")).executeTakeFirstOrThrow();
  await step();
  return db.selectFrom("notifications").select(["user_id", "kind", "title", "body", "link"]).where("id", ">", Number(last ?? 0)).orderBy("id").execute();
}

/** kind → the sorted ids of the users who got a notice of that kind. */
function byKind(got: Got[]): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const g of got) (out[g.kind] ??= []).push(g.user_id);
  for (const k of Object.keys(out)) out[k].sort((a, b) => a - b);
  return out;
}

const ids = (...groups: number[][]) => [...new Set(groups.flat())].sort((a, b) => a - b);
const without = (group: number[], ...out: number[]) => group.filter((id) => !out.includes(id));
/** The scheduler also reminds about the demo's other 榜单: keep the notices about this one. */
const about = (got: Got[], challengeId: number) => got.filter((g) => g.link?.startsWith(`/challenges/${challengeId}`) && !/\d/.test(g.link.slice(`/challenges/${challengeId}`.length, `/challenges/${challengeId}`.length + 1)));
const text = (g: Got) => `${g.title} ${g.body ?? ""}`;

async function members(db: DB, orgId: number): Promise<number[]> {
  const rows = await db.selectFrom("users").select("id").where("org_id", "=", orgId).where("membership_status", "=", "active").orderBy("id").execute();
  return rows.map((r) => r.id);
}

async function bureauStaff(db: DB): Promise<number[]> {
  const rows = await db
    .selectFrom("users")
    .innerJoin("organizations", "organizations.id", "users.org_id")
    .select("users.id")
    .where("organizations.kind", "=", "bureau")
    .where("users.role", "=", "bureau")
    .where("users.membership_status", "=", "active")
    .orderBy("users.id")
    .execute();
  return rows.map((r) => r.id);
}

async function people(db: DB) {
  const c = await cast(db);
  return {
    c,
    bureau: await bureauStaff(db),
    owner: await members(db, c.owner.orgId!),
    a: await members(db, c.bidderA.orgId!),
    b: await members(db, c.bidderB.orgId!),
    researcherOrg: await members(db, await orgIdByName(db, SWJTU)),
    haipeng: await members(db, await orgIdByName(db, HAIPENG)),
  };
}

describe("a notice for every turn of a 榜单, to exactly the people whose turn it is", () => {
  it("walks 提交 → 退回 → 重新提交 → 论证 → 发布 → 揭榜 → 截止 → 评分 → 定榜 → 异议 → 签约 → 里程碑 → 验收 → 兑现", async () => {
    const db = await freshDb({ demo: true });
    const p = await people(db);
    const { c } = p;
    const id = await createDraft(db, c.owner, challengeInput());

    expect(byKind(await turn(db, () => submitChallenge(db, c.owner, id)))).toEqual({ challenge_submitted: p.bureau });
    expect(byKind(await turn(db, () => returnForRevision(db, c.bureau, id, "请补充考核指标。")))).toEqual({ returned: p.owner });
    const again = await turn(db, () => submitChallenge(db, c.owner, id));
    expect(byKind(again)).toEqual({ challenge_submitted: p.bureau });
    expect(again[0].title).toContain("已修改后重新提交");

    expect(byKind(await turn(db, () => sendToReview(db, c.bureau, id, [c.expert.id])))).toEqual({ expert_assigned: [c.expert.id] });
    expect(byKind(await turn(db, () => recordOpinion(db, c.expert, id, { recommendation: "publish", opinion: "同意发布。" })))).toEqual({ opinion_given: p.bureau });
    const published = await turn(db, () => publishChallenge(db, c.bureau, id, { deadline: daysFromNow(30).toISOString(), indicators: null, bountyFen: null, note: null }));
    expect(byKind(published)).toEqual({ published: p.owner });

    // Followers: an idle researcher and another enterprise's user.
    await followChallenge(db, c.researcher, id);
    await followChallenge(db, c.otherEnt, id);
    const followers = [c.researcher.id, c.otherEnt.id];

    const bidA = await turn(db, () => submitBid(db, c.bidderA, id, bidInput(BID_A.marker, BID_A.priceWan)));
    expect(byKind(bidA)).toEqual({ bid_received: p.owner });
    expect(bidA[0].body).toBe(`来自 ${SCITC}`);
    let bids = { a: 0, b: 0 };
    await turn(db, async () => {
      bids = { a: (await db.selectFrom("bids").select("id").where("challenge_id", "=", id).executeTakeFirstOrThrow()).id, b: await submitBid(db, c.bidderB, id, bidInput(BID_B.marker, BID_B.priceWan)) };
    });
    const bVersion = (await db.selectFrom("bids").select("version").where("id", "=", bids.b).executeTakeFirstOrThrow()).version;
    expect(byKind(await turn(db, () => updateBid(db, c.bidderB, bids.b, bVersion, bidInput(BID_B.marker, BID_B.priceWan))))).toEqual({ bid_updated: p.owner });

    const version = (await db.selectFrom("challenges").select("version").where("id", "=", id).executeTakeFirstOrThrow()).version;
    const extended = await turn(db, () => extendDeadline(db, c.bureau, id, { reason: "应企业申请延长。", version, deadline: daysFromNow(40).toISOString() }));
    expect(byKind(extended)).toEqual({ deadline_extended: ids(p.owner, p.a, p.b, followers) });

    // The deadline passes (selection will be dated SELECTED_DAYS_AGO): the scheduler tells whose turn it is.
    await passDeadline(db, id, (SELECTED_DAYS_AGO + 1) * 86_400_000);
    const passed = about(await turn(db, () => runReminders(db, new Date())), id);
    expect(byKind(passed)).toEqual({ select_due: p.owner, scoring_open: [c.expert.id], bidding_closed: ids(p.a, p.b) });
    expect(passed.find((g) => g.kind === "select_due")!.body).toBe("共收到 2 份揭榜申请。");
    expect(about(await turn(db, () => runReminders(db, new Date())), id)).toEqual([]);

    const score = (bidId: number) => scoreBid(db, c.expert, id, { bidId, advanced: 4, feasibility: 4, team: 3, price: 3, comment: null });
    expect(await turn(db, () => score(bids.a))).toEqual([]);
    expect(byKind(await turn(db, () => score(bids.b)))).toEqual({ select_due: p.owner, scored: p.bureau });

    // 定榜 now, so objections are still open; each loser reads its own reason only.
    const selected = await turn(db, () => selectWinner(db, c.owner, id, bids.a, { [bids.b]: { code: "price_high", note: "报价高于同类方案" } }));
    expect(byKind(selected)).toEqual({
      bid_selected: p.a,
      bid_not_selected: p.b,
      selected: ids(without(p.owner, c.owner.id), p.bureau, followers),
    });
    for (const g of selected.filter((g) => p.b.includes(g.user_id))) {
      expect(g.body).toBe("原因：报价过高。报价高于同类方案");
      expect(text(g)).not.toContain(SCITC);
      expect(text(g)).not.toContain(BID_A.priceWan);
    }

    // 异议: the bureau alone learns who objected; the objector is told the decision.
    const award = await db.selectFrom("award_notices").select("id").where("challenge_id", "=", id).orderBy("id", "desc").executeTakeFirstOrThrow();
    let first = 0;
    const lodged = await turn(db, async () => (first = await lodgeObjection(db, c.researcher, award.id, { reasons: "中选单位资格存疑，请复核。" })));
    expect(byKind(lodged)).toEqual({ objection_lodged: p.bureau });
    expect(lodged[0].title).toContain(SWJTU);
    expect(byKind(await turn(db, () => decideObjection(db, c.bureau, first, { decision: "dismiss", reason: "经核查资格材料属实。" })))).toEqual({ objection_dismissed: p.researcherOrg });
    let second = 0;
    await turn(db, async () => (second = await lodgeObjection(db, c.otherEnt, award.id, { reasons: "中选单位团队负责人另有同类项目。" })));
    const upheld = await turn(db, () => decideObjection(db, c.bureau, second, { decision: "uphold", reason: "资格材料不实，重新评审。" }));
    expect(byKind(upheld)).toEqual({ objection_upheld: p.haipeng, award_revoked: ids(p.owner, p.a, p.b, [c.researcher.id]) });
    for (const g of upheld.filter((g) => !p.haipeng.includes(g.user_id))) expect(text(g)).not.toContain(HAIPENG);

    // 定榜 again, dated so that the 公示 period is over and signing may follow.
    await selectWinner(db, c.owner, id, bids.a, { [bids.b]: { code: "price_high", note: null } }, daysFromNow(-SELECTED_DAYS_AGO));
    const signed = await turn(db, () =>
      recordSigning(db, c.owner, id, { signedOn: dateInDays(0), amountFen: 50_000_000, milestones: [{ dueOn: dateInDays(180), title: "完成实验室小试" }] }),
    );
    expect(byKind(signed)).toEqual({ signed: ids(p.a, without(p.owner, c.owner.id), p.bureau) });
    expect(signed.find((g) => g.user_id === p.a[0])!.title).toContain("请按里程碑提交报告");

    const milestone = (await db.selectFrom("milestones").select("id").where("challenge_id", "=", id).executeTakeFirstOrThrow()).id;
    const report = () => submitMilestoneReport(db, c.bidderA, id, milestone, { text: "小试完成。", earlyNote: EARLY_NOTE });
    let r1 = 0;
    expect(byKind(await turn(db, async () => (r1 = await report())))).toEqual({ milestone_reported: p.owner });
    expect(byKind(await turn(db, () => decideMilestoneReport(db, c.owner, id, r1, { accept: false, reason: "缺少检测报告。" })))).toEqual({ milestone_returned: p.a });
    let r2 = 0;
    const resent = await turn(db, async () => (r2 = await report()));
    expect(resent[0].body).toBe("揭榜团队已按退回意见修改后重新提交。");
    expect(byKind(await turn(db, () => decideMilestoneReport(db, c.owner, id, r2, { accept: true })))).toEqual({ milestone_accepted: p.a });
    expect(byKind(await turn(db, () => confirmIndicators(db, c.owner, id, "指标均已达成。")))).toEqual({ acceptance_requested: p.bureau, indicators_confirmed: p.a });
    expect(byKind(await turn(db, () => recordAcceptance(db, c.bureau, id, { acceptedOn: dateInDays(0), score: 85, level: "good", note: null })))).toEqual({ accepted: ids(p.owner, p.a) });
    const paid = await turn(db, () => recordPayment(db, c.owner, id, { paidOn: dateInDays(0), amountFen: 50_000_000 }));
    expect(byKind(paid)).toEqual({ paid: ids(p.a, without(p.owner, c.owner.id), p.bureau) });
    // Nobody outside the parties and the bureau heard of the amount.
    expect(paid.filter((g) => followers.includes(g.user_id) || p.b.includes(g.user_id))).toEqual([]);
  });

  it("the other ends: 论证驳回, 撤榜, 提前截止, 流标, 终止, 撤回揭榜", async () => {
    const db = await freshDb({ demo: true });
    const p = await people(db);
    const { c } = p;

    const review = await driveTo(db, "under_review");
    expect(byKind(await turn(db, () => rejectChallenge(db, c.bureau, review.id, "已有成熟方案。")))).toEqual({ rejected: p.owner });

    const open = await driveTo(db, "published");
    await followChallenge(db, c.researcher, open.id);
    expect(byKind(await turn(db, () => withdrawBid(db, c.bidderB, open.bids!.b)))).toEqual({ bid_withdrawn: p.owner });
    expect(byKind(await turn(db, () => withdrawChallenge(db, c.owner, open.id, "已自行解决。")))).toEqual({ withdrawn: ids(p.a, [c.researcher.id]) });

    const closing = await driveTo(db, "published");
    await followChallenge(db, c.researcher, closing.id);
    const version = (await db.selectFrom("challenges").select("version").where("id", "=", closing.id).executeTakeFirstOrThrow()).version;
    expect(byKind(await turn(db, () => closeBidding(db, c.bureau, closing.id, { reason: "需求变更。", version })))).toEqual({
      select_due: p.owner,
      scoring_open: [c.expert.id],
      bidding_closed: ids(p.a, p.b, [c.researcher.id]),
    });
    // Closed early is already announced: the scheduler does not announce the deadline again.
    expect(about(await turn(db, () => runReminders(db, new Date())), closing.id)).toEqual([]);

    const failing = await driveTo(db, "evaluating");
    await followChallenge(db, c.researcher, failing.id);
    expect(byKind(await turn(db, () => declareFailed(db, c.bureau, failing.id, "均未达到指标。")))).toEqual({
      bid_not_selected: ids(p.a, p.b),
      failed: ids(p.owner, [c.researcher.id]),
    });

    const running = await driveTo(db, "contracted");
    expect(byKind(await turn(db, () => terminateChallenge(db, c.bureau, running.id, "核心成员离职。")))).toEqual({ terminated: ids(p.owner, p.a) });
  });
});

describe("a notice for every turn of events, meetings and verifications", () => {
  it("报名 → 确认/不通过 → 约谈 → 接受/婉拒 → 日程 → 调整/取消: each side told which meeting, by name and time", async () => {
    const db = await freshDb({ demo: true });
    const bureau = await bureauStaff(db);
    const ENT = "enterprise@demo.test";
    const SCI = "researcher@demo.test";
    const { eventId, parts, bureau: officer } = await eventWith(db, [ENT, SCI]);
    const ent = await members(db, parts[ENT].user.orgId!);
    const sci = await members(db, parts[SCI].user.orgId!);

    const haipeng = await actor(db, "haipeng@demo.test");
    let pid = 0;
    const registered = await turn(db, async () => (pid = await registerForEvent(db, haipeng, eventId, [{ name: "李工", title: "总工" }])));
    expect(byKind(registered)).toEqual({ event_registration: bureau });
    expect(registered[0].title).toContain(HAIPENG);
    const refused = await turn(db, () => reviewParticipant(db, officer, eventId, pid, { intent: "refuse", reason: "与本场主题不符" }));
    expect(byKind(refused)).toEqual({ event_registration: await members(db, haipeng.orgId!) });

    let rid = 0;
    const asked = await turn(db, async () => (rid = await sendMeetingRequest(db, parts[ENT].user, eventId, { toParticipantId: parts[SCI].participantId, message: "想了解成果" })));
    expect(byKind(asked)).toEqual({ meeting_request: sci });
    expect(byKind(await turn(db, () => answerMeetingRequest(db, parts[SCI].user, eventId, rid, { intent: "accept" })))).toEqual({ meeting_request: ent });

    await generateSchedule(db, officer, eventId);
    expect(byKind(await turn(db, () => publishSchedule(db, officer, eventId, "preliminary")))).toEqual({ event_schedule: ids(ent, sci) });
    const { meetings } = await getAgenda(db, officer, eventId, { kind: "event" });
    const m = meetings[0];
    const cancelled = await turn(db, () => editMeeting(db, officer, eventId, m.id, { intent: "cancel", reason: "一方临时有事" }));
    expect(byKind(cancelled)).toEqual({ event_schedule: ids(ent, sci) });
    // Each side reads the other party's name and the meeting's time.
    const toEnt = cancelled.find((g) => ent.includes(g.user_id))!;
    const toSci = cancelled.find((g) => sci.includes(g.user_id))!;
    expect(toEnt.title).toContain(`与“${SCITC}”的会谈`);
    expect(toSci.title).toContain("与“四川海聚环保科技有限公司”的会谈");
    expect(toEnt.title).toMatch(/\d{2}:\d{2}（北京时间）第 \d+ 桌/);
  });

  it("机构认证 and 专家库: the bureau is told of applications, the applicant of the decision", async () => {
    const db = await freshDb({ demo: true });
    const bureau = await bureauStaff(db);
    const officer = await actor(db, "bureau@demo.test");
    const pending = await actor(db, "pending@demo.test");
    const orgMembers = await members(db, pending.orgId!);
    expect(byKind(await turn(db, () => reviewOrg(db, officer, pending.orgId!, { verify: true })))).toEqual({ org_verified: orgMembers });

    await cast(db);
    const researcher = await asUser(db, "swjtu-researcher@example.test");
    await saveProfile(db, researcher, profileSchema.parse({ title: "教授", fieldCodes: ["06"], keywords: "新材料", bio: "从事材料研究。" }));
    expect(byKind(await turn(db, () => applyAsExpert(db, researcher)))).toEqual({ expert_applied: bureau });
    expect(byKind(await turn(db, () => decideExpert(db, officer, researcher.id, false, "请补充代表性成果。")))).toEqual({ expert_decision: [researcher.id] });
  });
});
