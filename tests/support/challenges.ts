/**
 * 揭榜挂帅 fixture: the cast of people around one challenge, valid form inputs, and `driveTo`,
 * which takes a fresh challenge through the real model functions to any state.
 *
 * Cast (on top of the demo accounts in seeds/organizations.ts):
 * - owner       enterprise@demo.test, 企业用户 of the verified 四川海聚环保科技有限公司 (发榜企业)
 * - bureau      bureau@demo.test
 * - expert      expert@demo.test, 专家 at 电子科技大学; assigned when the challenge goes to review
 * - expert2     cib-expert@example.test, 专家 at 中国科学院成都生物研究所; never assigned by driveTo
 * - bidderA     researcher@demo.test, 科研人员 at 四川信息职业技术学院 (bids, and wins)
 * - bidderB     scu-researcher@example.test, 科研人员 at 四川大学 (bids, loses)
 * - researcher  swjtu-researcher@example.test, 科研人员 at 西南交通大学 (verified, never bids)
 * - otherEnt    haipeng@example.test, 企业用户 of the verified 广元市海鹏生物科技有限公司
 * - pending     pending@demo.test, 企业用户 of an UNVERIFIED enterprise
 */
import type { DB } from "../../db/client.server";
import type { ChallengeStatus, UserRole } from "../../db/schema";
import { submitBid } from "../../app/models/challenge/bid.server";
import {
  createDraft,
  publishChallenge,
  recordOpinion,
  rejectChallenge,
  sendToReview,
  submitChallenge,
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
import { decideMilestoneReport, submitMilestoneReport } from "../../app/models/challenge/milestone-report.server";
import { createSession, findSessionUser, type CurrentUser } from "../../app/models/shared/session.server";
import { bidSchema, challengeSchema, type BidInput, type ChallengeInput } from "../../app/schemas/challenge";
import { CHALLENGE_STATUSES } from "../../db/vocabulary";
import { orgIdByName, userIdByEmail } from "./lookups";

export const HAIJU = "四川海聚环保科技有限公司";
export const HAIPENG = "广元市海鹏生物科技有限公司";
export const SCITC = "四川信息职业技术学院";
export const SCU = "四川大学";
export const SWJTU = "西南交通大学";
export const UESTC = "电子科技大学";
export const CIB = "中国科学院成都生物研究所";

/** Every status, so a status added to the vocabulary is walked by the workflow and access tests. */
export const ALL_STATUSES = CHALLENGE_STATUSES;

/** States in which driveTo leaves two bids on the challenge. */
export const STATES_WITH_BIDS: ChallengeStatus[] = [
  "published",
  "evaluating",
  "selected",
  "contracted",
  "in_progress",
  "accepted",
  "closed",
  "failed",
  "withdrawn",
  "terminated",
];

export const EMAILS = {
  owner: "enterprise@demo.test",
  bureau: "bureau@demo.test",
  expert: "expert@demo.test",
  expert2: "cib-expert@example.test",
  bidderA: "researcher@demo.test",
  bidderB: "scu-researcher@example.test",
  researcher: "swjtu-researcher@example.test",
  otherEnt: "haipeng@example.test",
  pending: "pending@demo.test",
} as const;
export type CastKey = keyof typeof EMAILS;

/**
 * Markers placed in every confidential field of each bid (技术方案, 团队与业绩, 里程碑计划), plus a
 * distinctive 报价, so a test can search a whole loader response for a leak.
 */
export const BID_A = { marker: "MARK-BID-SCITC-7f3a", priceWan: "31.415926", priceFen: 31_415_926 };
export const BID_B = { marker: "MARK-BID-SCU-9c1e", priceWan: "27.182818", priceFen: 27_182_818 };

/** The assigned expert's 论证意见 (internal to the review), with a marker to search for. */
export const OPINION = "OPINION-MARK-5d2e 需求真实，指标明确，建议发布。";

/** The user as the application sees them after signing in. */
export async function asUser(db: DB, email: string): Promise<CurrentUser> {
  const token = await createSession(db, await userIdByEmail(db, email), { userAgent: null });
  return (await findSessionUser(db, token))!;
}

/**
 * An active member of a seeded organisation, inserted directly (the registration and approval
 * flows have their own tests). Reuses a demo password hash so no Argon2 work is done here.
 */
export async function addMember(
  db: DB,
  { email, name, role, org, orgRole = "member" }: { email: string; name: string; role: UserRole; org: string; orgRole?: "admin" | "member" },
): Promise<number> {
  const existing = await db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirst();
  if (existing) return existing.id;
  const { password_hash } = await db.selectFrom("users").select("password_hash").where("email", "=", EMAILS.owner).executeTakeFirstOrThrow();
  const { id } = await db
    .insertInto("users")
    .values({
      name,
      email,
      mobile: null,
      password_hash,
      role,
      org_id: await orgIdByName(db, org),
      org_role: orgRole,
      membership_status: "active",
      membership_note: null,
      created_at: new Date().toISOString(),
      email_verified_at: new Date().toISOString(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return id;
}

/** The second verified bidder: a 科研人员 at 四川大学. */
export const addSecondBidder = (db: DB) => addMember(db, { email: EMAILS.bidderB, name: "川大 李老师", role: "researcher", org: SCU });
/** A second expert, at 中国科学院成都生物研究所. */
export const addSecondExpert = (db: DB) => addMember(db, { email: EMAILS.expert2, name: "成都生物所 周研究员", role: "expert", org: CIB });
/** A verified researcher who never bids. */
export const addIdleResearcher = (db: DB) => addMember(db, { email: EMAILS.researcher, name: "西南交大 陈老师", role: "researcher", org: SWJTU });
/** A 企业用户 of another verified enterprise. */
export const addOtherEnterpriseUser = (db: DB) => addMember(db, { email: EMAILS.otherEnt, name: "海鹏生物 李工", role: "enterprise", org: HAIPENG });

export type Cast = Record<CastKey, CurrentUser>;

/** Create the extra people (idempotent) and sign everyone in. */
export async function cast(db: DB): Promise<Cast> {
  await addSecondBidder(db);
  await addSecondExpert(db);
  await addIdleResearcher(db);
  await addOtherEnterpriseUser(db);
  const out = {} as Cast;
  for (const [k, email] of Object.entries(EMAILS) as [CastKey, string][]) out[k] = await asUser(db, email);
  return out;
}

/** The challenge form as a browser posts it (万元 as typed). */
export function challengeForm(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    title: "水性环氧地坪漆低温固化技术攻关",
    fieldCode: "06",
    keywords: "水性环氧、低温固化，地坪漆",
    summary: "现有水性环氧地坪漆在 10℃ 以下固化缓慢，冬季施工周期长，需开发低温快速固化体系。",
    difficulties: "低温下固化剂与乳液相容性差，涂膜易发白、附着力下降。",
    indicators: "5℃ 下表干 ≤4 小时，实干 ≤24 小时；附着力 ≤1 级；耐磨性 ≤0.03 g。",
    researchContent: "低温固化剂分子设计与合成；配方优化与中试；施工工艺规范编制。",
    bounty: "50",
    investment: "120.5",
    durationMonths: "18",
    eligibility: "具有水性涂料研发经验的高校、科研院所或企业。",
    cooperation: "development",
    ...overrides,
  };
}

/** A valid `ChallengeInput` (the schema's output: keywords array, money in integer 分). */
export function challengeInput(overrides: Record<string, string> = {}): ChallengeInput {
  return challengeSchema.parse(challengeForm(overrides));
}

/** The bid form as a browser posts it; the marker goes into every confidential text field. */
export function bidForm(marker: string, priceWan = "30", overrides: Record<string, string> = {}): Record<string, string> {
  return {
    leaderName: "林晓峰",
    solution: `${marker} 采用改性聚酰胺固化剂与核壳乳液复配，低温下仍保持交联速率，已完成实验室小试。`,
    team: `${marker} 团队 8 人，承担省级涂料项目 3 项。`,
    price: priceWan,
    durationMonths: "15",
    milestonePlan: `${marker} 第 6 个月完成小试，第 12 个月完成中试，第 15 个月验收。`,
    ownership: "yes",
    ...overrides,
  };
}

export function bidInput(marker = "MARK-BID-GENERIC", priceWan = "30", overrides: Record<string, string> = {}): BidInput {
  return bidSchema.parse(bidForm(marker, priceWan, overrides));
}

/** Why a milestone is reported done months before it is due. */
export const EARLY_NOTE = "前期已有中试基础，进度快于计划。";

const DAY = 86_400_000;
export const daysFromNow = (n: number) => new Date(Date.now() + n * DAY);
/** YYYY-MM-DD in 北京时间, as a date field would hold it. */
export const dateInDays = (n: number) => new Date(Date.now() + 8 * 3_600_000 + n * DAY).toISOString().slice(0, 10);

/** Pretend the 揭榜截止 passed (no job runs: the status must be derived from the deadline). */
export async function passDeadline(db: DB, id: number, msAgo = 3_600_000): Promise<string> {
  const deadline = new Date(Date.now() - msAgo).toISOString();
  await db.updateTable("challenges").set({ deadline }).where("id", "=", id).execute();
  return deadline;
}

export interface Driven {
  id: number;
  cast: Cast;
  /** The two bids (四川信息职业技术学院 = a, the winner; 四川大学 = b), where bids make sense. */
  bids: { a: number; b: number } | null;
  milestoneIds: number[];
  /** The accepted report of each milestone, from 攻关中 on. */
  reportIds: number[];
}

const PATHS: Record<ChallengeStatus, ChallengeStatus[]> = {
  draft: [],
  submitted: ["submitted"],
  under_review: ["submitted", "under_review"],
  rejected: ["submitted", "under_review", "rejected"],
  published: ["submitted", "under_review", "published"],
  withdrawn: ["submitted", "under_review", "published", "withdrawn"],
  evaluating: ["submitted", "under_review", "published", "evaluating"],
  failed: ["submitted", "under_review", "published", "evaluating", "failed"],
  selected: ["submitted", "under_review", "published", "evaluating", "selected"],
  contracted: ["submitted", "under_review", "published", "evaluating", "selected", "contracted"],
  in_progress: ["submitted", "under_review", "published", "evaluating", "selected", "contracted", "in_progress"],
  terminated: ["submitted", "under_review", "published", "evaluating", "selected", "contracted", "in_progress", "terminated"],
  accepted: ["submitted", "under_review", "published", "evaluating", "selected", "contracted", "in_progress", "accepted"],
  closed: ["submitted", "under_review", "published", "evaluating", "selected", "contracted", "in_progress", "accepted", "closed"],
};

/**
 * How long before the real clock driveTo selects the winner: enough for the 中选公示 objection
 * period (5 working days by default: at most 9 calendar days with its weekends) to have
 * ended, so a driven 定榜公示 is ready to sign and the states after it are reached through the
 * real signing gate. Tests of an OPEN 公示 drive to 评审中 and call selectWinner with their own `now`.
 */
export const SELECTED_DAYS_AGO = 20;

/** Take a fresh challenge of 四川海聚环保 to `status` through the real model functions. */
export async function driveTo(db: DB, status: ChallengeStatus, input: ChallengeInput = challengeInput()): Promise<Driven> {
  const c = await cast(db);
  const id = await createDraft(db, c.owner, input);
  const out: Driven = { id, cast: c, bids: null, milestoneIds: [], reportIds: [] };
  for (const step of PATHS[status]) {
    switch (step) {
      case "submitted":
        await submitChallenge(db, c.owner, id);
        break;
      case "under_review":
        await sendToReview(db, c.bureau, id, [c.expert.id]);
        break;
      case "rejected":
        await rejectChallenge(db, c.bureau, id, "经专家论证，该需求已有成熟商用方案，不宜作为榜单发布。");
        break;
      case "published": {
        await recordOpinion(db, c.expert, id, { recommendation: "publish", opinion: OPINION });
        await publishChallenge(db, c.bureau, id, { deadline: daysFromNow(30).toISOString(), indicators: null, bountyFen: null, note: "同意立题" });
        const a = await submitBid(db, c.bidderA, id, bidInput(BID_A.marker, BID_A.priceWan));
        const b = await submitBid(db, c.bidderB, id, bidInput(BID_B.marker, BID_B.priceWan));
        out.bids = { a, b };
        break;
      }
      case "withdrawn":
        await withdrawChallenge(db, c.owner, id, "企业已自行解决该技术问题。");
        break;
      case "evaluating":
        // Beyond 评审中 the selection is dated SELECTED_DAYS_AGO, so the deadline passed before that.
        await passDeadline(db, id, PATHS[status].includes("selected") ? (SELECTED_DAYS_AGO + 1) * DAY : undefined);
        break;
      case "failed":
        await declareFailed(db, c.owner, id, "所有方案均未达到低温固化指标要求。");
        break;
      case "selected":
        await selectWinner(db, c.owner, id, out.bids!.a, { [out.bids!.b]: { code: "price_high", note: "报价高于同类方案" } }, daysFromNow(-SELECTED_DAYS_AGO));
        break;
      case "contracted":
        await recordSigning(db, c.owner, id, {
          signedOn: dateInDays(0),
          amountFen: 50_000_000,
          milestones: [
            { dueOn: dateInDays(180), title: "完成实验室小试" },
            { dueOn: dateInDays(360), title: "完成中试并提交检测报告" },
          ],
        });
        out.milestoneIds = (await db.selectFrom("milestones").select("id").where("challenge_id", "=", id).orderBy("id").execute()).map((m) => m.id);
        break;
      case "in_progress":
        // The winning team reports every milestone (months early, so with a 提前完成说明) and the
        // enterprise accepts each, then confirms the indicators: the bureau may accept from here.
        for (const m of out.milestoneIds) {
          const r = await submitMilestoneReport(db, c.bidderA, id, m, { text: "本阶段研发工作已完成，指标达到要求。", earlyNote: EARLY_NOTE });
          await decideMilestoneReport(db, c.owner, id, r, { accept: true });
          out.reportIds.push(r);
        }
        await confirmIndicators(db, c.owner, id, "考核指标均已达成。");
        break;
      case "terminated":
        await terminateChallenge(db, c.bureau, id, "揭榜方核心成员离职，无法继续攻关。");
        break;
      case "accepted":
        await recordAcceptance(db, c.bureau, id, { acceptedOn: dateInDays(0), score: 85, level: "good", note: null });
        break;
      case "closed":
        await recordPayment(db, c.owner, id, { paidOn: dateInDays(0), amountFen: 50_000_000 });
        break;
    }
  }
  if (!out.bids && STATES_WITH_BIDS.includes(status)) throw new Error(`driveTo(${status}) should have left bids`);
  return out;
}

/** The state a challenge is in as everyone sees it (a passed deadline means 评审中). */
export async function statusOf(db: DB, id: number): Promise<ChallengeStatus> {
  const r = await db.selectFrom("challenges").select(["status", "deadline"]).where("id", "=", id).executeTakeFirstOrThrow();
  return r.status === "published" && r.deadline != null && r.deadline <= new Date().toISOString() ? "evaluating" : r.status;
}

/** Everything a refused request must leave untouched. */
export async function snapshot(db: DB, id: number) {
  const count = async (table: "audit_events" | "notifications" | "bid_scores" | "challenge_experts" | "challenge_follows") =>
    Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
  return {
    challenge: await db.selectFrom("challenges").selectAll().where("id", "=", id).executeTakeFirstOrThrow(),
    bids: await db.selectFrom("bids").selectAll().orderBy("id").execute(),
    milestones: await db.selectFrom("milestones").selectAll().orderBy("id").execute(),
    milestoneReports: await db.selectFrom("milestone_reports").selectAll().orderBy("id").execute(),
    challenges: Number((await db.selectFrom("challenges").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n),
    auditEvents: await count("audit_events"),
    notifications: await count("notifications"),
    scores: await count("bid_scores"),
    experts: await count("challenge_experts"),
    follows: await count("challenge_follows"),
  };
}

export async function eventsOf(db: DB, entity: string, entityId: number) {
  return db
    .selectFrom("audit_events")
    .select(["action", "from_state", "to_state", "reason", "actor_id"])
    .where("entity", "=", entity)
    .where("entity_id", "=", entityId)
    .orderBy("id")
    .execute();
}

export async function noticesOf(db: DB, userId: number) {
  return db.selectFrom("notifications").select(["kind", "title", "body", "link"]).where("user_id", "=", userId).orderBy("id").execute();
}
