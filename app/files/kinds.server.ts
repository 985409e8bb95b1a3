import type { Kysely } from "kysely";
import type { Database, DocumentRecordKind } from "../../db/schema";
import { canReadBid, expertReadsBids, loadChallenge } from "../models/challenge";
import { NotFoundError } from "../utils/errors";
import { mayRead as mayReadResult } from "../models/result";
import { type CurrentUser, isBureauStaff, isMemberOf } from "../models/shared";

type Tx = Kysely<Database>;

/** A file input on a record's form: what the files are for and whether they are confidential. */
export interface Slot {
  /** Stored with each file and shown beside it (需求说明, 申报书 …). */
  purpose: string;
  /** The file input's label when two slots share a purpose. */
  label?: string;
  confidential: boolean;
  hint?: string;
}

/**
 * What a viewer may download from one record: nothing, its public files only, or every file.
 * The one question the download route and every file list ask.
 */
export type Access = "none" | "public" | "all";

export interface AttachmentKind {
  /** Audit/entity name and the form's slot keys (`file:<key>`, `staged:<key>`). */
  slots: Record<string, Slot>;
  /** Per record, counting files already attached. */
  maxFiles: number;
  maxBytes: number;
  access(db: Tx, viewer: CurrentUser | null, recordId: number, now: Date): Promise<Access>;
}

const MB = 1024 * 1024;

/** A thrown NotFoundError from the record's own loader means the viewer may not see the record. */
async function orNone(fn: () => Promise<Access>): Promise<Access> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof NotFoundError) return "none";
    throw e;
  }
}

async function winnerOrgId(db: Tx, challengeId: number): Promise<number | null> {
  const w = await db
    .selectFrom("challenges")
    .innerJoin("bids", "bids.id", "challenges.winner_bid_id")
    .select("bids.org_id")
    .where("challenges.id", "=", challengeId)
    .executeTakeFirst();
  return w?.org_id ?? null;
}

/** After 定榜 a 榜单's working papers are the parties': the bureau, the enterprise, the winning organisation. */
async function challengeParties(db: Tx, viewer: CurrentUser | null, challengeId: number): Promise<Access> {
  if (isBureauStaff(viewer)) return "all";
  const c = await db.selectFrom("challenges").select("org_id").where("id", "=", challengeId).executeTakeFirst();
  if (!c) return "none";
  if (isMemberOf(viewer, c.org_id)) return "all";
  const winner = await winnerOrgId(db, challengeId);
  return winner != null && isMemberOf(viewer, winner) ? "all" : "none";
}

/** The 验收 papers of a 榜单: the enterprise's 验收报告 and the bureau's 验收意见 (record = the 榜单). */
const acceptancePaper = (key: string, purpose: string): AttachmentKind => ({
  slots: { [key]: { purpose, confidential: true } },
  maxFiles: 10,
  maxBytes: 100 * MB,
  access: (db, viewer, id) => challengeParties(db, viewer, id),
});

/**
 * Who reads the files of each kind of record: each rule reuses the record's own policy, so a file
 * is never more visible than the record it belongs to (README Decisions 37–40). To attach files to
 * a new kind, add its entry here and call `attachDocuments` in the record's transaction.
 */
