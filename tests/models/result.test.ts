/**
 * 科技成果 and 专家画像 through the real model functions: the states, who may write, optimistic
 * versions, patents, interest threads and their notices, the expert pool.
 */
import { describe, expect, it } from "vitest";
import type { DB } from "../../db/client.server";
import { ConflictError, DomainError, ForbiddenError, NotFoundError } from "../../app/utils/errors";
import { applyAsExpert, decideExpert, getOwnProfile, getProfilePage, listExpertApplications, saveProfile } from "../../app/models/account/profile.server";
import { createResult, getResultPage, listOrgResults, listPublishedResults, markInterest, moveResult, replyToInterest, updateResult } from "../../app/models/result/result.server";
import { loadActor } from "../../app/models/shared/session.server";
import { profileSchema } from "../../app/schemas/result";
import { freshDb } from "../support/db";
import { eventsOf, noticesOf } from "../support/challenges";
import { countRows, makeResult, people, resultInput, resultSnapshot, type People } from "../support/results";

/** The promise is refused with this error class, HTTP status and (optionally) message. */
async function refused(p: Promise<unknown>, cls: typeof DomainError, status: number, message?: RegExp): Promise<DomainError> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e, "expected a refusal").toBeInstanceOf(cls);
  expect((e as DomainError).status).toBe(status);
  if (message) expect((e as DomainError).message).toMatch(message);
  return e as DomainError;
}

async function row(db: DB, id: number) {
  return db.selectFrom("results").select(["status", "version", "published_at", "title", "org_id", "created_by"]).where("id", "=", id).executeTakeFirstOrThrow();
}

async function patentsOf(db: DB, id: number) {
  return db.selectFrom("result_patents").select(["number", "kind", "status", "sort"]).where("result_id", "=", id).orderBy("sort").execute();
}

async function setup(): Promise<{ db: DB; p: People }> {
  const db = await freshDb({ demo: true });
  return { db, p: await people(db) };
}

describe("草稿 → 已发布 → 已下架", () => {
  it("creates a draft, publishes it, archives it, recording each step", async () => {
    const { db, p } = await setup();
    const id = await createResult(db, p.researcher, resultInput({ title: "状态流转 RZ9K 测试成果" }));
    expect(await row(db, id)).toMatchObject({ status: "draft", version: 1, published_at: null, org_id: p.researcher.orgId, created_by: p.researcher.id });

    await moveResult(db, p.researcher, id, "publish");
    const published = await row(db, id);
    expect(published).toMatchObject({ status: "published", version: 2 });
    expect(published.published_at).toMatch(/^\d{4}-\d{2}-\d{2}T/);

    // A colleague of the same organisation archives it.
    await moveResult(db, p.colleague, id, "archive");
    expect(await row(db, id)).toMatchObject({ status: "archived", version: 3, published_at: published.published_at });

    expect((await eventsOf(db, "result", id)).map((e) => [e.action, e.from_state, e.to_state])).toEqual([
      ["create", null, "draft"],
      ["publish", "draft", "published"],
      ["archive", "published", "archived"],
    ]);
  });

  it("refuses publishing twice with 409 and a Chinese message", async () => {
    const { db, p } = await setup();
    const id = await makeResult(db, p.researcher, "published");
    const before = await resultSnapshot(db, id);
    await refused(moveResult(db, p.researcher, id, "publish"), ConflictError, 409, /当前为“已发布”，不能发布/);
    expect(await resultSnapshot(db, id)).toEqual(before);
  });

  it("refuses archiving a draft with 409", async () => {
    const { db, p } = await setup();
    const id = await makeResult(db, p.researcher, "draft");
    await refused(moveResult(db, p.researcher, id, "archive"), ConflictError, 409, /当前为“草稿”，不能下架/);
    expect((await row(db, id)).status).toBe("draft");
  });

  it("keeps an archived result archived: no second archive, no republishing", async () => {
    const { db, p } = await setup();
    const id = await makeResult(db, p.researcher, "archived");
    await refused(moveResult(db, p.researcher, id, "archive"), ConflictError, 409, /已下架/);
    await refused(moveResult(db, p.researcher, id, "publish"), ConflictError, 409, /已下架/);
    expect((await row(db, id)).status).toBe("archived");
  });

  it("refuses editing an archived result with 409, leaving it as it was", async () => {
    const { db, p } = await setup();
    const id = await makeResult(db, p.researcher, "archived");
    const before = await resultSnapshot(db, id);
    await refused(updateResult(db, p.researcher, id, before.result!.version, resultInput({ title: "下架后修改的标题" })), ConflictError, 409, /成果已下架，不能修改/);
    expect(await resultSnapshot(db, id)).toEqual(before);
  });

  it("lets a published result be edited (it stays published, version moves on)", async () => {
    const { db, p } = await setup();
    const id = await makeResult(db, p.researcher, "published");
    await updateResult(db, p.researcher, id, 2, resultInput({ title: "发布后修改的成果名称", price: "" }));
    expect(await row(db, id)).toMatchObject({ status: "published", version: 3, title: "发布后修改的成果名称" });
    expect((await db.selectFrom("results").select("price_fen").where("id", "=", id).executeTakeFirstOrThrow()).price_fen).toBeNull();
  });
});

