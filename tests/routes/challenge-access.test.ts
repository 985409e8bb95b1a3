/**
 * 揭榜挂帅 authorisation against the REAL routes: who sees which challenge, which bid texts reach
 * whose browser, which buttons each person gets, and what each workflow POST does for each person.
 */
import { describe, expect, it } from "vitest";
import type { DB } from "../../db/client.server";
import type { ChallengeStatus } from "../../db/schema";
import type { ChallengeAction } from "../../app/models/challenge/policy.server";
import { action as pageAction, loader as pageLoader } from "../../app/routes/challenges.$id/route";
import { scoreBid } from "../../app/models/challenge/bid.server";
import { action as bidAction, loader as bidLoader } from "../../app/routes/challenges.$id_.bid";
import { action as editAction, loader as editLoader } from "../../app/routes/challenges.$id_.edit";
import { action as newAction } from "../../app/routes/challenges.new";
import { freshDb } from "../support/db";
import { anonymous, body, call, get, post, signedIn, ORIGIN, type Browser, redirectedWith } from "../support/http";
import {
  ALL_STATUSES,
  BID_A,
  BID_B,
  OPINION,
  STATES_WITH_BIDS,
  addMember,
  bidForm,
  challengeForm,
  dateInDays,
  driveTo,
  snapshot,
  statusOf,
  type CastKey,
  type Driven,
} from "../support/challenges";
import { endOfBeijingDay } from "../../app/utils/time";

const VIEWERS = ["anonymous", "owner", "otherEnt", "bidderA", "bidderB", "researcher", "pending", "expert", "expert2", "bureau"] as const;
type Viewer = (typeof VIEWERS)[number];
/**
 * anonymous  – not signed in
 * owner      – 企业用户 of 四川海聚环保 (the challenge's enterprise)
 * otherEnt   – 企业用户 of another verified enterprise (广元市海鹏生物)
 * bidderA    – 科研人员, 四川信息职业技术学院, which bids (and wins where there is a winner)
 * bidderB    – 科研人员, 四川大学, the other bidder
 * researcher – verified 科研人员 (西南交通大学) whose organisation does not bid
 * pending    – 企业用户 of an UNVERIFIED enterprise
 * expert     – 专家 (电子科技大学), assigned when the challenge is sent to review
 * expert2    – 专家 (中国科学院成都生物研究所), never assigned
 * bureau     – 区科技局
 */

