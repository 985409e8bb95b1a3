import type { Kysely } from "kysely";
import type { DB } from "../../../db/client.server";
import type { Challenge, Database, ObjectionStatus } from "../../../db/schema";
import type { AwardState } from "../../../db/vocabulary";
import { clock, formatDate, lastDayOf, workingDaysEnd } from "../../utils/time";
import { recordAudit, attachDocuments, documentsByRecord, NO_CHANGES, type AttachmentChanges, type CurrentUser, activeOrgId, isBureauStaff, isMemberOf, isVerifiedMember, requireBureau } from "../shared";
import { transitionChallenge } from "./challenge.server";
import { ConflictError, ForbiddenError, NotFoundError, isUniqueViolation } from "../../utils/errors";
import { notifyTurn } from "../notice";

type Tx = Kysely<Database>;

const PAGE_SIZE = 20;

// ---------------------------------------------------------------------------------------------
// The bureau's setting

export async function objectionDays(db: Tx): Promise<number> {
  const r = await db.selectFrom("award_settings").select("objection_days").where("id", "=", 1).executeTakeFirstOrThrow();
  return r.objection_days;
}

export async function saveObjectionDays(db: DB, officer: CurrentUser, days: number, now = clock.now()): Promise<void> {
  requireBureau(officer, "只有区科技局工作人员可以修改公示设置。");
  await db.transaction().execute(async (trx) => {
    const before = await objectionDays(trx);
    await trx.updateTable("award_settings").set({ objection_days: days, updated_by: officer.id, updated_at: now.toISOString() }).where("id", "=", 1).execute();
    await recordAudit(trx, { entity: "award_settings", entityId: 1, action: "edit", from: String(before), to: String(days), actorId: officer.id });
  });
}

// ---------------------------------------------------------------------------------------------
// Publishing and reading a 公示

/**
 * Publish the 中选公示 inside the 定榜 transaction. The period is the bureau's setting at this
 * moment, kept on the notice so a later change of the setting does not move a running period.
 */
export async function publishAward(trx: Tx, actor: CurrentUser, c: Challenge, winnerBidId: number, now: Date): Promise<void> {
  const bid = await trx.selectFrom("bids").select(["org_id", "leader_name"]).where("id", "=", winnerBidId).executeTakeFirstOrThrow();
  const days = await objectionDays(trx);
  const ends = workingDaysEnd(now, days).toISOString();
  await trx
    .insertInto("award_notices")
    .values({
      challenge_id: c.id,
      bid_id: winnerBidId,
      org_id: bid.org_id,
      leader_name: bid.leader_name,
      published_at: now.toISOString(),
      objection_days: days,
      period_ends_at: ends,
      status: "published",
      revoked_reason: null,
      revoked_at: null,
      created_by: actor.id,
    })
    .execute();
  // The timeline entry says when the objection period ends; everyone reading the 榜单 may know it.
  await recordAudit(trx, { entity: "challenge", entityId: c.id, action: "award_publish", to: "selected", reason: `异议期至 ${formatDate(lastDayOf(ends))}`, actorId: actor.id });
}

/**
 * Exactly what a 公示 discloses, and nothing else: the 榜单, the two organisations, the 挂帅人, the
 * dates and the state. No price, amount, score, other bidder or bid text is selected here.
 */
function publicAwards(db: Tx) {
  return db
    .selectFrom("award_notices as a")
    .innerJoin("challenges as c", "c.id", "a.challenge_id")
    .innerJoin("organizations as owner", "owner.id", "c.org_id")
    .innerJoin("organizations as winner", "winner.id", "a.org_id")
    .select((eb) => [
      "a.id",
      "a.challenge_id as challengeId",
      "c.title as challengeTitle",
      "owner.name as ownerName",
      "a.org_id as winnerOrgId",
      "winner.name as winnerName",
      "a.leader_name as leaderName",
      "a.published_at as publishedAt",
      "a.objection_days as objectionDays",
      "a.period_ends_at as periodEndsAt",
      "a.status",
      "a.revoked_reason as revokedReason",
      "a.revoked_at as revokedAt",
      eb
        .selectFrom("award_objections as o")
        .select((o) => o.fn.countAll<number>().as("n"))
        .whereRef("o.award_id", "=", "a.id")
        .where("o.status", "=", "pending")
        .as("pending"),
    ]);
}

