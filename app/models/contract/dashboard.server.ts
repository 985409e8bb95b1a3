import { sql, type Kysely } from "kysely";
import type { DB } from "../../../db/client.server";
import type { AmountBasis, ContractType, Database, Flow, OriginKind, PartyKind } from "../../../db/schema";
import { fenToWan } from "../../utils/money";
import { FLOWS } from "../../../db/vocabulary";
import { beijingDate, nowIso } from "../../utils/time";
import { CONTRACT_INDICATOR_ID, targetFen } from "./target";
import { NotFoundError } from "../../utils/errors";
import type { CurrentUser } from "../shared";
import { deriveFlow } from "./contract.server";

export interface CountingSettings {
  amountBasis: AmountBasis;
  flows: Flow[];
}

export async function getSettings(db: Kysely<Database>): Promise<CountingSettings> {
  const s = await db.selectFrom("contract_settings").select(["amount_basis", "flows"]).where("id", "=", 1).executeTakeFirstOrThrow();
  return { amountBasis: s.amount_basis, flows: FLOWS.filter((f) => s.flows.split(",").includes(f)) };
}

export async function saveSettings(db: DB, actor: CurrentUser, s: CountingSettings): Promise<void> {
  await db
    .updateTable("contract_settings")
    .set({ amount_basis: s.amountBasis, flows: s.flows.join(","), updated_by: actor.id, updated_at: nowIso() })
    .where("id", "=", 1)
    .execute();
}

export function dayOfYear(date: string): { day: number; days: number } {
  const y = Number(date.slice(0, 4));
  const start = Date.UTC(y, 0, 1);
  const days = (Date.UTC(y + 1, 0, 1) - start) / 86_400_000;
  return { day: (Date.parse(`${date}T00:00:00Z`) - start) / 86_400_000 + 1, days };
}

const amountColumn = (b: AmountBasis) => sql.ref(b === "tech" ? "tech_fen" : "total_fen");

export interface Slice<K extends string = string> {
  key: K;
  n: number;
  fen: number;
}

/** One dimension of the rollup for a year, counted flows only (or all flows for the flow breakdown). */
async function breakdown<K extends string>(db: Kysely<Database>, dim: string, year: number, s: CountingSettings, allFlows = false): Promise<Slice<K>[]> {
  const rows = await sql<{ key: K; n: number; fen: number }>`
    select ${sql.ref(dim)} as key, sum(n) as n, sum(${amountColumn(s.amountBasis)}) as fen
    from contract_rollup
    where reg_year = ${year} ${allFlows ? sql`` : sql`and flow in (${sql.join(s.flows)})`}
    group by 1 having sum(n) > 0 order by fen desc, key`.execute(db);
  return rows.rows.map((r) => ({ key: r.key, n: Number(r.n), fen: Number(r.fen) }));
}

export interface YearPoint {
  year: number;
  n: number;
  fen: number;
  targetFen: number;
  cumulativeFen: number;
  cumulativeTargetFen: number;
}

/** Yearly counted amounts since the 2020 baseline, with the target path and running totals. */
async function annualSeries(db: Kysely<Database>, s: CountingSettings, lastYear: number): Promise<YearPoint[]> {
  const rows = await sql<{ year: number; n: number; fen: number }>`
    select reg_year as year, sum(n) as n, sum(${amountColumn(s.amountBasis)}) as fen
    from contract_rollup where flow in (${sql.join(s.flows)}) and reg_year between 2020 and ${lastYear}
    group by 1`.execute(db);
  const by = new Map(rows.rows.map((r) => [Number(r.year), r]));
  const out: YearPoint[] = [];
  let cum = 0;
  let cumTarget = 0;
  for (let y = 2020; y <= lastYear; y++) {
    const r = by.get(y);
    const fen = Number(r?.fen ?? 0);
    cum += fen;
    cumTarget += targetFen(y);
    out.push({ year: y, n: Number(r?.n ?? 0), fen, targetFen: targetFen(y), cumulativeFen: cum, cumulativeTargetFen: cumTarget });
  }
  return out;
}

async function topSellers(db: Kysely<Database>, year: number, s: CountingSettings, limit = 10) {
  const rows = await sql<{ seller_key: string; name: string; kind: PartyKind; n: number; fen: number }>`
    select seller_key, max(seller_name) as name, max(seller_kind) as kind, sum(n) as n, sum(${amountColumn(s.amountBasis)}) as fen
    from contract_seller_rollup where reg_year = ${year} and flow in (${sql.join(s.flows)})
    group by seller_key having sum(n) > 0 order by fen desc, seller_key limit ${limit}`.execute(db);
  return rows.rows.map((r) => ({ key: r.seller_key, name: r.name, kind: r.kind, n: Number(r.n), fen: Number(r.fen) }));
}

const count = async (q: Promise<{ n: number | bigint | string }[]>) => Number((await q)[0]?.n ?? 0);

