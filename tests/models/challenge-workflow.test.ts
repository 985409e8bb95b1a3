import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import type { DB } from "../../db/client.server";
import type { ChallengeStatus } from "../../db/schema";
import { getOwnBid, listBidsForViewer, scoreBid, submitBid } from "../../app/models/challenge/bid.server";
import {
  assignExperts,
  createDraft,
  publishChallenge,
  recordOpinion,
  rejectChallenge,
  returnForRevision,
  sendToReview,
  submitChallenge,
  updateDraft,
  withdrawChallenge,
} from "../../app/models/challenge/challenge.server";
import {
  declareFailed,
  confirmIndicators,
  recordAcceptance,
  recordPayment,
  recordSigning,
  selectWinner,
  terminateChallenge,
} from "../../app/models/challenge/delivery.server";
import { canReadBid } from "../../app/models/challenge/policy.server";
import { decideMilestoneReport, submitMilestoneReport } from "../../app/models/challenge/milestone-report.server";
import { getChallengePage } from "../../app/models/challenge/queries.server";
import { listExpertsFor } from "../../app/models/challenge/expert-picker.server";
import { ConflictError, DomainError, ForbiddenError, InvalidInputError, NotFoundError } from "../../app/utils/errors";
import type { CurrentUser } from "../../app/models/shared/session.server";
import { challengeSchema, scoreSchema } from "../../app/schemas/challenge";
import { challengeStatusLabels } from "../../app/utils/labels";
import { fenToWan, fenToWanInput, formatBounty, wanToFen } from "../../app/utils/money";
import { formatDate, lastDayOf } from "../../app/utils/time";
import { freshDb, onPostgres, orgIdByName } from "../support/db";
import {
  ALL_STATUSES,
  BID_A,
  BID_B,
  EARLY_NOTE,
  HAIJU,
  SCITC,
  SCU,
  addMember,
  asUser,
  bidInput,
  cast,
  challengeForm,
  challengeInput,
  dateInDays,
  daysFromNow,
  driveTo,
  eventsOf,
  noticesOf,
  passDeadline,
  snapshot,
  statusOf,
  type CastKey,
  type Driven,
} from "../support/challenges";

const TITLE = challengeInput().title;

async function rowOf(db: DB, id: number) {
  return db.selectFrom("challenges").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}

/** Expert scores on the bids of one challenge (the demo seed scores its own 榜单 too). */
async function scoresOn(db: DB, challengeId: number) {
  return db
    .selectFrom("bid_scores")
    .innerJoin("bids", "bids.id", "bid_scores.bid_id")
    .select(["bid_scores.bid_id", "bid_scores.expert_id", "bid_scores.advanced"])
    .where("bids.challenge_id", "=", challengeId)
    .execute();
}

async function bidRows(db: DB, challengeId: number) {
  return db
    .selectFrom("bids")
    .select(["id", "org_id", "status", "outcome_reason", "outcome_note"])
    .where("challenge_id", "=", challengeId)
    .orderBy("id")
    .execute();
}

/** The error a promise rejects with (fails the test if it resolves). */
async function refusal(p: Promise<unknown>): Promise<DomainError> {
  const outcome = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(outcome, "expected the call to be refused").toBeInstanceOf(DomainError);
  return outcome as DomainError;
}

