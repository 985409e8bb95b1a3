import type { z } from "zod";
import { scoreBid, confirmIndicators, declareFailed, recordAcceptance, recordPayment, recordSigning, selectWinner, terminateChallenge, decideMilestoneReport, submitMilestoneReport, closeBidding, extendDeadline, followChallenge, unfollowChallenge } from "../../models/challenge";
import {
  assignExperts,
  publishChallenge,
  recordOpinion,
  rejectChallenge,
  returnForRevision,
  sendToReview,
  submitChallenge,
  withdrawChallenge,
} from "../../models/challenge";
import { hasChanges, NO_CHANGES, type AttachmentChanges, type CurrentUser } from "../../models/shared";
import {
  acceptanceSchema,
  acceptReportSchema,
  closeBiddingSchema,
  extendDeadlineSchema,
  expertIdsSchema,
  milestoneReportSchema,
  opinionSchema,
  parseMilestoneLines,
  paymentSchema,
  publishSchema,
  reasonSchema,
  returnReportSchema,
  scoreSchema,
  selectionSchema,
  signingSchema,
} from "../../schemas/challenge";
import { formObject, parse } from "../../schemas/parse";
import { getDb } from "../../utils/db.server";
import { attempt, invalid, type FormValues } from "../../web/form.server";
import { redirectWithNotice } from "../../utils/flash.server";
import { httpError } from "../../utils/http.server";
import { clock, endOfBeijingDay } from "../../utils/time";

/**
 * Every workflow button on the challenge page posts an `intent`; this table maps each to its
 * schema and model call. The model decides whether the viewer may do it (see challenge-policy).
 */
export async function runChallengeIntent(user: CurrentUser, id: number, values: FormValues, files: AttachmentChanges = NO_CHANGES): Promise<Response> {
  const db = getDb();
  const back = `/challenges/${id}`;
  const done = async (fn: () => Promise<unknown>) => {
    const r = await attempt(fn, values);
    return r.ok ? redirectWithNotice(back, "challengeDone") : r.response;
  };
  function withSchema<S extends z.ZodType>(schema: S, fn: (data: z.output<S>) => Promise<unknown>) {
    const p = parse(schema, formObject(values));
    return p.ok ? done(() => fn(p.data)) : invalid(p.errors, values);
  }

  // A button and a hidden field may both carry the same intent; that is still one intent.
  const intents = [values.intent].flat();
  const intent = new Set(intents).size === 1 ? intents[0] : undefined;
  // Files travel only with a milestone report and the two 验收 steps.
  if (hasChanges(files) && !["report_milestone", "confirm", "accept"].includes(intent ?? "")) throw httpError(400, "此处不支持上传文件。");
  switch (intent) {
    case "submit":
      return done(() => submitChallenge(db, user, id));
    case "return":
      return withSchema(reasonSchema, (d) => returnForRevision(db, user, id, d.reason));
    case "send_to_review":
      return withSchema(expertIdsSchema, (d) => sendToReview(db, user, id, d.expertIds));
    case "assign_experts":
      return withSchema(expertIdsSchema, (d) => assignExperts(db, user, id, d.expertIds));
    case "give_opinion":
      return withSchema(opinionSchema, (d) => recordOpinion(db, user, id, d));
    case "publish":
      return withSchema(publishSchema, (d) =>
        publishChallenge(db, user, id, { deadline: endOfBeijingDay(d.deadline), indicators: d.indicators, bountyFen: d.bounty, note: d.note, override: d.override }),
      );
    case "reject":
      return withSchema(reasonSchema, (d) => rejectChallenge(db, user, id, d.reason));
    case "withdraw":
      return withSchema(reasonSchema, (d) => withdrawChallenge(db, user, id, d.reason));
    case "score":
      return withSchema(scoreSchema, (d) => scoreBid(db, user, id, d));
    case "select":
      return withSchema(selectionSchema, (d) => selectWinner(db, user, id, d.winnerBidId, d.reasons));
    case "fail":
      return withSchema(reasonSchema, (d) => declareFailed(db, user, id, d.reason));
    case "sign": {
      const p = parse(signingSchema, values);
      if (!p.ok) return invalid(p.errors, values);
      const ms = parseMilestoneLines(p.data.milestones);
      if (!ms.ok) return invalid({ milestones: [ms.message] }, values);
      return done(() => recordSigning(db, user, id, { signedOn: p.data.signedOn, amountFen: p.data.amount, milestones: ms.items }));
    }
    case "report_milestone":
      return withSchema(milestoneReportSchema, (d) => submitMilestoneReport(db, user, id, d.milestoneId, { text: d.text, earlyNote: d.earlyNote }, clock.now(), files));
    case "accept_report":
      return withSchema(acceptReportSchema, (d) => decideMilestoneReport(db, user, id, d.reportId, { accept: true }));
    case "return_report":
      return withSchema(returnReportSchema, (d) => decideMilestoneReport(db, user, id, d.reportId, { accept: false, reason: d.reason }));
    case "confirm":
      return withSchema(reasonSchema, (d) => confirmIndicators(db, user, id, d.reason, clock.now(), files));
    case "accept":
      return withSchema(acceptanceSchema, (d) => recordAcceptance(db, user, id, d, files));
    case "terminate":
      return withSchema(reasonSchema, (d) => terminateChallenge(db, user, id, d.reason));
    case "pay":
      return withSchema(paymentSchema, (d) => recordPayment(db, user, id, { paidOn: d.paidOn, amountFen: d.amount }));
    case "extend_deadline":
      return withSchema(extendDeadlineSchema, (d) => extendDeadline(db, user, id, { deadline: endOfBeijingDay(d.deadline), reason: d.reason, version: d.version }));
    case "close_bidding":
      return withSchema(closeBiddingSchema, (d) => closeBidding(db, user, id, d));
    case "follow":
    case "unfollow": {
      const r = await attempt(() => (intent === "follow" ? followChallenge(db, user, id) : unfollowChallenge(db, user, id)), values);
      return r.ok ? redirectWithNotice(back, intent === "follow" ? "challengeFollowed" : "challengeUnfollowed") : r.response;
    }
    default:
      throw httpError(400, "未知操作，请刷新页面后重试。");
  }
}
