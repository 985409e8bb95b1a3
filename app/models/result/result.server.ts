import { sql, type Kysely } from "kysely";
import type { DB } from "../../../db/client.server";
import type { Database, ResultStatus } from "../../../db/schema";
import type { ResultInput } from "../../schemas/result";
import { resultStatusLabels } from "../../utils/labels";
import { nowIso } from "../../utils/time";
import { searchEngine } from "../../utils/search.server";
import { recordAudit, attachDocuments, NO_CHANGES, type AttachmentChanges, containsAny, classification, industryName, type CurrentUser, activeOrgId, actsForResearch, isBureauStaff, isMemberOf, isVerifiedMember } from "../shared";
import { ConflictError, ForbiddenError, NotFoundError } from "../../utils/errors";
import { notifyTurn } from "../notice";

type Tx = Kysely<Database>;
const PAGE_SIZE = 20;

/** Who sees a result: published ones everyone; drafts and archived ones their organisation and the bureau. */
export function mayRead(user: CurrentUser | null, r: { org_id: number; status: ResultStatus }): boolean {
  return r.status === "published" || isBureauStaff(user) || isMemberOf(user, r.org_id);
}

/** Contact details: signed-in users of verified organisations, the owner and the bureau — never anonymous visitors. */
export function mayReadContact(user: CurrentUser | null, orgId: number): boolean {
  return isVerifiedMember(user) || isMemberOf(user, orgId) || isBureauStaff(user);
}

function toRow(input: ResultInput, cls: { field_code: string; industry_code: string | null }) {
  return {
    title: input.title,
    abstract: input.abstract,
    ...cls,
    keywords: input.keywords.join("、"),
    trl: input.trl,
    transfer_modes: input.transferModes.join(","),
    price_fen: input.price,
    team: input.team,
    contact_name: input.contactName,
    contact_phone: input.contactPhone,
    contact_email: input.contactEmail,
  };
}

async function writePatents(trx: Tx, resultId: number, input: ResultInput) {
  await trx.deleteFrom("result_patents").where("result_id", "=", resultId).execute();
  for (const [sort, p] of input.patents.entries()) {
    await trx.insertInto("result_patents").values({ result_id: resultId, number: p.number, kind: p.kind, status: p.status, sort }).execute();
  }
}

export async function createResult(db: DB, user: CurrentUser, input: ResultInput, files: AttachmentChanges = NO_CHANGES): Promise<number> {
  if (!actsForResearch(user)) throw new ForbiddenError("科技成果由高校和科研院所的科研人员、专家发布。");
  const cls = await classification(db, input);
  return db.transaction().execute(async (trx) => {
    const now = nowIso();
    const { id } = await trx
      .insertInto("results")
      .values({ ...toRow(input, cls), org_id: user.orgId!, created_by: user.id, status: "draft", created_at: now, updated_at: now, published_at: null })
      .returning("id")
      .executeTakeFirstOrThrow();
    await writePatents(trx, id, input);
    await recordAudit(trx, { entity: "result", entityId: id, action: "create", to: "draft", actorId: user.id });
    await attachDocuments(trx, user, "result", id, files);
    return id;
  });
}

/** Load for a change by the owning organisation; others learn nothing (404). */
async function loadOwn(trx: Tx, user: CurrentUser, id: number) {
  const r = await trx.selectFrom("results").selectAll().where("id", "=", id).executeTakeFirst();
  if (!r || !mayRead(user, r)) throw new NotFoundError();
  if (!actsForResearch(user, r.org_id)) throw new ForbiddenError("只有成果所属机构的科研人员可以修改。");
  return r;
}