describe("only verified organisations publish", () => {
  it("a researcher of an unverified institute may draft but not publish (403 mentioning 认证)", async () => {
    const { db, p } = await setup();
    const id = await createResult(db, p.unverifiedResearcher, resultInput({ title: "未认证机构的成果草稿" }));
    expect((await row(db, id)).status).toBe("draft");
    const before = await resultSnapshot(db, id);
    await refused(moveResult(db, p.unverifiedResearcher, id, "publish"), ForbiddenError, 403, /认证/);
    expect(await resultSnapshot(db, id)).toEqual(before);
    // Nor does it appear in the public list.
    const list = await listPublishedResults(db, { q: "未认证机构的成果草稿" }, 1);
    expect(list.total).toBe(0);
  });
});

describe("who creates and edits results", () => {
  it.each(["researcher", "colleague", "expert", "scu", "unverifiedResearcher"] as const)("%s (科研人员/专家 of a 高校 or 院所) creates a draft for their own organisation", async (who) => {
    const { db, p } = await setup();
    const id = await createResult(db, p[who], resultInput({ title: `由 ${who} 创建的成果` }));
    expect(await row(db, id)).toMatchObject({ status: "draft", org_id: p[who].orgId, created_by: p[who].id });
  });

  it.each(["enterprise", "e081", "pending", "bureau"] as const)("%s may not create a result: 403, nothing written", async (who) => {
    const { db, p } = await setup();
    const before = await countRows(db, "results");
    await refused(createResult(db, p[who], resultInput()), ForbiddenError, 403, /高校和科研院所/);
    expect(await countRows(db, "results")).toBe(before);
  });

  it("a colleague of the same organisation may edit", async () => {
    const { db, p } = await setup();
    const id = await makeResult(db, p.researcher, "draft");
    await updateResult(db, p.colleague, id, 1, resultInput({ title: "同事修改后的成果名称" }));
    expect(await row(db, id)).toMatchObject({ title: "同事修改后的成果名称", version: 2, created_by: p.researcher.id });
  });

  it.each([
    // Another organisation's draft does not exist for them.
    ["scu", "draft", 404],
    ["expert", "draft", 404],
    ["enterprise", "draft", 404],
    ["pending", "draft", 404],
    ["scu", "archived", 404],
    // The bureau may read drafts, but does not write results.
    ["bureau", "draft", 403],
    // A published result is public: editing it is forbidden, not hidden.
    ["scu", "published", 403],
    ["enterprise", "published", 403],
    ["bureau", "published", 403],
  ] as const)("%s editing another organisation's %s → %i, nothing changed", async (who, state, status) => {
    const { db, p } = await setup();
    const id = await makeResult(db, p.researcher, state);
    const before = await resultSnapshot(db, id);
    await refused(updateResult(db, p[who], id, before.result!.version, resultInput({ title: "被篡改的成果名称" })), status === 404 ? NotFoundError : ForbiddenError, status);
    expect(await resultSnapshot(db, id)).toEqual(before);
  });

  it.each([
    ["scu", "draft", "publish", 404],
    ["enterprise", "draft", "publish", 404],
    ["bureau", "draft", "publish", 403],
    ["scu", "published", "archive", 403],
    ["enterprise", "published", "archive", 403],
    ["bureau", "published", "archive", 403],
  ] as const)("%s may not move another organisation's %s result (%s → %i)", async (who, state, move, status) => {
    const { db, p } = await setup();
    const id = await makeResult(db, p.researcher, state);
    const before = await resultSnapshot(db, id);
    await refused(moveResult(db, p[who], id, move), status === 404 ? NotFoundError : ForbiddenError, status);
    expect(await resultSnapshot(db, id)).toEqual(before);
  });

  it("answers 404 for an id that does not exist", async () => {
    const { db, p } = await setup();
    await refused(updateResult(db, p.researcher, 99_999_999, 1, resultInput()), NotFoundError, 404);
    await refused(moveResult(db, p.researcher, 99_999_999, "publish"), NotFoundError, 404);
    await refused(getResultPage(db, p.researcher, 99_999_999), NotFoundError, 404);
  });

  it("refuses a stale version with 409 (a colleague saved first), keeping the colleague's text", async () => {
    const { db, p } = await setup();
    const id = await makeResult(db, p.researcher, "draft");
    await updateResult(db, p.colleague, id, 1, resultInput({ title: "同事先保存的成果名称", patents: [] }));
    const before = await resultSnapshot(db, id);
    await refused(updateResult(db, p.researcher, id, 1, resultInput({ title: "基于旧版本的修改" })), ConflictError, 409, /刚刚已被同事修改/);
    expect(await resultSnapshot(db, id)).toEqual(before);
    expect(before.result!.title).toBe("同事先保存的成果名称");
    expect(before.patents).toEqual([]);
  });

  it("lists the organisation's own results (drafts included) for its members only", async () => {
    const { db, p } = await setup();
    const draft = await makeResult(db, p.researcher, "draft", { title: "本单位草稿 RZ9K" });
    const archived = await makeResult(db, p.researcher, "archived", { title: "本单位已下架 RZ9K" });
    const mine = (await listOrgResults(db, p.colleague)).map((r) => r.id);
    expect(mine).toEqual(expect.arrayContaining([draft, archived]));
    for (const who of ["scu", "enterprise", "bureau"] as const) {
      const theirs = (await listOrgResults(db, p[who])).map((r) => r.id);
      expect(theirs, who).not.toContain(draft);
      expect(theirs, who).not.toContain(archived);
    }
  });
});

