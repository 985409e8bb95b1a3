/**
 * Who downloads which file, through the REAL download route: for each file kind on a 榜单 round
 * and each viewer, 200 or 404 exactly as the record's own rules say (README Decisions 37–40), and
 * every 404 the same bytes.
 */
import { describe, expect, it } from "vitest";
import type { DB } from "../../db/client.server";
import { storeUpload } from "../../app/files/index.server";
import { submitBid, withdrawBid } from "../../app/models/challenge/bid.server";
import { selectWinner } from "../../app/models/challenge/delivery.server";
import { attachDocuments } from "../../app/models/shared/document.server";
import type { CurrentUser } from "../../app/models/shared/session.server";
import { action as bidAction } from "../../app/routes/challenges.$id_.bid";
import { freshDb } from "../support/db";
import { anonymous, call, signedIn } from "../support/http";
import { CIB, addMember, asUser, bidForm, bidInput, driveTo, passDeadline, type Driven } from "../support/challenges";
import { download, downloadMatrix, pdf, upload, useTempFileStore } from "../support/files";
import { expectedStatuses } from "../support/downloads";

useTempFileStore();

const VIEWERS = ["anonymous", "otherEnt", "researcher", "bidderA", "bidderB", "owner", "expert", "conflicted", "bureau"] as const;
type Viewer = (typeof VIEWERS)[number];
/**
 * anonymous  – not signed in
 * otherEnt   – 企业用户 of another verified enterprise
 * researcher – verified 科研人员 whose organisation does not bid
 * bidderA    – the bidding organisation whose 申报书 is asked for (wins at 定榜)
 * bidderB    – another bidding organisation (withdraws its bid, whose file stays)
 * owner      – the 榜单's enterprise
 * expert     – assigned expert, no conflict
 * conflicted – assigned expert (中国科学院成都生物研究所) whose own organisation also bid
 * bureau     – 区科技局
 */

async function fileOn(db: DB, actor: CurrentUser, kind: "challenge" | "bid", recordId: number, slot: string, text: string): Promise<number> {
  const stored = await storeUpload((async function* () { yield pdf(text); })(), `${text}.pdf`);
  await db.transaction().execute((trx) => attachDocuments(trx, actor, kind, recordId, { fresh: [{ ...stored, slot }], staged: [], remove: [] }));
  const row = await db.selectFrom("documents").select("id").where("record_kind", "=", kind).where("record_id", "=", recordId).orderBy("id", "desc").executeTakeFirstOrThrow();
  return row.id;
}

interface Round {
  d: Driven;
  users: Record<Exclude<Viewer, "anonymous">, CurrentUser>;
  files: { specPublic: number; specConfidential: number; bidA: number; bidB: number };
}

/** A published 榜单 with a public and a confidential 需求说明, 申报书 on two bids, and a conflicted assigned expert. */
async function round(db: DB): Promise<Round> {
  const d = await driveTo(db, "published");
  const c = d.cast;
  const cibExpertId = await addMember(db, { email: "cib-expert@example.test", name: "成都生物所 周研究员", role: "expert", org: CIB });
  // Assigned while the 榜单 was in review (fixture: the assignment flow has its own tests)…
  await db.insertInto("challenge_experts").values({ challenge_id: d.id, expert_id: cibExpertId, assigned_by: c.bureau.id, assigned_at: new Date().toISOString(), opinion: null, recommendation: null, opinion_at: null }).execute();
  // …and then a colleague at the same institute bids: the expert is conflicted.
  await addMember(db, { email: "cib-researcher@example.test", name: "成都生物所 王老师", role: "researcher", org: CIB });
  await submitBid(db, await asUser(db, "cib-researcher@example.test"), d.id, bidInput("MARK-CIB"));
  const users = { ...c, conflicted: await asUser(db, "cib-expert@example.test") };
  const specPublic = await fileOn(db, c.owner, "challenge", d.id, "spec", "公开需求说明");
  const specConfidential = await fileOn(db, c.owner, "challenge", d.id, "spec_confidential", "保密工艺");
  // Bidder A attaches its 申报书 through the real bid form.
  const { version } = await db.selectFrom("bids").select("version").where("id", "=", d.bids!.a).executeTakeFirstOrThrow();
  const res = await call(
    bidAction,
    upload(`/challenges/${d.id}/bid`, [...Object.entries(bidForm("MARK-A")), ["intent", "update"], ["bidId", String(d.bids!.a)], ["version", String(version)], ["file:proposal", { file: pdf("申报书A"), name: "申报书（信息职院）.pdf" }]], await signedIn(c.bidderA.id)),
    { id: String(d.id) },
  );
  expect(res.status).toBe(302);
  const bidA = (await db.selectFrom("documents").select("id").where("record_kind", "=", "bid").where("record_id", "=", d.bids!.a).executeTakeFirstOrThrow()).id;
  const bidB = await fileOn(db, c.bidderB, "bid", d.bids!.b, "credentials", "川大资质");
  await withdrawBid(db, c.bidderB, d.bids!.b);
  return { d, users: users as Round["users"], files: { specPublic, specConfidential, bidA, bidB } };
}

