import { getChallengePage, followState, latestAwardFor, listExpertsFor } from "../../models/challenge";
import { contractsOnChallenge } from "../../models/contract";
import { attachmentSlots, documentsByRecord, listDocuments, type CurrentUser } from "../../models/shared";
import { matchesForChallenge } from "../../models/result";
import { getDb } from "../../utils/db.server";
import { load } from "../../web/form.server";

/** Everything the 榜单 page shows to this viewer: the page the model allows, and what each step needs. */
export async function challengePageData(viewer: CurrentUser | null, id: number) {
  const db = getDb();
  const page = await load(() => getChallengePage(db, viewer, id));
  const needsExperts = page.actions.includes("send_to_review") || page.actions.includes("assign_experts");
  const contracts = page.details ? await contractsOnChallenge(db, viewer, id) : null;
  const bidIds = [...(page.details?.bids.map((bid) => bid.id) ?? []), ...(page.details?.ownBid ? [page.details.ownBid.id] : [])];
  return {
    ...page,
    picker: needsExperts ? await listExpertsFor(db, id) : null,
    follow: page.actions.includes("follow") ? await followState(db, viewer, id) : null,
    matches: await matchesForChallenge(db, id),
    contracts,
    signedIn: viewer != null,
    award: await latestAwardFor(db, id),
    files: await listDocuments(db, viewer, "challenge", id),
    bidFiles: await documentsByRecord(db, viewer, "bid", [...new Set(bidIds)]),
    contractFiles: await documentsByRecord(db, viewer, "contract", contracts?.rows.map((contract) => contract.id) ?? []),
    // The file inputs of the steps that take files: a milestone report and the two 验收 steps.
    slots: { report: attachmentSlots("milestone_report"), confirm: attachmentSlots("acceptance_report"), accept: attachmentSlots("acceptance_opinion") },
  };
}

export type ChallengePageData = Awaited<ReturnType<typeof challengePageData>>;
