import { sql } from "kysely";
import type { DB } from "../db/client.server";
import type { ChallengeStatus } from "../db/schema";
import { submitBid, scoreBid } from "../app/models/challenge/bid.server";
import {
  confirmIndicators,
  declareFailed,
  recordAcceptance,
  recordPayment,
  recordSigning,
  selectWinner,
  terminateChallenge,
} from "../app/models/challenge/delivery.server";
import { decideMilestoneReport, submitMilestoneReport } from "../app/models/challenge/milestone-report.server";
import {
  createDraft,
  publishChallenge,
  recordOpinion,
  rejectChallenge,
  sendToReview,
  submitChallenge,
  withdrawChallenge,
} from "../app/models/challenge/challenge.server";
import { extendDeadline } from "../app/models/challenge/deadline.server";
import { followChallenge } from "../app/models/challenge/follow.server";
import { lodgeObjection } from "../app/models/challenge/award.server";
import { beijingDate, endOfBeijingDay } from "../app/utils/time";
import { seedChallenges, type SeedChallenge } from "./challenges";
import { demoFile, withFiles } from "./documents";
import { actorByEmail } from "./actors";

const ORDER: ChallengeStatus[] = ["draft", "submitted", "under_review", "published", "evaluating", "selected", "contracted", "in_progress", "accepted", "closed"];
const reach = (target: ChallengeStatus, step: ChallengeStatus) => {
  const path: Record<string, ChallengeStatus> = { rejected: "under_review", withdrawn: "published", failed: "evaluating", terminated: "in_progress" };
  return ORDER.indexOf(path[target] ?? target) >= ORDER.indexOf(step);
};

/** The day `days` after `now` in 北京时间, the calendar the platform's dates are read in. */
const dayIso = (now: Date, days: number) => beijingDate(new Date(now.getTime() + days * 86_400_000));