describe("揭榜挂帅 happy path: draft → 兑现", () => {
  it("walks every step through the models, recording who moved it, from where to where, and why", async () => {
    const db = await freshDb({ demo: true });
    const c = await cast(db);

    const id = await createDraft(db, c.owner, challengeInput());
    await submitChallenge(db, c.owner, id);
    await sendToReview(db, c.bureau, id, [c.expert.id]);
    await recordOpinion(db, c.expert, id, { recommendation: "publish", opinion: "需求真实，指标明确，建议发布。" });
    await publishChallenge(db, c.bureau, id, { deadline: daysFromNow(30).toISOString(), indicators: null, bountyFen: null, note: "同意立题" });
    const a = await submitBid(db, c.bidderA, id, bidInput(BID_A.marker, BID_A.priceWan));
    const b = await submitBid(db, c.bidderB, id, bidInput(BID_B.marker, BID_B.priceWan));
    await passDeadline(db, id);
    expect(await statusOf(db, id)).toBe("evaluating");
    await scoreBid(db, c.expert, id, { bidId: a, advanced: 5, feasibility: 4, team: 4, price: 3, comment: "路线可行" });
    await selectWinner(db, c.owner, id, a, { [b]: { code: "price_high", note: "报价高于同类方案" } });
    const signing = {
      signedOn: dateInDays(0),
      amountFen: 48_000_000,
      milestones: [
        { dueOn: dateInDays(180), title: "完成实验室小试" },
        { dueOn: dateInDays(360), title: "完成中试" },
      ],
    };
    // The 中选公示 is running: signing waits for the end of its objection period.
    const award = await db.selectFrom("award_notices").select("period_ends_at").where("challenge_id", "=", id).executeTakeFirstOrThrow();
    await expect(recordSigning(db, c.owner, id, signing)).rejects.toMatchObject({ status: 409, message: expect.stringMatching(/中选公示期至/) });
    await recordSigning(db, c.owner, id, signing, new Date(award.period_ends_at));
    const [m1, m2] = await db.selectFrom("milestones").select("id").where("challenge_id", "=", id).orderBy("id").execute();
    for (const m of [m1, m2]) {
      const r = await submitMilestoneReport(db, c.bidderA, id, m.id, { text: "本阶段完成，指标达到要求。", earlyNote: EARLY_NOTE });
      await decideMilestoneReport(db, c.owner, id, r, { accept: true });
    }
    await expect(recordAcceptance(db, c.bureau, id, { acceptedOn: dateInDays(0), score: 85, level: "good", note: null })).rejects.toMatchObject({
      status: 409,
      message: "发榜企业尚未确认考核指标已达成，确认后才能验收。",
    });
    // Confirmed at 07:30 北京时间 tomorrow, still today in UTC: the day recorded is 北京时间's.
    const early = new Date(`${dateInDays(1)}T07:30:00+08:00`);
    await confirmIndicators(db, c.owner, id, "盐回收率 87%，COD 420 mg/L，指标全部达成。", early);
    expect((await rowOf(db, id)).owner_confirmed_on).toBe(dateInDays(1));
    await recordAcceptance(db, c.bureau, id, { acceptedOn: dateInDays(0), score: 85, level: "good", note: null });
    await recordPayment(db, c.owner, id, { paidOn: dateInDays(0), amountFen: 50_000_000 });

    expect(await rowOf(db, id)).toMatchObject({
      status: "closed",
      winner_bid_id: a,
      contract_amount_fen: 48_000_000,
      acceptance_score: 85,
      acceptance_level: "good",
      paid_amount_fen: 50_000_000,
      status_reason: null,
    });
    expect(await bidRows(db, id)).toEqual([
      { id: a, org_id: c.bidderA.orgId, status: "selected", outcome_reason: null, outcome_note: null },
      { id: b, org_id: c.bidderB.orgId, status: "not_selected", outcome_reason: "price_high", outcome_note: "报价高于同类方案" },
    ]);

    const ev = (action: string, from: ChallengeStatus | null, to: ChallengeStatus | null, reason: string | null, who: CurrentUser) => ({
      action,
      from_state: from,
      to_state: to,
      reason,
      actor_id: who.id,
    });
    expect(await eventsOf(db, "challenge", id)).toEqual([
      ev("create", null, "draft", null, c.owner),
      ev("submit", "draft", "submitted", null, c.owner),
      ev("send_to_review", "submitted", "under_review", null, c.bureau),
      ev("opinion", null, null, "需求真实，指标明确，建议发布。", c.expert),
      ev("publish", "under_review", "published", "同意立题", c.bureau),
      ev("select", "evaluating", "selected", null, c.owner),
      ev("award_publish", null, "selected", `异议期至 ${formatDate(lastDayOf(award.period_ends_at))}`, c.owner),
      ev("sign", "selected", "contracted", null, c.owner),
      ev("report_milestone", "contracted", "in_progress", "里程碑“完成实验室小试”", c.bidderA),
      ev("review_report", "in_progress", "in_progress", "确认里程碑“完成实验室小试”的报告", c.owner),
      ev("report_milestone", "in_progress", "in_progress", "里程碑“完成中试”", c.bidderA),
      ev("review_report", "in_progress", "in_progress", "确认里程碑“完成中试”的报告", c.owner),
      ev("confirm", "in_progress", "in_progress", "盐回收率 87%，COD 420 mg/L，指标全部达成。", c.owner),
      ev("accept", "in_progress", "accepted", "验收良好（85 分）", c.bureau),
      ev("pay", "accepted", "closed", null, c.owner),
    ]);
    // Amounts are fields of their steps (read by the parties only), not text in a reason.
    const amounts = await db.selectFrom("audit_events").select(["action", "amount_fen"]).where("entity", "=", "challenge").where("entity_id", "=", id).where("amount_fen", "is not", null).orderBy("id").execute();
    expect(amounts).toEqual([{ action: "sign", amount_fen: 48_000_000 }, { action: "pay", amount_fen: 50_000_000 }]);
    expect(await eventsOf(db, "bid", a)).toEqual([
      { action: "submit", from_state: null, to_state: "submitted", reason: null, actor_id: c.bidderA.id },
      { action: "score", from_state: null, to_state: null, reason: null, actor_id: c.expert.id },
    ]);
  });

  it("tells each party what happened: bids received, selected, not selected with the reason, paid", async () => {
    const db = await freshDb({ demo: true });
    const d = await driveTo(db, "closed");
    const { owner, bidderA, bidderB, expert } = d.cast;
    const link = `/challenges/${d.id}`;

    expect(await noticesOf(db, owner.id)).toEqual(
      expect.arrayContaining([
        { kind: "bid_received", title: `榜单“${TITLE}”收到新的揭榜申请`, body: `来自 ${SCITC}`, link },
        { kind: "bid_received", title: `榜单“${TITLE}”收到新的揭榜申请`, body: `来自 ${SCU}`, link },
      ]),
    );
    expect(await noticesOf(db, expert.id)).toContainEqual(expect.objectContaining({ kind: "expert_assigned", link }));
    expect(await noticesOf(db, bidderA.id)).toEqual(
      expect.arrayContaining([
        { kind: "bid_selected", title: `恭喜！贵单位揭榜“${TITLE}”中选`, body: "请与发榜企业联系签约事宜。", link },
        { kind: "paid", title: `“${TITLE}”榜额已兑现`, body: "50.00 万元", link },
      ]),
    );
    const loser = await noticesOf(db, bidderB.id);
    expect(loser).toEqual([{ kind: "bid_not_selected", title: `贵单位对“${TITLE}”的揭榜未中选`, body: "原因：报价过高。报价高于同类方案", link }]);

    // The losing bidder also reads the reason on its own bid.
    const own = await getOwnBid(db, bidderB, d.id);
    expect(own).toMatchObject({ status: "not_selected", outcome_reason: "price_high", outcome_note: "报价高于同类方案" });
  });
});

