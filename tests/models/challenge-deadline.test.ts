import { describe, expect, it } from "vitest";
import { openDatabase, type DB } from "../../db/client.server";
import { submitBid, updateBid } from "../../app/models/challenge/bid.server";
import { closeBidding, extendDeadline } from "../../app/models/challenge/deadline.server";
import { followChallenge, listFollowed, unfollowChallenge } from "../../app/models/challenge/follow.server";
import { getChallengePage, listPublicChallenges } from "../../app/models/challenge/queries.server";
import { ConflictError, ForbiddenError, InvalidInputError } from "../../app/utils/errors";
import { fileOf, freshDb } from "../support/db";
import { SCITC, addMember, asUser, bidInput, driveTo, eventsOf, noticesOf, snapshot, statusOf } from "../support/challenges";
import { endOfBeijingDay } from "../../app/utils/time";

const DAY = 86_400_000;

async function rowOf(db: DB, id: number) {
  return db.selectFrom("challenges").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}

async function bidsOf(db: DB, id: number) {
  return db.selectFrom("bids").selectAll().where("challenge_id", "=", id).orderBy("id").execute();
}

async function refusal(p: Promise<unknown>): Promise<any> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error("expected a refusal");
}

/** A date field's value (北京时间) `days` after the instant `from`. */
const dayAfter = (from: string, days: number) => new Date(Date.parse(from) + 8 * 3_600_000 + days * DAY).toISOString().slice(0, 10);

describe("延长揭榜截止 (extend the deadline)", () => {
  it("moves the deadline to a later day, keeps the bids as they were, and puts date and reason on the public timeline", async () => {
    const db = await freshDb({ demo: true });
    const d = await driveTo(db, "published");
    const now = new Date();
    const before = await rowOf(db, d.id);
    const bids = await bidsOf(db, d.id);
    const deadline = endOfBeijingDay(dayAfter(before.deadline!, 14));

    await extendDeadline(db, d.cast.bureau, d.id, { deadline, reason: "应多家院所请求延期两周", version: before.version }, now);

    expect(await rowOf(db, d.id)).toMatchObject({ deadline, status: "published", version: before.version + 1 });
    expect(await bidsOf(db, d.id)).toEqual(bids);
    const [last] = (await eventsOf(db, "challenge", d.id)).slice(-1);
    expect(last).toMatchObject({ action: "extend_deadline", from_state: "published", to_state: "published", actor_id: d.cast.bureau.id });
    expect(last.reason).toContain("应多家院所请求延期两周");
    // The deadline is public: a verified organisation that never bid reads the new date and the reason.
    const page = await getChallengePage(db, d.cast.researcher, d.id, now);
    const entry = page.details!.events.find((e) => e.action === "extend_deadline")!;
    expect(entry.withheld).toBe(false);
    expect(entry.reason).toContain("应多家院所请求延期两周");
    expect(page.challenge.deadline).toBe(deadline);
  });

  it.each([
    ["the current deadline itself", 0],
    ["a day before the current deadline", -1],
  ])("refuses %s, changing nothing", async (_, days) => {
    const db = await freshDb({ demo: true });
    const d = await driveTo(db, "published");
    const row = await rowOf(db, d.id);
    const before = await snapshot(db, d.id);
    const deadline = days === 0 ? row.deadline! : endOfBeijingDay(dayAfter(row.deadline!, days));
    const e = await refusal(extendDeadline(db, d.cast.bureau, d.id, { deadline, reason: "延期", version: row.version }));
    expect(e).toBeInstanceOf(InvalidInputError);
    expect(e.fieldErrors.deadline[0]).toContain("须晚于现在的截止时间");
    expect(await snapshot(db, d.id)).toEqual(before);
  });

  it("refuses a date in the past", async () => {
    const db = await freshDb({ demo: true });
    const d = await driveTo(db, "published");
    const now = new Date();
    const row = await rowOf(db, d.id);
    const before = await snapshot(db, d.id);
    const e = await refusal(extendDeadline(db, d.cast.bureau, d.id, { deadline: new Date(now.getTime() - DAY).toISOString(), reason: "延期", version: row.version }, now));
    expect(e).toBeInstanceOf(InvalidInputError);
    expect(e.fieldErrors.deadline).toEqual(["新的截止日期不能早于今天"]);
    expect(await snapshot(db, d.id)).toEqual(before);
  });

  it("is the bureau's alone, and only while bidding is open", async () => {
    const db = await freshDb({ demo: true });
    const d = await driveTo(db, "published");
    const row = await rowOf(db, d.id);
    const input = { deadline: endOfBeijingDay(dayAfter(row.deadline!, 7)), reason: "延期", version: row.version };
    expect(await refusal(extendDeadline(db, d.cast.owner, d.id, input))).toBeInstanceOf(ForbiddenError);
    const closed = await driveTo(db, "evaluating");
    const e = await refusal(extendDeadline(db, d.cast.bureau, closed.id, { ...input, version: (await rowOf(db, closed.id)).version }));
    expect(e).toBeInstanceOf(ConflictError);
    expect(e.message).toContain("评审中");
  });
});

