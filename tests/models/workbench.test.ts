import { describe, expect, it } from "vitest";
import type { DB } from "../../db/client.server";
import { scoreBid, submitBid } from "../../app/models/challenge/bid.server";
import { createDraft, publishChallenge, recordOpinion, returnForRevision, sendToReview, submitChallenge } from "../../app/models/challenge/challenge.server";
import { submitMilestoneReport } from "../../app/models/challenge/milestone-report.server";
import { countOrgsByStatus } from "../../app/models/account/org.server";
import { listExpertApplications } from "../../app/models/account/profile.server";
import { replyToInterest } from "../../app/models/result/result.server";
import { getWorkbench, workbenchCount, type WorkKind } from "../../app/models/notice/workbench.server";
import type { CurrentUser } from "../../app/models/shared/session.server";
import { DEMO_NOW, freshDb } from "../support/db";
import {
  addMember,
  asUser,
  BID_A,
  BID_B,
  bidInput,
  cast,
  challengeInput,
  daysFromNow,
  driveTo,
  EARLY_NOTE,
  passDeadline,
  SCU,
  type Cast,
} from "../support/challenges";

/** What a person's 工作台 shows, as [kind, title, n, link, note] per item, sections in page order. */
async function bench(db: DB, user: CurrentUser, now = new Date()) {
  const w = await getWorkbench(db, user, now);
  expect(await workbenchCount(db, user, now)).toBe(w.total);
  return w;
}
const items = (w: Awaited<ReturnType<typeof bench>>, kind: WorkKind) => w.sections.find((s) => s.kind === kind)?.items.map((i) => [i.title, i.n, i.link, i.note]) ?? [];
const kinds = (w: Awaited<ReturnType<typeof bench>>) => w.sections.map((s) => [s.kind, s.count]);

