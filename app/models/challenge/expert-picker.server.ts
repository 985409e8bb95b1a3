import type { DB } from "../../../db/client.server";
import { effectiveStatusSql, poolExperts } from "./challenge.server";
import { rankExpertsForReview } from "../result";
import { clock } from "../../utils/time";

/** Why an expert may not review this 榜单: his organisation published it, or bid on it. */
export type ExpertConflict = "owner" | "bidder" | null;

/**
 * The 送专家论证 / 指派专家 picker (issue 13 §5): every pool expert with what the bureau weighs —
 * 技术领域, 关键词, organisation, conflict of interest, reviews still open — and the ones matching
 * recommends first, with why. Only pool experts are ever recommended, and never a conflicted one
 * (assignment refuses them: see assertNoConflict).
 */
export async function listExpertsFor(db: DB, challengeId: number, now = clock.now()) {
  const c = await db.selectFrom("challenges").select("org_id").where("id", "=", challengeId).executeTakeFirstOrThrow();
  const bidderOrgs = new Set(
    (await db.selectFrom("bids").select("org_id").where("challenge_id", "=", challengeId).where("status", "!=", "withdrawn").execute()).map((b) => b.org_id),
  );
  const [experts, fields, open] = await Promise.all([
    poolExperts(db)
      .leftJoin("researcher_profiles", "researcher_profiles.user_id", "users.id")
      .select(["researcher_profiles.field_codes", "researcher_profiles.keywords"])
      .orderBy("users.name")
      .orderBy("users.id")
      .execute(),
    db.selectFrom("tech_fields").select(["code", "name"]).execute(),
    openReviewCounts(db, now),
  ]);
  const fieldName = new Map(fields.map((f) => [f.code, f.name]));
  const conflictOf = (orgId: number | null): ExpertConflict => (orgId === c.org_id ? "owner" : orgId != null && bidderOrgs.has(orgId) ? "bidder" : null);
  const assignable = new Set(experts.filter((e) => conflictOf(e.org_id) == null).map((e) => e.id));
  const ranked = await rankExpertsForReview(db, challengeId, assignable);
  const rank = new Map((ranked ?? []).map((r, i) => [r.id, { i, reasons: r.reasons }]));

  const rows = experts.map((e) => ({
    id: e.id,
    name: e.name,
    org_name: e.org_name,
    fields: (e.field_codes ?? "").split(",").filter(Boolean).map((code) => fieldName.get(code) ?? code),
    keywords: (e.keywords ?? "").split("、").filter(Boolean),
    conflict: conflictOf(e.org_id),
    openReviews: open.get(e.id) ?? 0,
    /** Why matching recommends this expert; null when it does not. */
    recommended: rank.get(e.id)?.reasons ?? null,
  }));
  // Recommended first, best match first; the rest keep their order by name.
  const order = (id: number) => rank.get(id)?.i ?? Number.MAX_SAFE_INTEGER;
  rows.sort((a, b) => order(a.id) - order(b.id));
  return { experts: rows, matchingAvailable: ranked != null };
}

export type PickerExpert = Awaited<ReturnType<typeof listExpertsFor>>["experts"][number];

/**
 * Reviews each expert still owes, by expert: 榜单 in 论证中 assigned to him without his opinion,
 * plus 榜单 in 评审中 (by the clock, as everywhere) with a bid he may score and has not.
 */
async function openReviewCounts(db: DB, now: Date): Promise<Map<number, number>> {
  const status = effectiveStatusSql(now);
  const opinions = await db
    .selectFrom("challenge_experts")
    .innerJoin("challenges", "challenges.id", "challenge_experts.challenge_id")
    .select(["challenge_experts.expert_id", (eb) => eb.fn.countAll<number>().as("n")])
    .where(status, "=", "under_review")
    .where("challenge_experts.opinion", "is", null)
    .groupBy("challenge_experts.expert_id")
    .execute();
  const scoring = await db
    .selectFrom("challenge_experts")
    .innerJoin("challenges", "challenges.id", "challenge_experts.challenge_id")
    .innerJoin("users", "users.id", "challenge_experts.expert_id")
    .select(["challenge_experts.expert_id", (eb) => eb.fn.countAll<number>().as("n")])
    .where(status, "=", "evaluating")
    // An expert whose own organisation bid scores nothing here (challenge-policy: score_bids).
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom("bids").select("bids.id").whereRef("bids.challenge_id", "=", "challenges.id").whereRef("bids.org_id", "=", "users.org_id"))),
    )
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom("bids")
          .select("bids.id")
          .whereRef("bids.challenge_id", "=", "challenges.id")
          .where("bids.status", "=", "submitted")
          .where((b) =>
            b.not(b.exists(b.selectFrom("bid_scores").select("bid_scores.bid_id").whereRef("bid_scores.bid_id", "=", "bids.id").whereRef("bid_scores.expert_id", "=", "challenge_experts.expert_id"))),
          ),
      ),
    )
    .groupBy("challenge_experts.expert_id")
    .execute();
  const out = new Map<number, number>();
  for (const r of [...opinions, ...scoring]) out.set(r.expert_id, (out.get(r.expert_id) ?? 0) + Number(r.n));
  return out;
}
