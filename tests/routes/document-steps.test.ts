/**
 * Files on the later steps of a round, uploaded through the REAL forms: an 异议's 异议材料 (the
 * bureau and the objector's organisation only), a milestone report's files and the two 验收
 * papers (the parties only: the winning team, the enterprise and the bureau). A file sent in a slot
 * that is not the step's, or with a step that takes none, is refused with nothing written.
 */
import { describe, expect, it } from "vitest";
import type { DB } from "../../db/client.server";
import { scoreBid } from "../../app/models/challenge/bid.server";
import { selectWinner } from "../../app/models/challenge/delivery.server";
import { decideMilestoneReport, submitMilestoneReport } from "../../app/models/challenge/milestone-report.server";
import { action as awardAction, loader as awardLoader } from "../../app/routes/awards.$id";
import { action as pageAction, loader as pageLoader } from "../../app/routes/challenges.$id/route";
import { freshDb } from "../support/db";
import { anonymous, body, call, get, signedIn, type Browser } from "../support/http";
import { EARLY_NOTE, addIdleResearcher, addOtherEnterpriseUser, dateInDays, driveTo, snapshot, type Cast, type Driven } from "../support/challenges";
import { downloadMatrix, pdf, upload, useTempFileStore } from "../support/files";

useTempFileStore();

const VIEWERS = ["anonymous", "otherEnt", "researcher", "expert", "bidderB", "bidderA", "owner", "bureau"] as const;
type Viewer = (typeof VIEWERS)[number];
const PARTIES: Viewer[] = ["bidderA", "owner", "bureau"];

const browserOf = (v: Viewer, c: Cast): Promise<Browser> => (v === "anonymous" ? anonymous() : signedIn(c[v].id));

/** The demo cast plus the viewers it lacks: another enterprise and a verified organisation that did not bid. */
async function fullCast(db: DB, status: "contracted" | "evaluating"): Promise<Driven> {
  await addOtherEnterpriseUser(db);
  await addIdleResearcher(db);
  return driveTo(db, status);
}

/** Who gets the file (200) among every viewer; everyone else must get a 404. */
async function readers(c: Cast, docId: number): Promise<Viewer[]> {
  const { statuses } = await downloadMatrix({ file: docId }, VIEWERS, (v) => browserOf(v, c));
  for (const v of VIEWERS) expect([200, 404], v).toContain(statuses.file[v]);
  return VIEWERS.filter((v) => statuses.file[v] === 200);
}

const docsOf = (db: DB, kind: "objection" | "milestone_report" | "acceptance_report" | "acceptance_opinion") =>
  db.selectFrom("documents").selectAll().where("record_kind", "=", kind).orderBy("id").execute();

