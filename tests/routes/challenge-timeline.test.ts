/**
 * What each person reads of a 榜单's 办理记录 and post-award records, against the REAL loaders.
 * Every reason, report and amount carries a marker; each test searches whole serialized loader
 * responses for them, so a leak through any field (timeline, status banner, milestones, details)
 * is caught, not only the one the page happens to render.
 */
import { describe, expect, it } from "vitest";
import type { DB } from "../../db/client.server";
import { submitBid } from "../../app/models/challenge/bid.server";
import {
  createDraft,
  publishChallenge,
  recordOpinion,
  returnForRevision,
  sendToReview,
  submitChallenge,
  withdrawChallenge,
} from "../../app/models/challenge/challenge.server";
import {
  confirmIndicators,
  declareFailed,
  recordAcceptance,
  recordPayment,
  recordSigning,
  selectWinner,
  terminateChallenge,
} from "../../app/models/challenge/delivery.server";
import { decideMilestoneReport, submitMilestoneReport } from "../../app/models/challenge/milestone-report.server";
import { loader as pageLoader } from "../../app/routes/challenges.$id/route";
import { loader as inboxLoader } from "../../app/routes/inbox";
import { loader as myBidsLoader } from "../../app/routes/my.bids";
import { loader as myChallengesLoader } from "../../app/routes/my.challenges";
import { loader as searchLoader } from "../../app/routes/search";
import { freshDb } from "../support/db";
import { anonymous, body, call, get, signedIn, type Browser } from "../support/http";
import { BID_A, BID_B, OPINION, bidInput, cast, challengeInput, dateInDays, daysFromNow, passDeadline, SELECTED_DAYS_AGO, type Cast } from "../support/challenges";

/**
 * anonymous – not signed in; pending – 企业用户 of an unverified enterprise; otherEnt – another
 * verified enterprise; bidderB – the losing bidder (四川大学); bidderA – the winning bidder
 * (四川信息职业技术学院; where nobody wins, simply a bidder); owner – the enterprise; expert – the
 * expert assigned at 论证; bureau – 区科技局.
 */
const VIEWERS = ["anonymous", "pending", "otherEnt", "bidderB", "bidderA", "owner", "expert", "bureau"] as const;
type Viewer = (typeof VIEWERS)[number];

/** One marker per kind of content; amounts in the two forms they could take (分 field, 万元 text). */
const MARK = {
  退回修改理由: ["RETURN-MARK-41d7"],
  论证意见: ["OPINION-MARK-5d2e"],
  发布说明: ["PUBLISH-MARK-8b20"],
  撤榜理由: ["WITHDRAW-MARK-c3f1"],
  未中选理由: ["NOT-SELECTED-MARK-5b3d"],
  流标理由: ["FAIL-MARK-2e9a"],
  合同金额: ["86420135", "86.42 万元"],
  里程碑: ["MILESTONE-TITLE-MARK-77ac"],
  里程碑进展报告: ["MILESTONE-MARK-6a0b"],
  提前完成说明: ["EARLY-MARK-3c5e"],
  里程碑退回理由: ["MS-RETURN-MARK-d18f"],
  达成情况说明: ["CONFIRM-MARK-90fe"],
  验收意见: ["ACCEPT-MARK-13cd"],
  兑现金额: ["75310246", "75.31 万元"],
  终止理由: ["TERMINATE-MARK-f4b8"],
} as const;
type Kind = keyof typeof MARK;

const PARTIES: Viewer[] = ["bidderA", "owner", "bureau"];
const BIDDERS_TOO: Viewer[] = ["bidderB", "bidderA", "owner", "bureau"];
const REVIEW: Viewer[] = ["owner", "expert", "bureau"];

/** The rule under test: who may read each kind of content (everyone else sees at most the step's label and date). */
const READERS: Record<Kind, Viewer[]> = {
  退回修改理由: REVIEW,
  论证意见: ["expert", "bureau"],
  发布说明: REVIEW,
  撤榜理由: BIDDERS_TOO,
  // Written on the losing bid: its own organisation reads it, as do those who decided.
  未中选理由: ["bidderB", "owner", "bureau"],
  流标理由: BIDDERS_TOO,
  合同金额: PARTIES,
  里程碑: PARTIES,
  里程碑进展报告: PARTIES,
  提前完成说明: PARTIES,
  里程碑退回理由: PARTIES,
  达成情况说明: PARTIES,
  验收意见: PARTIES,
  兑现金额: PARTIES,
  终止理由: PARTIES,
};

