import { sql, type Kysely, type Updateable } from "kysely";
import type { DB } from "../../../db/client.server";
import type { ChallengeStatus, Contract, Database, Flow, OrgKind, OriginKind, PartyKind, Region } from "../../../db/schema";
import type { ContractInput, LedgerFilter, PartyInput } from "../../schemas/contract";
import { nowIso } from "../../utils/time";
import { ConflictError, InvalidInputError, NotFoundError, isUniqueViolation } from "../../utils/errors";
import { classification, listIndustries, type CurrentUser, containsAny, attachDocuments, NO_CHANGES, type AttachmentChanges, activeOrgId, isBureauStaff } from "../shared";
import { contractFormValues, readNonTechItems, revisionChanges } from "./fields.server";

type Tx = Kysely<Database>;
export const LEDGER_PAGE_SIZE = 30;

/** 输出 when the seller is in 利州区 (it registers here), 吸纳 when the buyer is. */
export function deriveFlow(seller: Region, buyer: Region): Flow {
  const out = seller === "lizhou";
  const abs = buyer === "lizhou";
  return out && abs ? "both" : out ? "output" : abs ? "absorb" : "neither";
}

const partyKindOf: Record<OrgKind, PartyKind> = {
  enterprise: "enterprise",
  university: "university",
  institute: "institute",
  service: "other",
  bureau: "other",
};

/** A challenge may be the origin of a contract once a winner is chosen. */
export const SIGNABLE: ChallengeStatus[] = ["selected", "contracted", "in_progress", "accepted", "closed"];

export type ContractFields = Omit<Contract, "id" | "status" | "cancel_reason" | "version" | "created_by" | "created_at" | "updated_at">;

async function resolveParty(trx: Tx, p: PartyInput, side: "seller" | "buyer") {
  if (p.orgId != null) {
    const org = await trx
      .selectFrom("organizations")
      .select(["id", "name", "credit_code", "region", "kind"])
      .where("id", "=", p.orgId)
      .where("kind", "!=", "bureau")
      .executeTakeFirst();
    if (!org) throw new InvalidInputError({ [`${side}OrgId`]: ["所选机构不存在，请重新选择或填写外部单位"] });
    return { org_id: org.id, name: org.name, credit_code: org.credit_code, region: org.region, kind: partyKindOf[org.kind] };
  }
  // An external party whose credit code belongs to a platform organisation is linked to it.
  const org = await trx.selectFrom("organizations").select("id").where("credit_code", "=", p.creditCode).executeTakeFirst();
  return { org_id: org?.id ?? null, name: p.name, credit_code: p.creditCode, region: p.region!, kind: p.kind! };
}

/** Everything a contract row says, checked against the database (parties, origins). */
async function buildFields(trx: Tx, input: ContractInput, meetingId: number | null): Promise<ContractFields> {
  const seller = await resolveParty(trx, input.seller, "seller");
  const buyer = await resolveParty(trx, input.buyer, "buyer");
  if (seller.credit_code === buyer.credit_code) throw new InvalidInputError({ buyerCreditCode: ["买方与卖方不能是同一单位"] });
  const cls = await classification(trx, input);
  let bidId: number | null = null;
  if (input.originChallengeId != null) {
    const c = await trx
      .selectFrom("challenges")
      .select(["status", "winner_bid_id"])
      .where("id", "=", input.originChallengeId)
      .executeTakeFirst();
    if (!c || !SIGNABLE.includes(c.status)) throw new InvalidInputError({ originChallengeId: ["来源榜单不存在或尚未定榜"] });
    bidId = c.winner_bid_id;
  }
  if (input.originResultId != null) {
    const r = await trx.selectFrom("results").select("id").where("id", "=", input.originResultId).where("status", "!=", "draft").executeTakeFirst();
    if (!r) throw new InvalidInputError({ originResultId: ["来源成果不存在或尚未发布"] });
  }
  const origin: OriginKind = input.originChallengeId != null ? "challenge" : meetingId != null ? "meeting" : input.originResultId != null ? "result" : "none";
  return {
    reg_no: input.regNo,
    title: input.title,
    type: input.type,
    subtype: input.subtype,
    signed_on: input.signedOn,
    registered_on: input.registeredOn,
    reg_year: Number(input.registeredOn.slice(0, 4)),
    valid_from: input.validFrom,
    valid_until: input.validUntil,
    seller_org_id: seller.org_id,
    seller_name: seller.name,
    seller_credit_code: seller.credit_code,
    seller_region: seller.region,
    seller_kind: seller.kind,
    buyer_org_id: buyer.org_id,
    buyer_name: buyer.name,
    buyer_credit_code: buyer.credit_code,
    buyer_region: buyer.region,
    buyer_kind: buyer.kind,
    total_fen: input.totalFen,
    tech_fen: input.techFen,
    non_tech_items: JSON.stringify(input.nonTechItems),
    ...cls,
    payment: input.payment,
    flow: deriveFlow(seller.region, buyer.region),
    origin_challenge_id: input.originChallengeId,
    origin_bid_id: bidId,
    origin_result_id: input.originResultId,
    origin_meeting_id: meetingId,
    origin_kind: origin,
  };
}