type AwardRow = Awaited<ReturnType<ReturnType<typeof publicAwards>["executeTakeFirstOrThrow"]>>;

export function awardState(a: { status: string; periodEndsAt: string; pending: number | null }, now: Date): AwardState {
  if (a.status === "revoked") return "revoked";
  if (Number(a.pending) > 0) return "objections";
  return now.toISOString() < a.periodEndsAt ? "open" : "ended";
}

function present(a: AwardRow, now: Date) {
  const { pending: _count, status: _status, ...rest } = a;
  const objectionsOpen = a.status !== "revoked" && now.toISOString() < a.periodEndsAt;
  return { ...rest, lastDay: lastDayOf(a.periodEndsAt), state: awardState(a, now), objectionsOpen };
}
export type PublicAward = ReturnType<typeof present>;

/** `/awards`: every 公示, newest first, as the public reads it. */
export async function listPublicAwards(db: DB, page: number, now = clock.now()) {
  const { n } = await db.selectFrom("award_notices").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  const rows = await publicAwards(db).orderBy("a.published_at", "desc").orderBy("a.id", "desc").limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE).execute();
  return { rows: rows.map((r) => present(r, now)), total: Number(n), page, pageSize: PAGE_SIZE };
}

/** The latest 公示 of a 榜单 (a revoked one stays visible until a new selection replaces it). */
export async function latestAwardFor(db: Tx, challengeId: number, now = clock.now()): Promise<PublicAward | null> {
  const r = await publicAwards(db).where("a.challenge_id", "=", challengeId).orderBy("a.id", "desc").executeTakeFirst();
  return r ? present(r, now) : null;
}

/** Why this person may not lodge an objection against this notice now, or null when they may. */
function objectionRefusal(user: CurrentUser | null, a: { status: string; periodEndsAt: string; winnerOrgId: number; ownerOrgId: number }, now: Date): DomainRefusal | null {
  if (!isVerifiedMember(user) || isBureauStaff(user)) {
    return { status: 403, message: "只有通过认证的机构用户可以对中选公示提出异议。" };
  }
  if (isMemberOf(user, a.winnerOrgId) || isMemberOf(user, a.ownerOrgId)) {
    return { status: 403, message: "发榜企业和中选单位是定榜的当事方，不能对本公示提出异议；如有问题请直接联系区科技局。" };
  }
  if (a.status === "revoked") return { status: 409, message: "该中选公示已撤销，不再受理异议。" };
  if (now.toISOString() >= a.periodEndsAt) {
    return { status: 409, message: `该中选公示的异议期已于 ${formatDate(lastDayOf(a.periodEndsAt))}（北京时间）结束，不再受理异议。` };
  }
  return null;
}

interface DomainRefusal {
  status: 403 | 409;
  message: string;
}

/** A 公示 page: the public notice, plus the objections this viewer may read and whether they may lodge one. */
export async function getAwardPage(db: DB, viewer: CurrentUser | null, id: number, now = clock.now()) {
  const r = await publicAwards(db).select("c.org_id as ownerOrgId").where("a.id", "=", id).executeTakeFirst();
  if (!r) throw new NotFoundError();
  const { ownerOrgId, ...row } = r;
  const refusal = objectionRefusal(viewer, { ...row, ownerOrgId }, now);
  const objections = await objectionsFor(db, viewer, { awardId: id });
  // An organisation's own objection still pending: one at a time (the bureau's list is not its own).
  const waiting = !isBureauStaff(viewer) && objections.some((o) => o.status === "pending");
  return {
    award: present(row, now),
    objections,
    // The form is offered only where lodging would succeed; the reason otherwise is shown to members.
    canObject: refusal == null && !waiting,
    objectionNote: waiting ? "贵单位的异议正在处理中，处理结果会通过“消息”通知。" : viewer && refusal && !isBureauStaff(viewer) ? refusal.message : null,
    bureau: isBureauStaff(viewer),
  };
}

// ---------------------------------------------------------------------------------------------
// Objections

/**
 * The objections a viewer may read: the bureau all of them, an organisation its own, anyone else
 * none. Never the objector's identity to anyone but those two.
 */