/** Draft → 退回修改 → 论证 (one opinion) → 揭榜中 with two bids, every text marked. */
async function openWithBids(db: DB, c: Cast) {
  const id = await createDraft(db, c.owner, challengeInput());
  await submitChallenge(db, c.owner, id);
  await returnForRevision(db, c.bureau, id, `请补充量化指标 ${MARK.退回修改理由[0]}`);
  await submitChallenge(db, c.owner, id);
  await sendToReview(db, c.bureau, id, [c.expert.id]);
  await recordOpinion(db, c.expert, id, { recommendation: "publish", opinion: OPINION });
  await publishChallenge(db, c.bureau, id, { deadline: daysFromNow(30).toISOString(), indicators: null, bountyFen: null, note: `同意立题 ${MARK.发布说明[0]}` });
  const a = await submitBid(db, c.bidderA, id, bidInput(BID_A.marker, BID_A.priceWan));
  const b = await submitBid(db, c.bidderB, id, bidInput(BID_B.marker, BID_B.priceWan));
  return { id, a, b };
}

/** 定榜 (A wins) → 签约 → 攻关: a report returned, reported again and accepted → 企业确认达成. */
async function delivering(db: DB, c: Cast) {
  const { id, a, b } = await openWithBids(db, c);
  // Selected long enough ago that the 中选公示 period has ended: signing is allowed today.
  await passDeadline(db, id, (SELECTED_DAYS_AGO + 1) * 86_400_000);
  await selectWinner(db, c.owner, id, a, { [b]: { code: "price_high", note: `报价偏高 ${MARK.未中选理由[0]}` } }, daysFromNow(-SELECTED_DAYS_AGO));
  await recordSigning(db, c.owner, id, {
    signedOn: dateInDays(0),
    amountFen: 86_420_135,
    milestones: [{ dueOn: dateInDays(180), title: `完成小试 ${MARK.里程碑[0]}` }],
  });
  const [m] = await db.selectFrom("milestones").select("id").where("challenge_id", "=", id).execute();
  const early = `中试基础好 ${MARK.提前完成说明[0]}`;
  const first = await submitMilestoneReport(db, c.bidderA, id, m.id, { text: `小试完成 ${MARK.里程碑进展报告[0]}`, earlyNote: early });
  await decideMilestoneReport(db, c.owner, id, first, { accept: false, reason: `缺少检测报告 ${MARK.里程碑退回理由[0]}` });
  const second = await submitMilestoneReport(db, c.bidderA, id, m.id, { text: `年产值 1.2 亿元 ${MARK.里程碑进展报告[0]}`, earlyNote: early });
  await decideMilestoneReport(db, c.owner, id, second, { accept: true });
  await confirmIndicators(db, c.owner, id, `指标均达成，营业收入增长 18% ${MARK.达成情况说明[0]}`);
  return id;
}

/** Four 榜单 that between them hold every kind of timeline entry and post-award record. */
async function everyKind(db: DB) {
  const c = await cast(db);
  const closed = await delivering(db, c);
  await recordAcceptance(db, c.bureau, closed, { acceptedOn: dateInDays(0), score: 73, level: "good", note: `验收良好 ${MARK.验收意见[0]}` });
  await recordPayment(db, c.owner, closed, { paidOn: dateInDays(0), amountFen: 75_310_246 });

  const terminated = await delivering(db, c);
  await terminateChallenge(db, c.bureau, terminated, `揭榜方核心成员离职 ${MARK.终止理由[0]}`);

  const failed = await openWithBids(db, c);
  await passDeadline(db, failed.id);
  await declareFailed(db, c.owner, failed.id, `唯一揭榜方案 ${MARK.流标理由[0]} 报价超出榜额`);

  const withdrawn = await openWithBids(db, c);
  await withdrawChallenge(db, c.owner, withdrawn.id, `企业已自行解决 ${MARK.撤榜理由[0]}`);

  return { cast: c, ids: [closed, terminated, failed.id, withdrawn.id], closed };
}

async function browserOf(v: Viewer, c: Cast): Promise<Browser> {
  return v === "anonymous" ? anonymous() : signedIn(c[v].id);
}

async function pageText(v: Viewer, c: Cast, id: number): Promise<string> {
  const res = await call(pageLoader, get(`/challenges/${id}?_data=routes%2Fchallenges.%24id`, await browserOf(v, c)), { id: String(id) });
  expect(res.status, `${v} reads /challenges/${id}`).toBe(200);
  return JSON.stringify(await body(res));
}

/** kind → the viewers in whose text any of its markers appears. */
function whoSees(texts: Record<Viewer, string>): Record<Kind, Viewer[]> {
  return Object.fromEntries(
    (Object.keys(MARK) as Kind[]).map((k) => [k, VIEWERS.filter((v) => MARK[k].some((m) => texts[v].includes(m)))]),
  ) as Record<Kind, Viewer[]>;
}

