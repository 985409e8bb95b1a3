import type { Kysely } from "kysely";
import type { DB } from "../../../db/client.server";
import type { Database } from "../../../db/schema";
import type { BidInput } from "../../schemas/challenge";
import { clock, formatDateTime, nowIso } from "../../utils/time";
import { recordAudit, attachDocuments, NO_CHANGES, type AttachmentChanges, type CurrentUser, activeOrgId, actsForEnterprise, isBureauStaff, isMemberOf } from "../shared";
import { can, canReadBid, expertReadsBids } from "./policy.server";
import { loadChallenge } from "./challenge.server";
import { wasClosedEarly } from "./deadline.server";
import { ConflictError, ForbiddenError, NotFoundError, isUniqueViolation } from "../../utils/errors";
import { notifyTurn } from "../notice";

function toRow(input: BidInput) {
  return {
    leader_name: input.leaderName,
    solution: input.solution,
    team: input.team,
    price_fen: input.price,
    duration_months: input.durationMonths,
    milestone_plan: input.milestonePlan,
    ownership_confirmed: 1,
  };
}

/** What a bidder is told once the deadline has passed, or the bureau closed bidding early. */
export function closedMessage(deadline: string | null, closedEarly = false): string {
  const at = deadline ? formatDateTime(deadline) : "截止时间";
  return closedEarly
    ? `区科技局已于 ${at} 提前截止揭榜，不能再提交或修改揭榜申请。`
    : `揭榜已于 ${at} 截止，不能再提交或修改揭榜申请。`;
}

/**
 * Submit (or re-submit after withdrawing) the organisation's one bid. The deadline is checked here,
 * in the same transaction as the write, whatever any background job has done.
 */
export async function submitBid(db: DB, user: CurrentUser, challengeId: number, input: BidInput, now = clock.now(), files: AttachmentChanges = NO_CHANGES): Promise<number> {
  try {
    return await db.transaction().execute(async (trx) => {
      const { row, ctx } = await loadChallenge(trx, user, challengeId, now);
      if (!can(user, "bid", ctx)) {
        if (ctx.status === "evaluating" || (row.deadline && row.deadline <= now.toISOString())) {
          throw new ConflictError(closedMessage(row.deadline, await wasClosedEarly(trx, challengeId)));
        }
        if (ctx.status !== "published") throw new ConflictError("该榜单当前不在揭榜期，不能提交揭榜申请。");
        if (user.org?.status !== "verified") throw new ForbiddenError("贵单位尚未通过区科技局认证，认证后才能揭榜。");
        throw new ForbiddenError("您所在的机构不能揭此榜（发榜企业本身、区科技局或服务机构不能揭榜）。");
      }
      const existing = await trx.selectFrom("bids").select(["id", "status"]).where("challenge_id", "=", challengeId).where("org_id", "=", user.orgId!).executeTakeFirst();
      const at = now.toISOString();
      let id: number;
      if (existing) {
        if (existing.status !== "withdrawn") throw new ConflictError("贵单位已对该榜单提交过揭榜申请，可在“我的揭榜”中修改。");
        const r = await trx
          .updateTable("bids")
          .set({ ...toRow(input), status: "submitted", submitted_by: user.id, version: (eb) => eb("version", "+", 1), updated_at: at })
          .where("id", "=", existing.id)
          .where("status", "=", "withdrawn")
          .executeTakeFirst();
        // A colleague re-submitted it meanwhile (another process): 0 rows, the same refusal as above.
        if (r.numUpdatedRows === 0n) throw new ConflictError("贵单位已对该榜单提交过揭榜申请，可在“我的揭榜”中修改。");
        id = existing.id;
      } else {
        ({ id } = await trx
          .insertInto("bids")
          .values({ ...toRow(input), challenge_id: challengeId, org_id: user.orgId!, submitted_by: user.id, status: "submitted", outcome_reason: null, outcome_note: null, created_at: at, updated_at: at })
          .returning("id")
          .executeTakeFirstOrThrow());
      }
      await recordAudit(trx, { entity: "bid", entityId: id, action: "submit", to: "submitted", actorId: user.id });
      await attachDocuments(trx, user, "bid", id, files, now);
      await notifyTurn(trx, "bid.submit", { actorId: user.id, challenge: row, name: user.org!.name, now });
      return id;
    });
  } catch (e) {
    // A double-clicked submit: the unique (challenge, organisation) index lets exactly one through.
    if (isUniqueViolation(e)) throw new ConflictError("贵单位已对该榜单提交过揭榜申请，可在“我的揭榜”中修改。");
    throw e;
  }
}