export async function updateResult(db: DB, user: CurrentUser, id: number, version: number, input: ResultInput, files: AttachmentChanges = NO_CHANGES): Promise<void> {
  const cls = await classification(db, input);
  await db.transaction().execute(async (trx) => {
    const r = await loadOwn(trx, user, id);
    if (r.status === "archived") throw new ConflictError("成果已下架，不能修改。");
    const u = await trx
      .updateTable("results")
      .set({ ...toRow(input, cls), version: r.version + 1, updated_at: nowIso() })
      .where("id", "=", id)
      .where("version", "=", version)
      .executeTakeFirst();
    if (u.numUpdatedRows === 0n) throw new ConflictError("该成果刚刚已被同事修改，请刷新页面后再改。");
    await writePatents(trx, id, input);
    await searchEngine().sync(trx, "result", id);
    await recordAudit(trx, { entity: "result", entityId: id, action: "edit", from: r.status, to: r.status, actorId: user.id });
    await attachDocuments(trx, user, "result", id, files);
  });
}

const moves: Record<"publish" | "archive", { from: ResultStatus; to: ResultStatus; name: string }> = {
  publish: { from: "draft", to: "published", name: "发布" },
  archive: { from: "published", to: "archived", name: "下架" },
};

/** 草稿 → 已发布 (verified organisations only) → 已下架. */
export async function moveResult(db: DB, user: CurrentUser, id: number, move: "publish" | "archive"): Promise<void> {
  const m = moves[move];
  await db.transaction().execute(async (trx) => {
    const r = await loadOwn(trx, user, id);
    if (move === "publish" && user.org?.status !== "verified") throw new ForbiddenError("贵单位尚未通过区科技局认证，认证后才能发布成果。");
    if (r.status !== m.from) throw new ConflictError(`该成果当前为“${resultStatusLabels[r.status]}”，不能${m.name}。`);
    const now = nowIso();
    const u = await trx
      .updateTable("results")
      .set({ status: m.to, version: r.version + 1, updated_at: now, ...(move === "publish" ? { published_at: now } : {}) })
      .where("id", "=", id)
      .where("version", "=", r.version)
      .executeTakeFirst();
    if (u.numUpdatedRows === 0n) throw new ConflictError("该成果刚刚已被他人处理，请刷新页面。");
    await searchEngine().sync(trx, "result", id);
    await recordAudit(trx, { entity: "result", entityId: id, action: move, from: m.from, to: m.to, actorId: user.id });
  });
}

export interface ResultFilters {
  field?: string;
  /** 产业领域 code. */
  industry?: string;
  trlMin?: number;
  trlMax?: number;
  mode?: string;
  priceMinFen?: number;
  priceMaxFen?: number;
  q?: string;
}

/** `/results`: published results with public fields only (never contact details). */
export async function listPublishedResults(db: DB, f: ResultFilters, page: number) {
  let q = db
    .selectFrom("results")
    .innerJoin("organizations", "organizations.id", "results.org_id")
    .innerJoin("tech_fields", "tech_fields.code", "results.field_code")
    .leftJoin("focus_fields", "focus_fields.code", "results.industry_code")
    .where("results.status", "=", "published");
  if (f.field) q = q.where("results.field_code", "=", f.field);
  if (f.industry) q = q.where("results.industry_code", "=", f.industry);
  if (f.trlMin != null) q = q.where("results.trl", ">=", f.trlMin);
  if (f.trlMax != null) q = q.where("results.trl", "<=", f.trlMax);
  if (f.mode) q = q.where(sql<boolean>`(',' || results.transfer_modes || ',') like ${`%,${f.mode},%`}`);
  if (f.priceMinFen != null) q = q.where("results.price_fen", ">=", f.priceMinFen);
  if (f.priceMaxFen != null) q = q.where("results.price_fen", "<=", f.priceMaxFen);
  if (f.q) {
    q = q.where(containsAny(["results.title", "results.keywords", "results.abstract"], f.q));
  }
  const { n } = await q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  const rows = await q
    .select([
      "results.id",
      "results.title",
      "results.abstract",
      "results.keywords",
      "results.trl",
      "results.transfer_modes",
      "results.price_fen",
      "results.published_at",
      "organizations.id as org_id",
      "organizations.name as org_name",
      "tech_fields.name as field_name",
      "focus_fields.name as industry_name",
    ])
    .select((eb) => eb.selectFrom("result_patents").select((p) => p.fn.countAll<number>().as("n")).whereRef("result_patents.result_id", "=", "results.id").as("patent_count"))
    .orderBy("results.published_at", "desc")
    .orderBy("results.id", "desc")
    .limit(PAGE_SIZE)
    .offset((page - 1) * PAGE_SIZE)
    .execute();
  return { rows, total: Number(n), page, pageSize: PAGE_SIZE };
}