async function countChallenges(db: DB): Promise<number> {
  return Number((await db.selectFrom("challenges").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
}

async function browserOf(v: Viewer, d: Driven): Promise<Browser> {
  return v === "anonymous" ? anonymous() : signedIn(d.cast[v as CastKey].id);
}

const PRE_PUBLICATION: ChallengeStatus[] = ["draft", "submitted", "under_review", "rejected"];

/** What each person may read: nothing (404), the public summary, or the details. */
function readLevel(v: Viewer, s: ChallengeStatus): "none" | "summary" | "details" {
  const assigned = v === "expert" && !["draft", "submitted"].includes(s);
  if (PRE_PUBLICATION.includes(s)) return v === "owner" || v === "bureau" || assigned ? "details" : "none";
  return v === "anonymous" || v === "pending" ? "summary" : "details";
}

/** Whose bid texts each person's browser receives (where there are bids). */
const SEES_BIDS: Record<Viewer, string[]> = {
  anonymous: [],
  owner: ["A", "B"],
  otherEnt: [],
  bidderA: ["A"],
  bidderB: ["B"],
  researcher: [],
  pending: [],
  expert: ["A", "B"],
  expert2: [],
  bureau: ["A", "B"],
};

/** The buttons (policy actions) each person gets, by state; absent = none. */
const ACTIONS: Record<Viewer, Partial<Record<ChallengeStatus, ChallengeAction[]>>> = {
  anonymous: {},
  owner: {
    draft: ["edit", "submit"],
    published: ["withdraw"],
    evaluating: ["select", "fail"],
    selected: ["sign"],
    contracted: ["review_report"],
    in_progress: ["review_report"],
    accepted: ["pay"],
  },
  bureau: {
    submitted: ["return", "send_to_review"],
    under_review: ["assign_experts", "publish", "reject"],
    published: ["extend_deadline", "close_bidding"],
    evaluating: ["assign_experts", "select", "fail"],
    // reopen: an upheld objection to the 中选公示 (decided on /bureau/objections, no button here).
    selected: ["reopen", "sign"],
    contracted: ["review_report", "terminate"],
    in_progress: ["review_report", "accept", "terminate"],
    accepted: ["pay"],
  },
  expert: { under_review: ["give_opinion"], published: ["bid"], evaluating: ["score_bids"] },
  expert2: { published: ["bid"] },
  bidderA: { published: ["bid"], contracted: ["report_milestone"], in_progress: ["report_milestone"] },
  bidderB: { published: ["bid"] },
  researcher: { published: ["bid"] },
  otherEnt: { published: ["bid"] },
  pending: {},
};

/** Everyone signed in who can see a published (or later) 榜单 may follow it. */
const follows = (v: Viewer, s: ChallengeStatus) => v !== "anonymous" && !PRE_PUBLICATION.includes(s);

const TITLE = challengeForm().title;
const MARKERS = { A: [BID_A.marker, String(BID_A.priceFen)], B: [BID_B.marker, String(BID_B.priceFen)] } as const;

describe("GET /challenges/:id — roles × states", () => {
  it.each(ALL_STATUSES)("in %s: status, details, bid texts and buttons for every viewer", async (state) => {
    const db = await freshDb({ demo: true });
    const d = await driveTo(db, state);
    expect(await statusOf(db, d.id)).toBe(state);

    const actual: Record<string, unknown> = {};
    const expected: Record<string, unknown> = {};
    for (const v of VIEWERS) {
      const res = await call(pageLoader, get(`/challenges/${d.id}`, await browserOf(v, d)), { id: String(d.id) });
      const data = await body(res);
      const text = JSON.stringify(data);
      actual[v] = {
        status: res.status,
        details: res.status === 200 ? data.details !== null : null,
        bidsSeen: (["A", "B"] as const).filter((k) => MARKERS[k].some((m) => text.includes(m))),
        actions: res.status === 200 ? [...data.actions].sort() : null,
        titleLeaked: res.status !== 200 && text.includes(TITLE),
      };
      const level = readLevel(v, state);
      expected[v] = {
        status: level === "none" ? 404 : 200,
        details: level === "none" ? null : level === "details",
        // Experts judge bids after the deadline: while 揭榜中 they see none.
        bidsSeen: STATES_WITH_BIDS.includes(state) && !(v === "expert" && state === "published") ? SEES_BIDS[v] : [],
        actions: level === "none" ? null : [...(ACTIONS[v][state] ?? []), ...(follows(v, state) ? ["follow"] : [])].sort(),
        titleLeaked: false,
      };
    }
    expect(actual).toEqual(expected);
  });

  it.each(["abc", "0", "-1", "1.5", "1e3", "99999999"])("answers 404 with a Chinese message for /challenges/%s", async (id) => {
    const db = await freshDb({ demo: true });
    const d = await driveTo(db, "published");
    for (const b of [await anonymous(), await signedIn(d.cast.bureau.id)]) {
      const res = await call(pageLoader, get(`/challenges/${id}`, b), { id });
      expect(res.status).toBe(404);
      expect((await body(res)).message).toMatch(/没有找到/);
    }
  });
});

describe("the confidential parts of the review", () => {
  it("experts' 论证意见 reach only the bureau and the assigned experts (not the enterprise, not the public)", async () => {
    const db = await freshDb({ demo: true });
    const d = await driveTo(db, "published"); // the assigned expert recorded OPINION before publication
    const seen: Viewer[] = [];
    for (const v of VIEWERS) {
      const res = await call(pageLoader, get(`/challenges/${d.id}`, await browserOf(v, d)), { id: String(d.id) });
      if (JSON.stringify(await body(res)).includes("OPINION-MARK-5d2e")) seen.push(v);
    }
    expect(OPINION).toContain("OPINION-MARK-5d2e");
    expect(seen).toEqual(["expert", "bureau"]);
  });

  it("a bidder's browser receives no expert scores on its own bid while 评审中", async () => {
    const db = await freshDb({ demo: true });
    const d = await driveTo(db, "evaluating");
    for (const bidId of [d.bids!.a, d.bids!.b]) {
      await scoreBid(db, d.cast.expert, d.id, { bidId, advanced: 2, feasibility: 3, team: 2, price: 1, comment: "SCORE-COMMENT-MARK" });
    }
    for (const v of ["bidderA", "bidderB"] as const) {
      const data = await body(await call(pageLoader, get(`/challenges/${d.id}`, await browserOf(v, d)), { id: String(d.id) }));
      expect(data.details.ownBid).not.toBeNull();
      const scores = Object.values(data.details.scores as Record<string, { count: number; avg: unknown }>);
      expect(scores.filter((x) => x.count > 0 || x.avg != null), `${v} sees review scores`).toEqual([]);
      expect(JSON.stringify(data)).not.toContain("SCORE-COMMENT-MARK");
    }
    // The enterprise does see the averages it selects by.
    const owner = await body(await call(pageLoader, get(`/challenges/${d.id}`, await browserOf("owner", d)), { id: String(d.id) }));
    expect(owner.details.scores[d.bids!.a]).toMatchObject({ count: 1, avg: { total: 8 } });
  });
});

describe("an assigned expert cannot carry competitors' bids into his own organisation's bid", () => {
  it("either he does not read the bids while 揭榜中, or his organisation may not then bid", async () => {
    // expert@demo.test (电子科技大学) is assigned during 论证 and stays assigned while the challenge is open.
    const db = await freshDb({ demo: true });
    const d = await driveTo(db, "published");
    const page = JSON.stringify(await body(await call(pageLoader, get(`/challenges/${d.id}`, await browserOf("expert", d)), { id: String(d.id) })));
    const sawCompetitorBids = page.includes(BID_A.marker) || page.includes(BID_B.marker);

    // A colleague at 电子科技大学 (or the expert himself) now bids before the deadline.
    const res = await call(bidAction, post(`/challenges/${d.id}/bid`, { intent: "submit", ...bidForm("MARK-UESTC", "26") }, await browserOf("expert", d)), { id: String(d.id) });
    const ownOrgBidAccepted = res.status === 302;

    expect({ sawCompetitorBids, ownOrgBidAccepted }).not.toEqual({ sawCompetitorBids: true, ownOrgBidAccepted: true });
  });
});

describe("GET /challenges/:id/edit and /challenges/:id/bid — who gets the form", () => {
  const EDIT: Partial<Record<ChallengeStatus, Viewer[]>> = { draft: ["owner"] };
  it.each(["draft", "submitted", "published"] as ChallengeStatus[])("edit form in %s", async (state) => {
    const db = await freshDb({ demo: true });
    const d = await driveTo(db, state);
    const actual: Record<string, number> = {};
    const expected: Record<string, number> = {};
    for (const v of VIEWERS) {
      actual[v] = (await call(editLoader, get(`/challenges/${d.id}/edit`, await browserOf(v, d)), { id: String(d.id) })).status;
      expected[v] = v === "anonymous" ? 302 : (EDIT[state] ?? []).includes(v) ? 200 : 404;
    }
    expect(actual).toEqual(expected);
  });

  it("bid form while 揭榜中: verified bidders (and a bidder editing its own bid) only", async () => {
    const db = await freshDb({ demo: true });
    const d = await driveTo(db, "published");
    const ok: Viewer[] = ["otherEnt", "bidderA", "bidderB", "researcher", "expert", "expert2"];
    const actual: Record<string, number> = {};
    const expected: Record<string, number> = {};
    for (const v of VIEWERS) {
      const res = await call(bidLoader, get(`/challenges/${d.id}/bid`, await browserOf(v, d)), { id: String(d.id) });
      actual[v] = res.status;
      expected[v] = v === "anonymous" ? 302 : ok.includes(v) ? 200 : 404;
      if (v === "bidderA") {
        const text = JSON.stringify(await body(res));
        expect(text).toContain(BID_A.marker);
        expect(text).not.toContain(BID_B.marker);
      }
    }
    expect(actual).toEqual(expected);
  });
});

// ---------------------------------------------------------------------------------------------
// POST: each workflow intent, from the state where it is legal, by every viewer.
// ---------------------------------------------------------------------------------------------

interface IntentCase {
  state: ChallengeStatus;
  route: "page" | "bid";
  /** `version`: the challenge's version as the page showed it (forms that carry it). */
  fields: (d: Driven, version: number) => Record<string, string>;
  /** Who succeeds (302 back to the page), and the state afterwards. */
  ok: Viewer[];
  after: ChallengeStatus;
  /** Refusals that are not the default (404 if they may not see it, 403 if they may). */
  refused?: Partial<Record<Viewer, number>>;
  /** The success notice, when not the workflow's usual one. */
  notice?: string;
}

const SIGNED_IN = VIEWERS.filter((v) => v !== "anonymous");

const INTENTS: Record<string, IntentCase> = {
  submit: { state: "draft", route: "page", fields: () => ({ intent: "submit" }), ok: ["owner"], after: "submitted" },
  return: { state: "submitted", route: "page", fields: () => ({ intent: "return", reason: "请补充量化的技术指标" }), ok: ["bureau"], after: "draft" },
  // driveTo leaves the expert's opinion missing here: publishing then takes the override (see expert-picker.test).
  publish: {
    state: "under_review",
    route: "page",
    fields: () => ({ intent: "publish", deadline: dateInDays(30), overrideMissing: "yes", overrideReason: "企业急需，专家意见随后补交" }),
    ok: ["bureau"],
    after: "published",
  },
  assign_experts: {
    state: "under_review",
    route: "page",
    fields: (d) => ({ intent: "assign_experts", expertIds: String(d.cast.expert2.id) }),
    ok: ["bureau"],
    after: "under_review",
  },
  extend_deadline: {
    state: "published",
    route: "page",
    fields: (_, version) => ({ intent: "extend_deadline", deadline: dateInDays(60), reason: "应揭榜单位请求延期", version: String(version) }),
    ok: ["bureau"],
    after: "published",
  },
  close_bidding: {
    state: "published",
    route: "page",
    fields: (_, version) => ({ intent: "close_bidding", reason: "已有足够方案，提前评审", version: String(version) }),
    ok: ["bureau"],
    after: "evaluating",
  },
  follow: { state: "published", route: "page", fields: () => ({ intent: "follow" }), ok: SIGNED_IN, after: "published", notice: "challengeFollowed" },
  withdraw: { state: "published", route: "page", fields: () => ({ intent: "withdraw", reason: "企业已自行解决" }), ok: ["owner"], after: "withdrawn" },
  select: {
    state: "evaluating",
    route: "page",
    fields: (d) => ({
      intent: "select",
      winnerBidId: String(d.bids!.a),
      "reasons[0].bidId": String(d.bids!.a),
      "reasons[1].bidId": String(d.bids!.b),
      "reasons[1].code": "price_high",
      "reasons[1].note": "报价偏高",
    }),
    ok: ["owner", "bureau"],
    after: "selected",
  },
  fail: { state: "evaluating", route: "page", fields: () => ({ intent: "fail", reason: "无合格方案" }), ok: ["owner", "bureau"], after: "failed" },
  sign: {
    state: "selected",
    route: "page",
    fields: () => ({ intent: "sign", signedOn: dateInDays(0), amount: "48", milestones: `${dateInDays(90)} 完成小试\n${dateInDays(200)} 完成中试` }),
    ok: ["owner", "bureau"],
    after: "contracted",
  },
  accept: {
    state: "in_progress",
    route: "page",
    fields: () => ({ intent: "accept", acceptedOn: dateInDays(0), score: "88", level: "good" }),
    ok: ["bureau"],
    after: "accepted",
  },
  pay: { state: "accepted", route: "page", fields: () => ({ intent: "pay", paidOn: dateInDays(0), amount: "50" }), ok: ["owner", "bureau"], after: "closed" },
  score: {
    state: "evaluating",
    route: "page",
    fields: (d) => ({ intent: "score", bidId: String(d.bids!.a), advanced: "4", feasibility: "5", team: "4", price: "3", comment: "可行" }),
    ok: ["expert"],
    after: "evaluating",
    // Only an assigned expert scores; to anyone else there is nothing to score.
    refused: { owner: 404, bureau: 404, otherEnt: 404, bidderA: 404, bidderB: 404, researcher: 404, pending: 404, expert2: 404 },
  },
  bid: {
    state: "published",
    route: "bid",
    fields: () => ({ intent: "submit", ...bidForm("MARK-NEW-BID", "40") }),
    ok: ["researcher", "otherEnt", "expert", "expert2"],
    after: "published",
    // One bid per organisation; 发榜企业 and the bureau cannot bid; an unverified organisation cannot.
    refused: { bidderA: 409, bidderB: 409, owner: 403, bureau: 403, pending: 403 },
  },
};

function expectedStatus(c: IntentCase, v: Viewer): number {
  if (v === "anonymous" || c.ok.includes(v)) return 302;
  return c.refused?.[v] ?? (readLevel(v, c.state) === "none" ? 404 : 403);
}

async function postIntent(db: DB, c: IntentCase, d: Driven, v: Viewer): Promise<Response> {
  const path = c.route === "bid" ? `/challenges/${d.id}/bid` : `/challenges/${d.id}`;
  const { version } = await db.selectFrom("challenges").select("version").where("id", "=", d.id).executeTakeFirstOrThrow();
  return call(c.route === "bid" ? bidAction : pageAction, post(path, c.fields(d, version), await browserOf(v, d)), { id: String(d.id) });
}

describe("POST workflow intents — roles", () => {
  it.each(Object.entries(INTENTS))("%s: each viewer gets the right answer; refusals change nothing", async (name, c) => {
    // Refusals first, all on one database: none of them may change it.
    const db = await freshDb({ demo: true });
    const d = await driveTo(db, c.state);
    const actual: Record<string, number> = {};
    const expected: Record<string, number> = {};
    for (const v of VIEWERS.filter((x) => !c.ok.includes(x))) {
      const before = await snapshot(db, d.id);
      const res = await postIntent(db, c, d, v);
      actual[v] = res.status;
      expected[v] = expectedStatus(c, v);
      if (v === "anonymous") expect(res.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
      else expect((await body(res)).message, `${name} by ${v}`).toMatch(/[\u4e00-\u9fff]/);
      expect(await snapshot(db, d.id), `${name} by ${v} changed the database`).toEqual(before);
    }

    // Each permitted viewer, on a database of its own.
    for (const v of c.ok) {
      const db2 = await freshDb({ demo: true });
      const d2 = await driveTo(db2, c.state);
      const bidsBefore = (await snapshot(db2, d2.id)).bids.length;
      const res = await postIntent(db2, c, d2, v);
      actual[v] = res.status;
      expected[v] = 302;
      if (res.status !== 302) {
        expect.soft(await body(res), `${name} by ${v}`).toBeUndefined();
        continue;
      }
      expect(redirectedWith(res)).toEqual({ to: `/challenges/${d2.id}`, notice: c.notice ?? (c.route === "bid" ? "bidSaved" : "challengeDone") });
      expect(await statusOf(db2, d2.id)).toBe(c.after);
      if (name === "bid") expect((await snapshot(db2, d2.id)).bids.length).toBe(bidsBefore + 1);
      if (name === "follow") {
        expect(await db2.selectFrom("challenge_follows").select("user_id").where("challenge_id", "=", d2.id).execute()).toEqual([{ user_id: d2.cast[v as CastKey].id }]);
      }
      if (name === "assign_experts") {
        expect(await db2.selectFrom("challenge_experts").select("expert_id").where("challenge_id", "=", d2.id).orderBy("expert_id").execute()).toHaveLength(2);
      }
      if (name === "extend_deadline") expect((await snapshot(db2, d2.id)).challenge.deadline).toBe(endOfBeijingDay(dateInDays(60)));
      if (name === "score") {
        expect(await db2.selectFrom("bid_scores").select(["advanced", "feasibility"]).where("bid_id", "=", d2.bids!.a).where("expert_id", "=", d2.cast.expert.id).execute()).toEqual([
          { advanced: 4, feasibility: 5 },
        ]);
      }
    }
    expect(actual).toEqual(expected);
  });
});

describe("POST with forged ids answers 4xx, never 500, and changes nothing", () => {
  it("select: a winnerBidId from another challenge", async () => {
    const db = await freshDb({ demo: true });
    const d = await driveTo(db, "evaluating");
    const other = await driveTo(db, "evaluating");
    const before = await snapshot(db, d.id);
    const res = await call(
      pageAction,
      post(`/challenges/${d.id}`, { intent: "select", winnerBidId: String(other.bids!.a), "reasons[0].bidId": String(d.bids!.a), "reasons[0].code": "other", "reasons[1].bidId": String(d.bids!.b), "reasons[1].code": "other" }, await signedIn(d.cast.owner.id)),
      { id: String(d.id) },
    );
    expect(res.status).toBe(400);
    expect((await body(res)).errors.winnerBidId).toEqual(["请从本榜单的有效揭榜申请中选择"]);
    expect(await snapshot(db, d.id)).toEqual(before);
    const theirs = await db.selectFrom("bids").select("status").where("challenge_id", "=", other.id).execute();
    expect(theirs).toEqual([{ status: "submitted" }, { status: "submitted" }]);
  });

  it("report_milestone: a milestoneId of another challenge", async () => {
    const db = await freshDb({ demo: true });
    const d = await driveTo(db, "contracted");
    const other = await driveTo(db, "contracted");
    const before = await snapshot(db, d.id);
    const res = await call(
      pageAction,
      post(`/challenges/${d.id}`, { intent: "report_milestone", milestoneId: String(other.milestoneIds[0]), text: "篡改别人的里程碑报告内容", earlyNote: "提前" }, await signedIn(d.cast.bidderA.id)),
      { id: String(d.id) },
    );
    expect(res.status).toBe(400);
    expect((await body(res)).errors.milestoneId).toEqual(["没有找到该里程碑"]);
    expect(await snapshot(db, d.id)).toEqual(before);
    expect(await db.selectFrom("milestone_reports").selectAll().where("milestone_id", "in", other.milestoneIds).execute()).toEqual([]);
  });

  it.each([
    ["a researcher's user id", async (d: Driven) => String(d.cast.researcher.id), /所选专家不存在/],
    ["an id that does not exist", async () => "99999999", /所选专家不存在/],
    ["not a number", async () => "abc", /编号无效/],
  ] as const)("send_to_review: an expertIds entry that is %s", async (_, expertId, message) => {
    const db = await freshDb({ demo: true });
    const d = await driveTo(db, "submitted");
    const before = await snapshot(db, d.id);
    const res = await call(pageAction, post(`/challenges/${d.id}`, { intent: "send_to_review", expertIds: await expertId(d) }, await signedIn(d.cast.bureau.id)), {
      id: String(d.id),
    });
    expect(res.status).toBe(400);
    expect((await body(res)).errors.expertIds[0]).toMatch(message);
    expect(await snapshot(db, d.id)).toEqual(before);
  });

  it("send_to_review: several expertIds, one of them an expert of the enterprise itself (利益冲突)", async () => {
    const db = await freshDb({ demo: true });
    const d = await driveTo(db, "submitted");
    const insider = await addMember(db, { email: "haiju-expert@example.test", name: "海聚 总工", role: "expert", org: "四川海聚环保科技有限公司" });
    const before = await snapshot(db, d.id);
    const form = new URLSearchParams([
      ["intent", "send_to_review"],
      ["expertIds", String(d.cast.expert.id)],
      ["expertIds", String(insider)],
    ]);
    const b = await signedIn(d.cast.bureau.id);
    form.set("csrf", b.csrf);
    const req = new Request(`${ORIGIN}/challenges/${d.id}`, { method: "POST", body: form, headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: b.cookie } });
    const res = await call(pageAction, req, { id: String(d.id) });
    expect(res.status).toBe(400);
    expect((await body(res)).errors.expertIds[0]).toContain("利益冲突");
    expect(await snapshot(db, d.id)).toEqual(before);
  });

  it("send_to_review: the same expert ticked twice (a forged form) is not a 500", async () => {
    const db = await freshDb({ demo: true });
    const d = await driveTo(db, "submitted");
    const b = await signedIn(d.cast.bureau.id);
    const form = new URLSearchParams([
      ["intent", "send_to_review"],
      ["expertIds", String(d.cast.expert.id)],
      ["expertIds", String(d.cast.expert.id)],
      ["csrf", b.csrf],
    ]);
    const req = new Request(`${ORIGIN}/challenges/${d.id}`, { method: "POST", body: form, headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: b.cookie } });
    const res = await call(pageAction, req, { id: String(d.id) }).catch((e: Error) => new Response(`500: ${e.message}`, { status: 500 }));
    expect(res.status, await res.clone().text()).not.toBe(500);
    expect([302, 400]).toContain(res.status);
    const assigned = await db.selectFrom("challenge_experts").select("expert_id").where("challenge_id", "=", d.id).execute();
    expect(assigned).toEqual(res.status === 302 ? [{ expert_id: d.cast.expert.id }] : []);
  });

  it.each(["update", "withdraw"])("bid form %s: a bidId of another organisation's bid is 404 and changes nothing", async (intent) => {
    const db = await freshDb({ demo: true });
    const d = await driveTo(db, "published");
    const before = await snapshot(db, d.id);
    // 四川大学's researcher aims at 四川信息职业技术学院's bid.
    const fields = { intent, bidId: String(d.bids!.a), version: "1", ...bidForm("MARK-HIJACK", "1") };
    const res = await call(bidAction, post(`/challenges/${d.id}/bid`, fields, await signedIn(d.cast.bidderB.id)), { id: String(d.id) });
    expect(res.status).toBe(404);
    expect(await snapshot(db, d.id)).toEqual(before);
  });

  it("score: a bidId of another challenge", async () => {
    const db = await freshDb({ demo: true });
    const d = await driveTo(db, "evaluating");
    const other = await driveTo(db, "evaluating");
    const before = await snapshot(db, d.id);
    const res = await call(
      pageAction,
      post(`/challenges/${d.id}`, { intent: "score", bidId: String(other.bids!.a), advanced: "5", feasibility: "5", team: "5", price: "5" }, await signedIn(d.cast.expert.id)),
      { id: String(d.id) },
    );
    expect(res.status).toBe(404);
    expect(await snapshot(db, d.id)).toEqual(before);
  });

  it.each([
    [{ intent: "delete" }, 400],
    [{ intent: "select", winnerBidId: "abc" }, 400],
    [{ intent: "score", bidId: "1", advanced: "9", feasibility: "1", team: "1", price: "1" }, 400],
    [{ intent: "publish", deadline: "2020-01-01" }, 400],
    [{ intent: "publish", deadline: "2030-02-30" }, 400],
  ])("refuses the forged form %j", async (fields, status) => {
    const db = await freshDb({ demo: true });
    const d = await driveTo(db, fields.intent === "publish" ? "under_review" : "evaluating");
    const who = fields.intent === "score" ? d.cast.expert : d.cast.bureau;
    const before = await snapshot(db, d.id);
    const res = await call(pageAction, post(`/challenges/${d.id}`, fields as Record<string, string>, await signedIn(who.id)), { id: String(d.id) });
    expect(res.status).toBe(status);
    expect((await body(res)).message).toMatch(/[\u4e00-\u9fff]/);
    expect(await snapshot(db, d.id)).toEqual(before);
  });
});

describe("POST /challenges/new with hostile input: 400, the message beside the field, no row", () => {
  const cases: [string, Record<string, string>, string, RegExp][] = [
    ["a 10,000-character title", { title: "榜".repeat(10_000) }, "title", /不能超过 80 个字/],
    ["a control character in the title", { title: "水性环氧\u0007地坪漆攻关" }, "title", /控制字符/],
    ["a NUL in the summary", { summary: "现有水性环氧地坪漆在低温下固化缓慢\u0000，需开发低温快速固化体系。" }, "summary", /控制字符/],
    ["a bidi override in the title", { title: "水性环氧\u202E地坪漆攻关" }, "title", /控制字符/],
    ["bounty abc", { bounty: "abc" }, "bounty", /^榜额请填写以万元为单位的数字/],
    ["bounty -5", { bounty: "-5" }, "bounty", /^榜额请填写以万元为单位的数字/],
    ["bounty 1e9", { bounty: "1e9" }, "bounty", /^榜额请填写以万元为单位的数字/],
    ["an empty bounty", { bounty: "" }, "bounty", /请填写榜额/],
    ["1,000 keywords", { keywords: Array.from({ length: 1000 }, (_, i) => `词${i}`).join("、") }, "keywords", /关键词最多 8 个/],
    ["a 21-character keyword", { keywords: "水".repeat(21) }, "keywords", /不超过 20 个字/],
    ["a keyword with a bidi override", { keywords: "水性环氧、\u202E化固温低" }, "keywords", /无法识别/],
    ["a keyword with a zero-width space", { keywords: "水性\u200B环氧、低温固化" }, "keywords", /无法识别/],
    ["a field that does not exist", { fieldCode: "99" }, "fieldCode", /请选择技术领域/],
    ["a forged 产业领域 code", { industryCode: "GY99" }, "industryCode", /^请从列表中选择产业领域$/],
    ["an 产业领域 that is not a code", { industryCode: "食品饮料'--" }, "industryCode", /^请从列表中选择产业领域$/],
    ["neither 技术领域 nor 产业领域", { fieldCode: "" }, "fieldCode", /请选择技术领域，或选择产业领域/],
    ["0 months", { durationMonths: "0" }, "durationMonths", /1–120/],
    ["121 months", { durationMonths: "121" }, "durationMonths", /1–120/],
    ["an unknown cooperation", { cooperation: "bribe" }, "cooperation", /请选择期望合作方式/],
  ];

  it.each(cases)("%s", async (_, overrides, field, message) => {
    const db = await freshDb({ demo: true });
    const owner = (await driveTo(db, "draft")).cast.owner;
    const before = await countChallenges(db);
    const res = await call(newAction, post("/challenges/new", challengeForm(overrides), await signedIn(owner.id)));
    expect(res.status).toBe(400);
    const data = await body(res);
    expect(data.message).toBe("提交的内容有误，请按提示修改。");
    expect(data.errors[field]?.[0], JSON.stringify(data.errors)).toMatch(message);
    expect(await countChallenges(db)).toBe(before);
  });

  it("refuses a form larger than 256 KiB with 413 before reading it", async () => {
    const db = await freshDb({ demo: true });
    const owner = (await driveTo(db, "draft")).cast.owner;
    const before = await countChallenges(db);
    const res = await call(newAction, post("/challenges/new", challengeForm({ summary: "长".repeat(100_000) }), await signedIn(owner.id)));
    expect(res.status).toBe(413);
    expect((await body(res)).message).toBe("提交的内容过大，请精简后重试。");
    expect(await countChallenges(db)).toBe(before);
  });

  it("saves the same form without the hostile part (the cases above are refused for their field alone)", async () => {
    const db = await freshDb({ demo: true });
    const owner = (await driveTo(db, "draft")).cast.owner;
    const res = await call(newAction, post("/challenges/new", challengeForm({ bounty: "12.345678" }), await signedIn(owner.id)));
    expect(res.status).toBe(302);
    const id = Number(res.headers.get("Location")!.split("/").pop());
    expect(await db.selectFrom("challenges").select(["status", "bounty_fen", "keywords"]).where("id", "=", id).executeTakeFirstOrThrow()).toEqual({
      status: "draft",
      bounty_fen: 12_345_678,
      keywords: "水性环氧、低温固化、地坪漆",
    });
  });

  it("refuses hostile input on the edit form too, leaving the draft as it was", async () => {
    const db = await freshDb({ demo: true });
    const d = await driveTo(db, "draft");
    const before = await snapshot(db, d.id);
    const res = await call(
      editAction,
      post(`/challenges/${d.id}/edit`, { ...challengeForm({ title: "x".repeat(10_000), bounty: "-5" }), version: String(before.challenge.version) }, await signedIn(d.cast.owner.id)),
      { id: String(d.id) },
    );
    expect(res.status).toBe(400);
    const { errors } = await body(res);
    expect(errors.title[0]).toMatch(/不能超过 80 个字/);
    expect(errors.bounty[0]).toMatch(/榜额/);
    expect(await snapshot(db, d.id)).toEqual(before);
  });

  it("refuses a 揭榜申请 with a bad price or without the ownership statement", async () => {
    const db = await freshDb({ demo: true });
    const d = await driveTo(db, "published");
    const b = await signedIn(d.cast.researcher.id);
    const before = await snapshot(db, d.id);
    const { ownership: _omit, ...noStatement } = bidForm("MARK-X", "abc");
    const res = await call(bidAction, post(`/challenges/${d.id}/bid`, { intent: "submit", ...noStatement }, b), { id: String(d.id) });
    expect(res.status).toBe(400);
    const { errors } = await body(res);
    expect(errors.price[0]).toMatch(/报价/);
    expect(errors.ownership[0]).toBe("请确认团队拥有或有权使用所提出的技术");
    expect(await snapshot(db, d.id)).toEqual(before);
  });
});