describe("退回修改 (returned for revision)", () => {
  it("puts the challenge back to draft with the reason, tells the enterprise, and lets it edit and resubmit", async () => {
    const db = await freshDb({ demo: true });
    const d = await driveTo(db, "submitted");
    const { owner, bureau } = d.cast;
    const reason = "请补充主要技术指标的量化要求";

    await returnForRevision(db, bureau, d.id, reason);

    expect(await rowOf(db, d.id)).toMatchObject({ status: "draft", status_reason: reason });
    expect((await eventsOf(db, "challenge", d.id)).at(-1)).toEqual({
      action: "return",
      from_state: "submitted",
      to_state: "draft",
      reason,
      actor_id: bureau.id,
    });
    expect(await noticesOf(db, owner.id)).toContainEqual({
      kind: "returned",
      title: `榜单“${TITLE}”被退回修改`,
      body: reason,
      link: `/challenges/${d.id}`,
    });
    const page = await getChallengePage(db, owner, d.id);
    expect(page.challenge.statusReason).toBe(reason);
    expect(page.actions).toEqual(expect.arrayContaining(["edit", "submit"]));

    const { version } = await rowOf(db, d.id);
    await updateDraft(db, owner, d.id, version, challengeInput({ indicators: "5℃ 下表干 ≤3 小时，实干 ≤20 小时；附着力 0 级。" }));
    expect(await rowOf(db, d.id)).toMatchObject({ status: "draft", version: version + 1, indicators: "5℃ 下表干 ≤3 小时，实干 ≤20 小时；附着力 0 级。" });

    await submitChallenge(db, owner, d.id);
    expect(await rowOf(db, d.id)).toMatchObject({ status: "submitted", status_reason: null });
  });
});

// ---------------------------------------------------------------------------------------------
// Every workflow step, its legal states, who performs it in the happy path, and how to attempt it.
// ---------------------------------------------------------------------------------------------

interface Step {
  legal: ChallengeStatus[];
  /** Who may do it (by the 揭榜挂帅 rules); `actor` is the one the wrong-state table uses. */
  allowed: CastKey[];
  actor: CastKey;
  /** Goes through transitionChallenge, whose conflict message names the current state. */
  transition: boolean;
  run: (db: DB, u: CurrentUser, d: Driven) => Promise<unknown>;
  /** What must exist before the step can be taken in its first legal state (beyond driveTo). */
  prepare?: (db: DB, d: Driven) => Promise<void>;
  /** States in which `actor` holds the role the step needs (the winning team exists from 定榜 on). */
  actorIn?: ChallengeStatus[];
}

const reasonsFor = (d: Driven) => (d.bids ? { [d.bids.b]: { code: "price_high" as const, note: null } } : {});