type RollupRow = Pick<Contract, "reg_year" | "flow" | "type" | "field_code" | "industry_code" | "seller_kind" | "origin_kind" | "seller_org_id" | "seller_credit_code" | "seller_name" | "total_fen" | "tech_fen">;

export function sellerKey(c: Pick<Contract, "seller_org_id" | "seller_credit_code">): string {
  return c.seller_org_id != null ? `org:${c.seller_org_id}` : `cc:${c.seller_credit_code}`;
}

/** Add (+1) or remove (−1) one contract from the dashboard rollups, inside the writer's transaction. */
async function bumpRollups(trx: Tx, c: RollupRow, sign: 1 | -1): Promise<void> {
  await sql`insert into contract_rollup (reg_year, flow, type, field_code, industry_code, seller_kind, origin_kind, n, total_fen, tech_fen)
    values (${c.reg_year}, ${c.flow}, ${c.type}, ${c.field_code}, ${c.industry_code ?? ""}, ${c.seller_kind}, ${c.origin_kind}, ${sign}, ${sign * c.total_fen}, ${sign * c.tech_fen})
    on conflict (reg_year, flow, type, field_code, industry_code, seller_kind, origin_kind) do update
    set n = contract_rollup.n + excluded.n, total_fen = contract_rollup.total_fen + excluded.total_fen, tech_fen = contract_rollup.tech_fen + excluded.tech_fen`.execute(trx);
  await sql`insert into contract_seller_rollup (reg_year, flow, seller_key, seller_name, seller_kind, n, total_fen, tech_fen)
    values (${c.reg_year}, ${c.flow}, ${sellerKey(c)}, ${c.seller_name}, ${c.seller_kind}, ${sign}, ${sign * c.total_fen}, ${sign * c.tech_fen})
    on conflict (reg_year, flow, seller_key) do update
    set n = contract_seller_rollup.n + excluded.n, total_fen = contract_seller_rollup.total_fen + excluded.total_fen, tech_fen = contract_seller_rollup.tech_fen + excluded.tech_fen,
      seller_name = case when excluded.n > 0 then excluded.seller_name else contract_seller_rollup.seller_name end`.execute(trx);
}

/** Recompute both rollups from the ledger (after a bulk load, or to check them). */
export async function rebuildRollups(db: Kysely<Database>): Promise<void> {
  await sql`delete from contract_rollup`.execute(db);
  await sql`delete from contract_seller_rollup`.execute(db);
  await sql`insert into contract_rollup (reg_year, flow, type, field_code, industry_code, seller_kind, origin_kind, n, total_fen, tech_fen)
    select reg_year, flow, type, field_code, coalesce(industry_code, ''), seller_kind, origin_kind, count(*), sum(total_fen), sum(tech_fen)
    from contracts where status <> 'cancelled' group by 1, 2, 3, 4, 5, 6, 7`.execute(db);
  await sql`insert into contract_seller_rollup (reg_year, flow, seller_key, seller_name, seller_kind, n, total_fen, tech_fen)
    select reg_year, flow, case when seller_org_id is not null then 'org:' || seller_org_id else 'cc:' || seller_credit_code end,
      max(seller_name), max(seller_kind), count(*), sum(total_fen), sum(tech_fen)
    from contracts where status <> 'cancelled' group by 1, 2, 3`.execute(db);
}

