/**
 * Documents (附件) through the REAL routes, a real file store in a temporary folder and a real
 * SQLite file: every upload limit, name tricks, other people's file ids, a forged token, and what
 * the download route answers.
 */
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import type { DB } from "../../db/client.server";
import { MAX_FILE_BYTES } from "../../app/files/index.server";
import { action as bidAction } from "../../app/routes/challenges.$id_.bid";
import { action as editAction, loader as editLoader } from "../../app/routes/challenges.$id_.edit";
import { action as newAction } from "../../app/routes/challenges.new";
import { action as stageAction } from "../../app/routes/files.stage";
import { freshDb } from "../support/db";
import { anonymous, body, call, get, signedIn, type Browser } from "../support/http";
import { bidForm, challengeForm, driveTo } from "../support/challenges";
import { docx, download, exe, filesIn, html, jpeg, ofd, pdf, plainZip, png, svg, upload, useTempFileStore, xlsx, type Part } from "../support/files";

const storeDir = useTempFileStore();

const fields = (f: Record<string, string>): [string, Part][] => Object.entries(f);

// The demo seed attaches files of its own; a test looks only at the rows written after it began.
let seeded = 0;

async function demoDb(): Promise<DB> {
  const db = await freshDb({ demo: true });
  seeded = (await db.selectFrom("documents").select((eb) => eb.fn.max("id").as("n")).executeTakeFirstOrThrow()).n ?? 0;
  return db;
}

async function documents(db: DB) {
  return db.selectFrom("documents").selectAll().where("id", ">", seeded).orderBy("id").execute();
}

/** Every row of every table that an upload could touch: a refusal must leave all of them as they were. */
async function everything(db: DB) {
  return {
    documents: await documents(db),
    challenges: await db.selectFrom("challenges").selectAll().orderBy("id").execute(),
    bids: await db.selectFrom("bids").selectAll().orderBy("id").execute(),
    audit: await db.selectFrom("audit_events").selectAll().orderBy("id").execute(),
    notifications: await db.selectFrom("notifications").selectAll().orderBy("id").execute(),
  };
}

async function ownerBrowser(db: DB): Promise<{ browser: Browser; draftId: number }> {
  const d = await driveTo(db, "draft");
  return { browser: await signedIn(d.cast.owner.id), draftId: d.id };
}

async function editDraft(db: DB, draftId: number, browser: Browser, files: [string, Part][], opts = {}) {
  const { version } = await db.selectFrom("challenges").select("version").where("id", "=", draftId).executeTakeFirstOrThrow();
  return call(editAction, upload(`/challenges/${draftId}/edit`, [...fields(challengeForm()), ["version", String(version)], ...files], browser, opts), { id: String(draftId) });
}