export async function objectionsFor(db: Tx, viewer: CurrentUser | null, f: { awardId?: number; status?: ObjectionStatus }, page = 1) {
  const bureau = isBureauStaff(viewer);
  const ownOrg = activeOrgId(viewer);
  if (!bureau && ownOrg == null) return [];
  let q = db
    .selectFrom("award_objections as o")
    .innerJoin("award_notices as a", "a.id", "o.award_id")
    .innerJoin("challenges as c", "c.id", "a.challenge_id")
    .innerJoin("organizations as org", "org.id", "o.org_id")
    .innerJoin("users as u", "u.id", "o.user_id")
    .leftJoin("users as d", "d.id", "o.decided_by")
    .select([
      "o.id",
      "o.award_id as awardId",
      "a.challenge_id as challengeId",
      "c.title as challengeTitle",
      "a.status as awardStatus",
      "a.period_ends_at as periodEndsAt",
      "org.name as orgName",
      "u.name as lodgedBy",
      "o.reasons",
      "o.status",
      "o.decision_reason as decisionReason",
      "d.name as decidedBy",
      "o.decided_at as decidedAt",
      "o.created_at as createdAt",
    ]);
  if (!bureau) q = q.where("o.org_id", "=", ownOrg!);
  if (f.awardId != null) q = q.where("o.award_id", "=", f.awardId);
  if (f.status) q = q.where("o.status", "=", f.status);
  const rows = await q.orderBy("o.created_at", "asc").orderBy("o.id", "asc").limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE).execute();
  const files = await documentsByRecord(db, viewer, "objection", rows.map((o) => o.id));
  return rows.map((o) => ({ ...o, files: files[o.id] ?? [] }));
}

/** The bureau's queue: pending objections first (oldest first), then the decided ones. */
export async function objectionQueue(db: DB, officer: CurrentUser, status: ObjectionStatus, page: number) {
  requireBureau(officer, "此页面仅供区科技局工作人员使用。");
  const { n } = await db.selectFrom("award_objections").select((eb) => eb.fn.countAll<number>().as("n")).where("status", "=", status).executeTakeFirstOrThrow();
  return { rows: await objectionsFor(db, officer, { status }, page), total: Number(n), page, pageSize: PAGE_SIZE };
}

/**
 * 异议: one transaction, so the files the lead attaches later commit with the objection (add the
 * attachment step where marked). Refused after the period, on a revoked notice, for the two
 * parties, the bureau and unverified or anonymous users; one pending objection per organisation.
 */
export async function lodgeObjection(
  db: DB,
  user: CurrentUser,
  awardId: number,
  input: { reasons: string },
  now = clock.now(),
  files: AttachmentChanges = NO_CHANGES,
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const a = await trx
      .selectFrom("award_notices as a")
      .innerJoin("challenges as c", "c.id", "a.challenge_id")
      .select(["a.id", "a.challenge_id", "a.status", "a.period_ends_at as periodEndsAt", "a.org_id as winnerOrgId", "c.org_id as ownerOrgId", "c.title", "c.status as challengeStatus", "c.winner_bid_id"])
      .where("a.id", "=", awardId)
      .executeTakeFirst();
    if (!a) throw new NotFoundError();
    const refusal = objectionRefusal(user, a, now);
    if (refusal) throw refusal.status === 403 ? new ForbiddenError(refusal.message) : new ConflictError(refusal.message);
    let id: number;
    try {
      ({ id } = await trx
        .insertInto("award_objections")
        .values({ award_id: awardId, org_id: user.orgId!, user_id: user.id, reasons: input.reasons, status: "pending", decision_reason: null, decided_by: null, decided_at: null, created_at: now.toISOString() })
        .returning("id")
        .executeTakeFirstOrThrow());
    } catch (e) {
      if (isUniqueViolation(e)) throw new ConflictError("贵单位对该中选公示已有一件异议正在处理，请等待区科技局的处理结果。");
      throw e;
    }
    await attachDocuments(trx, user, "objection", id, files, now);
    await recordAudit(trx, { entity: "award_objection", entityId: id, action: "lodge", to: "pending", actorId: user.id });
    // The 榜单's timeline says THAT an objection arrived, never who lodged it or why (Decision 36).
    await recordAudit(trx, { entity: "challenge", entityId: a.challenge_id, action: "objection_lodged", to: a.challengeStatus, actorId: null });
    await notifyTurn(trx, "award.objection_lodged", {
      actorId: user.id,
      challenge: { id: a.challenge_id, title: a.title, org_id: a.ownerOrgId, winner_bid_id: a.winner_bid_id },
      name: user.org!.name,
      now,
    });
    return id;
  });
}