/** The challenge's link point names its first registered (not cancelled) contract. */
async function relinkChallenge(trx: Tx, challengeId: number | null): Promise<void> {
  if (challengeId == null) return;
  await sql`update challenges set contract_record_id = (
      select min(id) from contracts where origin_challenge_id = ${challengeId} and status <> 'cancelled')
    where id = ${challengeId}`.execute(trx);
}

async function recordRevision(
  trx: Tx,
  contractId: number,
  action: "register" | "import" | "amend" | "cancel",
  actor: CurrentUser,
  before: Contract | null,
  reason: string | null,
): Promise<void> {
  const after = await trx.selectFrom("contracts").selectAll().where("id", "=", contractId).executeTakeFirstOrThrow();
  await trx
    .insertInto("contract_revisions")
    .values({
      contract_id: contractId,
      action,
      reason,
      before_json: before ? JSON.stringify(before) : null,
      after_json: JSON.stringify(after),
      actor_id: actor.id,
      created_at: nowIso(),
    })
    .execute();
}

/**
 * A 对接会 follow-up says this contract came out of a meeting. The meeting becomes its origin unless
 * one is recorded already (a 榜单 still ranks first, as in buildFields); the rollups move with the
 * origin and the history says who reported it.
 */
async function attributeToMeeting(trx: Tx, actor: CurrentUser, c: Contract, meetingId: number): Promise<void> {
  if (c.origin_meeting_id != null) return;
  const origin_kind: OriginKind = c.origin_challenge_id != null ? "challenge" : "meeting";
  await writeOverVersion(trx, c, { origin_meeting_id: meetingId, origin_kind, version: c.version + 1, updated_at: nowIso() });
  await bumpRollups(trx, c, -1);
  await bumpRollups(trx, { ...c, origin_kind }, 1);
  await recordRevision(trx, c.id, "amend", actor, c, `对接会回访：会谈 #${meetingId} 促成本合同`);
}

/** The two organisations that met: only a contract between them can have come out of the meeting. */
async function meetingOrgs(trx: Tx, meetingId: number): Promise<number[]> {
  const rows = await trx
    .selectFrom("meetings")
    .innerJoin("event_participants", (j) => j.on((eb) => eb.or([eb("event_participants.id", "=", eb.ref("meetings.a_participant_id")), eb("event_participants.id", "=", eb.ref("meetings.b_participant_id"))])))
    .select("event_participants.org_id")
    .where("meetings.id", "=", meetingId)
    .execute();
  return rows.map((r) => r.org_id);
}

function between(c: Pick<Contract, "seller_org_id" | "buyer_org_id">, orgs: number[]): boolean {
  const parties = [c.seller_org_id, c.buyer_org_id];
  return orgs.length === 2 && orgs.every((o) => parties.includes(o));
}

/**
 * A follow-up answered "yes" with this 登记号: link the live contract that has it, if it is a
 * contract between the two organisations that met (its id, or null). Anyone else's 登记号 links
 * nothing and is left for the bureau to read: a participant may not rewrite the ledger, nor learn
 * from the answer which numbers are registered. A contract registered later links then.
 */
export async function linkMeetingToContract(trx: Tx, actor: CurrentUser, regNo: string, meetingId: number): Promise<number | null> {
  const c = await trx.selectFrom("contracts").selectAll().where("reg_no", "=", regNo).where("status", "<>", "cancelled").executeTakeFirst();
  if (!c || !between(c, await meetingOrgs(trx, meetingId))) return null;
  await attributeToMeeting(trx, actor, c, meetingId);
  return c.id;
}