describe("提前截止揭榜 (close bidding early)", () => {
  it("moves the 榜单 to 评审中 everywhere, refuses new bids and changes to bids with a clear message, and keeps the bids", async () => {
    const db = await freshDb({ demo: true });
    const d = await driveTo(db, "published");
    const now = new Date();
    const bids = await bidsOf(db, d.id);
    await closeBidding(db, d.cast.bureau, d.id, { reason: "已有足够揭榜方案，提前进入评审", version: (await rowOf(db, d.id)).version }, now);

    expect(await rowOf(db, d.id)).toMatchObject({ deadline: now.toISOString(), status: "evaluating" });
    expect(await statusOf(db, d.id)).toBe("evaluating");
    expect((await getChallengePage(db, d.cast.researcher, d.id, now)).challenge.status).toBe("evaluating");
    const listed = await listPublicChallenges(db, { status: "evaluating" }, 1, now);
    expect(listed.rows.map((r) => r.id)).toContain(d.id);
    expect(await bidsOf(db, d.id)).toEqual(bids);

    const late = await refusal(submitBid(db, d.cast.researcher, d.id, bidInput("MARK-AFTER-CLOSE"), now));
    expect(late).toBeInstanceOf(ConflictError);
    expect(late.message).toContain("区科技局已于");
    expect(late.message).toContain("提前截止揭榜");
    const edit = await refusal(updateBid(db, d.cast.bidderA, d.bids!.a, bids[0].version, bidInput("MARK-EDIT-AFTER-CLOSE"), now));
    expect(edit.message).toContain("提前截止揭榜");
    expect(await bidsOf(db, d.id)).toEqual(bids);
    // An assigned expert may now score, as after the deadline.
    expect((await getChallengePage(db, d.cast.expert, d.id, now)).actions).toContain("score_bids");
  });

  it("cannot close a 榜单 whose bidding has already closed", async () => {
    const db = await freshDb({ demo: true });
    const d = await driveTo(db, "evaluating");
    const before = await snapshot(db, d.id);
    const e = await refusal(closeBidding(db, d.cast.bureau, d.id, { reason: "提前截止", version: before.challenge.version }));
    expect(e).toBeInstanceOf(ConflictError);
    expect(await snapshot(db, d.id)).toEqual(before);
  });
});

