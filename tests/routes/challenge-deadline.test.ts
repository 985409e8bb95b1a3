/**
 * Issue 13 §4–5 through the real routes: the deadline forms' answers, the bid form after an early
 * close, the publish override, the picker and follow state in the page data, and /me's list.
 */
import { describe, expect, it } from "vitest";
import type { DB } from "../../db/client.server";
import { followChallenge } from "../../app/models/challenge/follow.server";
import { action as pageAction, loader as pageLoader } from "../../app/routes/challenges.$id/route";
import { loader as bidLoader } from "../../app/routes/challenges.$id_.bid";
import { loader as meLoader } from "../../app/routes/me";
import { freshDb } from "../support/db";
import { anonymous, body, call, get, post, redirectedWith, signedIn } from "../support/http";
import { dateInDays, driveTo, snapshot } from "../support/challenges";
import { endOfBeijingDay } from "../../app/utils/time";

const versionOf = async (db: DB, id: number) => (await db.selectFrom("challenges").select("version").where("id", "=", id).executeTakeFirstOrThrow()).version;

describe("the bureau's deadline forms", () => {
  it("an earlier date answers 400 next to the field; a stale form answers 409; neither changes anything", async () => {
    const db = await freshDb({ demo: true });
    const d = await driveTo(db, "published");
    const bureau = await signedIn(d.cast.bureau.id);
    const before = await snapshot(db, d.id);
    const version = String(await versionOf(db, d.id));

    const early = await call(pageAction, post(`/challenges/${d.id}`, { intent: "extend_deadline", deadline: dateInDays(10), reason: "延期", version }, bureau), { id: String(d.id) });
    expect(early.status).toBe(400);
    expect((await body(early)).errors.deadline[0]).toContain("须晚于现在的截止时间");

    const noReason = await call(pageAction, post(`/challenges/${d.id}`, { intent: "close_bidding", reason: "", version }, bureau), { id: String(d.id) });
    expect(noReason.status).toBe(400);
    expect((await body(noReason)).errors.reason).toBeDefined();

    const stale = await call(pageAction, post(`/challenges/${d.id}`, { intent: "close_bidding", reason: "提前截止", version: String(Number(version) - 1) }, bureau), { id: String(d.id) });
    expect(stale.status).toBe(409);
    expect((await body(stale)).message).toContain("刷新");
    expect(await snapshot(db, d.id)).toEqual(before);
  });

  it("after an early close the bid form says the bureau closed bidding, and the page shows 评审中", async () => {
    const db = await freshDb({ demo: true });
    const d = await driveTo(db, "published");
    const res = await call(pageAction, post(`/challenges/${d.id}`, { intent: "close_bidding", reason: "已有足够方案", version: String(await versionOf(db, d.id)) }, await signedIn(d.cast.bureau.id)), { id: String(d.id) });
    expect(redirectedWith(res)).toEqual({ to: `/challenges/${d.id}`, notice: "challengeDone" });
    const form = await body(await call(bidLoader, get(`/challenges/${d.id}/bid`, await signedIn(d.cast.researcher.id)), { id: String(d.id) }));
    expect(form.closed).toContain("区科技局已于");
    expect(form.closed).toContain("提前截止揭榜");
    const page = await body(await call(pageLoader, get(`/challenges/${d.id}`), { id: String(d.id) }));
    expect(page.challenge.status).toBe("evaluating");
  });
});

describe("follow state on the page and on /me", () => {
  it("the page tells a signed-in reader whether he follows and how many do; /me lists what he follows", async () => {
    const db = await freshDb({ demo: true });
    const d = await driveTo(db, "published");
    await followChallenge(db, d.cast.bidderA, d.id);
    const researcher = await signedIn(d.cast.researcher.id);
    const before = await body(await call(pageLoader, get(`/challenges/${d.id}`, researcher), { id: String(d.id) }));
    expect(before.follow).toEqual({ following: false, count: 1 });
    const res = await call(pageAction, post(`/challenges/${d.id}`, { intent: "follow" }, researcher), { id: String(d.id) });
    expect(redirectedWith(res).notice).toBe("challengeFollowed");
    const after = await body(await call(pageLoader, get(`/challenges/${d.id}`, researcher), { id: String(d.id) }));
    expect(after.follow).toEqual({ following: true, count: 2 });
    const me = await body(await call(meLoader, get("/me", researcher)));
    expect(me.followed.map((f: { id: number }) => f.id)).toEqual([d.id]);
    await call(pageAction, post(`/challenges/${d.id}`, { intent: "unfollow" }, researcher), { id: String(d.id) });
    expect((await body(await call(meLoader, get("/me", researcher)))).followed).toEqual([]);
    // Anonymous readers get no follow state (the page asks them to sign in).
    expect((await body(await call(pageLoader, get(`/challenges/${d.id}`, await anonymous()), { id: String(d.id) }))).follow).toBeNull();
  });
});

describe("publishing with an expert's opinion missing, through the form", () => {
  it("is refused (409, naming the expert); the override without a reason is 400; with both it publishes", async () => {
    const db = await freshDb({ demo: true });
    const d = await driveTo(db, "under_review");
    const bureau = await signedIn(d.cast.bureau.id);
    const publish = (extra: Record<string, string>) =>
      call(pageAction, post(`/challenges/${d.id}`, { intent: "publish", deadline: dateInDays(30), ...extra }, bureau), { id: String(d.id) });
    const before = await snapshot(db, d.id);

    const refused = await publish({});
    expect(refused.status).toBe(409);
    expect((await body(refused)).message).toContain(d.cast.expert.name);
    const noReason = await publish({ overrideMissing: "yes" });
    expect(noReason.status).toBe(400);
    expect((await body(noReason)).errors.overrideReason).toEqual(["请填写未收齐专家意见仍发布的理由"]);
    expect(await snapshot(db, d.id)).toEqual(before);

    const ok = await publish({ overrideMissing: "yes", overrideReason: "专家出差，企业急需发布" });
    expect(ok.status).toBe(302);
    const row = await db.selectFrom("challenges").select(["status", "deadline"]).where("id", "=", d.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: "published", deadline: endOfBeijingDay(dateInDays(30)) });
  });

  it("the bureau's page data carries the picker: pool experts with facts, conflicts and open reviews", async () => {
    const db = await freshDb({ demo: true });
    const d = await driveTo(db, "evaluating");
    const page = await body(await call(pageLoader, get(`/challenges/${d.id}`, await signedIn(d.cast.bureau.id)), { id: String(d.id) }));
    const expert = page.picker.experts.find((e: { id: number }) => e.id === d.cast.expert.id);
    expect(expert).toMatchObject({ conflict: null, openReviews: expect.any(Number) });
    expect(expert.openReviews).toBeGreaterThanOrEqual(1); // this 榜单's two bids are unscored
    // Nobody else receives the picker.
    const owner = await body(await call(pageLoader, get(`/challenges/${d.id}`, await signedIn(d.cast.owner.id)), { id: String(d.id) }));
    expect(owner.picker).toBeNull();
  });
});