/** Follow-ups that reported this 登记号 before it was registered now point at the contract. */
async function linkWaitingFollowUps(trx: Tx, actor: CurrentUser, id: number, regNo: string): Promise<void> {
  const waiting = await trx.selectFrom("meeting_followups").select(["id", "meeting_id"]).where("reg_no", "=", regNo).where("contract_id", "is", null).orderBy("id").execute();
  if (waiting.length === 0) return;
  const c = await trx.selectFrom("contracts").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
  const genuine: typeof waiting = [];
  for (const w of waiting) if (between(c, await meetingOrgs(trx, w.meeting_id))) genuine.push(w);
  if (genuine.length === 0) return;
  await trx.updateTable("meeting_followups").set({ contract_id: id }).where("id", "in", genuine.map((w) => w.id)).execute();
  await attributeToMeeting(trx, actor, c, genuine[0].meeting_id);
}

const duplicate = (regNo: string) => new ConflictError(`登记号 ${regNo} 已经登记过，不能重复登记；如需修改请在该合同页面更正。`);

/** Insert one contract with its rollup and history; the caller holds the transaction. */
export async function insertContract(trx: Tx, actor: CurrentUser, input: ContractInput, action: "register" | "import" = "register"): Promise<number> {
  const fields = await buildFields(trx, input, null);
  const now = nowIso();
  let id: number;
  try {
    id = (
      await trx
        .insertInto("contracts")
        .values({ ...fields, status: "registered", cancel_reason: null, created_by: actor.id, created_at: now, updated_at: now })
        .returning("id")
        .executeTakeFirstOrThrow()
    ).id;
  } catch (e) {
    if (isUniqueViolation(e)) throw duplicate(input.regNo);
    throw e;
  }
  await bumpRollups(trx, fields, 1);
  await recordRevision(trx, id, action, actor, null, null);
  await relinkChallenge(trx, fields.origin_challenge_id);
  await linkWaitingFollowUps(trx, actor, id, fields.reg_no);
  return id;
}

/** Rows a multi-row statement carries at most: well under SQLite's 32,766 and PostgreSQL's 65,535 parameters. */
const BATCH_ROWS = 500;
const chunks = <T>(xs: T[], size = BATCH_ROWS): T[][] => Array.from({ length: Math.ceil(xs.length / size) }, (_, i) => xs.slice(i * size, (i + 1) * size));

/** Many contracts' rollup changes summed per rollup row, so a multi-row upsert names each row once (PostgreSQL refuses twice). */
async function addToRollups(trx: Tx, rows: RollupRow[]): Promise<void> {
  const cells = new Map<string, { c: RollupRow; n: number; total: number; tech: number }>();
  const sellers = new Map<string, { c: RollupRow; n: number; total: number; tech: number }>();
  for (const c of rows) {
    for (const [map, key] of [
      [cells, [c.reg_year, c.flow, c.type, c.field_code, c.industry_code ?? "", c.seller_kind, c.origin_kind].join("\t")],
      [sellers, [c.reg_year, c.flow, sellerKey(c)].join("\t")],
    ] as const) {
      const sum = map.get(key) ?? { c, n: 0, total: 0, tech: 0 };
      // As when they are added one by one: the first contract's seller kind, the last one's name.
      map.set(key, { c: { ...sum.c, seller_name: c.seller_name }, n: sum.n + 1, total: sum.total + c.total_fen, tech: sum.tech + c.tech_fen });
    }
  }
  for (const part of chunks([...cells.values()])) {
    await sql`insert into contract_rollup (reg_year, flow, type, field_code, industry_code, seller_kind, origin_kind, n, total_fen, tech_fen)
      values ${sql.join(part.map(({ c, n, total, tech }) => sql`(${c.reg_year}, ${c.flow}, ${c.type}, ${c.field_code}, ${c.industry_code ?? ""}, ${c.seller_kind}, ${c.origin_kind}, ${n}, ${total}, ${tech})`))}
      on conflict (reg_year, flow, type, field_code, industry_code, seller_kind, origin_kind) do update
      set n = contract_rollup.n + excluded.n, total_fen = contract_rollup.total_fen + excluded.total_fen, tech_fen = contract_rollup.tech_fen + excluded.tech_fen`.execute(trx);
  }
  for (const part of chunks([...sellers.values()])) {
    await sql`insert into contract_seller_rollup (reg_year, flow, seller_key, seller_name, seller_kind, n, total_fen, tech_fen)
      values ${sql.join(part.map(({ c, n, total, tech }) => sql`(${c.reg_year}, ${c.flow}, ${sellerKey(c)}, ${c.seller_name}, ${c.seller_kind}, ${n}, ${total}, ${tech})`))}
      on conflict (reg_year, flow, seller_key) do update
      set n = contract_seller_rollup.n + excluded.n, total_fen = contract_seller_rollup.total_fen + excluded.total_fen, tech_fen = contract_seller_rollup.tech_fen + excluded.tech_fen,
        seller_name = excluded.seller_name`.execute(trx);
  }
}