type Phase = "before deadline" | "after deadline" | "after 定榜";
type Expect = Record<keyof Round["files"], readonly Viewer[]>;

/** Who gets 200 in each phase; everyone else gets 404. */
const ALLOWED: Record<Phase, Expect> = {
  "before deadline": {
    specPublic: VIEWERS,
    specConfidential: ["owner", "expert", "bureau"],
    bidA: ["bidderA", "bureau"],
    bidB: ["bidderB", "bureau"],
  },
  "after deadline": {
    specPublic: VIEWERS,
    specConfidential: ["owner", "expert", "bureau"],
    bidA: ["bidderA", "owner", "expert", "bureau"],
    bidB: ["bidderB", "owner", "expert", "bureau"],
  },
  "after 定榜": {
    specPublic: VIEWERS,
    specConfidential: ["owner", "expert", "bureau", "bidderA"],
    bidA: ["bidderA", "owner", "expert", "bureau"],
    bidB: ["bidderB", "owner", "expert", "bureau"],
  },
};

const matrix = (r: Round) => downloadMatrix(r.files, VIEWERS, (v) => (v === "anonymous" ? anonymous() : signedIn(r.users[v].id)));
const expected = (phase: Phase) => expectedStatuses(ALLOWED[phase], VIEWERS);

describe("who may download which file of a 揭榜挂帅 round", () => {
  it("follows each record's rules before the deadline, after it, and after 定榜; a withdrawn bid's file stays with those who saw the bid", async () => {
    const db = await freshDb({ demo: true });
    const r = await round(db);
    const before = await matrix(r);
    expect(before.statuses).toEqual(expected("before deadline"));
    await passDeadline(db, r.d.id);
    const after = await matrix(r);
    expect(after.statuses).toEqual(expected("after deadline"));
    const cib = await db.selectFrom("bids").select("id").where("challenge_id", "=", r.d.id).where("id", "not in", [r.d.bids!.a, r.d.bids!.b]).executeTakeFirstOrThrow();
    await selectWinner(db, r.users.owner, r.d.id, r.d.bids!.a, { [cib.id]: { code: "price_high", note: "报价偏高" } });
    const selected = await matrix(r);
    expect(selected.statuses).toEqual(expected("after 定榜"));
    // Forbidden never differs from missing.
    const missing = await download(987654);
    expect(new Set([...before.notFoundBodies, ...after.notFoundBodies, ...selected.notFoundBodies, await missing.text()]).size).toBe(1);
  });

  it("writes each download of a confidential file to the audit log, and not a public one", async () => {
    const db = await freshDb({ demo: true });
    const r = await round(db);
    const downloads = () => db.selectFrom("audit_events").select(["entity_id", "actor_id"]).where("entity", "=", "document").where("action", "=", "download").orderBy("id").execute();
    const owner = await signedIn(r.users.owner.id);
    const bureau = await signedIn(r.users.bureau.id);
    expect((await download(r.files.specPublic, owner)).status).toBe(200);
    expect(await downloads()).toEqual([]);
    expect((await download(r.files.specConfidential, owner)).status).toBe(200);
    expect((await download(r.files.bidA, bureau)).status).toBe(200);
    // A refused attempt is not a download.
    expect((await download(r.files.bidA, await anonymous())).status).toBe(404);
    expect(await downloads()).toEqual([
      { entity_id: r.files.specConfidential, actor_id: r.users.owner.id },
      { entity_id: r.files.bidA, actor_id: r.users.bureau.id },
    ]);
  });
});