export async function listOrgResults(db: DB, user: CurrentUser) {
  const orgId = activeOrgId(user);
  if (orgId == null) return [];
  return db
    .selectFrom("results")
    .select(["id", "title", "status", "trl", "price_fen", "updated_at"])
    .select((eb) => eb.selectFrom("result_interests").select((i) => i.fn.countAll<number>().as("n")).whereRef("result_interests.result_id", "=", "results.id").as("interest_count"))
    .where("org_id", "=", user.orgId)
    .orderBy("updated_at", "desc")
    .execute();
}

/** Everything the result page shows, cut to what this viewer may see. */
export async function getResultPage(db: DB, viewer: CurrentUser | null, id: number) {
  const r = await db.selectFrom("results").selectAll().where("id", "=", id).executeTakeFirst();
  // An enterprise that opened a thread keeps reading it after the result is archived.
  const inThread =
    r != null &&
    activeOrgId(viewer) != null &&
    (await db.selectFrom("result_interests").select("id").where("result_id", "=", r.id).where("org_id", "=", activeOrgId(viewer)!).executeTakeFirst()) != null;
  if (!r || !(mayRead(viewer, r) || inThread)) throw new NotFoundError();
  const [org, field, patents, industry] = await Promise.all([
    db.selectFrom("organizations").select(["id", "name", "kind", "region"]).where("id", "=", r.org_id).executeTakeFirstOrThrow(),
    db.selectFrom("tech_fields").select("name").where("code", "=", r.field_code).executeTakeFirstOrThrow(),
    db.selectFrom("result_patents").select(["number", "kind", "status"]).where("result_id", "=", id).orderBy("sort").execute(),
    industryName(db, r.industry_code),
  ]);
  const owner = actsForResearch(viewer, r.org_id);
  const bureau = isBureauStaff(viewer);
  const interests = await listInterests(db, viewer, r.id, r.org_id);
  const { interestCount } = await db
    .selectFrom("result_interests")
    .select((eb) => eb.fn.countAll<number>().as("interestCount"))
    .where("result_id", "=", id)
    .executeTakeFirstOrThrow();
  return {
    result: {
      id: r.id,
      title: r.title,
      abstract: r.abstract,
      fieldCode: r.field_code,
      fieldName: field.name,
      industryCode: r.industry_code,
      industryName: industry,
      keywords: r.keywords.split("、"),
      trl: r.trl,
      transferModes: r.transfer_modes.split(","),
      priceFen: r.price_fen,
      team: r.team,
      status: r.status,
      version: r.version,
      publishedAt: r.published_at,
      orgId: org.id,
      orgName: org.name,
      patents,
      contact: mayReadContact(viewer, r.org_id) ? { name: r.contact_name, phone: r.contact_phone, email: r.contact_email } : null,
    },
    owner,
    bureau,
    interestCount: owner || bureau ? Number(interestCount) : null,
    interests,
    canMarkInterest: r.status === "published" && canMarkInterest(viewer, r.org_id),
  };
}

function canMarkInterest(user: CurrentUser | null, resultOrgId: number): boolean {
  return isVerifiedMember(user) && user!.role === "enterprise" && user!.orgId !== resultOrgId;
}

