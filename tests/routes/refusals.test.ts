/**
 * Refused and repeated actions against the real routes: a bid sent after the deadline keeps its
 * text and says when the deadline was; a form sent twice creates one record (also when the two
 * submissions race on two database connections); model errors keep their meaning in loaders.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { openDatabase, type DB } from "../../db/client.server";
import { once } from "../../app/models/shared/form-submission.server";
import { createDraft } from "../../app/models/challenge/challenge.server";
import { ConflictError, ForbiddenError, NotFoundError } from "../../app/utils/errors";
import { action as bidAction, loader as bidLoader } from "../../app/routes/challenges.$id_.bid";
import { action as newAction } from "../../app/routes/challenges.new";
import { action as resultAction } from "../../app/routes/results.$id/route";
import { errorAnswer, load } from "../../app/web/form.server";
import { SearchUnavailableError } from "../../search/engine";
import { fileOf, freshDb } from "../support/db";
import { body, call, get, post, signedIn } from "../support/http";
import { bidForm, cast, challengeForm, challengeInput, driveTo, passDeadline } from "../support/challenges";
import { countRows, makeResult, people, postForm } from "../support/results";

async function count(db: DB, table: "challenges" | "bids" | "audit_events" | "notifications" | "form_submissions"): Promise<number> {
  return Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
}

describe("a first bid sent after the deadline", () => {
  it("answers 409 with 揭榜已于 … 截止, keeps every typed field, writes nothing, and the page still opens", async () => {
    const db = await freshDb({ demo: true });
    const d = await driveTo(db, "published");
    const late = d.cast.researcher; // 西南交通大学 has not bid
    const browser = await signedIn(late.id);
    const page = await call(bidLoader, get(`/challenges/${d.id}/bid`, browser), { id: String(d.id) });
    expect(page.status).toBe(200);
    await passDeadline(db, d.id);
    const before = { bids: await count(db, "bids"), audit: await count(db, "audit_events"), notices: await count(db, "notifications") };

    const form = bidForm("LATE-BID-MARK 技术方案全文");
    const res = await call(bidAction, post(`/challenges/${d.id}/bid`, { intent: "submit", ...form }, browser), { id: String(d.id) });
    expect(res.status).toBe(409);
    const answer = await body(res);
    expect(answer.message).toMatch(/^揭榜已于 \d{4}年\d{1,2}月\d{1,2}日 .* 截止，不能再提交或修改揭榜申请。$/);
    for (const [k, v] of Object.entries(form)) expect(answer.values[k], k).toEqual(v);
    expect({ bids: await count(db, "bids"), audit: await count(db, "audit_events"), notices: await count(db, "notifications") }).toEqual(before);

    // What Remix renders next: the bid page itself, saying why, not 页面不存在.
    const after = await call(bidLoader, get(`/challenges/${d.id}/bid`, browser), { id: String(d.id) });
    expect(after.status).toBe(200);
    expect((await body(after)).closed).toBe(answer.message);
  });
});

describe("forms that create records carry an idempotency key", () => {
  it("保存草稿 sent twice with one key creates one draft and both answers lead to it", async () => {
    const db = await freshDb({ demo: true });
    const { owner } = await cast(db);
    const browser = await signedIn(owner.id);
    const before = await count(db, "challenges");
    const form = { ...challengeForm(), formKey: randomUUID() };
    const [a, b] = await Promise.all([
      call(newAction, post("/challenges/new", form, browser)),
      call(newAction, post("/challenges/new", form, browser)),
    ]);
    expect(await count(db, "challenges")).toBe(before + 1);
    expect(a.status).toBe(302);
    expect(b.status).toBe(302);
    expect(b.headers.get("Location")).toBe(a.headers.get("Location"));
    // Sent again later (the back button), still the same draft.
    const c = await call(newAction, post("/challenges/new", form, browser));
    expect(c.headers.get("Location")).toBe(a.headers.get("Location"));
    // A new form (a new key) is a new draft.
    await call(newAction, post("/challenges/new", { ...form, formKey: randomUUID() }, browser));
    expect(await count(db, "challenges")).toBe(before + 2);
  });

  it("a refused first submission releases its key, so the corrected form goes through", async () => {
    const db = await freshDb({ demo: true });
    const { owner } = await cast(db);
    const browser = await signedIn(owner.id);
    const formKey = randomUUID();
    const before = await count(db, "challenges");
    const bad = await call(newAction, post("/challenges/new", { ...challengeForm({ title: "" }), formKey }, browser));
    expect(bad.status).toBe(400);
    const good = await call(newAction, post("/challenges/new", { ...challengeForm(), formKey }, browser));
    expect(good.status).toBe(302);
    expect(await count(db, "challenges")).toBe(before + 1);
  });

  it("two submissions of one key racing on two real connections create one draft", async () => {
    const db = await freshDb({ demo: true });
    const { owner } = await cast(db);
    const other = openDatabase(await fileOf(db));
    try {
      const before = await count(db, "challenges");
      const key = randomUUID();
      const create = (conn: DB) => async () => `/challenges/${await createDraft(conn, owner, challengeInput())}`;
      const [a, b] = await Promise.all([once(db, owner.id, key, create(db)), once(other, owner.id, key, create(other))]);
      expect(a).toBe(b);
      expect(await count(db, "challenges")).toBe(before + 1);
    } finally {
      await other.destroy();
    }
  });

  it("感兴趣 sent twice with one key sends one message", async () => {
    const db = await freshDb({ demo: true });
    const p = await people(db);
    const id = await makeResult(db, p.researcher, "published");
    const browser = await signedIn(p.enterprise.id);
    const form = { intent: "interest", message: "DOUBLE-CLICK 我司希望洽谈许可。", formKey: randomUUID() };
    const before = await countRows(db, "interest_messages");
    const answers = await Promise.all([1, 2].map(() => call(resultAction, postForm(`/results/${id}`, form, browser), { id: String(id) })));
    expect(answers.map((r) => r.status)).toEqual([302, 302]);
    expect(await countRows(db, "interest_messages")).toBe(before + 1);
  });
});

describe("one mapping from errors to responses", () => {
  const values = { title: "填写的标题", password: "never-echoed" };

  it("keeps each domain error's meaning: 404, 403, 409", async () => {
    for (const [error, status] of [
      [new NotFoundError(), 404],
      [new ForbiddenError(), 403],
      [new ConflictError("该榜单刚刚已被他人处理，请刷新页面查看最新状态。"), 409],
    ] as const) {
      const res = errorAnswer(error, values)!;
      expect(res.status).toBe(status);
      expect((await res.json()).message).toBe(error.message);
      // Loaders throw the same response for the ErrorBoundary: a conflict is not "not found".
      const thrown = await load(() => Promise.reject(error)).catch((e: unknown) => e);
      expect((thrown as Response).status).toBe(status);
    }
  });

  it("a busy, full or read-only database, or search down, is a 503/507 that keeps the input (never the password)", async () => {
    const fault = (code: string) => Object.assign(new Error(code), { code });
    for (const [code, status, message] of [
      ["SQLITE_BUSY", 503, "系统繁忙，请稍后再试，您填写的内容已保留。"],
      ["SQLITE_FULL", 507, "存储空间不足，内容未保存。请联系区科技局，稍后再试，您填写的内容已保留。"],
      ["SQLITE_READONLY", 503, "系统当前为只读模式，内容未保存，请稍后再试。您填写的内容已保留。"],
    ] as const) {
      const res = errorAnswer(fault(code), values)!;
      expect(res.status, code).toBe(status);
      expect(await res.json()).toEqual({ ok: false, message, errors: {}, values: { title: "填写的标题" } });
    }
    const down = errorAnswer(new SearchUnavailableError(new Error("connect ECONNREFUSED")), values)!;
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ ok: false, message: "搜索服务暂时不可用，内容未保存，请稍后再试。您填写的内容已保留。", errors: {}, values: { title: "填写的标题" } });
    expect(errorAnswer(new TypeError("a bug"))).toBeUndefined();
  });
});
