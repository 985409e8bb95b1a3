import { describe, expect, it } from "vitest";
import type { DB } from "../../db/client.server";
import { submitBid, updateBid, withdrawBid } from "../../app/models/challenge/bid.server";
import { publishChallenge, recordOpinion, updateDraft } from "../../app/models/challenge/challenge.server";
import { selectWinner } from "../../app/models/challenge/delivery.server";
import { getChallengePage } from "../../app/models/challenge/queries.server";
import { ConflictError } from "../../app/utils/errors";
import { action as bidAction } from "../../app/routes/challenges.$id_.bid";
import { action as editAction } from "../../app/routes/challenges.$id_.edit";
import { auditCount, freshDb } from "../support/db";
import { body, call, post, signedIn } from "../support/http";
import {
  HAIJU,
  SCITC,
  addMember,
  asUser,
  bidForm,
  bidInput,
  challengeForm,
  challengeInput,
  daysFromNow,
  driveTo,
  passDeadline,
  statusOf,
} from "../support/challenges";

async function rowOf(db: DB, id: number) {
  return db.selectFrom("challenges").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}

async function bidsOn(db: DB, id: number) {
  return db.selectFrom("bids").select(["id", "org_id", "status", "solution", "version"]).where("challenge_id", "=", id).orderBy("id").execute();
}


function settledSplit(results: PromiseSettledResult<unknown>[]) {
  const fulfilled = results.filter((r) => r.status === "fulfilled");
  const rejected = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
  return { fulfilled, rejected };
}

describe("(a) 揭榜截止 is enforced at the moment of the bid, whatever the stored status", () => {
  it("refuses a bid one second after the deadline with a message about 截止, though no job has run", async () => {
    const db = await freshDb({ demo: true });
    const d = await driveTo(db, "published");
    const { deadline } = await rowOf(db, d.id);
    const justAfter = new Date(Date.parse(deadline!) + 1_000);

    const attempt = submitBid(db, d.cast.researcher, d.id, bidInput("MARK-LATE"), justAfter);
    await expect(attempt).rejects.toBeInstanceOf(ConflictError);
    await expect(attempt).rejects.toThrow(/截止/);

    expect((await rowOf(db, d.id)).status).toBe("published"); // stored status untouched…
    expect(await bidsOn(db, d.id)).toHaveLength(2); // …and no bid written
  });

  it("refuses a bid at the deadline instant itself", async () => {
    const db = await freshDb({ demo: true });
    const d = await driveTo(db, "published");
    const { deadline } = await rowOf(db, d.id);
    await expect(submitBid(db, d.cast.researcher, d.id, bidInput(), new Date(deadline!))).rejects.toThrow(/截止/);
  });

  it("accepts a bid one second before the deadline", async () => {
    const db = await freshDb({ demo: true });
    const d = await driveTo(db, "published");
    const { deadline } = await rowOf(db, d.id);

    const id = await submitBid(db, d.cast.researcher, d.id, bidInput("MARK-JUST-IN-TIME"), new Date(Date.parse(deadline!) - 1_000));
    expect((await bidsOn(db, d.id)).map((b) => b.id)).toContain(id);
  });

  it("with the real clock: a deadline one second ago answers the bid form with 409 and 截止, and the page says 评审中", async () => {
    const db = await freshDb({ demo: true });
    const d = await driveTo(db, "published");
    await passDeadline(db, d.id, 1_000);

    const res = await call(bidAction, post(`/challenges/${d.id}/bid`, { intent: "submit", ...bidForm("MARK-LATE") }, await signedIn(d.cast.researcher.id)), { id: String(d.id) });
    expect(res.status).toBe(409);
    expect((await body(res)).message).toMatch(/^揭榜已于 .+ 截止，不能再提交或修改揭榜申请。$/);
    expect(await bidsOn(db, d.id)).toHaveLength(2);
    expect((await rowOf(db, d.id)).status).toBe("published");

    const page = await getChallengePage(db, d.cast.researcher, d.id);
    expect(page.challenge.status).toBe("evaluating");
    expect(page.actions).not.toContain("bid");
  });

  it("after the deadline a bidder can neither edit nor withdraw its bid", async () => {
    const db = await freshDb({ demo: true });
    const d = await driveTo(db, "published");
    const before = await bidsOn(db, d.id);
    await passDeadline(db, d.id, 1_000);

    await expect(updateBid(db, d.cast.bidderA, d.bids!.a, 1, bidInput("MARK-CHANGED"))).rejects.toThrow(/截止/);
    await expect(withdrawBid(db, d.cast.bidderA, d.bids!.a)).rejects.toThrow(/截止/);
    expect(await bidsOn(db, d.id)).toEqual(before);
  });
});