/** Threads on a result: all for its organisation and the bureau, its own for an interested enterprise. */
async function listInterests(db: DB, viewer: CurrentUser | null, resultId: number, resultOrgId: number) {
  if (!viewer || activeOrgId(viewer) == null) return [];
  const all = isBureauStaff(viewer) || isMemberOf(viewer, resultOrgId);
  let q = db
    .selectFrom("result_interests")
    .innerJoin("organizations", "organizations.id", "result_interests.org_id")
    .select(["result_interests.id", "result_interests.org_id", "organizations.name as org_name", "result_interests.created_at"])
    .where("result_interests.result_id", "=", resultId)
    .orderBy("result_interests.id");
  if (!all) q = q.where("result_interests.org_id", "=", viewer.orgId!);
  const threads = await q.execute();
  if (threads.length === 0) return [];
  const messages = await db
    .selectFrom("interest_messages")
    .innerJoin("users", "users.id", "interest_messages.author_id")
    .leftJoin("organizations", "organizations.id", "users.org_id")
    .select(["interest_messages.id", "interest_messages.interest_id", "interest_messages.body", "interest_messages.created_at", "users.name as author", "organizations.name as author_org"])
    .where("interest_messages.interest_id", "in", threads.map((t) => t.id))
    .orderBy("interest_messages.id")
    .execute();
  return threads.map((t) => ({ ...t, messages: messages.filter((m) => m.interest_id === t.id) }));
}

/**
 * A verified enterprise marks a result 感兴趣 with a message (again: the message joins its thread).
 * The owning team is notified; this is the first step of a transfer.
 */
export async function markInterest(db: DB, user: CurrentUser, resultId: number, message: string): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const r = await trx.selectFrom("results").select(["id", "org_id", "title", "status"]).where("id", "=", resultId).executeTakeFirst();
    if (!r || !mayRead(user, r)) throw new NotFoundError();
    if (r.status !== "published") throw new ConflictError("该成果已下架，不能再表达意向。");
    if (!canMarkInterest(user, r.org_id)) throw new ForbiddenError("已认证企业的用户才能对成果表达合作意向。");
    await trx
      .insertInto("result_interests")
      .values({ result_id: r.id, org_id: user.orgId!, user_id: user.id, created_at: nowIso() })
      .onConflict((oc) => oc.columns(["result_id", "org_id"]).doNothing())
      .execute();
    const interest = await trx.selectFrom("result_interests").select("id").where("result_id", "=", r.id).where("org_id", "=", user.orgId!).executeTakeFirstOrThrow();
    await trx.insertInto("interest_messages").values({ interest_id: interest.id, author_id: user.id, body: message, created_at: nowIso() }).execute();
    await notifyTurn(trx, "result.interest", { actorId: user.id, orgId: r.org_id, name: user.org!.name, subject: r.title, reason: message, link: `/results/${r.id}` });
    return interest.id;
  });
}

/** A reply in a thread, by the result's team or the interested enterprise; the other side is notified. */
export async function replyToInterest(db: DB, user: CurrentUser, resultId: number, interestId: number, body: string): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const t = await trx
      .selectFrom("result_interests")
      .innerJoin("results", "results.id", "result_interests.result_id")
      .select(["result_interests.id", "result_interests.org_id as enterprise_org", "results.id as result_id", "results.org_id as result_org", "results.title"])
      .where("result_interests.id", "=", interestId)
      .where("result_interests.result_id", "=", resultId)
      .executeTakeFirst();
    const side = t && isMemberOf(user, t.result_org) ? "team" : t && isMemberOf(user, t.enterprise_org) ? "enterprise" : null;
    if (!t || !side) throw new NotFoundError();
    await trx.insertInto("interest_messages").values({ interest_id: t.id, author_id: user.id, body, created_at: nowIso() }).execute();
    await notifyTurn(trx, "result.reply", { actorId: user.id, orgId: side === "team" ? t.enterprise_org : t.result_org, subject: t.title, reason: body, link: `/results/${t.result_id}` });
    return t.result_id;
  });
}
