import type { DB } from "../../../db/client.server";
import type { AcceptanceLevel, OutcomeReason } from "../../../db/schema";
import { acceptanceLabels, outcomeReasonLabels } from "../../utils/labels";
import { fenToWan } from "../../utils/money";
import { beijingDate, clock, formatDay, nowIso } from "../../utils/time";
import { attachDocuments, NO_CHANGES, type AttachmentChanges, type CurrentUser } from "../shared";
import { InvalidInputError } from "../../utils/errors";
import { transitionChallenge } from "./challenge.server";
import { assertAllMilestonesAccepted } from "./milestone-report.server";
import { publishAward } from "./award.server";

export interface LoserReason {
  code: Exclude<OutcomeReason, "failed">;
  note: string | null;
}

/**
 * 定榜: one winning bid, and a reason for every other bidder. The version check in the transition
 * means two people selecting at once produce exactly one winner; the other is told.
 */
export async function selectWinner(
  db: DB,
  actor: CurrentUser,
  id: number,
  winnerBidId: number,
  reasons: Record<number, LoserReason>,
  now = clock.now(),
): Promise<void> {
  const outcomeByOrg: Record<number, string> = {};
  await transitionChallenge(db, actor, id, {
    action: "select",
    to: "selected",
    now,
    reason: null,
    set: { winner_bid_id: winnerBidId },
    also: async (trx, c) => {
      const bids = await trx.selectFrom("bids").select(["id", "org_id"]).where("challenge_id", "=", id).where("status", "=", "submitted").execute();
      if (!bids.some((b) => b.id === winnerBidId)) throw new InvalidInputError({ winnerBidId: ["请从本榜单的有效揭榜申请中选择"] });
      const missing = bids.filter((b) => b.id !== winnerBidId && !reasons[b.id]);
      if (missing.length > 0) throw new InvalidInputError({ reasons: ["请为每个未中选的揭榜单位选择原因"] });
      for (const b of bids) {
        const won = b.id === winnerBidId;
        const r = reasons[b.id];
        await trx
          .updateTable("bids")
          .set(won ? { status: "selected", updated_at: nowIso() } : { status: "not_selected", outcome_reason: r.code, outcome_note: r.note, updated_at: nowIso() })
          .where("id", "=", b.id)
          .execute();
        if (!won) outcomeByOrg[b.org_id] = `${outcomeReasonLabels[r.code]}${r.note ? `。${r.note}` : ""}`;
      }
    },
    then: (trx, c) => publishAward(trx, actor, c, winnerBidId, now),
    notify: { event: "challenge.select", context: () => ({ outcomeByOrg }) },
  });
}

/** 流标: no qualified bid. Every bidder learns why. */
export async function declareFailed(db: DB, actor: CurrentUser, id: number, reason: string, now = clock.now()): Promise<void> {
  await transitionChallenge(db, actor, id, {
    action: "fail",
    to: "failed",
    now,
    reason,
    notify: { event: "challenge.fail", context: () => ({ reason }) },
    also: async (trx) => {
      const bids = await trx.selectFrom("bids").select(["id", "org_id"]).where("challenge_id", "=", id).where("status", "=", "submitted").execute();
      for (const b of bids) {
        await trx.updateTable("bids").set({ status: "not_selected", outcome_reason: "failed", outcome_note: reason, updated_at: nowIso() }).where("id", "=", b.id).execute();
      }
    },
  });
}

