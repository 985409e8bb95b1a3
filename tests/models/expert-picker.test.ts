import { describe, expect, it } from "vitest";
import type { DB } from "../../db/client.server";
import { scoreBid } from "../../app/models/challenge/bid.server";
import { assignExperts, poolExperts, publishChallenge, recordOpinion } from "../../app/models/challenge/challenge.server";
import { getChallengePage } from "../../app/models/challenge/queries.server";
import { ConflictError } from "../../app/utils/errors";
import { listExpertsFor } from "../../app/models/challenge/expert-picker.server";
import { saveProfile } from "../../app/models/account/profile.server";
import { profileSchema } from "../../app/schemas/result";
import { freshDb } from "../support/db";
import { CIB, HAIJU, SCITC, SWJTU, addMember, asUser, daysFromNow, driveTo, eventsOf, snapshot } from "../support/challenges";

/** A profile whose 关键词 are the fixture challenge's own (水性环氧、低温固化、地坪漆), so matching finds it. */
async function matchingProfile(db: DB, email: string) {
  await saveProfile(
    db,
    await asUser(db, email),
    profileSchema.parse({ title: "教授", fieldCodes: ["06"], keywords: "水性环氧、低温固化、地坪漆", bio: "长期从事水性环氧涂料低温固化研究。" }),
  );
}

const pick = async (db: DB, challengeId: number) => (await listExpertsFor(db, challengeId)).experts;

describe("the 送专家论证 / 指派专家 picker", () => {
  it("recommends pool experts only, with why, first; a researcher with the very same profile is not recommended", async () => {
    const db = await freshDb({ demo: true });
    const d = await driveTo(db, "submitted");
    await addMember(db, { email: "swjtu-2@example.test", name: "西南交大 赵老师", role: "researcher", org: SWJTU });
    await matchingProfile(db, "swjtu-2@example.test");
    await matchingProfile(db, "cib-expert@example.test");

    const { experts, matchingAvailable } = await listExpertsFor(db, d.id);
    expect(matchingAvailable).toBe(true);
    const pool = new Set((await poolExperts(db).execute()).map((e) => e.id));
    expect(experts.map((e) => e.id).every((id) => pool.has(id))).toBe(true);
    expect(experts.some((e) => e.name === "西南交大 赵老师")).toBe(false);
    const recommended = experts.filter((e) => e.recommended);
    expect(recommended.length).toBeGreaterThan(0);
    expect(recommended.every((e) => pool.has(e.id) && e.conflict == null)).toBe(true);
    // The matching expert comes first and says why; his facts are on the row.
    expect(experts[0]).toMatchObject({ id: d.cast.expert2.id, org_name: CIB, keywords: ["水性环氧", "低温固化", "地坪漆"] });
    expect(experts[0].fields).toEqual(["新材料及其应用"]);
    expect(experts[0].recommended!.join("；")).toMatch(/共同关键词：.*(水性环氧|低温固化|地坪漆)/);
    // Recommended ones are ahead of all the others.
    const firstPlain = experts.findIndex((e) => !e.recommended);
    expect(experts.slice(firstPlain).every((e) => !e.recommended)).toBe(true);
  });

  it("flags experts of the enterprise and of bidding organisations, and never recommends them", async () => {
    const db = await freshDb({ demo: true });
    const d = await driveTo(db, "evaluating");
    const insider = await addMember(db, { email: "haiju-expert@example.test", name: "海聚 总工", role: "expert", org: HAIJU });
    const colleague = await addMember(db, { email: "scitc-expert@example.test", name: "信息学院 专家", role: "expert", org: SCITC });
    await matchingProfile(db, "haiju-expert@example.test");
    await matchingProfile(db, "scitc-expert@example.test");

    const experts = await pick(db, d.id);
    expect(experts.find((e) => e.id === insider)).toMatchObject({ conflict: "owner", recommended: null });
    expect(experts.find((e) => e.id === colleague)).toMatchObject({ conflict: "bidder", recommended: null });
    expect(experts.find((e) => e.id === d.cast.expert2.id)).toMatchObject({ conflict: null });
  });

  it("counts open reviews: 论证 without an opinion, plus 评审 with a bid not yet scored", async () => {
    const db = await freshDb({ demo: true });
    const evaluating = await driveTo(db, "evaluating"); // expert gave his opinion; two bids unscored
    const review = await driveTo(db, "under_review"); // expert assigned, no opinion yet
    const count = async () => (await pick(db, review.id)).find((e) => e.id === review.cast.expert.id)!.openReviews;
    const expert2Count = async () => (await pick(db, review.id)).find((e) => e.id === review.cast.expert2.id)!.openReviews;
    const before = await count();
    expect(await expert2Count()).toBe(0);

    await recordOpinion(db, review.cast.expert, review.id, { recommendation: "publish", opinion: "需求真实，建议发布。" });
    expect(await count()).toBe(before - 1);
    const score = (bidId: number) => scoreBid(db, evaluating.cast.expert, evaluating.id, { bidId, advanced: 4, feasibility: 4, team: 4, price: 4, comment: null });
    await score(evaluating.bids!.a);
    expect(await count()).toBe(before - 1); // one bid still unscored
    await score(evaluating.bids!.b);
    expect(await count()).toBe(before - 2);

    // Assigned to the 评审中 one as well, expert2 owes its scores.
    await assignExperts(db, evaluating.cast.bureau, evaluating.id, [evaluating.cast.expert2.id]);
    expect(await expert2Count()).toBe(1);
  });
});

