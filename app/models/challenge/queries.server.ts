import { sql } from "kysely";
import type { DB } from "../../../db/client.server";
import type { ChallengeStatus } from "../../../db/schema";
import { listAuditTrail, containsAny, industryName, documentsByRecord, listDocuments, type CurrentUser, activeOrgId, actsForEnterprise, isBureauStaff, isMemberOf } from "../shared";
import { listBidsForViewer, getOwnBid } from "./bid.server";
import { allowedActions, type ChallengeAction } from "./policy.server";
import { effectiveStatusSql, loadChallenge } from "./challenge.server";
import { isParty, statusReasonFor, timelineFor, type Relation, PUBLIC_STATUSES } from "./visibility";
import { milestonesWithReports } from "./milestone-report.server";
import { BUREAU_TABS, type BureauTab } from "./rules";
import { clock } from "../../utils/time";

const PAGE_SIZE = 20;

export interface PublicFilters {
  field?: string;
  /** 产业领域 code. */
  industry?: string;
  bountyMinFen?: number;
  bountyMaxFen?: number;
  /** Deadline within this many days (open challenges only). */
  withinDays?: number;
  status?: ChallengeStatus;
  q?: string;
}

/** `/challenges`: published and later challenges, public summary fields only. */
export async function listPublicChallenges(db: DB, f: PublicFilters, page: number, now = clock.now()) {
  const status = effectiveStatusSql(now);
  let q = db
    .selectFrom("challenges")
    .innerJoin("organizations", "organizations.id", "challenges.org_id")
    .innerJoin("tech_fields", "tech_fields.code", "challenges.field_code")
    .leftJoin("focus_fields", "focus_fields.code", "challenges.industry_code")
    .where("challenges.status", "in", PUBLIC_STATUSES);
  if (f.status) q = q.where(status, "=", f.status);
  if (f.field) q = q.where("challenges.field_code", "=", f.field);
  if (f.industry) q = q.where("challenges.industry_code", "=", f.industry);
  if (f.bountyMinFen != null) q = q.where("challenges.bounty_fen", ">=", f.bountyMinFen);
  if (f.bountyMaxFen != null) q = q.where("challenges.bounty_fen", "<=", f.bountyMaxFen);
  if (f.withinDays != null) {
    q = q
      .where("challenges.deadline", ">", now.toISOString())
      .where("challenges.deadline", "<=", new Date(now.getTime() + f.withinDays * 86_400_000).toISOString());
  }
  if (f.q) {
    // The list filter: a plain substring match on public fields (/search is the ranked index).
    q = q.where(containsAny(["challenges.title", "challenges.keywords", "challenges.summary"], f.q));
  }
  const { n } = await q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  const rows = await q
    .select([
      "challenges.id",
      "challenges.title",
      "challenges.keywords",
      "challenges.summary",
      "challenges.bounty_fen",
      "challenges.deadline",
      "challenges.duration_months",
      "challenges.cooperation",
      "organizations.name as org_name",
      "tech_fields.name as field_name",
      "focus_fields.name as industry_name",
      status.as("status"),
    ])
    .orderBy("challenges.published_at", "desc")
    .orderBy("challenges.id", "desc")
    .limit(PAGE_SIZE)
    .offset((page - 1) * PAGE_SIZE)
    .execute();
  return { rows, total: Number(n), page, pageSize: PAGE_SIZE };
}

/** "我的榜单": every challenge of the user's enterprise, in every state. */
export async function listOrgChallenges(db: DB, user: CurrentUser, now = clock.now()) {
  const orgId = activeOrgId(user);
  if (orgId == null) return [];
  return db
    .selectFrom("challenges")
    .select(["id", "title", "bounty_fen", "deadline", "updated_at", "status_reason", effectiveStatusSql(now).as("status")])
    .select((eb) =>
      eb.selectFrom("bids").select((b) => b.fn.countAll<number>().as("n")).whereRef("bids.challenge_id", "=", "challenges.id").where("bids.status", "!=", "withdrawn").as("bid_count"),
    )
    .where("org_id", "=", user.orgId)
    .orderBy("updated_at", "desc")
    .execute();
}

const tabStatuses: Record<BureauTab, ChallengeStatus[]> = {
  submitted: ["submitted"],
  under_review: ["under_review"],
  evaluating: ["evaluating"],
  published: ["published"],
  delivery: ["selected", "contracted", "in_progress", "accepted"],
  ended: ["closed", "rejected", "failed", "withdrawn", "terminated"],
};

/** The bureau's queue, oldest waiting first. Drafts are the enterprise's own business. */
export async function listBureauQueue(db: DB, tab: BureauTab, page: number, now = clock.now()) {
  const status = effectiveStatusSql(now);
  const q = db
    .selectFrom("challenges")
    .innerJoin("organizations", "organizations.id", "challenges.org_id")
    .where(status, "in", tabStatuses[tab]);
  const { n } = await q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  const rows = await q
    .select([
      "challenges.id",
      "challenges.title",
      "challenges.bounty_fen",
      "challenges.deadline",
      "challenges.updated_at",
      "organizations.name as org_name",
      status.as("status"),
    ])
    .select((eb) =>
      eb.selectFrom("bids").select((b) => b.fn.countAll<number>().as("n")).whereRef("bids.challenge_id", "=", "challenges.id").where("bids.status", "!=", "withdrawn").as("bid_count"),
    )
    .orderBy("challenges.updated_at", "asc")
    .limit(PAGE_SIZE)
    .offset((page - 1) * PAGE_SIZE)
    .execute();
  const counts = await db
    .selectFrom("challenges")
    .select([status.as("status"), (eb) => eb.fn.countAll<number>().as("n")])
    // By position: the expression carries `now` as a parameter, and PostgreSQL does not see two parameters as one expression.
    .groupBy(sql`1`)
    .execute();
  const tabCounts = Object.fromEntries(
    BUREAU_TABS.map((t) => [t, counts.filter((c) => tabStatuses[t].includes(c.status)).reduce((a, c) => a + Number(c.n), 0)]),
  ) as Record<BureauTab, number>;
  return { rows, total: Number(n), page, pageSize: PAGE_SIZE, tabCounts };
}

