import { sql, type Kysely } from "kysely";
import type { DB } from "../../../db/client.server";
import type { Challenge, ChallengeStatus, Database } from "../../../db/schema";
import type { ChallengeInput } from "../../schemas/challenge";
import { challengeStatusLabels } from "../../utils/labels";
import { formatBounty } from "../../utils/money";
import { clock, nowIso } from "../../utils/time";
import { searchEngine } from "../../utils/search.server";
import { recordAudit, attachDocuments, NO_CHANGES, type AttachmentChanges, classification, type CurrentUser, activeOrgId, actsForEnterprise } from "../shared";
import { signingGate } from "./award-gate.server";
import {
  can,
  effectiveStatus,
  readLevel,
  type ChallengeAction,
  type ChallengeContext,
} from "./policy.server";
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from "../../utils/errors";
import { notifyTurn, type TurnContext, type TurnEvent } from "../notice";

type Tx = Kysely<Database>;

const actionNames: Record<ChallengeAction, string> = {
  edit: "修改",
  submit: "提交审核",
  return: "退回修改",
  send_to_review: "送专家论证",
  assign_experts: "指派专家",
  publish: "发布",
  reject: "论证驳回",
  give_opinion: "提交论证意见",
  withdraw: "撤榜",
  bid: "揭榜",
  score_bids: "评分",
  select: "定榜",
  fail: "流标",
  sign: "登记签约",
  report_milestone: "提交里程碑报告",
  review_report: "确认或退回里程碑报告",
  confirm: "确认考核指标",
  accept: "验收",
  terminate: "终止",
  pay: "登记兑现",
  extend_deadline: "延长揭榜截止时间",
  close_bidding: "提前截止揭榜",
  follow: "关注",
  reopen: "撤销定榜",
};

/** SQL for the status everyone sees: a published challenge past its deadline is 评审中. */
export function effectiveStatusSql(now: Date) {
  return sql<ChallengeStatus>`case when challenges.status = 'published' and challenges.deadline <= ${now.toISOString()} then 'evaluating' else challenges.status end`;
}

/** Load a challenge with the viewer's relation to it; what the viewer may not see is simply not found. */
export async function loadChallenge(db: Tx, viewer: CurrentUser | null, id: number, now = clock.now()) {
  const row = await db.selectFrom("challenges").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) throw new NotFoundError();
  const [assigned, ownBid] = await Promise.all([
    viewer
      ? db.selectFrom("challenge_experts").select("expert_id").where("challenge_id", "=", id).where("expert_id", "=", viewer.id).executeTakeFirst()
      : undefined,
    activeOrgId(viewer) != null
      ? db.selectFrom("bids").select("id").where("challenge_id", "=", id).where("org_id", "=", activeOrgId(viewer)!).executeTakeFirst()
      : undefined,
  ]);
  const status = effectiveStatus(row.status, row.deadline, now);
  const ctx: ChallengeContext = {
    status,
    orgId: row.org_id,
    assignedExpert: assigned != null && viewer?.role === "expert",
    viewerOrgBid: ownBid != null,
    viewerOrgWon: ownBid != null && ownBid.id === row.winner_bid_id,
    ownerConfirmed: row.owner_confirmed_on != null,
    signingGate: status === "selected" ? await signingGate(db, id, now) : null,
  };
  const level = readLevel(viewer, ctx);
  if (level === "none") throw new NotFoundError();
  return { row, ctx, level };
}

/** Refuse with the right message: wrong state (409) or not this person's to do (403). */
function refuse(viewer: CurrentUser | null, action: ChallengeAction, ctx: ChallengeContext): never {
  if (action === "accept" && can(viewer, "accept", { ...ctx, ownerConfirmed: true })) {
    throw new ConflictError("发榜企业尚未确认考核指标已达成，确认后才能验收。");
  }
  if (action === "sign" && ctx.signingGate != null && can(viewer, "sign", { ...ctx, signingGate: null })) throw new ConflictError(ctx.signingGate);
  const allStatuses = Object.keys(challengeStatusLabels) as ChallengeStatus[];
  const wouldBeAllowedElsewhere = allStatuses.some((status) =>
    [true, false].some((ownerConfirmed) => can(viewer, action, { ...ctx, status, ownerConfirmed, signingGate: null })),
  );
  if (wouldBeAllowedElsewhere) {
    throw new ConflictError(`该榜单当前为“${challengeStatusLabels[ctx.status]}”，不能${actionNames[action]}。请刷新页面查看最新状态。`);
  }
  if (action === "submit" && viewer?.org?.status !== "verified") {
    throw new ForbiddenError("贵单位尚未通过区科技局认证，认证后才能提交榜单。");
  }
  throw new ForbiddenError(`您没有权限${actionNames[action]}该榜单。`);
}