/** Drive one seeded 榜单 through the real workflow to its target state. */
async function drive(db: DB, s: SeedChallenge, now: Date): Promise<void> {
  const day = (days: number) => dayIso(now, days);
  const owner = await actorByEmail(db, s.owner);
  const bureau = await actorByEmail(db, "bureau@demo.test");
  // The demo expert (电子科技大学) reviews unless its own university bids: conflict of interest.
  const uestcBids = (s.bids ?? []).some((b) => b.bidder === "uestc@demo.test");
  const experts = await Promise.all(
    (uestcBids ? ["expert2@demo.test", "expert3@demo.test"] : ["expert@demo.test", "expert2@demo.test"]).map((e) => actorByEmail(db, e)),
  );
  const id = await createDraft(db, owner, {
    title: s.title,
    fieldCode: s.field,
    industryCode: s.industry,
    keywords: s.keywords,
    summary: s.summary,
    difficulties: s.difficulties,
    indicators: s.indicators,
    researchContent: s.research,
    bounty: s.bounty * 1_000_000,
    investment: s.investment != null ? s.investment * 1_000_000 : null,
    durationMonths: s.months,
    eligibility: s.eligibility,
    cooperation: s.cooperation,
  }, withFiles([
    await demoFile("spec", `${s.title}需求说明.pdf`, [s.title, "需求说明（公开）", ...s.summary.match(/.{1,36}/gu)!]),
    await demoFile("spec_confidential", "工艺参数与现场条件（保密）.pdf", [s.title, "工艺参数与现场条件（保密）", "仅发榜企业、区科技局、论证专家和中选单位可见。"]),
  ]));
  if (!reach(s.target, "submitted")) return;
  await submitChallenge(db, owner, id);
  if (!reach(s.target, "under_review")) return;
  await sendToReview(db, bureau, id, experts.map((e) => e.id));
  // Every assigned expert gives an opinion: publishing without one needs a recorded override.
  for (const expert of experts) {
    await recordOpinion(db, expert, id, {
      recommendation: s.target === "rejected" ? "reject" : "publish",
      opinion: s.target === "rejected" ? "问题常规，不宜作为揭榜挂帅项目。" : "需求真实、指标明确可考核，榜额与难度相当，建议发布。",
    });
  }
  if (s.target === "rejected") return rejectChallenge(db, bureau, id, s.reason ?? "论证未通过");
  if (!reach(s.target, "published")) return;
  await publishChallenge(db, bureau, id, { deadline: endOfBeijingDay(day(Math.max(s.deadlineDays ?? 10, 1))), indicators: null, bountyFen: null, note: "经形式审查与专家论证，同意立题发布。" }, now);

  const bidIds: number[] = [];
  for (const b of s.bids ?? []) {
    const bidder = await actorByEmail(db, b.bidder);
    bidIds.push(
      await submitBid(db, bidder, id, {
        leaderName: b.leader,
        solution: b.solution,
        team: b.team,
        price: b.price * 1_000_000,
        durationMonths: b.months,
        milestonePlan: b.plan,
        ownership: "yes",
      }, now, withFiles([await demoFile("proposal", `申报书（${bidder.org!.name}）.pdf`, [`揭榜申报书：${s.title}`, `揭榜单位：${bidder.org!.name}`, `团队负责人：${b.leader}`])])),
    );
  }
  if (s.target === "withdrawn") return withdrawChallenge(db, owner, id, s.reason ?? "企业撤榜", now);
  if (!reach(s.target, "evaluating")) return;

  // A signed 榜单 was selected weeks ago, so its 中选公示 period has ended before the signing;
  // the one left in 定榜公示 is selected today, its objection period open.
  const signed = reach(s.target, "contracted");
  const selectedAt = signed ? new Date(now.getTime() - 20 * 86_400_000) : now;
  // The deadline passes: the seed moves the clock, not the status; the status follows from it.
  await db.updateTable("challenges").set({ deadline: endOfBeijingDay(day(signed ? -25 : (s.deadlineDays ?? -5))) }).where("id", "=", id).execute();
  for (const [i, bidId] of bidIds.entries()) {
    for (const [j, e] of experts.entries()) {
      await scoreBid(db, e, id, { bidId, advanced: 5 - i - (j % 2), feasibility: 4 - i, team: 5 - i, price: 4 - (j % 2), comment: i === 0 ? "方案成熟，团队基础扎实。" : "技术路线可行，但与指标匹配度一般。" }, selectedAt);
    }
  }
  if (s.target === "failed") return declareFailed(db, owner, id, s.reason ?? "无合格方案", now);
  if (!reach(s.target, "selected")) return;
  const reasons = Object.fromEntries(
    (s.bids ?? []).flatMap((b, i) => (i === s.winner ? [] : [[bidIds[i], { code: b.lost ?? "other", note: b.note ?? null }]])),
  );
  await selectWinner(db, owner, id, bidIds[s.winner ?? 0], reasons, selectedAt);
  if (s.objection) {
    const award = await db.selectFrom("award_notices").select("id").where("challenge_id", "=", id).executeTakeFirstOrThrow();
    await lodgeObjection(db, await actorByEmail(db, s.objection.by), award.id, { reasons: s.objection.reasons }, now);
  }
  if (!signed) return;
  const winnerPrice = (s.bids ?? [])[s.winner ?? 0].price * 1_000_000;
  await recordSigning(db, owner, id, {
    signedOn: day(-2),
    amountFen: winnerPrice,
    milestones: [
      { dueOn: day(25), title: "完成小试与方案验证" },
      { dueOn: day(240), title: "完成中试" },
      { dueOn: day(360), title: "成果应用与验收准备" },
    ],
  }, now);
  if (!reach(s.target, "in_progress")) return;
  // The winning team reports and the enterprise decides, a few hours apart, all after signing.
  const team = await actorByEmail(db, (s.bids ?? [])[s.winner ?? 0].bidder);
  const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);
  const [first, ...later] = await db.selectFrom("milestones").select("id").where("challenge_id", "=", id).orderBy("due_on").execute();
  const r1 = await submitMilestoneReport(db, team, id, first.id, { text: "小试完成：3 批次小试样品关键指标均达到预期，已形成小试工艺包和阶段报告。", earlyNote: null }, hoursAgo(40));
  await decideMilestoneReport(db, owner, id, r1, { accept: true }, hoursAgo(30));
  const early = "合作前期已完成大部分中试准备，设备与原料到位早于计划，故提前完成。";
  if (s.target === "in_progress") {
    // The demo's 攻关中 榜单 shows a report sent back and reported again, waiting for the enterprise.
    const r2 = await submitMilestoneReport(db, team, id, later[0].id, { text: "中试线已试运行两周，产品主要指标达到考核要求。", earlyNote: early }, hoursAgo(20));
    await decideMilestoneReport(db, owner, id, r2, { accept: false, reason: "缺少第三方检测报告，请补充连续 3 批次中试产品的检测数据后重新提交。" }, hoursAgo(10));
    await submitMilestoneReport(db, team, id, later[0].id, { text: "中试线连续运行 30 天，已补充 3 批次中试产品的第三方检测报告，各项指标均达到考核要求。", earlyNote: early }, hoursAgo(2));
    return;
  }
  if (s.target === "terminated") return terminateChallenge(db, bureau, id, s.reason ?? "终止");
  if (!reach(s.target, "accepted")) return;
  for (const [i, m] of later.entries()) {
    const r = await submitMilestoneReport(db, team, id, m.id, { text: "本阶段工作已完成，检测报告与成果材料已提交发榜企业。", earlyNote: early }, hoursAgo(28 - i * 4));
    await decideMilestoneReport(db, owner, id, r, { accept: true }, hoursAgo(26 - i * 4));
  }
  await confirmIndicators(db, owner, id, "各项考核指标均已达到，检测报告已提交。", now);
  await recordAcceptance(db, bureau, id, { acceptedOn: day(-1), score: 91, level: "excellent", note: "各项考核指标均已达到，验收优秀。" });
  if (!reach(s.target, "closed")) return;
  await recordPayment(db, owner, id, { paidOn: day(0), amountFen: winnerPrice });
}

/** 榜单 dated around `now`, so open deadlines lie ahead of it and signed ones just behind it. */
/** Issue 13 §4 on the demo: a 榜单 two accounts follow, whose deadline the bureau extended. */
async function extendFollowedDeadline(db: DB, now: Date): Promise<void> {
  const c = await db.selectFrom("challenges").select(["id", "deadline", "version"]).where("title", "=", "肠衣加工高盐废水综合利用关键技术").executeTakeFirstOrThrow();
  for (const email of ["researcher@demo.test", "enterprise@demo.test"]) await followChallenge(db, await actorByEmail(db, email), c.id, now);
  const later = endOfBeijingDay(beijingDate(new Date(Date.parse(c.deadline!) + 14 * 86_400_000)));
  const reason = "多家揭榜单位反映需补充中试数据，经研究延长揭榜期两周。";
  await extendDeadline(db, await actorByEmail(db, "bureau@demo.test"), c.id, { deadline: later, reason, version: c.version }, now);
}

export async function seedChallengeDemo(db: DB, now: Date): Promise<number> {
  for (const s of seedChallenges) await drive(db, s, now);
  await extendFollowedDeadline(db, now);
  // Notices created while seeding are history, not news: mark them read so the demo inbox is calm.
  await db.updateTable("notifications").set({ read_at: sql`created_at` }).execute();
  return seedChallenges.length;
}