export const attachmentKinds: Record<DocumentRecordKind, AttachmentKind> = {
  challenge: {
    slots: {
      spec: { purpose: "需求说明", confidential: false, hint: "能看到本榜单的人都可下载" },
      spec_confidential: { purpose: "需求说明", label: "需求说明（保密）", confidential: true, hint: "仅发榜企业、区科技局、受邀论证专家和中选单位可下载" },
    },
    maxFiles: 10,
    maxBytes: 100 * MB,
    access: (db, viewer, id, now) =>
      orNone(async () => {
        const { ctx } = await loadChallenge(db, viewer, id, now);
        // An assigned expert whose own organisation bid is conflicted: public files only.
        if (isBureauStaff(viewer) || isMemberOf(viewer, ctx.orgId) || (ctx.assignedExpert && !ctx.viewerOrgBid)) return "all";
        const winner = await winnerOrgId(db, id);
        return winner != null && isMemberOf(viewer, winner) ? "all" : "public";
      }),
  },
  bid: {
    slots: {
      proposal: { purpose: "申报书", confidential: true },
      credentials: { purpose: "资质与业绩证明", confidential: true },
    },
    maxFiles: 10,
    maxBytes: 100 * MB,
    access: (db, viewer, id, now) =>
      orNone(async () => {
        const bid = await db.selectFrom("bids").select(["challenge_id", "org_id"]).where("id", "=", id).executeTakeFirst();
        if (!bid) return "none";
        const { ctx } = await loadChallenge(db, viewer, bid.challenge_id, now);
        if (!canReadBid(viewer, bid.org_id, ctx)) return "none";
        // The enterprise reads the bid's text at once but its documents only once bidding closes.
        const ownerEarly = isMemberOf(viewer, ctx.orgId) && ctx.status === "published";
        const allowed = isBureauStaff(viewer) || isMemberOf(viewer, bid.org_id) || expertReadsBids(viewer, ctx) || (isMemberOf(viewer, ctx.orgId) && !ownerEarly);
        return allowed ? "all" : "none";
      }),
  },
  result: {
    slots: {
      patent: { purpose: "专利证书", confidential: false },
      evaluation: { purpose: "成果评价", confidential: false },
      brochure: { purpose: "宣传材料", confidential: false },
    },
    maxFiles: 10,
    maxBytes: 100 * MB,
    access: async (db, viewer, id) => {
      const r = await db.selectFrom("results").select(["org_id", "status"]).where("id", "=", id).executeTakeFirst();
      return r && mayReadResult(viewer, r) ? "all" : "none";
    },
  },
  contract: {
    slots: { scan: { purpose: "合同文本扫描件", confidential: true } },
    maxFiles: 5,
    maxBytes: 60 * MB,
    access: async (db, viewer, id) => {
      const c = await db.selectFrom("contracts").select(["seller_org_id", "buyer_org_id"]).where("id", "=", id).executeTakeFirst();
      if (!c) return "none";
      const party = [c.seller_org_id, c.buyer_org_id].some((org) => org != null && isMemberOf(viewer, org));
      return isBureauStaff(viewer) || party ? "all" : "none";
    },
  },
  org: {
    slots: { license: { purpose: "营业执照", confidential: true } },
    maxFiles: 3,
    maxBytes: 40 * MB,
    access: async (_db, viewer, id) => (isBureauStaff(viewer) || isMemberOf(viewer, id) ? "all" : "none"),
  },
  // Slot keys are unique across the kinds the 榜单 page's one form reader takes (milestone reports, 验收).
  objection: {
    slots: { objection_evidence: { purpose: "异议材料", confidential: true } },
    maxFiles: 5,
    maxBytes: 60 * MB,
    // Read exactly as the objection is (objectionsFor): the bureau, and the objector's own organisation.
    access: async (db, viewer, id) => {
      if (isBureauStaff(viewer)) return "all";
      const o = await db.selectFrom("award_objections").select("org_id").where("id", "=", id).executeTakeFirst();
      return o && isMemberOf(viewer, o.org_id) ? "all" : "none";
    },
  },
  milestone_report: {
    slots: { milestone_report: { purpose: "里程碑报告", confidential: true } },
    maxFiles: 10,
    maxBytes: 100 * MB,
    access: async (db, viewer, id) => {
      const r = await db
        .selectFrom("milestone_reports")
        .innerJoin("milestones", "milestones.id", "milestone_reports.milestone_id")
        .select("milestones.challenge_id")
        .where("milestone_reports.id", "=", id)
        .executeTakeFirst();
      return r ? challengeParties(db, viewer, r.challenge_id) : "none";
    },
  },
  acceptance_report: acceptancePaper("acceptance_report", "验收报告"),
  acceptance_opinion: acceptancePaper("acceptance_opinion", "验收意见"),
};