export interface TransitionSpec {
  action: ChallengeAction;
  to?: ChallengeStatus;
  reason?: string | null;
  /** The amount this step records, kept beside the reason rather than in it. */
  amountFen?: number;
  set?: Partial<Omit<Challenge, "id" | "version">>;
  /** The turn to announce through the notice table (notice/rules.server.ts), and what its messages need. */
  notify?: { event: TurnEvent; context?: (row: Challenge) => Omit<TurnContext, "challenge" | "actorId"> };
  /** Checks on the current row that the policy table cannot express (e.g. a later deadline); throw to refuse. */
  guard?: (row: Challenge) => void;
  /** Extra writes that must commit with the transition. */
  also?: (trx: Tx, row: Challenge) => Promise<void>;
  /** Writes that follow the transition's own history entry, in the same transaction (the 中选公示 after 定榜). */
  then?: (trx: Tx, row: Challenge) => Promise<void>;
  now?: Date;
  expectedVersion?: number;
}

/**
 * The one way a challenge changes: read, check the policy, update only if nobody changed it
 * meanwhile (version), record the history and the notices, all in one transaction.
 */
export async function transitionChallenge(db: DB, actor: CurrentUser, id: number, spec: TransitionSpec): Promise<Challenge> {
  const now = spec.now ?? clock.now();
  return db.transaction().execute(async (trx) => {
    const { row, ctx } = await loadChallenge(trx, actor, id, now);
    if (!can(actor, spec.action, ctx)) refuse(actor, spec.action, ctx);
    if (spec.expectedVersion != null && spec.expectedVersion !== row.version) {
      throw new ConflictError("该榜单刚刚已被他人修改，请刷新页面后重新操作。");
    }
    spec.guard?.(row);
    const to = spec.to ?? ctx.status;
    const r = await trx
      .updateTable("challenges")
      .set({ ...spec.set, status: to, ...(spec.reason !== undefined ? { status_reason: spec.reason } : {}), version: row.version + 1, updated_at: nowIso() })
      .where("id", "=", id)
      .where("version", "=", row.version)
      .executeTakeFirst();
    if (r.numUpdatedRows === 0n) throw new ConflictError("该榜单刚刚已被他人处理，请刷新页面查看最新状态。");
    const updated = { ...row, ...spec.set, status: to, version: row.version + 1 } as Challenge;
    await spec.also?.(trx, updated);
    await searchEngine().sync(trx, "challenge", id);
    await recordAudit(trx, {
      entity: "challenge",
      entityId: id,
      action: spec.action,
      from: ctx.status,
      to,
      reason: spec.reason ?? null,
      amountFen: spec.amountFen,
      actorId: actor.id,
    });
    await spec.then?.(trx, updated);
    if (spec.notify) await notifyTurn(trx, spec.notify.event, { now, ...spec.notify.context?.(updated), actorId: actor.id, challenge: updated });
    return updated;
  });
}

function toRow(input: ChallengeInput, cls: { field_code: string; industry_code: string | null }) {
  return {
    title: input.title,
    ...cls,
    keywords: input.keywords.join("、"),
    summary: input.summary,
    difficulties: input.difficulties,
    indicators: input.indicators,
    research_content: input.researchContent,
    bounty_fen: input.bounty,
    investment_fen: input.investment,
    duration_months: input.durationMonths,
    eligibility: input.eligibility,
    cooperation: input.cooperation,
  };
}

