/**
 * Milestone reports through the real loader and action of /challenges/:id: who reads reports and
 * decisions (the whole loader answer, as `?_data` serves it, is searched for markers), who may
 * take each action (roles × actions), the field messages a person sees, and two real connections
 * racing on one report.
 */
import { describe, expect, it } from "vitest";
import { openDatabase, type DB } from "../../db/client.server";
import { ConflictError } from "../../app/utils/errors";
import { decideMilestoneReport, milestonesWithReports, submitMilestoneReport } from "../../app/models/challenge/milestone-report.server";
import { action as pageAction, loader as pageLoader } from "../../app/routes/challenges.$id/route";
import { fileOf, freshDb } from "../support/db";
import { anonymous, body, call, get, post, signedIn, type Browser } from "../support/http";
import { EARLY_NOTE, driveTo, snapshot, type Driven } from "../support/challenges";

const VIEWERS = ["anonymous", "otherEnt", "bidderB", "expert", "bidderA", "owner", "bureau"] as const;
type Viewer = (typeof VIEWERS)[number];
const PARTIES: Viewer[] = ["bidderA", "owner", "bureau"];

const MARK = { report: "MS-REPORT-MARK-2f61", early: "MS-EARLY-MARK-8a0c", returned: "MS-RETURN-MARK-b7d3", resubmitted: "MS-AGAIN-MARK-41e9" };

async function browserOf(v: Viewer, d: Driven): Promise<Browser> {
  return v === "anonymous" ? anonymous() : signedIn(d.cast[v].id);
}

/** 已签约, then a first report returned with a reason and a second one waiting for the enterprise. */
async function withRounds(db: DB) {
  const d = await driveTo(db, "contracted");
  const r1 = await submitMilestoneReport(db, d.cast.bidderA, d.id, d.milestoneIds[0], { text: `小试完成 ${MARK.report}`, earlyNote: `中试基础好 ${MARK.early}` });
  await decideMilestoneReport(db, d.cast.owner, d.id, r1, { accept: false, reason: `缺少检测报告 ${MARK.returned}` });
  const r2 = await submitMilestoneReport(db, d.cast.bidderA, d.id, d.milestoneIds[0], { text: `已补充检测报告 ${MARK.resubmitted}`, earlyNote: EARLY_NOTE });
  return { d, pending: r2 };
}

describe("reading reports and decisions", () => {
  it("only the winning team, the enterprise and the bureau receive them, in the loader data and its timeline", async () => {
    const db = await freshDb({ demo: true });
    const { d } = await withRounds(db);
    const seenBy: Record<string, Viewer[]> = Object.fromEntries(Object.keys(MARK).map((k) => [k, []]));
    for (const v of VIEWERS) {
      const res = await call(pageLoader, get(`/challenges/${d.id}?_data=routes%2Fchallenges.%24id`, await browserOf(v, d)), { id: String(d.id) });
      expect(res.status, v).toBe(200);
      const data = await body(res);
      const text = JSON.stringify(data);
      for (const [k, m] of Object.entries(MARK)) if (text.includes(m)) seenBy[k].push(v);
      const actions = (data.details?.events ?? []).map((e: { action: string }) => e.action);
      if (PARTIES.includes(v)) {
        expect(data.details.milestones[0].reports, v).toHaveLength(2);
        expect(actions, v).toContain("report_milestone");
      } else {
        // Not withheld but absent: no milestones, no report or decision entries, not even their dates.
        expect(data.details?.milestones ?? [], v).toEqual([]);
        expect(actions.filter((a: string) => a === "report_milestone" || a === "review_report"), v).toEqual([]);
      }
    }
    expect(seenBy).toEqual({ report: PARTIES, early: PARTIES, returned: PARTIES, resubmitted: PARTIES });
  });
});

type Act = "report_milestone" | "accept_report" | "return_report";

function fields(act: Act, d: Driven, pending: number): Record<string, string> {
  if (act === "report_milestone") return { intent: act, milestoneId: String(d.milestoneIds[1]), text: "中试完成，指标达到要求。", earlyNote: EARLY_NOTE };
  if (act === "accept_report") return { intent: act, reportId: String(pending) };
  return { intent: act, reportId: String(pending), reason: "请补充连续 3 批次的检测数据" };
}

