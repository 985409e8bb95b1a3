/**
 * Files on 科技成果, technology contracts and organisation verification, uploaded through each
 * record's REAL form and downloaded through the one route: who gets 200, who gets 404.
 */
import { describe, expect, it } from "vitest";
import type { DB } from "../../db/client.server";
import { action as newContract } from "../../app/routes/bureau.contracts.new";
import { loader as bureauOrgs } from "../../app/routes/bureau.orgs";
import { loader as fileLoader } from "../../app/routes/files.$id.$name";
import { action as editOrg } from "../../app/routes/orgs.$id_.edit";
import { action as newResult } from "../../app/routes/results.new";
import { action as resultPage } from "../../app/routes/results.$id/route";
import { freshDb, orgIdByName } from "../support/db";
import { anonymous, body, call, get, post, signedIn, type Browser } from "../support/http";
import { HAIJU, SCITC, addOtherEnterpriseUser, asUser, EMAILS } from "../support/challenges";
import { contractForm } from "../support/contracts";
import { resultForm } from "../support/results";
import { download, pdf, png, upload, useTempFileStore, type Part } from "../support/files";

useTempFileStore();

const flat = (f: Record<string, string | string[]>): [string, Part][] => Object.entries(f).flatMap(([k, v]) => [v].flat().map((x) => [k, x] as [string, Part]));

const statusFor = async (docId: number, who: Browser) => (await download(docId, who)).status;

async function lastDoc(db: DB) {
  return db.selectFrom("documents").selectAll().orderBy("id", "desc").executeTakeFirstOrThrow();
}

describe("files on other records", () => {
  it("科技成果: files are seen with the result — its organisation and the bureau while a draft, everyone once published", async () => {
    const db = await freshDb({ demo: true });
    const researcher = await signedIn((await asUser(db, EMAILS.bidderA)).id);
    const res = await call(newResult, upload("/results/new", [...flat(resultForm()), ["file:patent", { file: pdf("专利"), name: "发明专利证书.pdf" }], ["file:brochure", { file: png(), name: "宣传图.png" }]], researcher));
    expect(res.status).toBe(302);
    const id = Number(/\/results\/(\d+)/.exec(res.headers.get("Location")!)![1]);
    const docs = await db.selectFrom("documents").selectAll().where("record_kind", "=", "result").where("record_id", "=", id).orderBy("id").execute();
    expect(docs.map((d) => [d.purpose, d.name])).toEqual([["专利证书", "发明专利证书.pdf"], ["宣传材料", "宣传图.png"]]);
    const anon = await anonymous();
    const bureau = await signedIn((await asUser(db, EMAILS.bureau)).id);
    const ent = await signedIn((await asUser(db, EMAILS.owner)).id);
    expect([await statusFor(docs[0].id, researcher), await statusFor(docs[0].id, bureau), await statusFor(docs[0].id, ent), await statusFor(docs[0].id, anon)]).toEqual([200, 200, 404, 404]);
    expect((await call(resultPage, post(`/results/${id}`, { intent: "publish" }, researcher), { id: String(id) })).status).toBe(302);
    const published = await call(fileLoader, get(`/files/${docs[0].id}/x`, anon), { id: String(docs[0].id), name: "x" });
    expect(published.status).toBe(200);
    expect(published.headers.get("Cache-Control")).toBe("public, max-age=300");
  });

  it("合同文本扫描件: the bureau and the two parties, no one else", async () => {
    const db = await freshDb({ demo: true });
    await addOtherEnterpriseUser(db);
    const bureau = await signedIn((await asUser(db, EMAILS.bureau)).id);
    const form = contractForm({ sellerOrgId: String(await orgIdByName(db, SCITC)), buyerOrgId: String(await orgIdByName(db, HAIJU)) });
    const res = await call(newContract, upload("/bureau/contracts/new", [...flat(form), ["file:scan", { file: pdf("合同"), name: "技术开发合同（盖章版）.pdf" }]], bureau));
    expect(res.status).toBe(302);
    const doc = await lastDoc(db);
    expect([doc.record_kind, doc.purpose, doc.confidential]).toEqual(["contract", "合同文本扫描件", 1]);
    const who = async (email: string) => signedIn((await asUser(db, email)).id);
    const statuses = [
      await statusFor(doc.id, bureau),
      await statusFor(doc.id, await who(EMAILS.bidderA)), // seller: 四川信息职业技术学院
      await statusFor(doc.id, await who(EMAILS.owner)), // buyer: 四川海聚环保
      await statusFor(doc.id, await who(EMAILS.otherEnt)),
      await statusFor(doc.id, await who(EMAILS.expert)),
      await statusFor(doc.id, await anonymous()),
    ];
    expect(statuses).toEqual([200, 200, 200, 404, 404, 404]);
  });

  it("营业执照: the organisation (sent with its profile) and the bureau on /bureau/orgs, no one else", async () => {
    const db = await freshDb({ demo: true });
    await addOtherEnterpriseUser(db);
    const owner = await asUser(db, EMAILS.owner);
    const me = await signedIn(owner.id);
    const org = await db.selectFrom("organizations").selectAll().where("id", "=", owner.orgId!).executeTakeFirstOrThrow();
    const profile = { orgName: org.name, creditCode: org.credit_code, region: org.region, address: org.address ?? "", intro: org.intro ?? "", contactName: org.contact_name, contactPhone: org.contact_phone, contactEmail: org.contact_email ?? "" };
    const res = await call(editOrg, upload(`/orgs/${org.id}/edit`, [...flat(profile), ["file:license", { file: pdf("执照"), name: "营业执照副本.pdf" }]], me), { id: String(org.id) });
    expect(res.status).toBe(302);
    const doc = await lastDoc(db);
    expect([doc.record_kind, doc.record_id, doc.purpose]).toEqual(["org", org.id, "营业执照"]);
    const bureau = await signedIn((await asUser(db, EMAILS.bureau)).id);
    const other = await signedIn((await asUser(db, EMAILS.otherEnt)).id);
    expect([await statusFor(doc.id, me), await statusFor(doc.id, bureau), await statusFor(doc.id, other), await statusFor(doc.id, await anonymous())]).toEqual([200, 200, 404, 404]);
    // The bureau's verification list shows it (on the tab the organisation is in).
    const list = await body(await call(bureauOrgs, get(`/bureau/orgs?status=${org.status}`, bureau)));
    expect(list.files[org.id].map((f: { name: string }) => f.name)).toEqual(["营业执照副本.pdf"]);
  });
});