/** 企业用户 of an enterprise (verified or not) write drafts. */
export async function createDraft(db: DB, user: CurrentUser, input: ChallengeInput, files: AttachmentChanges = NO_CHANGES): Promise<number> {
  const orgId = activeOrgId(user);
  if (orgId == null || !actsForEnterprise(user, orgId) || !["enterprise", "service"].includes(user.org?.kind ?? "")) {
    throw new ForbiddenError("只有企业用户可以发布技术难题。");
  }
  const cls = await classification(db, input);
  return db.transaction().execute(async (trx) => {
    const now = nowIso();
    const { id } = await trx
      .insertInto("challenges")
      .values({
        ...toRow(input, cls),
        org_id: user.orgId!,
        created_by: user.id,
        deadline: null,
        status: "draft",
        status_reason: null,
        winner_bid_id: null,
        signed_on: null,
        contract_amount_fen: null,
        acceptance_score: null,
        acceptance_level: null,
        accepted_on: null,
        paid_on: null,
        paid_amount_fen: null,
        contract_record_id: null,
        created_at: now,
        updated_at: now,
        published_at: null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, { entity: "challenge", entityId: id, action: "create", to: "draft", actorId: user.id });
    await attachDocuments(trx, user, "challenge", id, files);
    return id;
  });
}

export async function updateDraft(db: DB, user: CurrentUser, id: number, version: number, input: ChallengeInput, files: AttachmentChanges = NO_CHANGES): Promise<void> {
  const cls = await classification(db, input);
  await transitionChallenge(db, user, id, { action: "edit", set: toRow(input, cls), expectedVersion: version, also: (trx) => attachDocuments(trx, user, "challenge", id, files) });
}

export async function submitChallenge(db: DB, user: CurrentUser, id: number): Promise<void> {
  // A 榜单 returned once and submitted again is a resubmission: the bureau is told so.
  let resubmitted = false;
  await transitionChallenge(db, user, id, {
    action: "submit",
    to: "submitted",
    reason: null,
    also: async (trx) => {
      resubmitted = (await trx.selectFrom("audit_events").select("id").where("entity", "=", "challenge").where("entity_id", "=", id).where("action", "=", "return").executeTakeFirst()) != null;
    },
    notify: { event: "challenge.submit", context: () => ({ resubmitted }) },
  });
}

export async function returnForRevision(db: DB, officer: CurrentUser, id: number, reason: string): Promise<void> {
  await transitionChallenge(db, officer, id, {
    action: "return",
    to: "draft",
    reason,
    notify: { event: "challenge.return", context: () => ({ reason }) },
  });
}

/**
 * The bureau's expert pool: 专家 (a role only the bureau grants, see `decideExpert`) who are active
 * members of a verified organisation. The review picker lists these; assignment accepts no one else.
 */
export function poolExperts(db: Tx) {
  return db
    .selectFrom("users")
    .innerJoin("organizations", "organizations.id", "users.org_id")
    .select(["users.id", "users.name", "users.org_id", "organizations.name as org_name"])
    .where("users.role", "=", "expert")
    .where("users.membership_status", "=", "active")
    .where("organizations.status", "=", "verified");
}

/**
 * Only pool experts may be assigned, whatever ids a forged form carries; experts whose organisation
 * is the enterprise or any bidder may not review: conflict of interest.
 */
async function assertNoConflict(trx: Tx, challenge: Challenge, expertIds: number[]): Promise<void> {
  const experts = await poolExperts(trx).where("users.id", "in", expertIds).execute();
  if (experts.length !== new Set(expertIds).size) throw new InvalidInputError({ expertIds: ["所选专家不存在或已不在专家库中"] });
  const bidderOrgs = await trx.selectFrom("bids").select("org_id").where("challenge_id", "=", challenge.id).where("status", "!=", "withdrawn").execute();
  const conflicted = new Set([challenge.org_id, ...bidderOrgs.map((b) => b.org_id)]);
  const clash = experts.filter((e) => e.org_id != null && conflicted.has(e.org_id));
  if (clash.length > 0) {
    const who = clash.map((e) => `${e.name}（${e.org_name}）`).join("、");
    throw new InvalidInputError({ expertIds: [`利益冲突：${who}与发榜企业或揭榜单位同属一个机构，不能参与评审`] });
  }
}

async function addExperts(trx: Tx, officer: CurrentUser, challenge: Challenge, ids: number[]): Promise<number[]> {
  const expertIds = [...new Set(ids)];
  await assertNoConflict(trx, challenge, expertIds);
  const existing = await trx.selectFrom("challenge_experts").select("expert_id").where("challenge_id", "=", challenge.id).execute();
  const fresh = expertIds.filter((e) => !existing.some((x) => x.expert_id === e));
  for (const expert_id of fresh) {
    await trx
      .insertInto("challenge_experts")
      .values({ challenge_id: challenge.id, expert_id, assigned_by: officer.id, assigned_at: nowIso(), opinion: null, recommendation: null, opinion_at: null })
      .execute();
  }
  return fresh;
}

export async function sendToReview(db: DB, officer: CurrentUser, id: number, expertIds: number[]): Promise<void> {
  let added: number[] = [];
  await transitionChallenge(db, officer, id, {
    action: "send_to_review",
    to: "under_review",
    reason: null,
    also: async (trx, c) => {
      added = await addExperts(trx, officer, c, expertIds);
    },
    notify: { event: "challenge.send_to_review", context: () => ({ userIds: added }) },
  });
}

export async function assignExperts(db: DB, officer: CurrentUser, id: number, expertIds: number[]): Promise<void> {
  let added: number[] = [];
  await transitionChallenge(db, officer, id, {
    action: "assign_experts",
    also: async (trx, c) => {
      added = await addExperts(trx, officer, c, expertIds);
    },
    notify: { event: "challenge.send_to_review", context: () => ({ userIds: added }) },
  });
}

export async function recordOpinion(
  db: DB,
  expert: CurrentUser,
  id: number,
  input: { recommendation: "publish" | "revise" | "reject"; opinion: string },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const { row, ctx } = await loadChallenge(trx, expert, id);
    if (!can(expert, "give_opinion", ctx)) refuse(expert, "give_opinion", ctx);
    await trx
      .updateTable("challenge_experts")
      .set({ recommendation: input.recommendation, opinion: input.opinion, opinion_at: nowIso() })
      .where("challenge_id", "=", id)
      .where("expert_id", "=", expert.id)
      .execute();
    await recordAudit(trx, { entity: "challenge", entityId: id, action: "opinion", reason: input.opinion, actorId: expert.id });
    await notifyTurn(trx, "challenge.opinion", { actorId: expert.id, challenge: row, name: expert.name });
  });
}