describe("工作台 on the demo seed", () => {
  it("科技局: every queue with its count, each equal to the list behind its link", async () => {
    const db = await freshDb({ demo: true });
    const c = await cast(db);
    const w = await bench(db, c.bureau, DEMO_NOW);
    expect(kinds(w)).toEqual([
      ["follow_ups", 5],
      ["registrations", 1],
      ["orgs_to_verify", 3],
      ["experts_to_verify", 3],
      ["challenge_check", 1],
      ["opinions_back", 1],
      ["objections", 1],
      ["contracts_to_register", 2],
    ]);
    expect(w.total).toBe(17);
    expect(items(w, "challenge_check")).toEqual([["鲢鳙原种人工授精与繁育技术", 1, "/challenges/10", "新提交"]]);
    expect(items(w, "opinions_back")).toEqual([["伺服转台小型化与高精度控制", 1, "/challenges/8", null]]);
    // Two items alike in urgency come in no set order (the engines differ): compared as a set.
    expect(items(w, "contracts_to_register").map((i) => i[2]).sort()).toEqual(["/bureau/contracts/new?challenge=6", "/bureau/contracts/new?challenge=9"]);
    // The queues' counts are the lists their pages show.
    expect(items(w, "orgs_to_verify")).toEqual([[null, (await countOrgsByStatus(db)).unverified, "/bureau/orgs", null]]);
    expect(items(w, "experts_to_verify")).toEqual([[null, (await listExpertApplications(db)).length, "/bureau/experts", null]]);
    const pendingObjections = await db.selectFrom("award_objections").select("id").where("status", "=", "pending").execute();
    expect(items(w, "objections")).toEqual([[null, pendingObjections.length, "/bureau/objections", null]]);
    // Overdue follow-ups come first, each meeting's side named so that no two read alike.
    expect(w.sections[0].items.every((i) => i.urgency === "overdue")).toBe(true);
    const followUpTitles = items(w, "follow_ups").map((i) => i[0]);
    expect(new Set(followUpTitles).size).toBe(followUpTitles.length);
  });

  it("科技局: a 榜单 returned and submitted again reads 重新提交", async () => {
    const db = await freshDb({ demo: true });
    const d = await driveTo(db, "submitted");
    await returnForRevision(db, d.cast.bureau, d.id, "请补充考核指标的检测方法。");
    expect(items(await bench(db, d.cast.bureau), "challenge_check").map((i) => i[2])).not.toContain(`/challenges/${d.id}`);
    await submitChallenge(db, d.cast.owner, d.id);
    expect(items(await bench(db, d.cast.bureau), "challenge_check")).toContainEqual(["水性环氧地坪漆低温固化技术攻关", 1, `/challenges/${d.id}`, "重新提交"]);
  });

  it("企业: own drafts, returned 榜单 and threads only; another enterprise never sees them", async () => {
    const db = await freshDb({ demo: true });
    const c = await cast(db);
    const owner = await bench(db, c.owner, DEMO_NOW);
    expect(kinds(owner)).toEqual([["drafts", 1], ["threads", 1]]);
    expect(items(owner, "drafts")).toEqual([["立体液态石涂料耐候性改进", 1, "/challenges/13", null]]);
    expect(items(owner, "threads")).toEqual([["装配式钢结构住宅节点优化与 BIM 集成设计：重庆大学", 1, "/results/35", null]]);
    const other = await bench(db, c.otherEnt, DEMO_NOW);
    expect(kinds(other)).toEqual([["meeting_requests", 1], ["select_due", 1], ["threads", 1]]);
    // The seeded event is named after the seeding year: read its title rather than assume the year.
    const event1 = await db.selectFrom("events").select("title").where("id", "=", 1).executeTakeFirstOrThrow();
    expect(items(other, "meeting_requests")).toEqual([[`${event1.title}：四川信息职业技术学院`, 1, "/events/1/requests", null]]);
    expect(items(other, "select_due")).toEqual([["多肽螯合钙制备技术研究与应用", 1, "/challenges/3", null]]);

    // A returned draft: shown with the bureau's reason, to its enterprise only.
    const d = await driveTo(db, "submitted");
    await returnForRevision(db, c.bureau, d.id, "请补充考核指标的检测方法。");
    expect(items(await bench(db, c.owner), "returned")).toEqual([["水性环氧地坪漆低温固化技术攻关", 1, `/challenges/${d.id}`, "请补充考核指标的检测方法。"]]);
    const otherAfter = await bench(db, c.otherEnt);
    expect(JSON.stringify(otherAfter)).not.toContain("水性环氧地坪漆");
    expect(JSON.stringify(otherAfter)).not.toContain("立体液态石涂料");

    // The owner answers the thread: it no longer waits for them.
    const interest = await db.selectFrom("result_interests").select("id").where("result_id", "=", 35).executeTakeFirstOrThrow();
    await replyToInterest(db, c.owner, 35, interest.id, "好的，下周安排技术交流。");
    expect(items(await bench(db, c.owner), "threads")).toEqual([]);
  });

  it("企业: bids received while experts score, then 定榜 due; milestone reports to confirm", async () => {
    const db = await freshDb({ demo: true });
    const d = await driveTo(db, "evaluating");
    const { owner, expert, otherEnt } = d.cast;
    expect(items(await bench(db, owner), "bids_received")).toEqual([["水性环氧地坪漆低温固化技术攻关", 2, `/challenges/${d.id}`, null]]);
    for (const bidId of [d.bids!.a, d.bids!.b]) await scoreBid(db, expert, d.id, { bidId, advanced: 4, feasibility: 4, team: 4, price: 4, comment: null });
    const after = await bench(db, owner);
    expect(items(after, "bids_received")).toEqual([]);
    expect(items(after, "select_due")).toEqual([["水性环氧地坪漆低温固化技术攻关", 1, `/challenges/${d.id}`, null]]);
    expect(items(await bench(db, otherEnt), "select_due").map((i) => i[2])).not.toContain(`/challenges/${d.id}`);

    const s = await driveTo(db, "contracted", challengeInput({ title: "低温固化第二期" }));
    const [first, second] = s.milestoneIds;
    // The winning team (四川信息职业技术学院) owes both milestones, due end of their day in 北京时间.
    const team = await bench(db, s.cast.bidderA);
    expect(items(team, "milestones_due")).toEqual([
      ["低温固化第二期：完成实验室小试", 1, `/challenges/${s.id}`, null],
      ["低温固化第二期：完成中试并提交检测报告", 1, `/challenges/${s.id}`, null],
    ]);
    expect(team.sections.find((x) => x.kind === "milestones_due")!.items[0].dueAt).toMatch(/T16:00:00\.000Z$/);
    await submitMilestoneReport(db, s.cast.bidderA, s.id, first, { text: "本阶段研发工作已完成，指标达到要求。", earlyNote: EARLY_NOTE });
    expect(items(await bench(db, s.cast.bidderA), "milestones_due").map((i) => i[0])).toEqual(["低温固化第二期：完成中试并提交检测报告"]);
    expect(items(await bench(db, owner), "reports_to_confirm")).toEqual([["低温固化第二期：完成实验室小试", 1, `/challenges/${s.id}`, null]]);
    // The losing bidder and another enterprise owe and confirm nothing here.
    expect(items(await bench(db, s.cast.bidderB), "milestones_due")).toEqual([]);
    expect(items(await bench(db, otherEnt), "reports_to_confirm")).toEqual([]);
    expect(second).toBeGreaterThan(first);
  });

  it("专家: only their own assignments; a conflicted expert never gets the bids of their own organisation", async () => {
    const db = await freshDb({ demo: true });
    const c: Cast = await cast(db);
    const scuExpertId = await addMember(db, { email: "scu-expert@example.test", name: "川大 赵教授", role: "expert", org: SCU });
    const scuExpert = await asUser(db, "scu-expert@example.test");
    expect((await bench(db, c.expert, DEMO_NOW)).sections.filter((s) => s.kind === "review" || s.kind === "score")).toEqual([]);

    const id = await createDraft(db, c.owner, challengeInput());
    await submitChallenge(db, c.owner, id);
    await sendToReview(db, c.bureau, id, [c.expert.id, scuExpertId]);
    for (const who of [c.expert, scuExpert]) expect(items(await bench(db, who), "review")).toEqual([["水性环氧地坪漆低温固化技术攻关", 1, `/challenges/${id}`, null]]);
    expect(items(await bench(db, c.expert2), "review")).toEqual([]);
    // The bureau hears only once every assigned expert has answered.
    await recordOpinion(db, c.expert, id, { recommendation: "publish", opinion: "同意" });
    expect(items(await bench(db, c.expert), "review")).toEqual([]);
    expect(items(await bench(db, c.bureau), "opinions_back").map((i) => i[2])).not.toContain(`/challenges/${id}`);
    await recordOpinion(db, scuExpert, id, { recommendation: "publish", opinion: "同意" });
    expect(items(await bench(db, c.bureau), "opinions_back").map((i) => i[2])).toContain(`/challenges/${id}`);

    await publishChallenge(db, c.bureau, id, { deadline: daysFromNow(30).toISOString(), indicators: null, bountyFen: null, note: null });
    const a = await submitBid(db, c.bidderA, id, bidInput(BID_A.marker, BID_A.priceWan));
    await submitBid(db, c.bidderB, id, bidInput(BID_B.marker, BID_B.priceWan));
    // Before the deadline there is nothing to score.
    expect(items(await bench(db, c.expert), "score")).toEqual([]);
    await passDeadline(db, id);
    expect(items(await bench(db, c.expert), "score")).toEqual([["水性环氧地坪漆低温固化技术攻关", 2, `/challenges/${id}`, null]]);
    expect(items(await bench(db, scuExpert), "score")).toEqual([]);
    expect(items(await bench(db, c.expert2), "score")).toEqual([]);
    await scoreBid(db, c.expert, id, { bidId: a, advanced: 4, feasibility: 4, team: 4, price: 4, comment: null });
    expect(items(await bench(db, c.expert), "score")).toEqual([["水性环氧地坪漆低温固化技术攻关", 1, `/challenges/${id}`, null]]);
  });

  it("科研人员: their organisation's open bids with deadlines, soonest first; matches shown but not counted", async () => {
    const db = await freshDb({ demo: true });
    const c = await cast(db);
    const before = await bench(db, c.bidderA, DEMO_NOW);
    expect(items(before, "bids_open")).toEqual([["雷达小型化与低功耗设计", 1, "/challenges/12", null]]);
    const d = await driveTo(db, "published");
    const w = await bench(db, c.bidderA);
    const open = w.sections.find((s) => s.kind === "bids_open")!.items;
    expect(open.map((i) => i.link).sort()).toEqual(["/challenges/12", `/challenges/${d.id}`].sort());
    expect(open.map((i) => i.dueAt)).toEqual([...open.map((i) => i.dueAt)].sort());
    // Not the idle researcher's: their organisation did not bid.
    expect(items(await bench(db, c.researcher), "bids_open")).toEqual([]);
    // Matches: SCU has results that answer open 榜单; they are suggestions, not to-dos.
    const scu = await bench(db, c.bidderB, DEMO_NOW);
    const matches = scu.sections.find((s) => s.kind === "matches");
    expect(matches?.counted).toBe(false);
    expect(matches!.items.length).toBeGreaterThan(0);
    expect(scu.total).toBe(scu.sections.filter((s) => s.counted).reduce((n, s) => n + s.count, 0));
  });
});