const changedMeanwhile = (what: string) => new ConflictError(`${what}在检查之后发生了变化，本次没有写入任何合同；请重新导入。`);

/**
 * Insert contracts already checked by checkContract outside this transaction (the ledger import),
 * with the rows, rollups and history insertContract gives one at a time, in a few multi-row
 * statements: the write transaction (on SQLite, the file's write lock) lasts as long as the writing.
 * What the check read may have changed since, so it is read again here, set-wise, and any change
 * refuses the whole batch: a 登记号 registered meanwhile, an origin 榜单 or 成果 that moved, a party
 * whose credit code now names another (or no) platform organisation.
 */
export async function insertContracts(trx: Tx, actor: CurrentUser, rows: ContractFields[], action: "import"): Promise<number[]> {
  if (rows.length === 0) return [];
  for (const part of chunks(rows)) {
    const taken = await trx.selectFrom("contracts").select("reg_no").where("reg_no", "in", part.map((r) => r.reg_no)).executeTakeFirst();
    if (taken) throw duplicate(taken.reg_no);
  }
  const distinct = <T>(xs: (T | null)[]) => [...new Set(xs.filter((x): x is T => x != null))];
  const challengeIds = distinct(rows.map((r) => r.origin_challenge_id));
  if (challengeIds.length) {
    const now = new Map((await trx.selectFrom("challenges").select(["id", "status", "winner_bid_id"]).where("id", "in", challengeIds).execute()).map((c) => [c.id, c]));
    const moved = rows.find((r) => {
      const c = r.origin_challenge_id != null ? now.get(r.origin_challenge_id) : undefined;
      return r.origin_challenge_id != null && (!c || !SIGNABLE.includes(c.status) || c.winner_bid_id !== r.origin_bid_id);
    });
    if (moved) throw changedMeanwhile(`来源榜单 #${moved.origin_challenge_id}`);
  }
  const resultIds = distinct(rows.map((r) => r.origin_result_id));
  if (resultIds.length) {
    const live = new Set((await trx.selectFrom("results").select("id").where("id", "in", resultIds).where("status", "!=", "draft").execute()).map((r) => r.id));
    const moved = resultIds.find((id) => !live.has(id));
    if (moved != null) throw changedMeanwhile(`来源成果 #${moved}`);
  }
  const codes = distinct(rows.flatMap((r) => [r.seller_credit_code, r.buyer_credit_code]));
  const orgOf = new Map<string, number>();
  for (const part of chunks(codes)) {
    for (const o of await trx.selectFrom("organizations").select(["id", "credit_code"]).where("credit_code", "in", part).execute()) orgOf.set(o.credit_code, o.id);
  }
  const relinked = rows.find((r) => (orgOf.get(r.seller_credit_code) ?? null) !== r.seller_org_id || (orgOf.get(r.buyer_credit_code) ?? null) !== r.buyer_org_id);
  if (relinked) throw changedMeanwhile(`登记号 ${relinked.reg_no} 的合同方在平台上的机构`);

  const now = nowIso();
  const inserted: Contract[] = [];
  for (const part of chunks(rows)) {
    try {
      inserted.push(
        ...(await trx
          .insertInto("contracts")
          .values(part.map((fields) => ({ ...fields, status: "registered" as const, cancel_reason: null, created_by: actor.id, created_at: now, updated_at: now })))
          .returningAll()
          .execute()),
      );
    } catch (e) {
      // Another process registered one of these numbers after the check above (PostgreSQL).
      if (isUniqueViolation(e)) throw new ConflictError("导入期间有合同以相同登记号登记，本次没有写入任何合同；请重新导入。");
      throw e;
    }
  }
  await addToRollups(trx, inserted);
  for (const part of chunks(inserted)) {
    await trx
      .insertInto("contract_revisions")
      .values(part.map((after) => ({ contract_id: after.id, action, reason: null, before_json: null, after_json: JSON.stringify(after), actor_id: actor.id, created_at: now })))
      .execute();
  }
  for (const id of distinct(inserted.map((c) => c.origin_challenge_id))) await relinkChallenge(trx, id);
  const idOf = new Map(inserted.map((c) => [c.reg_no, c.id]));
  for (const part of chunks(inserted)) {
    const waiting = await trx.selectFrom("meeting_followups").select("reg_no").distinct().where("reg_no", "in", part.map((c) => c.reg_no)).where("contract_id", "is", null).execute();
    for (const w of waiting) await linkWaitingFollowUps(trx, actor, idOf.get(w.reg_no!)!, w.reg_no!);
  }
  return rows.map((r) => idOf.get(r.reg_no)!);
}