const STEPS: Record<string, Step> = {
  edit: {
    legal: ["draft"],
    allowed: ["owner"],
    actor: "owner",
    transition: true,
    run: async (db, u, d) => updateDraft(db, u, d.id, (await rowOf(db, d.id)).version, challengeInput({ title: "被改掉的榜单名称" })),
  },
  submit: { legal: ["draft"], allowed: ["owner"], actor: "owner", transition: true, run: (db, u, d) => submitChallenge(db, u, d.id) },
  return: { legal: ["submitted"], allowed: ["bureau"], actor: "bureau", transition: true, run: (db, u, d) => returnForRevision(db, u, d.id, "请补充") },
  send_to_review: {
    legal: ["submitted"],
    allowed: ["bureau"],
    actor: "bureau",
    transition: true,
    run: (db, u, d) => sendToReview(db, u, d.id, [d.cast.expert2.id]),
  },
  assign_experts: {
    legal: ["under_review", "evaluating"],
    allowed: ["bureau"],
    actor: "bureau",
    transition: true,
    run: (db, u, d) => assignExperts(db, u, d.id, [d.cast.expert2.id]),
  },
  publish: {
    legal: ["under_review"],
    allowed: ["bureau"],
    actor: "bureau",
    transition: true,
    // The assigned expert has given no opinion here: publishing takes the override (expert-picker.test).
    run: (db, u, d) => publishChallenge(db, u, d.id, { deadline: daysFromNow(20).toISOString(), indicators: null, bountyFen: null, note: null, override: { reason: "专家意见随后补交" } }),
  },
  reject: { legal: ["under_review"], allowed: ["bureau"], actor: "bureau", transition: true, run: (db, u, d) => rejectChallenge(db, u, d.id, "不宜立题") },
  give_opinion: {
    legal: ["under_review"],
    allowed: ["expert"],
    actor: "expert",
    transition: false,
    run: (db, u, d) => recordOpinion(db, u, d.id, { recommendation: "revise", opinion: "指标需量化。" }),
  },
  withdraw: { legal: ["published"], allowed: ["owner"], actor: "owner", transition: true, run: (db, u, d) => withdrawChallenge(db, u, d.id, "已自行解决") },
  bid: {
    legal: ["published"],
    allowed: ["researcher", "otherEnt", "expert", "expert2", "bidderA", "bidderB"],
    actor: "researcher",
    transition: false,
    run: (db, u, d) => submitBid(db, u, d.id, bidInput("MARK-LATE-BID")),
  },
  score_bids: {
    legal: ["evaluating"],
    allowed: ["expert"],
    actor: "expert",
    transition: false,
    run: (db, u, d) => scoreBid(db, u, d.id, { bidId: d.bids?.a ?? 999_999, advanced: 4, feasibility: 4, team: 4, price: 4, comment: null }),
  },
  select: {
    legal: ["evaluating"],
    allowed: ["owner", "bureau"],
    actor: "owner",
    transition: true,
    run: (db, u, d) => selectWinner(db, u, d.id, d.bids?.a ?? 999_999, reasonsFor(d)),
  },
  fail: { legal: ["evaluating"], allowed: ["owner", "bureau"], actor: "owner", transition: true, run: (db, u, d) => declareFailed(db, u, d.id, "无合格方案") },
  sign: {
    legal: ["selected"],
    allowed: ["owner", "bureau"],
    actor: "owner",
    transition: true,
    run: (db, u, d) => recordSigning(db, u, d.id, { signedOn: dateInDays(0), amountFen: 1_000_000, milestones: [{ dueOn: dateInDays(90), title: "完成小试" }] }),
  },
  report_milestone: {
    legal: ["contracted", "in_progress"],
    allowed: ["bidderA"],
    actor: "bidderA",
    actorIn: ["selected", "contracted", "in_progress", "accepted", "closed", "terminated"],
    transition: true,
    run: (db, u, d) => submitMilestoneReport(db, u, d.id, d.milestoneIds[0] ?? 999_999, { text: "小试完成，指标达到要求。", earlyNote: EARLY_NOTE }),
  },
  review_report: {
    legal: ["contracted", "in_progress"],
    allowed: ["owner", "bureau"],
    actor: "owner",
    transition: true,
    run: (db, u, d) => decideMilestoneReport(db, u, d.id, d.reportIds[0] ?? 999_999, { accept: false, reason: "请补充检测报告" }),
    // Driven to 已签约 nothing is reported yet: the team reports the first milestone.
    prepare: async (db, d) => {
      d.reportIds.push(await submitMilestoneReport(db, d.cast.bidderA, d.id, d.milestoneIds[0], { text: "小试完成，指标达到要求。", earlyNote: EARLY_NOTE }));
    },
  },
  accept: {
    legal: ["in_progress"],
    allowed: ["bureau"],
    actor: "bureau",
    transition: true,
    run: (db, u, d) => recordAcceptance(db, u, d.id, { acceptedOn: dateInDays(0), score: 90, level: "excellent", note: null }),
  },
  terminate: {
    legal: ["contracted", "in_progress"],
    allowed: ["bureau"],
    actor: "bureau",
    transition: true,
    run: (db, u, d) => terminateChallenge(db, u, d.id, "无法继续"),
  },
  pay: {
    legal: ["accepted"],
    allowed: ["owner", "bureau"],
    actor: "owner",
    transition: true,
    run: (db, u, d) => recordPayment(db, u, d.id, { paidOn: dateInDays(0), amountFen: 50_000_000 }),
  },
};

const PRE_PUBLICATION: ChallengeStatus[] = ["draft", "submitted", "under_review", "rejected"];

/** Whether someone may see the challenge at all in this state (otherwise: NotFound, never 403). */
function mayRead(who: CastKey, state: ChallengeStatus): boolean {
  if (!PRE_PUBLICATION.includes(state)) return true;
  if (who === "owner" || who === "bureau") return true;
  // expert@demo.test is assigned when the bureau sends the challenge to review.
  return who === "expert" && (state === "under_review" || state === "rejected");
}

describe("every step is refused from a wrong state (ConflictError 409), changing nothing", () => {
  it.each(ALL_STATUSES)("in %s", async (state) => {
    const db = await freshDb({ demo: true });
    const d = await driveTo(db, state);
    const wrong = Object.entries(STEPS).filter(([, s]) => !s.legal.includes(state));
    expect(wrong.length).toBeGreaterThan(0);
    for (const [name, step] of wrong) {
      const before = await snapshot(db, d.id);
      const e = await refusal(step.run(db, d.cast[step.actor], d));
      if (step.actorIn && !step.actorIn.includes(state)) {
        // Not (yet) the one the rules name, whatever the state: 403, or 404 where unseen.
        expect(e, `${name} in ${state}`).toBeInstanceOf(mayRead(step.actor, state) ? ForbiddenError : NotFoundError);
      } else if (mayRead(step.actor, state)) {
        expect(e, `${name} in ${state}`).toBeInstanceOf(ConflictError);
        expect(e.status).toBe(409);
        if (step.transition) expect(e.message, `${name} in ${state}`).toContain(`当前为“${challengeStatusLabels[state]}”`);
        else expect(e.message).toMatch(/[\u4e00-\u9fff]/);
      } else {
        // Not yet assigned / not yet public: the actor may not even learn it exists.
        expect(e, `${name} in ${state}`).toBeInstanceOf(NotFoundError);
      }
      expect(await snapshot(db, d.id), `${name} in ${state} changed the database`).toEqual(before);
    }
  });
});