describe("patents", () => {
  it("are stored in the order given, normalised", async () => {
    const { db, p } = await setup();
    const id = await createResult(
      db,
      p.researcher,
      resultInput({
        patents: [{ number: "zl 2023 3 0567890.4", kind: "design", status: "granted" }, { number: "ZL95115608.x", kind: "invention", status: "lapsed" }, { number: "201710601862.3", kind: "invention", status: "pending" }],
      }),
    );
    expect(await patentsOf(db, id)).toEqual([
      { number: "ZL202330567890.4", kind: "design", status: "granted", sort: 0 },
      { number: "ZL95115608.X", kind: "invention", status: "lapsed", sort: 1 },
      { number: "ZL201710601862.3", kind: "invention", status: "pending", sort: 2 },
    ]);
    const page = await getResultPage(db, null, id).catch(() => null);
    expect(page).toBeNull(); // a draft: the public does not see it
    const own = await getResultPage(db, p.researcher, id);
    expect(own.result.patents.map((x) => x.number)).toEqual(["ZL202330567890.4", "ZL95115608.X", "ZL201710601862.3"]);
  });

  it("are replaced on edit (new order, removed ones gone), and can be cleared", async () => {
    const { db, p } = await setup();
    const id = await makeResult(db, p.researcher, "published");
    await updateResult(
      db,
      p.researcher,
      id,
      2,
      resultInput({ patents: [{ number: "ZL202120345678.9", kind: "utility", status: "lapsed" }, { number: "ZL98212345.0", kind: "utility", status: "granted" }] }),
    );
    expect(await patentsOf(db, id)).toEqual([
      { number: "ZL202120345678.9", kind: "utility", status: "lapsed", sort: 0 },
      { number: "ZL98212345.0", kind: "utility", status: "granted", sort: 1 },
    ]);
    await updateResult(db, p.researcher, id, 3, resultInput({ patents: [] }));
    expect(await patentsOf(db, id)).toEqual([]);
  });
});

