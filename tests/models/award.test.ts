/**
 * 中选公示 and 异议 through the real models: the notice published at 定榜, objections in and after
 * the period, duplicates, the bureau's two decisions, the signing gate, and two officers at once.
 */
import { describe, expect, it } from "vitest";
import type { DB } from "../../db/client.server";
import { openDatabase } from "../../db/client.server";
import { decideObjection, lodgeObjection, saveObjectionDays } from "../../app/models/challenge/award.server";
import { recordSigning, selectWinner } from "../../app/models/challenge/delivery.server";
import { awardSettingsSchema } from "../../app/schemas/award";
import { workingDaysEnd } from "../../app/utils/time";
import { fileOf, freshDb } from "../support/db";
import { SCU, addMember, asUser, daysFromNow, dateInDays, driveTo, eventsOf, noticesOf, statusOf, type Driven } from "../support/challenges";

const REASONS = "中选单位的团队负责人同时承担另一项同类榜单，投入时间不足，请复核其揭榜资格。";
const signing = { signedOn: dateInDays(0), amountFen: 12_345_678, milestones: [{ dueOn: dateInDays(90), title: "完成小试" }] };

/** A 榜单 of two bids selected at `at` (bidder A wins): its 公示 is running from then. */
async function selectedAt(db: DB, at = new Date()): Promise<Driven & { awardId: number; endsAt: Date }> {
  const d = await driveTo(db, "evaluating");
  await selectWinner(db, d.cast.owner, d.id, d.bids!.a, { [d.bids!.b]: { code: "price_high", note: "报价偏高" } }, at);
  const award = await awardOf(db, d.id);
  return { ...d, awardId: award.id, endsAt: new Date(award.period_ends_at) };
}

const awardOf = (db: DB, challengeId: number) =>
  db.selectFrom("award_notices").selectAll().where("challenge_id", "=", challengeId).orderBy("id", "desc").executeTakeFirstOrThrow();
const objectionsOf = (db: DB, awardId: number) =>
  db.selectFrom("award_objections").select(["id", "org_id", "status", "decision_reason"]).where("award_id", "=", awardId).orderBy("id").execute();
const bidStatuses = (db: DB, id: number) => db.selectFrom("bids").select(["status", "outcome_reason"]).where("challenge_id", "=", id).orderBy("id").execute();

describe("定榜 publishes the 中选公示 in the same transaction", () => {
  it("names the winner and its 挂帅人, the date and the end of the period from the bureau's setting", async () => {
    const db = await freshDb({ demo: true });
    const now = new Date();
    const d = await selectedAt(db, now);
    const a = await awardOf(db, d.id);
    expect(a).toMatchObject({ bid_id: d.bids!.a, org_id: d.cast.bidderA.orgId, leader_name: "林晓峰", published_at: now.toISOString(), objection_days: 5, status: "published" });
    expect(a.period_ends_at).toBe(workingDaysEnd(now, 5).toISOString());
  });

  it("takes the period from the setting as it stands at selection (changed to 3 by the bureau)", async () => {
    const db = await freshDb({ demo: true });
    const d0 = await driveTo(db, "draft");
    await saveObjectionDays(db, d0.cast.bureau, 3);
    const now = new Date();
    const d = await selectedAt(db, now);
    expect(await awardOf(db, d.id)).toMatchObject({ objection_days: 3, period_ends_at: workingDaysEnd(now, 3).toISOString() });
  });

  it("only the bureau changes the setting, and the form takes 1–30 whole days", async () => {
    const db = await freshDb({ demo: true });
    const d = await driveTo(db, "draft");
    await expect(saveObjectionDays(db, d.cast.owner, 3)).rejects.toMatchObject({ status: 403 });
    for (const bad of ["0", "31", "2.5", "abc", ""]) expect(awardSettingsSchema.safeParse({ objectionDays: bad }).success, bad).toBe(false);
    for (const ok of ["1", "30"]) expect(awardSettingsSchema.safeParse({ objectionDays: ok }).success, ok).toBe(true);
  });

  it("a failed selection publishes nothing (the 公示 is part of the 定榜 transaction)", async () => {
    const db = await freshDb({ demo: true });
    const d = await driveTo(db, "evaluating");
    await expect(selectWinner(db, d.cast.owner, d.id, d.bids!.a, {})).rejects.toMatchObject({ status: 400 });
    expect(await db.selectFrom("award_notices").selectAll().where("challenge_id", "=", d.id).execute()).toEqual([]);
  });
});