/**
 * From matchmaking to money. Challenge and result stages are counted over all time (the platform
 * is new); the registered stage counts challenges/results with at least one registered contract
 * and the contracts' counted amounts, all years and all flows, so no stage can be lower than
 * the one after it for a reason other than attrition.
 */
export async function funnel(db: Kysely<Database>, s: CountingSettings) {
  const amount = amountColumn(s.amountBasis);
  const [published, bids, selected, contracted, registered, results, interest, resultContracts] = await Promise.all([
    count(sql<{ n: number }>`select count(*) as n from challenges where published_at is not null`.execute(db).then((r) => r.rows)),
    count(sql<{ n: number }>`select count(*) as n from bids b join challenges c on c.id = b.challenge_id where c.published_at is not null and b.status <> 'withdrawn'`.execute(db).then((r) => r.rows)),
    count(sql<{ n: number }>`select count(*) as n from challenges where winner_bid_id is not null`.execute(db).then((r) => r.rows)),
    sql<{ n: number; fen: number }>`select count(*) as n, coalesce(sum(contract_amount_fen), 0) as fen from challenges where signed_on is not null`.execute(db).then((r) => r.rows[0]),
    sql<{ n: number; contracts: number; fen: number }>`select count(distinct origin_challenge_id) as n, count(*) as contracts, coalesce(sum(${amount}), 0) as fen
      from contracts where origin_challenge_id is not null and status <> 'cancelled'`.execute(db).then((r) => r.rows[0]),
    count(sql<{ n: number }>`select count(*) as n from results where status = 'published'`.execute(db).then((r) => r.rows)),
    count(sql<{ n: number }>`select count(distinct result_id) as n from result_interests`.execute(db).then((r) => r.rows)),
    sql<{ n: number; contracts: number; fen: number }>`select count(distinct origin_result_id) as n, count(*) as contracts, coalesce(sum(${amount}), 0) as fen
      from contracts where origin_result_id is not null and status <> 'cancelled'`.execute(db).then((r) => r.rows[0]),
  ]);
  return {
    challenges: {
      published,
      bids,
      selected,
      contracted: Number(contracted.n),
      contractedFen: Number(contracted.fen),
      registered: Number(registered.n),
      registeredContracts: Number(registered.contracts),
      registeredFen: Number(registered.fen),
    },
    results: {
      published: results,
      interest,
      contracted: Number(resultContracts.n),
      contracts: Number(resultContracts.contracts),
      fen: Number(resultContracts.fen),
    },
  };
}

/**
 * Signed but not yet registered: 榜单 past signing (已签约/攻关中/已验收/已兑现) with no registered
 * contract. Their 签约金额 is the estimate (the 技术交易额 is known only at registration); the flow
 * follows from the winning bidder's and the enterprise's regions.
 */
async function pipeline(db: Kysely<Database>, s: CountingSettings, year: number) {
  const rows = await db
    .selectFrom("challenges")
    .innerJoin("organizations as buyer", "buyer.id", "challenges.org_id")
    .innerJoin("bids", "bids.id", "challenges.winner_bid_id")
    .innerJoin("organizations as seller", "seller.id", "bids.org_id")
    .select([
      "challenges.id",
      "challenges.title",
      "challenges.status",
      "challenges.signed_on",
      "challenges.contract_amount_fen",
      "seller.name as seller_name",
      "seller.region as seller_region",
      "buyer.region as buyer_region",
    ])
    .where("challenges.status", "in", ["contracted", "in_progress", "accepted", "closed"])
    .where("challenges.signed_on", "is not", null)
    .where((eb) =>
      eb.not(eb.exists(eb.selectFrom("contracts").select("contracts.id").whereRef("contracts.origin_challenge_id", "=", "challenges.id").where("contracts.status", "!=", "cancelled"))),
    )
    .orderBy("challenges.signed_on")
    .execute();
  const items = rows.map((r) => {
    const flow = deriveFlow(r.seller_region, r.buyer_region);
    return { id: r.id, title: r.title, status: r.status, signedOn: r.signed_on, sellerName: r.seller_name, flow, fen: r.contract_amount_fen ?? 0, counted: s.flows.includes(flow) && (r.signed_on ?? "").slice(0, 4) <= String(year) };
  });
  return { items, countedFen: items.filter((i) => i.counted).reduce((a, i) => a + i.fen, 0) };
}

export async function indicators(db: Kysely<Database>, contractActualFen: Map<number, number>) {
  const [plan, actuals] = await Promise.all([
    db.selectFrom("plan_indicators").selectAll().orderBy("id").execute(),
    db.selectFrom("indicator_actuals").select(["indicator_id", "year", "value", "note"]).orderBy("year").execute(),
  ]);
  return plan.map((p) => {
    // 技术合同登记交易额 comes from the ledger itself, never typed in.
    const fromLedger = p.id === CONTRACT_INDICATOR_ID;
    const rows = fromLedger
      ? [...contractActualFen.entries()].map(([year, fen]) => ({ year, value: fenToWan(fen), note: "由技术合同登记台账汇总" }))
      : actuals.filter((a) => a.indicator_id === p.id).map((a) => ({ year: a.year, value: a.value, note: a.note }));
    return { id: p.id, name: p.name, unit: p.unit, v2020: p.v2020, v2025: p.v2025, v2035: p.v2035, fromLedger, actuals: rows, latest: rows[rows.length - 1] ?? null };
  });
}