export async function registerContract(db: DB, actor: CurrentUser, input: ContractInput, files: AttachmentChanges = NO_CHANGES): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const id = await insertContract(trx, actor, input);
    await attachDocuments(trx, actor, "contract", id, files);
    return id;
  });
}

const STALE_CONTRACT = "该合同已被其他人修改，请刷新页面查看最新内容后再操作。";

async function loadForChange(trx: Tx, id: number, version: number): Promise<Contract> {
  const before = await trx.selectFrom("contracts").selectAll().where("id", "=", id).executeTakeFirst();
  if (!before) throw new NotFoundError();
  if (before.status === "cancelled") throw new ConflictError("该合同已撤销，不能再更正或撤销。");
  if (before.version !== version) throw new ConflictError(STALE_CONTRACT);
  return before;
}

/**
 * Write a change only over the version that was read. The check in loadForChange answers the
 * usual stale form; this one decides between two changes committed at once from two processes,
 * which both read the same version: the second finds 0 rows and rolls back its rollup moves too.
 */
async function writeOverVersion(trx: Tx, before: Contract, set: Updateable<Database["contracts"]>): Promise<void> {
  const r = await trx.updateTable("contracts").set(set).where("id", "=", before.id).where("version", "=", before.version).where("status", "!=", "cancelled").executeTakeFirst();
  if (r.numUpdatedRows === 0n) throw new ConflictError(STALE_CONTRACT);
}

/** 更正: the record changes in place, the rollups move by the difference, the old values stay in the history. */
export async function amendContract(db: DB, actor: CurrentUser, id: number, version: number, input: ContractInput, reason: string, files: AttachmentChanges = NO_CHANGES): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await loadForChange(trx, id, version);
    if (input.regNo !== before.reg_no) {
      throw new InvalidInputError({ regNo: ["登记号不能更正；登记号有误时，请撤销本合同并重新登记"] });
    }
    const fields = await buildFields(trx, input, before.origin_meeting_id);
    await writeOverVersion(trx, before, { ...fields, status: "amended", version: before.version + 1, updated_at: nowIso() });
    await bumpRollups(trx, before, -1);
    await bumpRollups(trx, fields, 1);
    await recordRevision(trx, id, "amend", actor, before, reason);
    await relinkChallenge(trx, before.origin_challenge_id);
    if (fields.origin_challenge_id !== before.origin_challenge_id) await relinkChallenge(trx, fields.origin_challenge_id);
    await attachDocuments(trx, actor, "contract", id, files);
  });
}