describe("lodging an 异议", () => {
  it("in the period: a verified organisation that is not a party lodges one; the bureau is told, the timeline names no one", async () => {
    const db = await freshDb({ demo: true });
    const d = await selectedAt(db);
    const id = await lodgeObjection(db, d.cast.bidderB, d.awardId, { reasons: REASONS }, new Date(d.endsAt.getTime() - 1000));
    expect(await objectionsOf(db, d.awardId)).toEqual([{ id, org_id: d.cast.bidderB.orgId, status: "pending", decision_reason: null }]);
    expect((await noticesOf(db, d.cast.bureau.id)).at(-1)).toMatchObject({ kind: "objection_lodged", link: "/bureau/objections" });
    const timeline = (await eventsOf(db, "challenge", d.id)).filter((e) => e.action === "objection_lodged");
    expect(timeline).toEqual([{ action: "objection_lodged", from_state: null, to_state: "selected", reason: null, actor_id: null }]);
    expect(await eventsOf(db, "award_objection", id)).toEqual([{ action: "lodge", from_state: null, to_state: "pending", reason: null, actor_id: d.cast.bidderB.id }]);
  });

  it("at the end of the period and after it: 409 saying when it ended", async () => {
    const db = await freshDb({ demo: true });
    const d = await selectedAt(db);
    for (const at of [d.endsAt, new Date(d.endsAt.getTime() + 5 * 86_400_000)]) {
      await expect(lodgeObjection(db, d.cast.researcher, d.awardId, { reasons: REASONS }, at)).rejects.toMatchObject({ status: 409, message: expect.stringMatching(/异议期已于 .+结束/) });
    }
    expect(await objectionsOf(db, d.awardId)).toEqual([]);
  });

  it("one pending objection per organisation (a colleague too); after a decision, another may follow", async () => {
    const db = await freshDb({ demo: true });
    const d = await selectedAt(db);
    await lodgeObjection(db, d.cast.bidderB, d.awardId, { reasons: REASONS });
    await addMember(db, { email: "scu-colleague@example.test", name: "川大 王老师", role: "researcher", org: SCU });
    const colleague = await asUser(db, "scu-colleague@example.test");
    await expect(lodgeObjection(db, colleague, d.awardId, { reasons: REASONS + "补充。" })).rejects.toMatchObject({ status: 409, message: expect.stringMatching(/已有一件异议正在处理/) });
    const [first] = await objectionsOf(db, d.awardId);
    await decideObjection(db, d.cast.bureau, first.id, { decision: "dismiss", reason: "经核查，负责人投入时间满足要求。" });
    await lodgeObjection(db, d.cast.bidderB, d.awardId, { reasons: REASONS + "（补充新证据）" });
    expect((await objectionsOf(db, d.awardId)).map((o) => o.status)).toEqual(["dismissed", "pending"]);
  });

  it("refused to the bureau, an unverified organisation and the two parties (403)", async () => {
    const db = await freshDb({ demo: true });
    const d = await selectedAt(db);
    for (const who of ["bureau", "pending", "owner", "bidderA"] as const) {
      await expect(lodgeObjection(db, d.cast[who], d.awardId, { reasons: REASONS }), who).rejects.toMatchObject({ status: 403 });
    }
    expect(await objectionsOf(db, d.awardId)).toEqual([]);
  });
});