describe("who is told", () => {
  it("every member of every bidding organisation and every follower, one notice each", async () => {
    const db = await freshDb({ demo: true });
    const d = await driveTo(db, "published");
    const colleague = await addMember(db, { email: "scitc-2@example.test", name: "信息学院 同事", role: "researcher", org: SCITC });
    // A bidder who also follows, a verified organisation that only follows, and someone who does neither.
    await followChallenge(db, d.cast.bidderA, d.id);
    await followChallenge(db, d.cast.researcher, d.id);
    await followChallenge(db, d.cast.researcher, d.id); // twice is once

    const row = await rowOf(db, d.id);
    await extendDeadline(db, d.cast.bureau, d.id, { deadline: endOfBeijingDay(dayAfter(row.deadline!, 10)), reason: "延期十天", version: row.version });
    await closeBidding(db, d.cast.bureau, d.id, { reason: "提前截止", version: row.version + 1 });

    // Notices about this 榜单 (the demo seed already tells researcher@demo.test of another one's extension).
    const kinds = async (userId: number) =>
      (await noticesOf(db, userId)).filter((n) => n.link === `/challenges/${d.id}` && (n.kind === "deadline_extended" || n.kind === "bidding_closed")).map((n) => n.kind);
    for (const userId of [d.cast.bidderA.id, colleague, d.cast.bidderB.id, d.cast.researcher.id]) {
      expect(await kinds(userId)).toEqual(["deadline_extended", "bidding_closed"]);
    }
    expect(await kinds(d.cast.otherEnt.id)).toEqual([]);
    const [n] = (await noticesOf(db, d.cast.researcher.id)).filter((x) => x.kind === "deadline_extended" && x.link === `/challenges/${d.id}`);
    expect(n.body).toContain("延期十天");
  });

  it("following is one row per person, undone by unfollowing, and listed on the person's page", async () => {
    const db = await freshDb({ demo: true });
    const d = await driveTo(db, "published");
    await followChallenge(db, d.cast.researcher, d.id);
    await followChallenge(db, d.cast.researcher, d.id);
    expect((await listFollowed(db, d.cast.researcher)).map((f) => f.id)).toEqual([d.id]);
    await unfollowChallenge(db, d.cast.researcher, d.id);
    await unfollowChallenge(db, d.cast.researcher, d.id);
    expect(await listFollowed(db, d.cast.researcher)).toEqual([]);
    // A 榜单 not yet published cannot be followed (nor seen) by anyone outside the review.
    const draft = await driveTo(db, "submitted");
    expect(await refusal(followChallenge(db, d.cast.researcher, draft.id))).toMatchObject({ status: 404 });
  });
});

describe("two officers changing the deadline at once, on two real connections", () => {
  it("one change is made; the other officer is told (409) and nothing of his is applied", async () => {
    const db = await freshDb({ demo: true });
    const d = await driveTo(db, "published");
    await addMember(db, { email: "bureau2@example.test", name: "科技局 二科员", role: "bureau", org: "广元市利州区科学技术局" });
    const officer2 = await asUser(db, "bureau2@example.test");
    const other = openDatabase(await fileOf(db));
    try {
      const row = await rowOf(db, d.id);
      const deadlines = [endOfBeijingDay(dayAfter(row.deadline!, 7)), endOfBeijingDay(dayAfter(row.deadline!, 21))];
      const results = await Promise.allSettled([
        extendDeadline(db, d.cast.bureau, d.id, { deadline: deadlines[0], reason: "甲：延期一周", version: row.version }),
        extendDeadline(other, officer2, d.id, { deadline: deadlines[1], reason: "乙：延期三周", version: row.version }),
      ]);
      const rejected = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
      expect(rejected).toHaveLength(1);
      expect(rejected[0].reason).toBeInstanceOf(ConflictError);
      expect(rejected[0].reason.status).toBe(409);
      const winner = results.findIndex((r) => r.status === "fulfilled");
      expect(await rowOf(db, d.id)).toMatchObject({ deadline: deadlines[winner], version: row.version + 1 });
      expect((await eventsOf(db, "challenge", d.id)).filter((e) => e.action === "extend_deadline")).toHaveLength(1);
    } finally {
      await other.destroy();
    }
  });

  it("an extension and an early close at once: one of them happens", async () => {
    const db = await freshDb({ demo: true });
    const d = await driveTo(db, "published");
    const other = openDatabase(await fileOf(db));
    try {
      const row = await rowOf(db, d.id);
      const results = await Promise.allSettled([
        extendDeadline(db, d.cast.bureau, d.id, { deadline: endOfBeijingDay(dayAfter(row.deadline!, 7)), reason: "延期", version: row.version }),
        closeBidding(other, d.cast.bureau, d.id, { reason: "提前截止", version: row.version }),
      ]);
      expect(results.filter((r) => r.status === "rejected")).toHaveLength(1);
      const actions = (await eventsOf(db, "challenge", d.id)).map((e) => e.action).filter((a) => a === "extend_deadline" || a === "close_bidding");
      expect(actions).toHaveLength(1);
    } finally {
      await other.destroy();
    }
  });
});