/** Everything the challenge page shows, cut to what this viewer may see. */
export async function getChallengePage(db: DB, viewer: CurrentUser | null, id: number, now = clock.now()) {
  const { row, ctx, level } = await loadChallenge(db, viewer, id, now);
  const [org, field, ownBid, industry] = await Promise.all([
    db.selectFrom("organizations").select(["id", "name", "region"]).where("id", "=", row.org_id).executeTakeFirstOrThrow(),
    db.selectFrom("tech_fields").select("name").where("code", "=", row.field_code).executeTakeFirstOrThrow(),
    getOwnBid(db, viewer, id),
    industryName(db, row.industry_code),
  ]);
  const details = level === "details";
  const bureau = isBureauStaff(viewer);
  const owner = actsForEnterprise(viewer, row.org_id);
  const insider = bureau || owner || ctx.assignedExpert;
  // Who reads which reason, report and amount: challenge/visibility.ts.
  const rel: Relation = {
    bureau,
    owner: isMemberOf(viewer, row.org_id),
    winner: ownBid != null && ownBid.id === row.winner_bid_id,
    bidder: ownBid != null && ownBid.status !== "withdrawn",
    expert: ctx.assignedExpert,
  };
  const party = isParty(rel);

  const base = {
    id: row.id,
    title: row.title,
    status: ctx.status,
    statusReason: statusReasonFor(ctx.status, row.status_reason, rel),
    orgId: org.id,
    orgName: org.name,
    fieldName: field.name,
    fieldCode: row.field_code,
    industryCode: row.industry_code,
    industryName: industry,
    keywords: row.keywords.split("、"),
    summary: row.summary,
    bountyFen: row.bounty_fen,
    deadline: row.deadline,
    durationMonths: row.duration_months,
    cooperation: row.cooperation,
    publishedAt: row.published_at,
    version: row.version,
  };
  // A reader of the summary only (not signed in, or not yet verified) may still follow a public 榜单.
  if (!details) return { level, challenge: base, details: null, actions: allowedActions(viewer, ctx).filter((a): a is ChallengeAction => a === "follow"), viewer: null };

  const [events, experts, milestones, bids] = await Promise.all([
    listAuditTrail(db, "challenge", id),
    insider
      ? db
          .selectFrom("challenge_experts")
          .innerJoin("users", "users.id", "challenge_experts.expert_id")
          .leftJoin("organizations", "organizations.id", "users.org_id")
          .select(["users.id", "users.name", "organizations.name as org_name", "challenge_experts.recommendation", "challenge_experts.opinion", "challenge_experts.opinion_at"])
          .where("challenge_experts.challenge_id", "=", id)
          .execute()
      : [],
    // Milestones, reports and decisions: the parties only (Decision 31), so others get none at all.
    party ? milestonesWithReports(db, id, now) : ([] as Awaited<ReturnType<typeof milestonesWithReports>>),
    listBidsForViewer(db, viewer, id),
  ]);
  // Their files follow the same rule (app/files/kinds.server.ts), so others get none either.
  const reportFiles = party ? await documentsByRecord(db, viewer, "milestone_report", milestones.flatMap((m) => m.reports.map((r) => r.id))) : {};
  const acceptanceFiles = party ? [...(await listDocuments(db, viewer, "acceptance_report", id, now)), ...(await listDocuments(db, viewer, "acceptance_opinion", id, now))] : [];
  return {
    level,
    challenge: base,
    details: {
      difficulties: row.difficulties,
      indicators: row.indicators,
      researchContent: row.research_content,
      eligibility: row.eligibility,
      investmentFen: row.investment_fen,
      // The dates of the steps are public; what was agreed, reported and scored is the parties'.
      signedOn: row.signed_on,
      contractAmountFen: party ? row.contract_amount_fen : null,
      acceptanceScore: party ? row.acceptance_score : null,
      acceptanceLevel: party ? row.acceptance_level : null,
      acceptedOn: row.accepted_on,
      paidOn: row.paid_on,
      paidAmountFen: party ? row.paid_amount_fen : null,
      winnerBidId: row.winner_bid_id,
      // Why the parties cannot sign yet (the 中选公示 period or a pending objection).
      signingGate: bureau || owner ? ctx.signingGate : null,
      // Experts' opinions are internal to the review: the bureau and the experts see them.
      experts: bureau || ctx.assignedExpert ? experts : experts.map((e) => ({ ...e, opinion: null, recommendation: null })),
      milestones: milestones.map((m) => ({ ...m, reports: m.reports.map((r) => ({ ...r, files: reportFiles[r.id] ?? [] })) })),
      acceptanceFiles,
      events: timelineFor(events, rel),
      bids: bids.bids,
      scores: Object.fromEntries(bids.scores),
      seesAllBids: bids.seesAll,
      ownBid,
    },
    actions: allowedActions(viewer, ctx),
    viewer: { bureau, owner, party, assignedExpert: ctx.assignedExpert, hasBid: ctx.viewerOrgBid },
  };
}