/** The bid's own organisation edits or withdraws it, until the deadline. */
async function changeOwnBid(
  db: DB,
  user: CurrentUser,
  bidId: number,
  now: Date,
  apply: (trx: Kysely<Database>, bid: { id: number; version: number }) => Promise<void>,
  action: string,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const bid = await trx
      .selectFrom("bids")
      .select(["id", "challenge_id", "org_id", "status", "version"])
      .where("id", "=", bidId)
      .where("org_id", "=", user.orgId ?? -1)
      .executeTakeFirst();
    if (!bid || activeOrgId(user) == null) throw new NotFoundError();
    const { row, ctx } = await loadChallenge(trx, user, bid.challenge_id, now);
    if (ctx.status !== "published") {
      throw new ConflictError(row.deadline && row.deadline <= now.toISOString() ? closedMessage(row.deadline, await wasClosedEarly(trx, row.id)) : "该榜单已不在揭榜期。");
    }
    if (bid.status !== "submitted") throw new ConflictError("该揭榜申请已撤回，如需参与请重新提交。");
    await apply(trx, bid);
    await recordAudit(trx, { entity: "bid", entityId: bid.id, action, from: "submitted", to: action === "withdraw" ? "withdrawn" : "submitted", actorId: user.id });
    await notifyTurn(trx, action === "withdraw" ? "bid.withdraw" : "bid.update", { actorId: user.id, challenge: row, name: user.org?.name ?? "一家揭榜单位", now });
  });
}

export async function updateBid(db: DB, user: CurrentUser, bidId: number, version: number, input: BidInput, now = clock.now(), files: AttachmentChanges = NO_CHANGES): Promise<void> {
  await changeOwnBid(db, user, bidId, now, async (trx, bid) => {
    const r = await trx
      .updateTable("bids")
      .set({ ...toRow(input), version: bid.version + 1, updated_at: now.toISOString() })
      .where("id", "=", bid.id)
      .where("version", "=", version)
      .executeTakeFirst();
    if (r.numUpdatedRows === 0n) throw new ConflictError("揭榜申请刚刚已被同事修改，请刷新页面后再改。");
    await attachDocuments(trx, user, "bid", bid.id, files, now);
  }, "update");
}

export async function withdrawBid(db: DB, user: CurrentUser, bidId: number, now = clock.now()): Promise<void> {
  await changeOwnBid(db, user, bidId, now, async (trx, bid) => {
    // Only the version that was read: a colleague's withdrawal or edit committed meanwhile (another
    // process) leaves 0 rows, and this withdrawal is refused rather than recorded twice.
    const r = await trx
      .updateTable("bids")
      .set({ status: "withdrawn", version: bid.version + 1, updated_at: now.toISOString() })
      .where("id", "=", bid.id)
      .where("status", "=", "submitted")
      .where("version", "=", bid.version)
      .executeTakeFirst();
    if (r.numUpdatedRows === 0n) throw new ConflictError("揭榜申请刚刚已被同事修改或撤回，请刷新页面查看。");
  }, "withdraw");
}