describe("(b) two people selecting a winner at once", () => {
  it("yields exactly one selected bid; the second caller gets a ConflictError", async () => {
    const db = await freshDb({ demo: true });
    const d = await driveTo(db, "evaluating");
    const { a, b } = d.bids!;

    const results = await Promise.allSettled([
      selectWinner(db, d.cast.owner, d.id, a, { [b]: { code: "price_high", note: null } }),
      selectWinner(db, d.cast.bureau, d.id, b, { [a]: { code: "route_mismatch", note: null } }),
    ]);

    const { fulfilled, rejected } = settledSplit(results);
    expect(fulfilled).toHaveLength(1);
    expect(rejected).toHaveLength(1);
    expect(rejected[0].reason).toBeInstanceOf(ConflictError);
    expect(rejected[0].reason.message).toMatch(/定榜公示|刚刚已被他人处理/);

    const bids = await bidsOn(db, d.id);
    const selected = bids.filter((x) => x.status === "selected");
    expect(selected).toHaveLength(1);
    expect(bids.filter((x) => x.status === "not_selected")).toHaveLength(1);
    const row = await rowOf(db, d.id);
    expect(row.status).toBe("selected");
    expect(row.winner_bid_id).toBe(selected[0].id);
    expect(await auditCount(db, "challenge", d.id, "select")).toBe(1);
  });
});

describe("(c) two officers publishing at once", () => {
  it("publishes once; the other gets a ConflictError and its deadline is not applied", async () => {
    const db = await freshDb({ demo: true });
    const d = await driveTo(db, "under_review");
    await addMember(db, { email: "bureau2@example.test", name: "科技局 二科员", role: "bureau", org: "广元市利州区科学技术局" });
    const officer2 = await asUser(db, "bureau2@example.test");
    const deadlines = [daysFromNow(20).toISOString(), daysFromNow(40).toISOString()];
    await recordOpinion(db, d.cast.expert, d.id, { recommendation: "publish", opinion: "建议发布。" });

    const results = await Promise.allSettled([
      publishChallenge(db, d.cast.bureau, d.id, { deadline: deadlines[0], indicators: null, bountyFen: null, note: "甲" }),
      publishChallenge(db, officer2, d.id, { deadline: deadlines[1], indicators: null, bountyFen: 99_000_000, note: "乙" }),
    ]);

    const { fulfilled, rejected } = settledSplit(results);
    expect(fulfilled).toHaveLength(1);
    expect(rejected).toHaveLength(1);
    expect(rejected[0].reason).toBeInstanceOf(ConflictError);
    const winner = results[0].status === "fulfilled" ? 0 : 1;
    const row = await rowOf(db, d.id);
    expect(row).toMatchObject({ status: "published", deadline: deadlines[winner], status_reason: winner === 0 ? "甲" : "乙" });
    expect(row.bounty_fen).toBe(winner === 0 ? 50_000_000 : 99_000_000);
    expect(await auditCount(db, "challenge", d.id, "publish")).toBe(1);
  });
});