describe("every step is refused for the wrong person (403, or 404 where they may not see it), changing nothing", () => {
  const everyone = Object.keys({ owner: 1, bureau: 1, expert: 1, expert2: 1, bidderA: 1, bidderB: 1, researcher: 1, otherEnt: 1, pending: 1 }) as CastKey[];

  it.each(Object.entries(STEPS))("%s", async (name, step) => {
    const db = await freshDb({ demo: true });
    const state = step.legal[0];
    const d = await driveTo(db, state);
    await step.prepare?.(db, d);
    for (const who of everyone.filter((w) => !step.allowed.includes(w))) {
      const before = await snapshot(db, d.id);
      const e = await refusal(step.run(db, d.cast[who], d));
      if (!mayRead(who, state)) expect(e, `${who} → ${name}`).toBeInstanceOf(NotFoundError);
      else expect(e instanceof ForbiddenError || e instanceof NotFoundError, `${who} → ${name}: ${e.constructor.name} ${e.message}`).toBe(true);
      expect(e.message).toMatch(/[\u4e00-\u9fff]/);
      expect(await snapshot(db, d.id), `${who} → ${name} changed the database`).toEqual(before);
    }
    // …while the person the rules name succeeds from the same state.
    await step.run(db, d.cast[step.actor], d);
  });

  it("a bureau-role user whose membership is only pending cannot act for the bureau", async () => {
    const db = await freshDb({ demo: true });
    const d = await driveTo(db, "submitted");
    const clerkId = await addMember(db, { email: "clerk@example.test", name: "新科员", role: "bureau", org: "广元市利州区科学技术局" });
    await db.updateTable("users").set({ membership_status: "pending" }).where("id", "=", clerkId).execute();
    const clerk = await asUser(db, "clerk@example.test");
    const before = await snapshot(db, d.id);
    await expect(returnForRevision(db, clerk, d.id, "冒充")).rejects.toBeInstanceOf(NotFoundError);
    expect(await snapshot(db, d.id)).toEqual(before);
  });
});

describe("认证: an unverified enterprise", () => {
  it("may write a draft but not submit it; the message says why (认证)", async () => {
    const db = await freshDb({ demo: true });
    const pending = await asUser(db, "pending@demo.test");
    const id = await createDraft(db, pending, challengeInput());

    const e = await refusal(submitChallenge(db, pending, id));
    expect(e).toBeInstanceOf(ForbiddenError);
    expect(e.message).toContain("认证");
    expect((await rowOf(db, id)).status).toBe("draft");
    expect((await getChallengePage(db, pending, id)).actions).toEqual(["edit"]);
  });

  it("cannot bid either", async () => {
    const db = await freshDb({ demo: true });
    const d = await driveTo(db, "published");
    const e = await refusal(submitBid(db, d.cast.pending, d.id, bidInput()));
    expect(e).toBeInstanceOf(ForbiddenError);
    expect(e.message).toContain("认证");
    expect(await bidRows(db, d.id)).toHaveLength(2);
  });
});

describe("发布 needs a 揭榜截止 in the future", () => {
  it.each([
    ["an hour ago", -3_600_000],
    ["exactly now", 0],
  ])("refuses a deadline %s and leaves the challenge under review", async (_, offset) => {
    const db = await freshDb({ demo: true });
    const d = await driveTo(db, "under_review");
    const now = new Date();
    const before = await snapshot(db, d.id);
    const e = await refusal(
      publishChallenge(db, d.cast.bureau, d.id, { deadline: new Date(now.getTime() + offset).toISOString(), indicators: null, bountyFen: null, note: null }, now),
    );
    expect(e).toBeInstanceOf(InvalidInputError);
    expect(e.fieldErrors.deadline).toEqual(["揭榜截止日期不能早于今天"]);
    expect(await snapshot(db, d.id)).toEqual(before);
  });

  it("publishes with a future deadline, applying the experts' refined 指标 and 榜额", async () => {
    const db = await freshDb({ demo: true });
    const d = await driveTo(db, "under_review");
    const deadline = daysFromNow(45).toISOString();
    await recordOpinion(db, d.cast.expert, d.id, { recommendation: "revise", opinion: "建议提高指标、调整榜额。" });
    await publishChallenge(db, d.cast.bureau, d.id, { deadline, indicators: "5℃ 下表干 ≤3 小时。", bountyFen: 60_000_000, note: "经论证调整榜额" });
    expect(await rowOf(db, d.id)).toMatchObject({ status: "published", deadline, indicators: "5℃ 下表干 ≤3 小时。", bounty_fen: 60_000_000 });
    expect(await noticesOf(db, d.cast.owner.id)).toContainEqual(
      expect.objectContaining({ kind: "published", body: "榜额 60.00 万元" }),
    );
  });
});