export async function recordSigning(
  db: DB,
  actor: CurrentUser,
  id: number,
  input: { signedOn: string; amountFen: number; milestones: { dueOn: string; title: string }[] },
  now = clock.now(),
): Promise<void> {
  const early = input.milestones.filter((m) => m.dueOn < input.signedOn);
  if (early.length > 0) {
    const names = early.map((m) => `“${m.title}”（${formatDay(m.dueOn)}）`).join("、");
    throw new InvalidInputError({ milestones: [`里程碑${names}的到期日早于签约日期 ${formatDay(input.signedOn)}，请修改`] });
  }
  // The 中选公示 gate is part of the policy (ChallengeContext.signingGate), checked as of `now`.
  await transitionChallenge(db, actor, id, {
    action: "sign",
    to: "contracted",
    now,
    reason: null,
    amountFen: input.amountFen,
    set: { signed_on: input.signedOn, contract_amount_fen: input.amountFen },
    also: async (trx) => {
      for (const m of input.milestones) {
        await trx.insertInto("milestones").values({ challenge_id: id, title: m.title, due_on: m.dueOn, updated_at: nowIso() }).execute();
      }
    },
    notify: { event: "challenge.sign" },
  });
}

/**
 * The enterprise confirms the 考核指标 were met, once it has accepted every milestone report; only
 * then does the bureau score the acceptance.
 */
export async function confirmIndicators(db: DB, owner: CurrentUser, id: number, note: string, now = clock.now(), files: AttachmentChanges = NO_CHANGES): Promise<void> {
  await transitionChallenge(db, owner, id, {
    action: "confirm",
    reason: note,
    now,
    // The day in 北京时间: before 08:00 there the UTC date is still yesterday.
    set: { owner_confirmed_on: beijingDate(now) },
    also: async (trx) => {
      await assertAllMilestonesAccepted(trx, id, "确认考核指标达成");
      await attachDocuments(trx, owner, "acceptance_report", id, files, now);
    },
    notify: { event: "challenge.confirm" },
  });
}

/** 验收: the bureau scores; 不合格 ends the project as 已终止. */
export async function recordAcceptance(
  db: DB,
  officer: CurrentUser,
  id: number,
  input: { acceptedOn: string; score: number; level: AcceptanceLevel; note: string | null },
  files: AttachmentChanges = NO_CHANGES,
): Promise<void> {
  const failed = input.level === "fail";
  await transitionChallenge(db, officer, id, {
    action: "accept",
    to: failed ? "terminated" : "accepted",
    reason: input.note ?? `验收${acceptanceLabels[input.level]}（${input.score} 分）`,
    set: { accepted_on: input.acceptedOn, acceptance_score: input.score, acceptance_level: input.level },
    also: async (trx, c) => {
      if (c.signed_on != null && input.acceptedOn < c.signed_on) {
        throw new InvalidInputError({ acceptedOn: [`验收日期不能早于签约日期（${formatDay(c.signed_on)}）`] });
      }
      await assertAllMilestonesAccepted(trx, id, "验收");
      await attachDocuments(trx, officer, "acceptance_opinion", id, files);
    },
    notify: { event: "challenge.accept", context: () => ({ level: input.level }) },
  });
}

export async function terminateChallenge(db: DB, officer: CurrentUser, id: number, reason: string): Promise<void> {
  await transitionChallenge(db, officer, id, {
    action: "terminate",
    to: "terminated",
    reason,
    notify: { event: "challenge.terminate", context: () => ({ reason }) },
  });
}

/**
 * 兑现: the bounty is paid. The amount is a field of the step (the parties read it), not its reason
 * text (which would reach everyone reading the timeline). The technology-contract record is linked
 * later through contract_record_id.
 */
export async function recordPayment(db: DB, actor: CurrentUser, id: number, input: { paidOn: string; amountFen: number }): Promise<void> {
  await transitionChallenge(db, actor, id, {
    action: "pay",
    to: "closed",
    reason: null,
    amountFen: input.amountFen,
    set: { paid_on: input.paidOn, paid_amount_fen: input.amountFen },
    also: async (trx, c) => {
      if (c.accepted_on != null && input.paidOn < c.accepted_on) {
        throw new InvalidInputError({ paidOn: [`兑现日期不能早于验收日期（${formatDay(c.accepted_on)}）`] });
      }
    },
    // The amount is the parties' to read (the winner and the enterprise); the bureau registered it.
    notify: { event: "challenge.pay", context: () => ({ reason: `${fenToWan(input.amountFen)} 万元` }) },
  });
}