/** 撤销: the record stays, marked cancelled with the reason, and leaves every figure. */
export async function cancelContract(db: DB, actor: CurrentUser, id: number, version: number, reason: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await loadForChange(trx, id, version);
    await writeOverVersion(trx, before, { status: "cancelled", cancel_reason: reason, version: before.version + 1, updated_at: nowIso() });
    await bumpRollups(trx, before, -1);
    await recordRevision(trx, id, "cancel", actor, before, reason);
    await relinkChallenge(trx, before.origin_challenge_id);
  });
}

export async function getContract(db: DB, id: number) {
  const c = await db
    .selectFrom("contracts")
    .leftJoin("tech_fields", "tech_fields.code", "contracts.field_code")
    .leftJoin("focus_fields", "focus_fields.code", "contracts.industry_code")
    .leftJoin("challenges", "challenges.id", "contracts.origin_challenge_id")
    .leftJoin("results", "results.id", "contracts.origin_result_id")
    .selectAll("contracts")
    .select(["tech_fields.name as field_name", "focus_fields.name as industry_name", "challenges.title as challenge_title", "results.title as result_title"])
    .where("contracts.id", "=", id)
    .executeTakeFirst();
  if (!c) throw new NotFoundError();
  const revisions = await db
    .selectFrom("contract_revisions")
    .innerJoin("users", "users.id", "contract_revisions.actor_id")
    .selectAll("contract_revisions")
    .select("users.name as actor_name")
    .where("contract_id", "=", id)
    .orderBy("contract_revisions.id", "desc")
    .execute();
  return {
    contract: { ...c, non_tech_items: readNonTechItems(c.non_tech_items) },
    revisions: revisions.map((r) => ({ ...r, changes: revisionChanges(r.before_json, r.after_json) })),
  };
}

/** The ledger rows a filter selects; cancelled ones only when asked for. */
function filtered(db: DB, f: LedgerFilter) {
  let q = db.selectFrom("contracts");
  if (f.status === "cancelled") q = q.where("status", "=", "cancelled");
  else if (f.status !== "all") q = q.where("status", "!=", "cancelled");
  if (f.year != null) q = q.where("reg_year", "=", f.year);
  if (f.type) q = q.where("type", "=", f.type);
  if (f.field) q = q.where("field_code", "=", f.field);
  if (f.industry === "none") q = q.where("industry_code", "is", null);
  else if (f.industry) q = q.where("industry_code", "=", f.industry);
  if (f.flow) q = q.where("flow", "in", f.flow);
  if (f.sellerKind) q = q.where("seller_kind", "=", f.sellerKind);
  if (f.origin) q = q.where("origin_kind", "=", f.origin);
  if (f.q) q = q.where(containsAny(["reg_no", "title", "seller_name", "buyer_name"], f.q));
  return q;
}

export async function ledgerTotals(db: DB, f: LedgerFilter) {
  const r = await filtered(db, f)
    .select((eb) => [
      eb.fn.countAll<number>().as("n"),
      sql<number>`coalesce(sum(total_fen), 0)`.as("total_fen"),
      sql<number>`coalesce(sum(tech_fen), 0)`.as("tech_fen"),
    ])
    .executeTakeFirstOrThrow();
  return { n: Number(r.n), totalFen: Number(r.total_fen), techFen: Number(r.tech_fen) };
}

const LIST_COLUMNS = [
  "id",
  "reg_no",
  "title",
  "type",
  "registered_on",
  "seller_name",
  "buyer_name",
  "total_fen",
  "tech_fen",
  "flow",
  "status",
  "origin_kind",
] as const;

export async function listContracts(db: DB, f: LedgerFilter, page: number) {
  const [rows, totals] = await Promise.all([
    filtered(db, f)
      .select(LIST_COLUMNS)
      .orderBy("registered_on", "desc")
      .orderBy("id", "desc")
      .limit(LEDGER_PAGE_SIZE)
      .offset((page - 1) * LEDGER_PAGE_SIZE)
      .execute(),
    ledgerTotals(db, f),
  ]);
  return { rows, totals, page, pageSize: LEDGER_PAGE_SIZE };
}