describe("the bureau decides", () => {
  it("驳回: the objector is told the reason; the 公示 stands; the timeline says it was dismissed, without the reason", async () => {
    const db = await freshDb({ demo: true });
    const d = await selectedAt(db);
    const id = await lodgeObjection(db, d.cast.bidderB, d.awardId, { reasons: REASONS });
    await decideObjection(db, d.cast.bureau, id, { decision: "dismiss", reason: "经核查，负责人投入时间满足要求。" });
    expect((await noticesOf(db, d.cast.bidderB.id)).at(-1)).toMatchObject({ kind: "objection_dismissed", body: "理由：经核查，负责人投入时间满足要求。" });
    expect(await awardOf(db, d.id)).toMatchObject({ status: "published" });
    expect(await statusOf(db, d.id)).toBe("selected");
    expect((await eventsOf(db, "challenge", d.id)).at(-1)).toMatchObject({ action: "objection_dismissed", reason: null, actor_id: d.cast.bureau.id });
    await expect(decideObjection(db, d.cast.bureau, id, { decision: "uphold", reason: "再次处理" })).rejects.toMatchObject({ status: 409 });
    await expect(decideObjection(db, d.cast.owner, id, { decision: "dismiss", reason: "企业处理" })).rejects.toMatchObject({ status: 403 });
  });

  it("成立: the selection reopens (评审中, no winner, bids submitted), the 公示 is revoked with its reason, everyone concerned is told; a new 定榜 publishes a new 公示", async () => {
    const db = await freshDb({ demo: true });
    const d = await selectedAt(db);
    const id = await lodgeObjection(db, d.cast.bidderB, d.awardId, { reasons: REASONS });
    const other = await lodgeObjection(db, d.cast.researcher, d.awardId, { reasons: REASONS + "另附说明。" });
    await decideObjection(db, d.cast.bureau, id, { decision: "uphold", reason: "中选单位资格材料不实，撤销定榜，重新评审。" });

    expect(await statusOf(db, d.id)).toBe("evaluating");
    expect((await db.selectFrom("challenges").select("winner_bid_id").where("id", "=", d.id).executeTakeFirstOrThrow()).winner_bid_id).toBeNull();
    expect(await bidStatuses(db, d.id)).toEqual([{ status: "submitted", outcome_reason: null }, { status: "submitted", outcome_reason: null }]);
    expect(await awardOf(db, d.id)).toMatchObject({ status: "revoked", revoked_reason: "中选单位资格材料不实，撤销定榜，重新评审。" });
    expect((await objectionsOf(db, d.awardId)).map((o) => [o.id, o.status])).toEqual([[id, "upheld"], [other, "closed"]]);
    for (const who of ["owner", "bidderA", "researcher"] as const) {
      expect((await noticesOf(db, d.cast[who].id)).at(-1), who).toMatchObject({ kind: "award_revoked", body: "异议成立：中选单位资格材料不实，撤销定榜，重新评审。" });
    }
    // The objector is told its own objection was upheld (notice/rules.server.ts).
    expect((await noticesOf(db, d.cast.bidderB.id)).at(-1)).toMatchObject({ kind: "objection_upheld", body: "理由：中选单位资格材料不实，撤销定榜，重新评审。" });
    expect((await eventsOf(db, "challenge", d.id)).at(-1)).toMatchObject({ action: "reopen", from_state: "selected", to_state: "evaluating", reason: "中选单位资格材料不实，撤销定榜，重新评审。", actor_id: d.cast.bureau.id });
    expect(await eventsOf(db, "award_objection", id)).toContainEqual({ action: "uphold", from_state: "pending", to_state: "upheld", reason: "中选单位资格材料不实，撤销定榜，重新评审。", actor_id: d.cast.bureau.id });

    // Lodging on the revoked notice is refused; the selection can be redone and is announced anew.
    await expect(lodgeObjection(db, d.cast.researcher, d.awardId, { reasons: REASONS })).rejects.toMatchObject({ status: 409, message: "该中选公示已撤销，不再受理异议。" });
    await selectWinner(db, d.cast.owner, d.id, d.bids!.b, { [d.bids!.a]: { code: "other", note: "资格材料不实" } });
    const notices = await db.selectFrom("award_notices").select(["id", "org_id", "status"]).where("challenge_id", "=", d.id).orderBy("id").execute();
    expect(notices).toEqual([
      { id: d.awardId, org_id: d.cast.bidderA.orgId, status: "revoked" },
      { id: expect.any(Number), org_id: d.cast.bidderB.orgId, status: "published" },
    ]);
  });
});