describe("uploading with the 榜单 form (no JavaScript)", () => {
  it("stores a public and a confidential 需求说明 by content hash with the record, and serves them back", async () => {
    const db = await demoDb();
    const { browser, draftId } = await ownerBrowser(db);
    const res = await editDraft(db, draftId, browser, [
      ["file:spec", { file: pdf("公开"), name: "需求说明书（公开版）.pdf" }],
      ["file:spec_confidential", { file: await xlsx(), name: "工艺参数.xlsx" }],
    ]);
    expect(res.status).toBe(302);
    const docs = await documents(db);
    expect(docs.map((d) => [d.record_kind, d.record_id, d.purpose, d.confidential, d.mime, d.name])).toEqual([
      ["challenge", draftId, "需求说明", 0, "application/pdf", "需求说明书（公开版）.pdf"],
      ["challenge", draftId, "需求说明", 1, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "工艺参数.xlsx"],
    ]);
    // Named by SHA-256 with two levels of fan-out, nothing else left in the folder.
    const h = docs[0].hash;
    expect(filesIn(storeDir()).sort()).toEqual([`${storeDir()}/${h.slice(0, 2)}/${h.slice(2, 4)}/${h}`, `${storeDir()}/${docs[1].hash.slice(0, 2)}/${docs[1].hash.slice(2, 4)}/${docs[1].hash}`].sort());
    const got = await download(docs[0].id, browser);
    expect(got.status).toBe(200);
    expect(Buffer.from(await got.arrayBuffer()).equals(pdf("公开"))).toBe(true);
    // The edit form lists both files for removal.
    const form = await body(await call(editLoader, get(`/challenges/${draftId}/edit`, browser), { id: String(draftId) }));
    expect(form.files.map((f: { name: string }) => f.name)).toEqual(["需求说明书（公开版）.pdf", "工艺参数.xlsx"]);
  });

  it("creates a draft with its files in one step, and the same bytes twice are stored once", async () => {
    const db = await demoDb();
    const { browser } = await ownerBrowser(db);
    const res = await call(newAction, upload("/challenges/new", [...fields(challengeForm()), ["file:spec", { file: pdf("同一份"), name: "a.pdf" }], ["file:spec", { file: pdf("同一份"), name: "b.pdf" }]], browser));
    expect(res.status).toBe(302);
    const docs = await documents(db);
    expect(docs.map((d) => d.name)).toEqual(["a.pdf", "b.pdf"]);
    expect(docs[0].hash).toBe(docs[1].hash);
    expect(filesIn(storeDir())).toHaveLength(1);
  });

  it("accepts DOCX, XLSX, OFD, PNG and JPEG by their bytes and names them by what they are", async () => {
    const db = await demoDb();
    const { browser, draftId } = await ownerBrowser(db);
    const res = await editDraft(db, draftId, browser, [
      ["file:spec", { file: docx(), name: "方案.docx" }],
      ["file:spec", { file: await xlsx(), name: "表格" }],
      ["file:spec", { file: ofd(), name: "电子公文.ofd" }],
      ["file:spec", { file: png(), name: "示意图.jpg" }],
      ["file:spec", { file: jpeg(), name: "现场.jpeg" }],
    ]);
    expect(res.status).toBe(302);
    expect((await documents(db)).map((d) => [d.name, d.mime])).toEqual([
      ["方案.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
      ["表格.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
      ["电子公文.ofd", "application/ofd"],
      ["示意图.png", "image/png"],
      ["现场.jpeg", "image/jpeg"],
    ]);
  });

  it.each([
    ["a Windows program renamed .pdf", exe(), "setup.pdf", /“setup\.pdf”实际是Windows 程序/],
    ["a web page renamed .pdf", html(), "page.pdf", /实际是网页或 SVG/],
    ["an SVG renamed .pdf", svg(), "logo.pdf", /实际是网页或 SVG/],
    ["a plain zip renamed .docx", plainZip(), "report.docx", /实际是普通 ZIP 压缩包/],
  ])("refuses %s with a clear message, and keeps nothing", async (_what, bytes, name, message) => {
    const db = await demoDb();
    const { browser, draftId } = await ownerBrowser(db);
    const before = await everything(db);
    const res = await editDraft(db, draftId, browser, [["file:spec", { file: bytes, name }]]);
    expect(res.status).toBe(400);
    const b = await body(res);
    expect(b.message).toMatch(/^只支持 PDF、Word/);
    expect(b.message).toMatch(message);
    expect(b.values.title).toBe(challengeForm().title); // what was typed is kept
    expect(await everything(db)).toEqual(before);
    expect(filesIn(storeDir())).toEqual([]);
  });

  it("stops a file just over 20 MB while it streams: 413, no temporary file, no row", async () => {
    const db = await demoDb();
    const { browser, draftId } = await ownerBrowser(db);
    const before = await everything(db);
    const big = Buffer.concat([pdf(), Buffer.alloc(MAX_FILE_BYTES + 1 - pdf().length)]);
    const res = await editDraft(db, draftId, browser, [["file:spec", { file: big, name: "扫描件.pdf" }]]);
    expect(res.status).toBe(413);
    expect((await body(res)).message).toMatch(/“扫描件\.pdf”超过 20 MB/);
    expect(filesIn(storeDir())).toEqual([]);
    expect(await everything(db)).toEqual(before);
    // Exactly 20 MB is allowed.
    const ok = await editDraft(db, draftId, browser, [["file:spec", { file: big.subarray(0, MAX_FILE_BYTES), name: "扫描件.pdf" }]]);
    expect(ok.status).toBe(302);
  });

  it("refuses the 11th file of a record (10 per 榜单) and of one request, and keeps the ten", async () => {
    const db = await demoDb();
    const { browser, draftId } = await ownerBrowser(db);
    const ten = Array.from({ length: 10 }, (_, i) => ["file:spec", { file: pdf(`第${i}份`), name: `${i}.pdf` }] as [string, Part]);
    expect((await editDraft(db, draftId, browser, ten)).status).toBe(302);
    const before = await everything(db);
    const res = await editDraft(db, draftId, browser, [["file:spec", { file: pdf("第11份"), name: "11.pdf" }]]);
    expect(res.status).toBe(400);
    expect((await body(res)).message).toMatch(/最多 10 个附件/);
    expect(await everything(db)).toEqual(before);
    // Eleven in one request stop at the eleventh, before it is stored.
    const eleven = [...ten, ["file:spec", { file: pdf("第11份"), name: "11.pdf" }] as [string, Part]];
    const once = await editDraft(db, draftId, browser, eleven);
    expect(once.status).toBe(400);
    expect((await body(once)).message).toMatch(/一次最多上传 10 个文件/);
    expect(await everything(db)).toEqual(before);
  });

  it("keeps only the file's own name: no folders, control or direction characters, at most 100 characters", async () => {
    const db = await demoDb();
    const { browser, draftId } = await ownerBrowser(db);
    const names = ["../../etc/passwd", "C:\\x\\y.pdf", "合同\u0000扫描\u0007件.pdf", "invoice\u202Efdp.exe", "🚀发布会.pdf", `${"很长".repeat(120)}.pdf`, "...", "a\"b<c>.pdf"];
    const res = await editDraft(db, draftId, browser, names.map((name, i) => ["file:spec", { file: pdf(String(i)), name }] as [string, Part]));
    expect(res.status).toBe(302);
    const got = (await documents(db)).map((d) => d.name);
    expect(got.slice(0, 5)).toEqual(["passwd.pdf", "y.pdf", "合同扫描件.pdf", "invoicefdp.pdf", "🚀发布会.pdf"]);
    expect(Array.from(got[5])).toHaveLength(100);
    expect(got[5].endsWith(".pdf")).toBe(true);
    expect(got[6]).toBe("附件.pdf");
    expect(got[7]).toBe("a_b_c_.pdf");
  });

  it("writes nothing at all for a forged CSRF token that carries a file", async () => {
    const db = await demoDb();
    const { browser, draftId } = await ownerBrowser(db);
    const before = await everything(db);
    for (const csrf of ["x".repeat(43), false] as const) {
      const res = await editDraft(db, draftId, browser, [["file:spec", { file: pdf(), name: "a.pdf" }]], { csrf });
      expect(res.status).toBe(403);
    }
    // The token after the file (a hand-made request) is refused before the file is read, too.
    const late = upload(`/challenges/${draftId}/edit`, [["file:spec", { file: pdf(), name: "a.pdf" }], ["csrf", browser.csrf]], browser, { csrf: false });
    expect((await call(editAction, late, { id: String(draftId) })).status).toBe(403);
    expect(filesIn(storeDir())).toEqual([]);
    expect(await everything(db)).toEqual(before);
  });
});

describe("staged uploads (with JavaScript)", () => {
  async function stage(browser: Browser, file: Buffer, name: string) {
    return call(stageAction, upload("/files/stage", [["file", { file, name }]], browser));
  }

  it("stages a file for its uploader, who attaches it by id or takes it back", async () => {
    const db = await demoDb();
    const { browser, draftId } = await ownerBrowser(db);
    const staged = await body(await stage(browser, pdf("staged"), "说明.pdf"));
    expect(staged.document).toMatchObject({ name: "说明.pdf", mime: "application/pdf" });
    // Not downloadable while staged, not even by its uploader.
    expect((await download(staged.document.id, browser)).status).toBe(404);
    const res = await editDraft(db, draftId, browser, [["staged:spec_confidential", String(staged.document.id)]]);
    expect(res.status).toBe(302);
    expect((await documents(db)).map((d) => [d.id, d.record_kind, d.record_id, d.confidential])).toEqual([[staged.document.id, "challenge", draftId, 1]]);
    const other = await body(await stage(browser, png(), "图.png"));
    const discard = await call(stageAction, upload("/files/stage", [["intent", "discard"], ["id", String(other.document.id)]], browser));
    expect(discard.status).toBe(200);
    expect(await documents(db)).toHaveLength(1);
  });

  it("refuses another organisation's staged or attached file id, and changes nothing in any table", async () => {
    const db = await demoDb();
    const d = await driveTo(db, "published");
    const a = await signedIn(d.cast.bidderA.id);
    const otherEnt = await signedIn(d.cast.otherEnt.id);
    const owner = await signedIn(d.cast.owner.id);
    const theirs = await body(await stage(otherEnt, pdf("海鹏的"), "海鹏.pdf"));
    // Bidder A's bid with bidder... another org's staged id.
    const before = await everything(db);
    const { version } = await db.selectFrom("bids").select("version").where("id", "=", d.bids!.a).executeTakeFirstOrThrow();
    const bidParts = (extra: [string, Part][]) =>
      upload(`/challenges/${d.id}/bid`, [...fields(bidForm("MARK-FILES")), ["intent", "update"], ["bidId", String(d.bids!.a)], ["version", String(version)], ...extra], a);
    const res = await call(bidAction, bidParts([["staged:proposal", String(theirs.document.id)]]), { id: String(d.id) });
    expect(res.status).toBe(400);
    expect((await body(res)).message).toMatch(/不是您上传的/);
    expect(await everything(db)).toEqual(before);
    // A file attached to the 榜单 cannot be "removed" through a bid, nor attached again as staged.
    const { browser: ownerB, draftId } = { browser: owner, draftId: (await driveTo(db, "draft")).id };
    expect((await editDraft(db, draftId, ownerB, [["file:spec", { file: pdf("榜单"), name: "榜单.pdf" }]])).status).toBe(302);
    const attached = (await documents(db)).find((x) => x.record_kind === "challenge")!;
    const before2 = await everything(db);
    for (const extra of [[["removeFile", String(attached.id)]], [["staged:proposal", String(attached.id)]]] as [string, Part][][]) {
      const r = await call(bidAction, bidParts(extra), { id: String(d.id) });
      expect(r.status).toBe(400);
    }
    expect(await everything(db)).toEqual(before2);
  });
});

describe("the download route", () => {
  it("keeps a Chinese name through Content-Disposition, serves only images inline, never sniffs", async () => {
    const db = await demoDb();
    const { browser, draftId } = await ownerBrowser(db);
    await editDraft(db, draftId, browser, [
      ["file:spec", { file: pdf(), name: "需求说明 (2).pdf" }],
      ["file:spec", { file: png(), name: "工艺 图.png" }],
    ]);
    const [p, i] = await documents(db);
    const res = await download(p.id, browser);
    expect(res.headers.get("Content-Type")).toBe("application/pdf");
    expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(res.headers.get("Cache-Control")).toBe("private, no-store");
    const cd = res.headers.get("Content-Disposition")!;
    expect(cd).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/);
    expect(decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(cd)![1])).toBe("需求说明 (2).pdf");
    const img = await download(i.id, browser);
    expect(img.headers.get("Content-Type")).toBe("image/png");
    expect(img.headers.get("Content-Disposition")).toMatch(/^inline; /);
  });

  it("answers a removed file, a missing id and a forbidden file with the same 404", async () => {
    const db = await demoDb();
    const { browser, draftId } = await ownerBrowser(db);
    await editDraft(db, draftId, browser, [["file:spec", { file: pdf(), name: "a.pdf" }], ["file:spec", { file: pdf("b"), name: "b.pdf" }]]);
    const [a, b] = await documents(db);
    expect((await editDraft(db, draftId, browser, [["removeFile", String(a.id)]])).status).toBe(302);
    const removed = (await documents(db))[0];
    expect(removed.removed_at).not.toBeNull(); // kept for the audit trail, not served
    const answers = [await download(a.id, browser), await download(999_999, browser), await download(b.id, await anonymous())];
    expect(answers.map((r) => r.status)).toEqual([404, 404, 404]);
    const texts = await Promise.all(answers.map((r) => r.text()));
    expect(new Set(texts).size).toBe(1);
    expect(fs.existsSync(`${storeDir()}/${a.hash.slice(0, 2)}/${a.hash.slice(2, 4)}/${a.hash}`)).toBe(true);
  });
});