/** The viewer's own organisation's bid on a challenge, if any. */
export async function getOwnBid(db: DB, user: CurrentUser | null, challengeId: number) {
  const orgId = activeOrgId(user);
  if (orgId == null) return null;
  return (
    (await db.selectFrom("bids").selectAll().where("challenge_id", "=", challengeId).where("org_id", "=", orgId).executeTakeFirst()) ?? null
  );
}

/**
 * Bids on a challenge as the viewer may see them: all of them for the enterprise, the bureau and
 * assigned experts; only its own for a bidding organisation; none for anyone else.
 */
export async function listBidsForViewer(db: DB, viewer: CurrentUser | null, challengeId: number) {
  const { ctx } = await loadChallenge(db, viewer, challengeId);
  const seesAll = isBureauStaff(viewer) || actsForEnterprise(viewer, ctx.orgId) || expertReadsBids(viewer, ctx);
  let q = db
    .selectFrom("bids")
    .innerJoin("organizations", "organizations.id", "bids.org_id")
    .select([
      "bids.id",
      "bids.org_id",
      "organizations.name as org_name",
      "organizations.kind as org_kind",
      "bids.leader_name",
      "bids.solution",
      "bids.team",
      "bids.price_fen",
      "bids.duration_months",
      "bids.milestone_plan",
      "bids.status",
      "bids.outcome_reason",
      "bids.outcome_note",
      "bids.version",
      "bids.created_at",
      "bids.updated_at",
    ])
    .where("bids.challenge_id", "=", challengeId)
    .orderBy("bids.id");
  if (!seesAll) {
    const orgId = activeOrgId(viewer);
    if (orgId == null) return { bids: [], scores: new Map<number, ScoreSummary>(), seesAll };
    q = q.where("bids.org_id", "=", orgId);
  } else if (!isBureauStaff(viewer) && !actsForEnterprise(viewer, ctx.orgId)) {
    q = q.where("bids.status", "!=", "withdrawn");
  }
  // Why a bid lost (定榜 or 流标) is for its organisation and those who decided; an expert's review ended before it.
  const readsOutcome = (bidOrgId: number) => isBureauStaff(viewer) || isMemberOf(viewer, bidOrgId) || isMemberOf(viewer, ctx.orgId);
  const bids = (await q.execute())
    .filter((b) => canReadBid(viewer, b.org_id, ctx))
    .map((b) => (readsOutcome(b.org_id) ? b : { ...b, outcome_reason: null, outcome_note: null }));
  // Scores are internal to the review: averages for those who decide, an expert's own marks for him.
  const decides = isBureauStaff(viewer) || actsForEnterprise(viewer, ctx.orgId);
  const scores = seesAll ? await scoreSummaries(db, bids.map((b) => b.id), viewer, decides) : new Map<number, ScoreSummary>();
  return { bids, scores, seesAll };
}

export interface ScoreSummary {
  count: number;
  avg: { advanced: number; feasibility: number; team: number; price: number; total: number } | null;
  mine: { advanced: number; feasibility: number; team: number; price: number; comment: string | null } | null;
}

async function scoreSummaries(db: DB, bidIds: number[], viewer: CurrentUser | null, withAverages: boolean): Promise<Map<number, ScoreSummary>> {
  const out = new Map<number, ScoreSummary>();
  if (bidIds.length === 0) return out;
  const rows = await db.selectFrom("bid_scores").selectAll().where("bid_id", "in", bidIds).execute();
  const round1 = (n: number) => Math.round(n * 10) / 10;
  for (const id of bidIds) {
    const mineRows = rows.filter((r) => r.bid_id === id);
    const n = mineRows.length;
    const sum = (k: "advanced" | "feasibility" | "team" | "price") => mineRows.reduce((a, r) => a + r[k], 0);
    const mine = mineRows.find((r) => r.expert_id === viewer?.id) ?? null;
    out.set(id, {
      count: withAverages ? n : 0,
      avg: n && withAverages
        ? {
            advanced: round1(sum("advanced") / n),
            feasibility: round1(sum("feasibility") / n),
            team: round1(sum("team") / n),
            price: round1(sum("price") / n),
            total: round1((sum("advanced") + sum("feasibility") + sum("team") + sum("price")) / n),
          }
        : null,
      mine: mine && { advanced: mine.advanced, feasibility: mine.feasibility, team: mine.team, price: mine.price, comment: mine.comment },
    });
  }
  return out;
}