export async function saveIndicatorActual(db: DB, actor: CurrentUser, input: { indicatorId: number; year: number; value: string; note: string | null }) {
  const p = await db.selectFrom("plan_indicators").select("id").where("id", "=", input.indicatorId).where("id", "!=", CONTRACT_INDICATOR_ID).executeTakeFirst();
  if (!p) throw new NotFoundError("没有找到该指标；技术合同登记交易额由台账自动汇总，无需填写。");
  await db
    .insertInto("indicator_actuals")
    .values({ indicator_id: input.indicatorId, year: input.year, value: input.value, note: input.note, updated_by: actor.id, updated_at: nowIso() })
    .onConflict((oc) => oc.columns(["indicator_id", "year"]).doUpdateSet({ value: input.value, note: input.note, updated_by: actor.id, updated_at: nowIso() }))
    .execute();
}

/** The counting setting and the yearly series against the target path, as of today in 北京时间. */
async function plan(db: Kysely<Database>, now?: Date) {
  const today = beijingDate(now);
  const currentYear = Number(today.slice(0, 4));
  const settings = await getSettings(db);
  return { today, currentYear, settings, series: await annualSeries(db, settings, currentYear) };
}

/** The ledger's actual for 表1 counts complete years only; the current year is shown on its own. */
function indicatorsFor(db: Kysely<Database>, series: YearPoint[], currentYear: number) {
  return indicators(db, new Map(series.filter((p) => p.year < currentYear).map((p) => [p.year, p.fen])));
}

/** What the bureau's 统计口径与指标 page needs, without the rest of the dashboard. */
export async function targetsPage(db: Kysely<Database>, now?: Date) {
  const { currentYear, settings, series } = await plan(db, now);
  return { settings, currentYear, indicators: await indicatorsFor(db, series, currentYear) };
}

/**
 * The bureau's /dashboard: exact and live (top institutions, signed amounts, the pipeline). The
 * public never reads this; it reads the published snapshot (contract/public-snapshot.server.ts).
 */
export async function dashboard(db: Kysely<Database>, opts: { year?: number; now?: Date }) {
  const { today, currentYear, settings, series } = await plan(db, opts.now);
  const year = opts.year != null && opts.year >= 2020 && opts.year <= currentYear ? opts.year : currentYear;
  const [byType, byField, byIndustry, byFlow, bySellerKind, byOrigin, top, funnelData, pipe, fieldNames, industries] = await Promise.all([
    breakdown<ContractType>(db, "type", year, settings),
    breakdown<string>(db, "field_code", year, settings),
    breakdown<string>(db, "industry_code", year, settings),
    breakdown<Flow>(db, "flow", year, settings, true),
    breakdown<PartyKind>(db, "seller_kind", year, settings),
    breakdown<OriginKind>(db, "origin_kind", year, settings),
    topSellers(db, year, settings),
    funnel(db, settings),
    pipeline(db, settings, currentYear),
    db.selectFrom("tech_fields").select(["code", "name"]).orderBy("sort").execute(),
    db.selectFrom("focus_fields").select(["code", "name"]).execute(),
  ]);
  const current = series[series.length - 1];
  const { day, days } = dayOfYear(today);
  const proRataFen = Math.round((current.targetFen * day) / days);
  const ind = await indicatorsFor(db, series, currentYear);
  return {
    today,
    currentYear,
    year,
    settings,
    series,
    current: {
      year: currentYear,
      fen: current.fen,
      n: current.n,
      targetFen: current.targetFen,
      proRataFen,
      dayOfYear: day,
      daysInYear: days,
    },
    byType,
    byField: byField.map((f) => ({ ...f, name: fieldNames.find((x) => x.code === f.key)?.name ?? f.key })),
    // The rollup keeps '' for contracts without a 产业领域: they are a row of their own, 未标注.
    byIndustry: byIndustry.map((f) => ({ ...f, name: f.key === "" ? "未标注" : (industries.find((x) => x.code === f.key)?.name ?? f.key) })),
    byFlow: byFlow.map((f) => ({ ...f, counted: settings.flows.includes(f.key) })),
    bySellerKind,
    byOrigin,
    top,
    funnel: funnelData,
    forecast: {
      items: pipe.items,
      pipelineFen: pipe.countedFen,
      // Registered so far + signed and not yet registered (only what the setting counts).
      forecastFen: current.fen + pipe.countedFen,
      // The same year's pace carried to 31 December, for comparison.
      runRateFen: Math.round((current.fen * days) / day),
    },
    indicators: ind,
  };
}
export type Dashboard = Awaited<ReturnType<typeof dashboard>>;