describe("利益冲突 (conflict of interest)", () => {
  it("refuses to assign an expert who works for the enterprise itself", async () => {
    const db = await freshDb({ demo: true });
    const d = await driveTo(db, "submitted");
    const insider = await addMember(db, { email: "haiju-expert@example.test", name: "海聚 总工", role: "expert", org: HAIJU });
    const before = await snapshot(db, d.id);

    const e = await refusal(sendToReview(db, d.cast.bureau, d.id, [d.cast.expert.id, insider]));
    expect(e).toBeInstanceOf(InvalidInputError);
    expect(e.fieldErrors.expertIds[0]).toContain("利益冲突");
    expect(e.fieldErrors.expertIds[0]).toContain(`海聚 总工（${HAIJU}）`);
    expect(await snapshot(db, d.id)).toEqual(before);
    // The bureau's picker marks the conflict before anyone clicks.
    expect((await listExpertsFor(db, d.id)).experts.find((x) => x.id === insider)).toMatchObject({ conflict: "owner" });
  });

  it("refuses to assign an expert from an organisation that has bid", async () => {
    const db = await freshDb({ demo: true });
    const d = await driveTo(db, "evaluating");
    const colleague = await addMember(db, { email: "scitc-expert@example.test", name: "信息学院 专家", role: "expert", org: SCITC });
    const before = await snapshot(db, d.id);

    const e = await refusal(assignExperts(db, d.cast.bureau, d.id, [colleague]));
    expect(e).toBeInstanceOf(InvalidInputError);
    expect(e.fieldErrors.expertIds[0]).toMatch(/^利益冲突：信息学院 专家（四川信息职业技术学院）/);
    expect(await snapshot(db, d.id)).toEqual(before);

    // An expert without a conflict is assigned, and told.
    await assignExperts(db, d.cast.bureau, d.id, [d.cast.expert2.id]);
    expect(await noticesOf(db, d.cast.expert2.id)).toContainEqual(expect.objectContaining({ kind: "expert_assigned", title: `请评审榜单“${TITLE}”` }));
  });

  async function expertWhoseOrgBidsLater(db: DB) {
    const c = await cast(db);
    const scuExpertId = await addMember(db, { email: "scu-expert@example.test", name: "川大 王教授", role: "expert", org: SCU });
    const id = await createDraft(db, c.owner, challengeInput());
    await submitChallenge(db, c.owner, id);
    await sendToReview(db, c.bureau, id, [c.expert.id, scuExpertId]);
    await recordOpinion(db, c.expert, id, { recommendation: "publish", opinion: "建议发布。" });
    await recordOpinion(db, await asUser(db, "scu-expert@example.test"), id, { recommendation: "publish", opinion: "建议发布。" });
    await publishChallenge(db, c.bureau, id, { deadline: daysFromNow(30).toISOString(), indicators: null, bountyFen: null, note: null });
    const a = await submitBid(db, c.bidderA, id, bidInput(BID_A.marker, BID_A.priceWan));
    const b = await submitBid(db, c.bidderB, id, bidInput(BID_B.marker, BID_B.priceWan)); // 四川大学: the expert's own organisation
    await passDeadline(db, id);
    return { c, id, a, b, scuExpert: await asUser(db, "scu-expert@example.test") };
  }

  it("an assigned expert whose organisation later bids cannot score, and says why", async () => {
    const db = await freshDb({ demo: true });
    const { c, id, a, b, scuExpert } = await expertWhoseOrgBidsLater(db);

    for (const bidId of [a, b]) {
      const e = await refusal(scoreBid(db, scuExpert, id, { bidId, advanced: 5, feasibility: 5, team: 5, price: 5, comment: null }));
      expect(e).toBeInstanceOf(ForbiddenError);
      expect(e.message).toContain("利益冲突");
    }
    expect(await scoresOn(db, id)).toEqual([]);
    // The other assigned expert, without a conflict, scores.
    await scoreBid(db, c.expert, id, { bidId: a, advanced: 4, feasibility: 4, team: 4, price: 4, comment: null });
    expect(await scoresOn(db, id)).toEqual([{ bid_id: a, expert_id: c.expert.id, advanced: 4 }]);
  });

  it("an assigned expert whose organisation later bids reads no other bid on the page", async () => {
    const db = await freshDb({ demo: true });
    const { id, b, scuExpert } = await expertWhoseOrgBidsLater(db);

    const page = await getChallengePage(db, scuExpert, id);
    const json = JSON.stringify(page);
    expect(json).not.toContain(BID_A.marker);
    expect(json).not.toContain(String(BID_A.priceFen));
    expect(page.details!.seesAllBids).toBe(false);
    expect(page.details!.bids.map((x) => x.id)).toEqual([b]); // only the bid of the expert's own organisation
    expect(page.actions).not.toContain("score_bids");
    expect((await listBidsForViewer(db, scuExpert, id)).bids.map((x) => x.id)).toEqual([b]);
  });

  it("the policy's canReadBid itself refuses a conflicted expert another organisation's bid", async () => {
    // canReadBid is the policy table's rule for reading a bid; listBidsForViewer happens to filter
    // first, but any other reader (a bid detail page, an export) asking canReadBid must get "no".
    const db = await freshDb({ demo: true });
    const { id, scuExpert } = await expertWhoseOrgBidsLater(db);
    const scitcOrg = await orgIdByName(db, SCITC);
    const ctx = { status: "evaluating" as const, orgId: await orgIdByName(db, HAIJU), assignedExpert: true, viewerOrgBid: true, viewerOrgWon: false, ownerConfirmed: false, signingGate: null };
    expect(await statusOf(db, id)).toBe("evaluating");
    expect(canReadBid(scuExpert, scitcOrg, ctx)).toBe(false);
  });
});