/** Every assigned expert has scored every live bid (an expert whose organisation bid scores none). */
async function allScored(trx: Kysely<Database>, challengeId: number): Promise<boolean> {
  const missing = await trx
    .selectFrom("challenge_experts as ce")
    .innerJoin("users as u", "u.id", "ce.expert_id")
    .innerJoin("bids as b", (j) => j.on("b.challenge_id", "=", challengeId).on("b.status", "=", "submitted"))
    .select("ce.expert_id")
    .where("ce.challenge_id", "=", challengeId)
    .where((eb) => eb.not(eb.exists(eb.selectFrom("bids as own").select("own.id").where("own.challenge_id", "=", challengeId).whereRef("own.org_id", "=", "u.org_id"))))
    .where((eb) => eb.not(eb.exists(eb.selectFrom("bid_scores as s").select("s.bid_id").whereRef("s.bid_id", "=", "b.id").whereRef("s.expert_id", "=", "ce.expert_id"))))
    .executeTakeFirst();
  return missing == null;
}

/** An assigned expert without a conflict scores a bid on the four-part rubric (again to revise). */
export async function scoreBid(
  db: DB,
  expert: CurrentUser,
  challengeId: number,
  input: { bidId: number; advanced: number; feasibility: number; team: number; price: number; comment: string | null },
  now = clock.now(),
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const { row, ctx } = await loadChallenge(trx, expert, challengeId, now);
    if (!can(expert, "score_bids", ctx)) {
      if (expert.role === "expert" && ctx.assignedExpert && ctx.viewerOrgBid) throw new ForbiddenError("您所在机构参与了揭榜，存在利益冲突，不能评分。");
      if (expert.role === "expert" && ctx.assignedExpert) throw new ConflictError("只能在评审阶段（揭榜截止后、定榜前）评分。");
      throw new NotFoundError();
    }
    const bid = await trx.selectFrom("bids").select("id").where("id", "=", input.bidId).where("challenge_id", "=", challengeId).where("status", "=", "submitted").executeTakeFirst();
    if (!bid) throw new NotFoundError("没有找到该揭榜申请。");
    const values = { advanced: input.advanced, feasibility: input.feasibility, team: input.team, price: input.price, comment: input.comment, scored_at: nowIso() };
    await trx
      .insertInto("bid_scores")
      .values({ bid_id: bid.id, expert_id: expert.id, ...values })
      .onConflict((oc) => oc.columns(["bid_id", "expert_id"]).doUpdateSet(values))
      .execute();
    await recordAudit(trx, { entity: "bid", entityId: bid.id, action: "score", actorId: expert.id });
    if (await allScored(trx, challengeId)) await notifyTurn(trx, "challenge.scored", { actorId: expert.id, challenge: row, now });
  });
}

/** "我的揭榜": every bid of the viewer's organisation, newest first. */
export async function listOrgBids(db: DB, user: CurrentUser) {
  const orgId = activeOrgId(user);
  if (orgId == null) return [];
  return db
    .selectFrom("bids")
    .innerJoin("challenges", "challenges.id", "bids.challenge_id")
    .select(["bids.id", "bids.challenge_id", "challenges.title", "challenges.deadline", "challenges.status as challenge_status", "bids.price_fen", "bids.status", "bids.outcome_reason", "bids.outcome_note", "bids.updated_at"])
    .where("bids.org_id", "=", user.orgId)
    .orderBy("bids.updated_at", "desc")
    .execute();
}