describe("(d) a double-submitted bid", () => {
  it("from the same person: one bid row, a ConflictError for the other, one notice to the enterprise", async () => {
    const db = await freshDb({ demo: true });
    const d = await driveTo(db, "published");
    const owner = d.cast.owner.id;
    const noticesBefore = await db.selectFrom("notifications").select("id").where("user_id", "=", owner).where("kind", "=", "bid_received").execute();

    const results = await Promise.allSettled([
      submitBid(db, d.cast.researcher, d.id, bidInput("MARK-CLICK-1")),
      submitBid(db, d.cast.researcher, d.id, bidInput("MARK-CLICK-2")),
    ]);

    const { fulfilled, rejected } = settledSplit(results);
    expect(fulfilled).toHaveLength(1);
    expect(rejected).toHaveLength(1);
    expect(rejected[0].reason).toBeInstanceOf(ConflictError);
    expect(rejected[0].reason.message).toContain("已对该榜单提交过揭榜申请");
    const mine = (await bidsOn(db, d.id)).filter((b) => b.org_id === d.cast.researcher.orgId);
    expect(mine).toHaveLength(1);
    const noticesAfter = await db.selectFrom("notifications").select("id").where("user_id", "=", owner).where("kind", "=", "bid_received").execute();
    expect(noticesAfter.length - noticesBefore.length).toBe(1);
  });

  it("from two colleagues of the same organisation: still one bid per organisation", async () => {
    const db = await freshDb({ demo: true });
    const d = await driveTo(db, "published");
    await addMember(db, { email: "scitc-2@example.test", name: "信息学院 赵老师", role: "researcher", org: SCITC });
    const colleague = await asUser(db, "scitc-2@example.test");
    // 四川信息职业技术学院 already bid in driveTo; withdraw it so both colleagues race to re-submit.
    await withdrawBid(db, d.cast.bidderA, d.bids!.a);

    const results = await Promise.allSettled([
      submitBid(db, d.cast.bidderA, d.id, bidInput("MARK-LIN")),
      submitBid(db, colleague, d.id, bidInput("MARK-ZHAO")),
    ]);

    const { fulfilled, rejected } = settledSplit(results);
    expect(fulfilled).toHaveLength(1);
    expect(rejected[0]?.reason).toBeInstanceOf(ConflictError);
    const scitc = (await bidsOn(db, d.id)).filter((b) => b.org_id === d.cast.bidderA.orgId);
    expect(scitc).toHaveLength(1);
    expect(scitc[0].status).toBe("submitted");
  });
});

describe("(e) lost updates", () => {
  it("refuses to save a draft edited from a stale version, keeping the colleague's change", async () => {
    const db = await freshDb({ demo: true });
    const d = await driveTo(db, "draft");
    await addMember(db, { email: "haiju-2@example.test", name: "海聚 李工", role: "enterprise", org: HAIJU });
    const colleague = await asUser(db, "haiju-2@example.test");
    const { version } = await rowOf(db, d.id); // both open the edit form at this version

    await updateDraft(db, colleague, d.id, version, challengeInput({ title: "同事修改后的榜单名称" }));
    const stale = updateDraft(db, d.cast.owner, d.id, version, challengeInput({ title: "我修改后的榜单名称" }));
    await expect(stale).rejects.toBeInstanceOf(ConflictError);
    await expect(stale).rejects.toThrow("刚刚已被他人修改");

    expect(await rowOf(db, d.id)).toMatchObject({ title: "同事修改后的榜单名称", version: version + 1 });
  });

  it("the edit form answers a stale version with 409 and the message, and writes nothing", async () => {
    const db = await freshDb({ demo: true });
    const d = await driveTo(db, "draft");
    const { version } = await rowOf(db, d.id);
    await updateDraft(db, d.cast.owner, d.id, version, challengeInput({ title: "另一个标签页里保存的名称" }));

    const res = await call(
      editAction,
      post(`/challenges/${d.id}/edit`, { ...challengeForm({ title: "旧页面里的修改内容" }), version: String(version) }, await signedIn(d.cast.owner.id)),
      { id: String(d.id) },
    );
    expect(res.status).toBe(409);
    expect((await body(res)).message).toBe("该榜单刚刚已被他人修改，请刷新页面后重新操作。");
    expect((await rowOf(db, d.id)).title).toBe("另一个标签页里保存的名称");
  });

  it("refuses a bid edit from a stale version", async () => {
    const db = await freshDb({ demo: true });
    const d = await driveTo(db, "published");
    await addMember(db, { email: "scitc-2@example.test", name: "信息学院 赵老师", role: "researcher", org: SCITC });
    const colleague = await asUser(db, "scitc-2@example.test");

    await updateBid(db, colleague, d.bids!.a, 1, bidInput("MARK-COLLEAGUE"));
    await expect(updateBid(db, d.cast.bidderA, d.bids!.a, 1, bidInput("MARK-STALE"))).rejects.toBeInstanceOf(ConflictError);
    const [a] = (await bidsOn(db, d.id)).filter((b) => b.id === d.bids!.a);
    expect(a.solution).toContain("MARK-COLLEAGUE");
    expect(a.version).toBe(2);
    expect(await statusOf(db, d.id)).toBe("published");
  });
});