describe("评分 (scores 1–5 and their averages)", () => {
  it.each(["0", "6", "4.5", "", "五", "10"])("the score form refuses %j", (v) => {
    const r = scoreSchema.safeParse({ bidId: "1", advanced: v, feasibility: "3", team: "3", price: "3" });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]).toMatchObject({ path: ["advanced"], message: expect.stringMatching(/技术先进性/) });
  });

  it("accepts 1 and 5", () => {
    expect(scoreSchema.parse({ bidId: "1", advanced: "1", feasibility: "5", team: "3", price: "2" })).toMatchObject({ advanced: 1, feasibility: 5 });
  });

  it("averages the assigned experts' scores for the enterprise; an expert may revise their own", async () => {
    const db = await freshDb({ demo: true });
    const d = await driveTo(db, "evaluating");
    const { bureau, expert, expert2, owner } = d.cast;
    await assignExperts(db, bureau, d.id, [expert2.id]);
    const a = d.bids!.a;

    await scoreBid(db, expert, d.id, { bidId: a, advanced: 5, feasibility: 4, team: 3, price: 2, comment: "先进" });
    await scoreBid(db, expert2, d.id, { bidId: a, advanced: 4, feasibility: 4, team: 4, price: 4, comment: null });
    let scores = (await getChallengePage(db, owner, d.id)).details!.scores;
    expect(scores[a]).toMatchObject({ count: 2, avg: { advanced: 4.5, feasibility: 4, team: 3.5, price: 3, total: 15 } });
    expect(scores[d.bids!.b]).toMatchObject({ count: 0, avg: null });

    await scoreBid(db, expert, d.id, { bidId: a, advanced: 5, feasibility: 5, team: 3, price: 2, comment: "修订" });
    scores = (await getChallengePage(db, owner, d.id)).details!.scores;
    expect(scores[a]).toMatchObject({ count: 2, avg: { feasibility: 4.5, total: 15.5 } });
    expect((await getChallengePage(db, expert, d.id)).details!.scores[a].mine).toEqual({ advanced: 5, feasibility: 5, team: 3, price: 2, comment: "修订" });
  });

  it("a score outside 1–5 that bypasses the form is still not stored", async () => {
    const db = await freshDb({ demo: true });
    const d = await driveTo(db, "evaluating");
    await expect(scoreBid(db, d.cast.expert, d.id, { bidId: d.bids!.a, advanced: 6, feasibility: 4, team: 4, price: 4, comment: null })).rejects.toThrow();
    await expect(scoreBid(db, d.cast.expert, d.id, { bidId: d.bids!.a, advanced: 0, feasibility: 4, team: 4, price: 4, comment: null })).rejects.toThrow();
    expect(await scoresOn(db, d.id)).toEqual([]);
  });

  it("scores only bids of this challenge (a forged bidId is NotFound)", async () => {
    const db = await freshDb({ demo: true });
    const d = await driveTo(db, "evaluating");
    const other = await driveTo(db, "evaluating");
    await expect(scoreBid(db, d.cast.expert, d.id, { bidId: other.bids!.a, advanced: 4, feasibility: 4, team: 4, price: 4, comment: null })).rejects.toBeInstanceOf(NotFoundError);
    expect(await scoresOn(db, d.id)).toEqual([]);
    expect(await scoresOn(db, other.id)).toEqual([]);
  });
});

describe("定榜 (selection)", () => {
  it("needs a reason for every bidder not selected, and changes nothing without one", async () => {
    const db = await freshDb({ demo: true });
    const d = await driveTo(db, "evaluating");
    const before = await snapshot(db, d.id);

    const e = await refusal(selectWinner(db, d.cast.owner, d.id, d.bids!.a, {}));
    expect(e).toBeInstanceOf(InvalidInputError);
    expect(e.fieldErrors.reasons).toEqual(["请为每个未中选的揭榜单位选择原因"]);
    expect(await snapshot(db, d.id)).toEqual(before);
  });

  it("refuses a winner that is not a bid on this challenge", async () => {
    const db = await freshDb({ demo: true });
    const d = await driveTo(db, "evaluating");
    const other = await driveTo(db, "published");
    const before = await snapshot(db, d.id);

    const e = await refusal(selectWinner(db, d.cast.bureau, d.id, other.bids!.a, { [d.bids!.a]: { code: "other", note: null }, [d.bids!.b]: { code: "other", note: null } }));
    expect(e).toBeInstanceOf(InvalidInputError);
    expect(e.fieldErrors.winnerBidId).toEqual(["请从本榜单的有效揭榜申请中选择"]);
    expect(await snapshot(db, d.id)).toEqual(before);
  });

  it("records the reason on the losing bid and tells its organisation", async () => {
    const db = await freshDb({ demo: true });
    const d = await driveTo(db, "evaluating");
    await selectWinner(db, d.cast.bureau, d.id, d.bids!.b, { [d.bids!.a]: { code: "route_mismatch", note: "未覆盖 5℃ 工况" } });

    expect(await bidRows(db, d.id)).toEqual([
      { id: d.bids!.a, org_id: d.cast.bidderA.orgId, status: "not_selected", outcome_reason: "route_mismatch", outcome_note: "未覆盖 5℃ 工况" },
      { id: d.bids!.b, org_id: d.cast.bidderB.orgId, status: "selected", outcome_reason: null, outcome_note: null },
    ]);
    expect(await noticesOf(db, d.cast.bidderA.id)).toContainEqual(
      expect.objectContaining({ kind: "bid_not_selected", body: "原因：技术路线不匹配。未覆盖 5℃ 工况" }),
    );
    expect((await rowOf(db, d.id)).winner_bid_id).toBe(d.bids!.b);
  });
});