describe("感兴趣: interest threads", () => {
  const MSG1 = "INTEREST-MARK-1 我司涂装车间废气需要处理，希望洽谈许可。";
  const MSG2 = "INTEREST-MARK-2 补充：车间风量约 3 万立方米每小时。";
  const REPLY = "REPLY-MARK-3 可以安排现场调研，请告知时间。";

  it("a verified enterprise marks interest: one thread, the message, a notice to every member of the result's organisation", async () => {
    const { db, p } = await setup();
    const id = await makeResult(db, p.researcher, "published", { title: "意向测试成果 RZ9K" });
    const interestId = await markInterest(db, p.enterprise, id, MSG1);

    expect(await db.selectFrom("result_interests").select(["id", "result_id", "org_id", "user_id"]).where("result_id", "=", id).execute()).toEqual([
      { id: interestId, result_id: id, org_id: p.enterprise.orgId, user_id: p.enterprise.id },
    ]);
    expect(await db.selectFrom("interest_messages").select(["author_id", "body"]).where("interest_id", "=", interestId).execute()).toEqual([
      { author_id: p.enterprise.id, body: MSG1 },
    ]);
    for (const who of ["researcher", "colleague"] as const) {
      expect(await noticesOf(db, p[who].id), who).toContainEqual({
        kind: "result_interest",
        title: `四川海聚环保科技有限公司 对成果“意向测试成果 RZ9K”感兴趣`,
        body: MSG1,
        link: `/results/${id}`,
      });
    }
    // Nobody outside the result's organisation is told.
    for (const who of ["enterprise", "scu", "bureau", "e081"] as const) {
      expect((await noticesOf(db, p[who].id)).filter((n) => n.body === MSG1), who).toEqual([]);
    }
  });

  it("a second message joins the same thread (one interest row per organisation), and notifies again", async () => {
    const { db, p } = await setup();
    const id = await makeResult(db, p.researcher, "published");
    const first = await markInterest(db, p.enterprise, id, MSG1);
    const second = await markInterest(db, p.enterprise, id, MSG2);
    expect(second).toBe(first);
    expect(await db.selectFrom("result_interests").select("id").where("result_id", "=", id).execute()).toEqual([{ id: first }]);
    expect((await db.selectFrom("interest_messages").select("body").where("interest_id", "=", first).orderBy("id").execute()).map((m) => m.body)).toEqual([MSG1, MSG2]);
    expect((await noticesOf(db, p.researcher.id)).filter((n) => n.kind === "result_interest" && n.link === `/results/${id}`).map((n) => n.body)).toEqual([MSG1, MSG2]);

    // Another enterprise gets its own thread.
    const other = await markInterest(db, p.e081, id, "081电子集团 也希望了解该成果的许可条件。");
    expect(other).not.toBe(first);
    expect(await countRows(db, "result_interests")).toBeGreaterThanOrEqual(2);
    expect((await db.selectFrom("result_interests").select("org_id").where("result_id", "=", id).orderBy("id").execute()).map((r) => r.org_id)).toEqual([
      p.enterprise.orgId,
      p.e081.orgId,
    ]);
  });

  it("the team replies: the enterprise is notified with the reply, the other enterprise is not; the enterprise answers back", async () => {
    const { db, p } = await setup();
    const id = await makeResult(db, p.researcher, "published", { title: "回复测试成果 RZ9K" });
    const thread = await markInterest(db, p.enterprise, id, MSG1);
    await markInterest(db, p.e081, id, "081电子集团 也希望了解该成果。");

    expect(await replyToInterest(db, p.colleague, id, thread, REPLY)).toBe(id);
    expect(await noticesOf(db, p.enterprise.id)).toContainEqual({ kind: "interest_reply", title: "关于成果“回复测试成果 RZ9K”的新回复", body: REPLY, link: `/results/${id}` });
    expect((await noticesOf(db, p.e081.id)).filter((n) => n.body === REPLY)).toEqual([]);

    await replyToInterest(db, p.enterprise, id, thread, "ENT-ANSWER-MARK 下周三可以。");
    for (const who of ["researcher", "colleague"] as const) {
      expect((await noticesOf(db, p[who].id)).map((n) => n.body), who).toContain("ENT-ANSWER-MARK 下周三可以。");
    }
    expect((await db.selectFrom("interest_messages").select("author_id").where("interest_id", "=", thread).orderBy("id").execute()).map((m) => m.author_id)).toEqual([
      p.enterprise.id,
      p.colleague.id,
      p.enterprise.id,
    ]);

    // Each enterprise sees only its own thread; the team and the bureau see both.
    const ent = await getResultPage(db, p.enterprise, id);
    expect(ent.interests.map((t) => t.org_id)).toEqual([p.enterprise.orgId]);
    expect(JSON.stringify(await getResultPage(db, p.e081, id))).not.toContain("INTEREST-MARK-1");
    expect((await getResultPage(db, p.researcher, id)).interests).toHaveLength(2);
    expect((await getResultPage(db, p.bureau, id)).interestCount).toBe(2);
    expect((await getResultPage(db, p.enterprise, id)).interestCount).toBeNull();
  });

  it.each([
    ["pending", "an unverified enterprise"],
    ["scu", "a researcher of another university"],
    ["expert", "an expert"],
    ["bureau", "the bureau"],
    ["researcher", "the result's own team"],
  ] as const)("%s (%s) cannot mark interest: 403, nothing written, nobody notified", async (who, _what) => {
    const { db, p } = await setup();
    const id = await makeResult(db, p.researcher, "published");
    const before = await resultSnapshot(db, id);
    await refused(markInterest(db, p[who], id, MSG1), ForbiddenError, 403, /已认证企业/);
    expect(await resultSnapshot(db, id)).toEqual(before);
  });

  it.each(["draft", "archived"] as const)("a verified enterprise cannot mark interest in a %s result", async (state) => {
    const { db, p } = await setup();
    const id = await makeResult(db, p.researcher, state);
    const before = await resultSnapshot(db, id);
    const e = await markInterest(db, p.enterprise, id, MSG1).then(
      () => null,
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(DomainError);
    expect([404, 409]).toContain((e as DomainError).status);
    expect(await resultSnapshot(db, id)).toEqual(before);
  });

  it("a forged interestId answers 404 and writes nothing: another organisation's thread, another result's thread, no thread", async () => {
    const { db, p } = await setup();
    const id = await makeResult(db, p.researcher, "published");
    const haiju = await markInterest(db, p.enterprise, id, MSG1);
    // A thread on a 四川大学 result, which 信息学院 has nothing to do with.
    const scuResult = await makeResult(db, p.scu, "published", { title: "川大成果 RZ9K" });
    const scuThread = await markInterest(db, p.e081, scuResult, "081电子集团 对川大成果的意向。");

    const before = { messages: await countRows(db, "interest_messages"), notifications: await countRows(db, "notifications") };
    // The result each thread belongs to; a forged id has none (any result will do).
    const resultOf = (thread: number) => (thread === scuThread ? scuResult : id);
    const attempts: [keyof People, number][] = [
      ["e081", haiju], // another enterprise's thread
      ["scu", haiju], // a researcher unrelated to the result
      ["bureau", haiju], // the bureau reads threads but does not speak in them
      ["pending", haiju],
      ["researcher", scuThread], // the team of another result
      ["enterprise", scuThread], // an enterprise that is not in that thread
      ["researcher", 99_999_999],
    ];
    for (const [who, thread] of attempts) {
      await refused(replyToInterest(db, p[who], resultOf(thread), thread, "伪造的回复"), NotFoundError, 404);
    }
    // A real thread posted under another result's id is not that result's thread.
    for (const [who, thread, result] of [["enterprise", haiju, scuResult], ["e081", scuThread, id]] as const) {
      await refused(replyToInterest(db, p[who], result, thread, "错位的回复"), NotFoundError, 404);
    }
    expect({ messages: await countRows(db, "interest_messages"), notifications: await countRows(db, "notifications") }).toEqual(before);
  });
});

describe("专家画像 and the expert pool", () => {
  const profile = (title = "副教授", phone = "13911112222") =>
    profileSchema.parse({
      title,
      fieldCodes: ["01", "08"],
      keywords: "等离子体、废气处理",
      bio: "长期从事低温等离子体应用研究。",
      achievements: "",
      patents: "ZL201710601862.3",
      contactPhone: phone,
      contactEmail: "lin@scitc.example",
    });

  it("saveProfile creates, then updates the same row (upsert), keeping the expert status", async () => {
    const { db, p } = await setup();
    expect(await getOwnProfile(db, p.colleague)).toBeNull();
    await saveProfile(db, p.colleague, profile("副教授"));
    await applyAsExpert(db, p.colleague);
    await saveProfile(db, p.colleague, profile("教授", "13933334444"));
    const rows = await db.selectFrom("researcher_profiles").select(["title", "contact_phone", "expert_status", "field_codes", "keywords"]).where("user_id", "=", p.colleague.id).execute();
    expect(rows).toEqual([{ title: "教授", contact_phone: "13933334444", expert_status: "applied", field_codes: "01,08", keywords: "等离子体、废气处理" }]);
    expect((await getOwnProfile(db, p.colleague))?.title).toBe("教授");
  });

  it.each(["enterprise", "bureau", "pending"] as const)("%s has no profile to save: 403", async (who) => {
    const { db, p } = await setup();
    await refused(saveProfile(db, p[who], profile()), ForbiddenError, 403, /科研人员和专家/);
    expect(await getOwnProfile(db, p[who])).toBeNull();
  });

  it("applying without a profile, or twice, is refused with 409", async () => {
    const { db, p } = await setup();
    await refused(applyAsExpert(db, p.colleague), ConflictError, 409, /请先完善专家画像/);
    await saveProfile(db, p.colleague, profile());
    await applyAsExpert(db, p.colleague);
    await refused(applyAsExpert(db, p.colleague), ConflictError, 409, /等待区科技局审核/);
  });

  it("apply → the bureau is told → approve: the user becomes a 专家 and is notified; a second decision is 409", async () => {
    const { db, p } = await setup();
    await saveProfile(db, p.colleague, profile());
    await applyAsExpert(db, p.colleague);
    expect(await noticesOf(db, p.bureau.id)).toContainEqual({ kind: "expert_applied", title: "信息学院 许老师 申请加入专家库", body: null, link: "/bureau/experts" });
    expect((await listExpertApplications(db)).map((a) => a.id)).toContain(p.colleague.id);

    await decideExpert(db, p.bureau, p.colleague.id, true, null);
    expect((await loadActor(db, p.colleague.id)).role).toBe("expert");
    expect((await getOwnProfile(db, p.colleague))?.expert_status).toBe("approved");
    expect(await noticesOf(db, p.colleague.id)).toContainEqual({ kind: "expert_decision", title: "您已加入区科技局专家库", body: null, link: "/me/profile" });
    expect((await listExpertApplications(db)).map((a) => a.id)).not.toContain(p.colleague.id);
    expect((await eventsOf(db, "user", p.colleague.id)).map((e) => e.action)).toEqual(["expert_approve"]);

    // A second officer (or a double click) gets a clear message.
    await refused(decideExpert(db, p.bureau, p.colleague.id, false, "重复处理"), ConflictError, 409, /已被处理/);
    expect((await loadActor(db, p.colleague.id)).role).toBe("expert");
    expect((await getOwnProfile(db, p.colleague))?.expert_status).toBe("approved");
  });

  it("reject keeps the role, carries the note, and the person may apply again", async () => {
    const { db, p } = await setup();
    await saveProfile(db, p.colleague, profile());
    await applyAsExpert(db, p.colleague);
    await decideExpert(db, p.bureau, p.colleague.id, false, "研究方向与专家库需求不符");
    expect((await loadActor(db, p.colleague.id)).role).toBe("researcher");
    expect(await getOwnProfile(db, p.colleague)).toMatchObject({ expert_status: "rejected", expert_note: "研究方向与专家库需求不符" });
    expect(await noticesOf(db, p.colleague.id)).toContainEqual({ kind: "expert_decision", title: "您的专家库申请未通过", body: "研究方向与专家库需求不符", link: "/me/profile" });
    await applyAsExpert(db, p.colleague);
    expect((await getOwnProfile(db, p.colleague))?.expert_status).toBe("applied");
  });

  it.each(["researcher", "expert", "enterprise", "pending"] as const)("%s may not decide an application: 403, nothing changed", async (who) => {
    const { db, p } = await setup();
    await saveProfile(db, p.colleague, profile());
    await applyAsExpert(db, p.colleague);
    const notices = await countRows(db, "notifications");
    await refused(decideExpert(db, p[who], p.colleague.id, true, null), ForbiddenError, 403);
    expect((await loadActor(db, p.colleague.id)).role).toBe("researcher");
    expect((await getOwnProfile(db, p.colleague))?.expert_status).toBe("applied");
    expect(await countRows(db, "notifications")).toBe(notices);
  });

  it("deciding a user who never applied is 409", async () => {
    const { db, p } = await setup();
    await refused(decideExpert(db, p.bureau, p.colleague.id, true, null), ConflictError, 409);
    await saveProfile(db, p.colleague, profile());
    await refused(decideExpert(db, p.bureau, p.colleague.id, true, null), ConflictError, 409);
    expect((await loadActor(db, p.colleague.id)).role).toBe("researcher");
  });

  it("the public profile page hides contact details from anonymous visitors and unverified organisations", async () => {
    const { db, p } = await setup();
    await saveProfile(db, p.colleague, profile("讲师", "13955556666"));
    const seen: Record<string, boolean> = {};
    for (const who of [null, "pending", "enterprise", "scu", "bureau", "colleague"] as const) {
      const page = await getProfilePage(db, who ? p[who] : null, p.colleague.id);
      seen[who ?? "anonymous"] = JSON.stringify(page).includes("13955556666");
    }
    expect(seen).toEqual({ anonymous: false, pending: false, enterprise: true, scu: true, bureau: true, colleague: true });
  });
});