describe("signing waits for the 公示", () => {
  it("before the end of the period: 409 saying until when; at its end with nothing pending: signed", async () => {
    const db = await freshDb({ demo: true });
    const d = await selectedAt(db);
    await expect(recordSigning(db, d.cast.owner, d.id, signing, new Date(d.endsAt.getTime() - 1000))).rejects.toMatchObject({ status: 409, message: expect.stringMatching(/中选公示期至 .+结束/) });
    await recordSigning(db, d.cast.owner, d.id, signing, d.endsAt);
    expect(await statusOf(db, d.id)).toBe("contracted");
  });

  it("after the period with an objection pending: 409 naming it; once it is dismissed: signed", async () => {
    const db = await freshDb({ demo: true });
    const d = await selectedAt(db);
    const id = await lodgeObjection(db, d.cast.bidderB, d.awardId, { reasons: REASONS });
    const after = new Date(d.endsAt.getTime() + 86_400_000);
    await expect(recordSigning(db, d.cast.bureau, d.id, signing, after)).rejects.toMatchObject({ status: 409, message: expect.stringMatching(/1 件异议尚待区科技局处理/) });
    await decideObjection(db, d.cast.bureau, id, { decision: "dismiss", reason: "异议理由不成立。" });
    await recordSigning(db, d.cast.bureau, d.id, signing, after);
    expect(await statusOf(db, d.id)).toBe("contracted");
  });

  it("after an upheld objection: nothing to sign until a new selection and its own period", async () => {
    const db = await freshDb({ demo: true });
    const d = await selectedAt(db);
    const id = await lodgeObjection(db, d.cast.bidderB, d.awardId, { reasons: REASONS });
    await decideObjection(db, d.cast.bureau, id, { decision: "uphold", reason: "资格材料不实。" });
    const after = new Date(d.endsAt.getTime() + 86_400_000);
    await expect(recordSigning(db, d.cast.owner, d.id, signing, after)).rejects.toMatchObject({ status: 409, message: expect.stringMatching(/评审中/) });
    await selectWinner(db, d.cast.owner, d.id, d.bids!.b, { [d.bids!.a]: { code: "other", note: null } }, after);
    await expect(recordSigning(db, d.cast.owner, d.id, signing, after)).rejects.toMatchObject({ status: 409, message: expect.stringMatching(/中选公示期至/) });
    const fresh = await awardOf(db, d.id);
    await recordSigning(db, d.cast.owner, d.id, signing, new Date(fresh.period_ends_at));
    expect(await statusOf(db, d.id)).toBe("contracted");
  });

  it("driveTo reaches 已签约 through the gate: its selection is dated before the period", async () => {
    const db = await freshDb({ demo: true });
    const d = await driveTo(db, "contracted");
    const a = await awardOf(db, d.id);
    expect(a.period_ends_at < new Date().toISOString()).toBe(true);
    expect(a.published_at < daysFromNow(-10).toISOString()).toBe(true);
  });
});

describe("two officers decide the same objection at once, on two real connections", () => {
  it.each([
    ["dismiss", "dismiss"],
    ["uphold", "dismiss"],
    ["uphold", "uphold"],
  ] as const)("%s + %s: exactly one decision, the other is told (409)", async (first, second) => {
    const db = await freshDb({ demo: true });
    const d = await selectedAt(db);
    const id = await lodgeObjection(db, d.cast.bidderB, d.awardId, { reasons: REASONS });
    const db2 = openDatabase(await fileOf(db));
    try {
      const results = await Promise.allSettled([
        decideObjection(db, d.cast.bureau, id, { decision: first, reason: "第一位工作人员的处理意见。" }),
        decideObjection(db2, d.cast.bureau, id, { decision: second, reason: "第二位工作人员的处理意见。" }),
      ]);
      const ok = results.filter((r) => r.status === "fulfilled");
      const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
      expect(ok).toHaveLength(1);
      expect(refused.map((r) => r.reason.status)).toEqual([409]);
      const decided = await db.selectFrom("audit_events").select("action").where("entity", "=", "award_objection").where("entity_id", "=", id).where("action", "in", ["dismiss", "uphold"]).execute();
      expect(decided).toHaveLength(1);
      const [o] = await objectionsOf(db, d.awardId);
      expect(o.status).toBe(decided[0].action === "uphold" ? "upheld" : "dismissed");
    } finally {
      await db2.destroy();
    }
  });
});