describe("publishing while an assigned expert's opinion is missing", () => {
  it("is refused with the names of the experts who have not given one, changing nothing", async () => {
    const db = await freshDb({ demo: true });
    const d = await driveTo(db, "under_review");
    await assignExperts(db, d.cast.bureau, d.id, [d.cast.expert2.id]);
    await recordOpinion(db, d.cast.expert2, d.id, { recommendation: "publish", opinion: "建议发布。" });
    const before = await snapshot(db, d.id);
    const e = await publishChallenge(db, d.cast.bureau, d.id, { deadline: daysFromNow(30).toISOString(), indicators: null, bountyFen: null, note: null }).catch((x) => x);
    expect(e).toBeInstanceOf(ConflictError);
    expect(e.message).toContain(d.cast.expert.name);
    expect(e.message).not.toContain(d.cast.expert2.name);
    expect(await snapshot(db, d.id)).toEqual(before);
  });

  it("with an override and a reason: published, the override in the audit log, and on the timeline for the bureau only", async () => {
    const db = await freshDb({ demo: true });
    const d = await driveTo(db, "under_review");
    await publishChallenge(db, d.cast.bureau, d.id, {
      deadline: daysFromNow(30).toISOString(),
      indicators: null,
      bountyFen: null,
      note: null,
      override: { reason: "OVERRIDE-MARK 专家出差两周，企业急需" },
    });
    const events = await eventsOf(db, "challenge", d.id);
    const override = events.find((e) => e.action === "publish_override")!;
    expect(override).toMatchObject({ actor_id: d.cast.bureau.id });
    expect(override.reason).toContain("OVERRIDE-MARK");
    expect(override.reason).toContain(d.cast.expert.name);
    expect(events.at(-1)).toMatchObject({ action: "publish", to_state: "published" });

    const sees = async (viewer: typeof d.cast.bureau) =>
      JSON.stringify((await getChallengePage(db, viewer, d.id)).details?.events ?? []).includes("publish_override");
    expect(await sees(d.cast.bureau)).toBe(true);
    for (const viewer of [d.cast.owner, d.cast.expert, d.cast.researcher, d.cast.otherEnt]) expect(await sees(viewer)).toBe(false);
  });
});