describe("流标 (no qualified bid)", () => {
  it("gives every bidder the reason, on its bid and in its inbox", async () => {
    const db = await freshDb({ demo: true });
    const d = await driveTo(db, "evaluating");
    const reason = "所有方案均未达到 5℃ 固化指标";
    await declareFailed(db, d.cast.bureau, d.id, reason);

    expect(await rowOf(db, d.id)).toMatchObject({ status: "failed", status_reason: reason, winner_bid_id: null });
    for (const bid of await bidRows(db, d.id)) {
      expect(bid).toMatchObject({ status: "not_selected", outcome_reason: "failed", outcome_note: reason });
    }
    for (const bidder of [d.cast.bidderA, d.cast.bidderB]) {
      expect(await noticesOf(db, bidder.id)).toContainEqual({
        kind: "bid_not_selected",
        title: `榜单“${TITLE}”流标`,
        body: `原因：${reason}`,
        link: `/challenges/${d.id}`,
      });
    }
    expect((await eventsOf(db, "challenge", d.id)).at(-1)).toMatchObject({ action: "fail", from_state: "evaluating", to_state: "failed", reason });
  });

  it("撤榜 tells every bidder too", async () => {
    const db = await freshDb({ demo: true });
    const d = await driveTo(db, "withdrawn");
    for (const bidder of [d.cast.bidderA, d.cast.bidderB]) {
      expect(await noticesOf(db, bidder.id)).toContainEqual(expect.objectContaining({ kind: "withdrawn", body: "企业已自行解决该技术问题。" }));
    }
  });
});

describe("money stays integer 分", () => {
  it("turns a bounty of 12.345678 万元 into exactly 12,345,678 分", () => {
    expect(challengeSchema.parse(challengeForm({ bounty: "12.345678" })).bounty).toBe(12_345_678);
    expect(challengeSchema.parse(challengeForm({ bounty: "０" })).bounty).toBe(0);
    expect(challengeSchema.parse(challengeForm({ bounty: "1,000" })).bounty).toBe(1_000_000_000);
    expect(challengeSchema.parse(challengeForm({ investment: "" })).investment).toBeNull();
  });

  it.each(["12.3456789", "-5", "abc", "1e9", "1000000000", "12.", ".5", "0x10", ""])("refuses the bounty %j with a message", (bounty) => {
    const r = challengeSchema.safeParse(challengeForm({ bounty }));
    expect(r.success).toBe(false);
    expect(r.error!.issues.find((i) => i.path[0] === "bounty")?.message).toMatch(/榜额/);
  });

  it.each([0, 1, 9, 4_999, 5_000, 999_999, 1_000_000, 12_345_678, 50_000_000, 999_999_999_999_999])(
    "round-trips %d 分 exactly through the form value (fenToWanInput → wanToFen)",
    (fen) => {
      expect(wanToFen(fenToWanInput(fen))).toBe(fen);
    },
  );

  it.each([0, 10_000, 1_000_000, 12_340_000, 50_000_000, 999_999_990_000])("round-trips %d 分 through the 两位小数 display (fenToWan → wanToFen)", (fen) => {
    expect(wanToFen(fenToWan(fen))).toBe(fen);
  });

  it("shows 万元 with two decimals, rounding half up to 100 元", () => {
    expect(fenToWan(12_345_678)).toBe("12.35");
    expect(fenToWan(12_344_999)).toBe("12.34");
    expect(fenToWan(4_999)).toBe("0.00");
    expect(fenToWan(5_000)).toBe("0.01");
    expect(formatBounty(0)).toBe("面议");
    expect(formatBounty(50_000_000)).toBe("50.00 万元");
  });

  it("stores every amount of a finished challenge as an integer (SQLite integer, PostgreSQL bigint)", async () => {
    const db = await freshDb({ demo: true });
    const d = await driveTo(db, "closed", challengeInput({ bounty: "12.345678", investment: "0.000001" }));
    // The stored value's own type, not the column's declared one.
    const typeOf = (column: string) => (onPostgres ? sql`pg_typeof(${sql.ref(column)})::text` : sql`typeof(${sql.ref(column)})`);
    const INTEGER = onPostgres ? "bigint" : "integer";
    const types = await sql<{ b: string; i: string; c: string; p: string }>`
      select ${typeOf("bounty_fen")} b, ${typeOf("investment_fen")} i, ${typeOf("contract_amount_fen")} c, ${typeOf("paid_amount_fen")} p
      from challenges where id = ${d.id}`.execute(db);
    expect(types.rows[0]).toEqual({ b: INTEGER, i: INTEGER, c: INTEGER, p: INTEGER });
    expect(await rowOf(db, d.id)).toMatchObject({ bounty_fen: 12_345_678, investment_fen: 1 });
    const prices = await sql<{ t: string; price_fen: number }>`select ${typeOf("price_fen")} t, price_fen from bids where challenge_id = ${d.id} order by id`.execute(db);
    expect(prices.rows).toEqual([
      { t: INTEGER, price_fen: BID_A.priceFen },
      { t: INTEGER, price_fen: BID_B.priceFen },
    ]);
  });
});