/** Every row of a filtered view, in ledger order, for the export. */
export async function exportContracts(db: DB, f: LedgerFilter) {
  return filtered(db, f)
    .leftJoin("tech_fields", "tech_fields.code", "contracts.field_code")
    .selectAll("contracts")
    .select("tech_fields.name as field_name")
    // A subquery, not a join: focus_fields has a field_code too, which the ledger filter names bare.
    .select((eb) => eb.selectFrom("focus_fields").select("name").whereRef("focus_fields.code", "=", "contracts.industry_code").as("industry_name"))
    .orderBy("registered_on")
    .orderBy("reg_no")
    .execute();
}

/** Choices for the register form: platform organisations, challenges with a winner, published results. */
export async function contractFormOptions(db: DB) {
  const [orgs, challenges, results, fields, industries] = await Promise.all([
    db
      .selectFrom("organizations")
      .select(["id", "name", "kind", "region"])
      .where("kind", "!=", "bureau")
      .where("status", "=", "verified")
      .orderBy("kind")
      .orderBy("name")
      .execute(),
    db.selectFrom("challenges").select(["id", "title", "status"]).where("status", "in", SIGNABLE).orderBy("id").execute(),
    db.selectFrom("results").select(["id", "title"]).where("status", "=", "published").orderBy("id").execute(),
    db.selectFrom("tech_fields").select(["code", "name"]).orderBy("sort").execute(),
    listIndustries(db),
  ]);
  return { orgs, challenges, results, fields, industries };
}

/** A challenge with its winning bidder's organisation: the two parties of the contract it leads to. */
function challengeWithWinner(db: DB, challengeId: number) {
  return db
    .selectFrom("challenges")
    .leftJoin("bids", "bids.id", "challenges.winner_bid_id")
    .selectAll("challenges")
    .select("bids.org_id as winner_org_id")
    .where("challenges.id", "=", challengeId)
    .executeTakeFirst();
}

/** What a challenge already says about the contract it led to: the register form starts from it. */
export async function draftFromChallenge(db: DB, challengeId: number) {
  const c = await challengeWithWinner(db, challengeId);
  if (!c || !SIGNABLE.includes(c.status)) return null;
  return c;
}

/** A stored contract as its register form's values, for amending it. */
export async function contractForAmend(db: DB, id: number) {
  const c = await db.selectFrom("contracts").selectAll().where("id", "=", id).executeTakeFirst();
  if (!c) throw new NotFoundError();
  return { id: c.id, version: c.version, status: c.status, values: contractFormValues(c) };
}

/** Check a contract against the database without writing it (the import's first pass). */
export function checkContract(trx: Tx, input: ContractInput): Promise<ContractFields> {
  return buildFields(trx, input, null);
}

/** Whether a registered contract already says exactly what `fields` say (a re-imported row). */
export function sameContract(existing: Contract, fields: ContractFields): boolean {
  return (Object.keys(fields) as (keyof ContractFields)[]).every((k) => k === "origin_meeting_id" || existing[k] === fields[k]);
}

/**
 * The registered contracts a challenge led to, cut to the viewer: the bureau and the two parties
 * (the enterprise and the winning bidder's organisation) see amounts; anyone else who may see the
 * challenge learns only that, and when, a contract was registered.
 */
export async function contractsOnChallenge(db: DB, viewer: CurrentUser | null, challengeId: number) {
  const c = await challengeWithWinner(db, challengeId);
  if (!c) return { detail: false, bureau: false, rows: [] };
  const bureau = isBureauStaff(viewer);
  const member = activeOrgId(viewer);
  const detail = bureau || (member != null && (member === c.org_id || member === c.winner_org_id));
  const rows = await db
    .selectFrom("contracts")
    .select(["id", "reg_no", "title", "type", "registered_on", "status"])
    .$if(detail, (q) => q.select(["total_fen", "tech_fen"]))
    .where("origin_challenge_id", "=", challengeId)
    .where("status", "!=", "cancelled")
    .orderBy("id")
    .execute();
  return {
    detail,
    bureau,
    rows: rows.map((r) => ({ ...r, total_fen: (r as { total_fen?: number }).total_fen ?? null, tech_fen: (r as { tech_fen?: number }).tech_fen ?? null, reg_no: detail ? r.reg_no : null })),
  };
}