describe("roles × actions on /challenges/:id", () => {
  const cases: [Act, Viewer[]][] = [
    ["report_milestone", ["bidderA"]],
    ["accept_report", ["owner", "bureau"]],
    ["return_report", ["owner", "bureau"]],
  ];
  it.each(cases.flatMap(([act, allowed]) => allowed.map((who) => [act, who, allowed] as const)))("%s: refused for everyone but the rules' people, done by %s", async (act, who, allowed) => {
    const db = await freshDb({ demo: true });
    const { d, pending } = await withRounds(db);
    const answers: Record<string, number> = {};
    for (const v of VIEWERS.filter((x) => !allowed.includes(x))) {
      const before = await snapshot(db, d.id);
      const res = await call(pageAction, post(`/challenges/${d.id}`, fields(act, d, pending), await browserOf(v, d)), { id: String(d.id) });
      answers[v] = res.status;
      if (v === "anonymous") expect(res.headers.get("Location"), v).toMatch(/^\/login/);
      else expect((await body(res)).message, v).toMatch(/[\u4e00-\u9fff]/);
      expect(await snapshot(db, d.id), `${v} changed the database`).toEqual(before);
    }
    expect(answers).toEqual(Object.fromEntries(VIEWERS.filter((x) => !allowed.includes(x)).map((v) => [v, v === "anonymous" ? 302 : 403])));
    const res = await call(pageAction, post(`/challenges/${d.id}`, fields(act, d, pending), await browserOf(who, d)), { id: String(d.id) });
    expect(res.status).toBe(302);
    const states = (await milestonesWithReports(db, d.id)).map((m) => m.state);
    expect(states).toEqual({ report_milestone: ["reported", "reported"], accept_report: ["accepted", "planned"], return_report: ["returned", "planned"] }[act]);
  });

  it("the team is told next to the field when a 提前完成说明 is needed, and the page then shows that field", async () => {
    const db = await freshDb({ demo: true });
    const d = await driveTo(db, "contracted");
    const browser = await signedIn(d.cast.bidderA.id);
    // Due in 360 days: far more than 30 days early.
    const res = await call(pageAction, post(`/challenges/${d.id}`, { intent: "report_milestone", milestoneId: String(d.milestoneIds[1]), text: "中试完成，指标达到要求。" }, browser), { id: String(d.id) });
    expect(res.status).toBe(400);
    const answer = await body(res);
    expect(answer.errors.earlyNote[0]).toMatch(/^该里程碑计划于 \d{4}年\d{1,2}月\d{1,2}日 完成，现在提前 \d+ 天报告完成，请填写提前完成说明$/);
    expect(answer.values.text).toBe("中试完成，指标达到要求。");
    // The loader tells the page which milestones need it, so the form works without JavaScript.
    const page = await body(await call(pageLoader, get(`/challenges/${d.id}`, browser), { id: String(d.id) }));
    expect(page.details.milestones.map((m: { needsEarlyNote: boolean }) => m.needsEarlyNote)).toEqual([true, true]);
  });

  it("a return needs a reason; a report needs its text", async () => {
    const db = await freshDb({ demo: true });
    const { d, pending } = await withRounds(db);
    const owner = await signedIn(d.cast.owner.id);
    const r = await call(pageAction, post(`/challenges/${d.id}`, { intent: "return_report", reportId: String(pending), reason: "" }, owner), { id: String(d.id) });
    expect(r.status).toBe(400);
    expect((await body(r)).errors.reason).toEqual(["请填写退回理由（至少 2 个字）"]);
    const t = await call(pageAction, post(`/challenges/${d.id}`, { intent: "report_milestone", milestoneId: String(d.milestoneIds[1]), text: "完成", earlyNote: EARLY_NOTE }, await signedIn(d.cast.bidderA.id)), { id: String(d.id) });
    expect(t.status).toBe(400);
    expect((await body(t)).errors.text).toEqual(["请填写报告内容（至少 10 个字）"]);
  });
});