/**
 * The review is the experts': publishing while one of them has given no opinion is refused, unless
 * the officer says why (recorded for the bureau's eyes only, see challenge-visibility).
 */
async function requireOpinionsOrOverride(trx: Tx, officer: CurrentUser, c: Challenge, override: { reason: string } | null): Promise<void> {
  const missing = await trx
    .selectFrom("challenge_experts")
    .innerJoin("users", "users.id", "challenge_experts.expert_id")
    .select("users.name")
    .where("challenge_experts.challenge_id", "=", c.id)
    .where("challenge_experts.opinion_at", "is", null)
    .orderBy("users.name")
    .execute();
  if (missing.length === 0) return;
  const who = missing.map((m) => m.name).join("、");
  if (!override) {
    throw new ConflictError(`论证专家 ${who} 尚未提交论证意见。如确需先行发布，请勾选“未收齐专家意见仍发布”并写明理由。`);
  }
  await recordAudit(trx, {
    entity: "challenge",
    entityId: c.id,
    action: "publish_override",
    reason: `未收齐专家意见即发布（未提交：${who}）。理由：${override.reason}`,
    actorId: officer.id,
  });
}

export async function publishChallenge(
  db: DB,
  officer: CurrentUser,
  id: number,
  input: {
    deadline: string;
    indicators: string | null;
    bountyFen: number | null;
    note: string | null;
    /** Publish although an assigned expert has not given an opinion, for this reason. */
    override?: { reason: string } | null;
  },
  now = clock.now(),
): Promise<void> {
  if (input.deadline <= now.toISOString()) throw new InvalidInputError({ deadline: ["揭榜截止日期不能早于今天"] });
  await transitionChallenge(db, officer, id, {
    action: "publish",
    to: "published",
    reason: input.note,
    now,
    also: (trx, c) => requireOpinionsOrOverride(trx, officer, c, input.override ?? null),
    set: {
      deadline: input.deadline,
      published_at: now.toISOString(),
      ...(input.indicators ? { indicators: input.indicators } : {}),
      ...(input.bountyFen != null ? { bounty_fen: input.bountyFen } : {}),
    },
    notify: { event: "challenge.publish", context: (c) => ({ subject: formatBounty(c.bounty_fen) }) },
  });
}

export async function rejectChallenge(db: DB, officer: CurrentUser, id: number, reason: string): Promise<void> {
  await transitionChallenge(db, officer, id, {
    action: "reject",
    to: "rejected",
    reason,
    notify: { event: "challenge.reject", context: () => ({ reason }) },
  });
}

export async function withdrawChallenge(db: DB, user: CurrentUser, id: number, reason: string, now = clock.now()): Promise<void> {
  await transitionChallenge(db, user, id, {
    action: "withdraw",
    to: "withdrawn",
    reason,
    now,
    notify: { event: "challenge.withdraw", context: () => ({ reason }) },
  });
}