export interface Decision {
  decision: "dismiss" | "uphold";
  reason: string;
}

/**
 * The bureau decides an objection. 驳回: the objector is told the reason. 成立: the selection is
 * reopened (challenge back to 评审中, winner cleared, every bid back to submitted), the notice is
 * revoked with the reason shown publicly, and the parties, bidders and objector are told. The
 * objection moves from pending only once: two officers at once give one decision, the other a 409.
 */
export async function decideObjection(db: DB, officer: CurrentUser, objectionId: number, d: Decision, now = clock.now()): Promise<void> {
  requireBureau(officer, "只有区科技局工作人员可以处理异议。");
  const o = await db
    .selectFrom("award_objections as o")
    .innerJoin("award_notices as a", "a.id", "o.award_id")
    .select(["o.id", "o.org_id", "o.award_id", "a.challenge_id"])
    .where("o.id", "=", objectionId)
    .executeTakeFirst();
  if (!o) throw new NotFoundError();

  const settle = async (trx: Tx, status: "dismissed" | "upheld") => {
    const r = await trx
      .updateTable("award_objections")
      .set({ status, decision_reason: d.reason, decided_by: officer.id, decided_at: now.toISOString() })
      .where("id", "=", objectionId)
      .where("status", "=", "pending")
      .executeTakeFirst();
    if (r.numUpdatedRows === 0n) throw new ConflictError("该异议已由其他工作人员处理，请刷新页面查看处理结果。");
    await recordAudit(trx, { entity: "award_objection", entityId: objectionId, action: status === "upheld" ? "uphold" : "dismiss", from: "pending", to: status, reason: d.reason, actorId: officer.id });
  };

  if (d.decision === "dismiss") {
    await db.transaction().execute(async (trx) => {
      await settle(trx, "dismissed");
      const c = await trx.selectFrom("challenges").select(["id", "title", "status", "org_id", "winner_bid_id"]).where("id", "=", o.challenge_id).executeTakeFirstOrThrow();
      await recordAudit(trx, { entity: "challenge", entityId: c.id, action: "objection_dismissed", to: c.status, actorId: officer.id });
      await notifyTurn(trx, "award.objection_dismissed", { actorId: officer.id, challenge: c, orgId: o.org_id, reason: d.reason, link: `/awards/${o.award_id}`, now });
    });
    return;
  }

  await transitionChallenge(db, officer, o.challenge_id, {
    action: "reopen",
    to: "evaluating",
    reason: d.reason,
    now,
    set: { winner_bid_id: null },
    also: async (trx, c) => {
      await settle(trx, "upheld");
      await trx.updateTable("award_notices").set({ status: "revoked", revoked_reason: d.reason, revoked_at: now.toISOString() }).where("id", "=", o.award_id).execute();
      // Other objections against the revoked notice have nothing left to decide.
      const moot = await trx.selectFrom("award_objections").select(["id", "org_id"]).where("award_id", "=", o.award_id).where("status", "=", "pending").execute();
      await trx.updateTable("award_objections").set({ status: "closed", decided_by: officer.id, decided_at: now.toISOString() }).where("award_id", "=", o.award_id).where("status", "=", "pending").execute();
      await trx
        .updateTable("bids")
        .set({ status: "submitted", outcome_reason: null, outcome_note: null, updated_at: now.toISOString() })
        .where("challenge_id", "=", c.id)
        .where("status", "in", ["selected", "not_selected"])
        .execute();
      // The objector first (told it was upheld), then the parties and followers, who are not told who objected.
      await notifyTurn(trx, "award.objection_upheld", { actorId: officer.id, challenge: c, orgId: o.org_id, reason: d.reason, now });
      for (const m of moot) await notifyTurn(trx, "award.objection_closed", { actorId: officer.id, challenge: c, orgId: m.org_id, reason: d.reason, now });
    },
  });
}