describe("the 榜单 page: entry kind × viewer", () => {
  it("each reason, report and amount reaches exactly the people allowed to read it", async () => {
    const db = await freshDb({ demo: true });
    const { cast: c, ids } = await everyKind(db);
    const texts = {} as Record<Viewer, string>;
    for (const v of VIEWERS) texts[v] = (await Promise.all(ids.map((id) => pageText(v, c, id)))).join("\n");
    expect(whoSees(texts)).toEqual(READERS);
  });

  it("everyone who reads the 办理记录 sees that each step happened, with its date, and which content is withheld", async () => {
    const db = await freshDb({ demo: true });
    const { cast: c, closed } = await everyKind(db);
    for (const v of ["otherEnt", "bidderB", "expert"] as const) {
      const data = JSON.parse(await pageText(v, c, closed));
      const steps = data.details.events.map((e: { action: string; created_at: string; reason: unknown; amount_fen: unknown; withheld: boolean }) => {
        expect(e.created_at, `${v}: ${e.action} has a date`).toMatch(/^\d{4}-\d\d-\d\dT/);
        if (e.withheld) expect([e.reason, e.amount_fen], `${v}: withheld ${e.action} carries content`).toEqual([null, null]);
        return [e.action, e.withheld];
      });
      // Newest first. The enterprise's own pre-publication history is for those who took part in it.
      // Milestone reports and decisions are not listed to them at all (Decision 31).
      const post = [["pay", true], ["accept", true], ["confirm", true], ["sign", true], ["award_publish", false], ["select", false]];
      const pre = v === "expert" ? [["opinion", false], ["send_to_review", false], ["submit", false], ["return", false], ["submit", false], ["create", false]] : [];
      expect(steps, v).toEqual([...post, ["publish", v !== "expert"], ...pre]);
      // The record's dates stay public; its amounts, scores and milestones do not.
      expect(data.details, v).toMatchObject({ signedOn: expect.any(String), acceptedOn: expect.any(String), paidOn: expect.any(String) });
      expect(data.details, v).toMatchObject({ contractAmountFen: null, paidAmountFen: null, acceptanceScore: null, acceptanceLevel: null, milestones: [] });
    }
    // A party reads the amounts as fields of the steps they belong to.
    const owner = JSON.parse(await pageText("owner", c, closed));
    const amounts = owner.details.events.filter((e: { amount_fen: number | null }) => e.amount_fen != null).map((e: { action: string; amount_fen: number }) => [e.action, e.amount_fen]);
    expect(amounts).toEqual([["pay", 75_310_246], ["sign", 86_420_135]]);
    expect(owner.details).toMatchObject({ acceptanceScore: 73, acceptanceLevel: "good", paidAmountFen: 75_310_246 });
  });

  it("no amount is written into an event's free-text reason", async () => {
    const db = await freshDb({ demo: true });
    await everyKind(db);
    const withAmounts = await db.selectFrom("audit_events").select(["action", "reason"]).where("reason", "like", "%万元%").execute();
    expect(withAmounts).toEqual([]);
  });
});

describe("the other places a 榜单's history is printed", () => {
  it("inbox, 我的揭榜, 我的榜单 and search give nobody content beyond what the page allows them", async () => {
    const db = await freshDb({ demo: true });
    const { cast: c } = await everyKind(db);
    const texts = {} as Record<Viewer, string>;
    for (const v of VIEWERS) {
      const b = await browserOf(v, c);
      const parts: unknown[] = [];
      for (const kind of Object.keys(MARK) as Kind[]) {
        // The hits only: the page repeats the query itself back.
        parts.push((await body(await call(searchLoader, get(`/search?q=${encodeURIComponent(MARK[kind][0])}`, b)))).results.hits);
      }
      if (v !== "anonymous") {
        parts.push(await body(await call(inboxLoader, get("/inbox", b))));
        parts.push(await body(await call(myBidsLoader, get("/my/bids", b))));
        if (c[v].role === "enterprise") parts.push(await body(await call(myChallengesLoader, get("/my/challenges", b))));
      }
      texts[v] = JSON.stringify(parts);
    }
    const seen = whoSees(texts);
    for (const k of Object.keys(MARK) as Kind[]) {
      expect(seen[k].filter((v) => !READERS[k].includes(v)), `${k} outside its readers`).toEqual([]);
    }
    // The people these surfaces are for do get what concerns them (so the search above can find markers).
    expect(seen.流标理由).toEqual(expect.arrayContaining(["bidderA", "bidderB"]));
    expect(seen.兑现金额).toContain("bidderA");
  });
});