const countDocs = async (db: DB) => Number((await db.selectFrom("documents").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);

/** 已签约 with both milestones reported and accepted: the enterprise may now confirm the indicators. */
async function readyToConfirm(db: DB): Promise<Driven> {
  const d = await fullCast(db, "contracted");
  for (const m of d.milestoneIds) {
    const r = await submitMilestoneReport(db, d.cast.bidderA, d.id, m, { text: "本阶段研发工作已完成，指标达到要求。", earlyNote: EARLY_NOTE });
    await decideMilestoneReport(db, d.cast.owner, d.id, r, { accept: true });
  }
  return d;
}

describe("files on the later steps of a round", () => {
  it("异议材料: lodged with the objection, read by the bureau and the objector's organisation only", async () => {
    const db = await freshDb({ demo: true });
    const d = await fullCast(db, "evaluating");
    await scoreBid(db, d.cast.expert, d.id, { bidId: d.bids!.a, advanced: 5, feasibility: 4, team: 4, price: 3, comment: null });
    await selectWinner(db, d.cast.owner, d.id, d.bids!.a, { [d.bids!.b]: { code: "price_high", note: null } });
    const { id: awardId } = await db.selectFrom("award_notices").select("id").where("challenge_id", "=", d.id).executeTakeFirstOrThrow();
    const objector = await browserOf("bidderB", d.cast);
    const reasons = "中选单位的挂帅人同时承担另一项同类榜单，投入时间不足，请复核其揭榜资格。";
    const res = await call(awardAction, upload(`/awards/${awardId}`, [["reasons", reasons], ["file:objection_evidence", { file: pdf("异议"), name: "任职证明.pdf" }]], objector), { id: String(awardId) });
    expect(res.status).toBe(302);
    const [doc] = await docsOf(db, "objection");
    expect([doc.purpose, doc.name, doc.confidential]).toEqual(["异议材料", "任职证明.pdf", 1]);
    expect(await readers(d.cast, doc.id)).toEqual(["bidderB", "bureau"]);
    // Listed with the objection to its readers, and to no one else.
    for (const v of ["bidderB", "bureau", "bidderA", "owner"] as const) {
      const page = JSON.stringify(await body(await call(awardLoader, get(`/awards/${awardId}?_data=routes%2Fawards.%24id`, await browserOf(v, d.cast)), { id: String(awardId) })));
      expect(page.includes("任职证明.pdf"), v).toBe(v === "bidderB" || v === "bureau");
    }
  });

  it("a milestone report's files: the parties only, shown with the report", async () => {
    const db = await freshDb({ demo: true });
    const d = await fullCast(db, "contracted");
    const team = await browserOf("bidderA", d.cast);
    const form: [string, string | { file: Buffer; name: string }][] = [
      ["intent", "report_milestone"],
      ["milestoneId", String(d.milestoneIds[0])],
      ["text", "小试完成，盐回收率 87%，检测报告见附件。"],
      ["earlyNote", EARLY_NOTE],
      ["file:milestone_report", { file: pdf("检测"), name: "小试检测报告.pdf" }],
    ];
    const res = await call(pageAction, upload(`/challenges/${d.id}`, form, team), { id: String(d.id) });
    expect(res.status).toBe(302);
    const [doc] = await docsOf(db, "milestone_report");
    const report = await db.selectFrom("milestone_reports").select("id").orderBy("id", "desc").executeTakeFirstOrThrow();
    expect([doc.record_id, doc.purpose, doc.confidential]).toEqual([report.id, "里程碑报告", 1]);
    expect(await readers(d.cast, doc.id)).toEqual(PARTIES);
    const data = await body(await call(pageLoader, get(`/challenges/${d.id}?_data=routes%2Fchallenges.%24id`, await browserOf("owner", d.cast)), { id: String(d.id) }));
    expect(data.details.milestones[0].reports[0].files.map((f: { name: string }) => f.name)).toEqual(["小试检测报告.pdf"]);
  });

  it("验收报告 with the enterprise's confirmation and 验收意见 with the bureau's 验收: the parties only", async () => {
    const db = await freshDb({ demo: true });
    const d = await readyToConfirm(db);
    const confirm = await call(
      pageAction,
      upload(`/challenges/${d.id}`, [["intent", "confirm"], ["reason", "考核指标全部达成，详见验收报告。"], ["file:acceptance_report", { file: pdf("验收报告"), name: "验收报告.pdf" }]], await browserOf("owner", d.cast)),
      { id: String(d.id) },
    );
    expect(confirm.status).toBe(302);
    const accept = await call(
      pageAction,
      upload(
        `/challenges/${d.id}`,
        [["intent", "accept"], ["acceptedOn", dateInDays(0)], ["score", "90"], ["level", "excellent"], ["note", "同意通过验收。"], ["file:acceptance_opinion", { file: pdf("验收意见"), name: "专家组验收意见.pdf" }]],
        await browserOf("bureau", d.cast),
      ),
      { id: String(d.id) },
    );
    expect(accept.status).toBe(302);
    const [report] = await docsOf(db, "acceptance_report");
    const [opinion] = await docsOf(db, "acceptance_opinion");
    expect([report.record_id, report.purpose, opinion.record_id, opinion.purpose]).toEqual([d.id, "验收报告", d.id, "验收意见"]);
    expect(await readers(d.cast, report.id)).toEqual(PARTIES);
    expect(await readers(d.cast, opinion.id)).toEqual(PARTIES);
  });

  it("refuses a file in another step's slot, or with a step that takes none, and writes nothing", async () => {
    const db = await freshDb({ demo: true });
    const d = await readyToConfirm(db);
    const owner = await browserOf("owner", d.cast);
    const before = await snapshot(db, d.id);
    const docs = await countDocs(db);
    // The enterprise cannot file the bureau's 验收意见 under its own confirmation.
    const forged = await call(
      pageAction,
      upload(`/challenges/${d.id}`, [["intent", "confirm"], ["reason", "考核指标全部达成。"], ["file:acceptance_opinion", { file: pdf("伪造"), name: "验收意见.pdf" }]], owner),
      { id: String(d.id) },
    );
    expect(forged.status).toBe(400);
    expect((await body(forged)).message).toMatch(/附件类别无效/);
    // Following a 榜单 takes no files at all.
    const follow = await call(pageAction, upload(`/challenges/${d.id}`, [["intent", "follow"], ["file:milestone_report", { file: pdf("x"), name: "x.pdf" }]], owner), { id: String(d.id) }).catch((e: unknown) => e as Response);
    expect(follow.status).toBe(400);
    expect(await snapshot(db, d.id)).toEqual(before);
    expect(await countDocs(db)).toBe(docs);
  });
});