describe("two real connections on one milestone", () => {
  const settle = <T>(p: Promise<T>) => p.then((value) => ({ ok: true as const, value }), (error: unknown) => ({ ok: false as const, error }));

  /** Start a and b at once (b first when asked), each on its own connection; either may win the write lock. */
  async function race<A, B>(a: () => Promise<A>, b: () => Promise<B>, bFirst: boolean) {
    if (!bFirst) return Promise.all([settle(a()), settle(b())]);
    const pb = settle(b());
    return Promise.all([settle(a()), pb]);
  }

  it("the enterprise deciding while the team (re)submits: one consistent end state, nothing lost, the loser told 409", async () => {
    const base = await freshDb({ demo: true });
    const other = openDatabase(await fileOf(base));
    try {
      for (const [round, decision] of (["accept", "return", "accept", "return"] as const).entries()) {
        const d = await driveTo(base, "contracted");
        const m = d.milestoneIds[0];
        const first = await submitMilestoneReport(base, d.cast.bidderA, d.id, m, { text: "小试完成，指标达到要求。", earlyNote: EARLY_NOTE });
        const [decided, resubmitted] = await race(
          () => decideMilestoneReport(base, d.cast.owner, d.id, first, decision === "accept" ? { accept: true } : { accept: false, reason: "请补充检测报告" }),
          () => submitMilestoneReport(other, d.cast.bidderA, d.id, m, { text: "修改后的小试报告，已补充检测数据。", earlyNote: EARLY_NOTE }),
          round % 2 === 1,
        );
        // The decision on a waiting report always stands; a second report can only follow a return.
        expect(decided.ok, `round ${round}`).toBe(true);
        if (!resubmitted.ok) expect(resubmitted.error, `round ${round}`).toBeInstanceOf(ConflictError);
        const [view] = await milestonesWithReports(base, d.id);
        const rows = view.reports.map((r) => r.decision);
        if (resubmitted.ok) {
          expect(decision).toBe("return");
          expect(rows).toEqual([null, "returned"]);
          expect(view.state).toBe("reported");
        } else {
          expect(rows).toEqual([decision === "accept" ? "accepted" : "returned"]);
          expect(view.state).toBe(decision === "accept" ? "accepted" : "returned");
        }
        // Each success is one history entry; nothing refused left one.
        const entries = await base.selectFrom("audit_events").select("action").where("entity", "=", "challenge").where("entity_id", "=", d.id).where("action", "in", ["report_milestone", "review_report"]).execute();
        expect(entries).toHaveLength(2 + (resubmitted.ok ? 1 : 0));
      }
    } finally {
      await other.destroy();
    }
  });

  it("a double submit from two connections, and two decisions at once: exactly one of each", async () => {
    const base = await freshDb({ demo: true });
    const other = openDatabase(await fileOf(base));
    try {
      const d = await driveTo(base, "contracted");
      const m = d.milestoneIds[0];
      const input = { text: "小试完成，指标达到要求。", earlyNote: EARLY_NOTE };
      const submits = await race(() => submitMilestoneReport(base, d.cast.bidderA, d.id, m, input), () => submitMilestoneReport(other, d.cast.bidderA, d.id, m, input), false);
      expect(submits.filter((r) => r.ok)).toHaveLength(1);
      expect(submits.find((r) => !r.ok)!.error).toBeInstanceOf(ConflictError);
      const [view] = await milestonesWithReports(base, d.id);
      expect(view.reports).toHaveLength(1);

      const reportId = view.reports[0].id;
      const decisions = await race(
        () => decideMilestoneReport(base, d.cast.owner, d.id, reportId, { accept: true }),
        () => decideMilestoneReport(other, d.cast.bureau, d.id, reportId, { accept: false, reason: "请补充检测报告" }),
        true,
      );
      expect(decisions.filter((r) => r.ok)).toHaveLength(1);
      expect(decisions.find((r) => !r.ok)!.error).toBeInstanceOf(ConflictError);
      const [after] = await milestonesWithReports(base, d.id);
      expect(after.reports).toHaveLength(1);
      expect(after.state).toBe(after.reports[0].decision);
    } finally {
      await other.destroy();
    }
  });
});
