import { sql, type Kysely } from "kysely";
import type { DB } from "../../../db/client.server";
import type { Contract, Database, Flow, AmountBasis } from "../../../db/schema";
import { readRevisionSnapshot } from "./fields.server";
import { targetFen } from "./target";
import { funnel, getSettings, indicators, type CountingSettings } from "./dashboard.server";
import { findIsolation, type Variable } from "./disclosure";
import { holdTables, type CurrentUser } from "../shared";
import { beijingDate, clock } from "../../utils/time";

/**
 * The public dashboard's figures, frozen when the bureau presses 发布公开数据 (Decision 29).
 *
 * Each year is a block: the counted total (the plan's headline figure) and one table per
 * breakdown, every row a whole category, the categories of fewer than three contracts merged into
 * one 其他 row together with enough others that 其他 too holds at least three. Then the exact
 * check in ./disclosure.ts runs over this block and every block published before for the same
 * year; while it finds a combination isolating one or two contracts, the smallest row holding
 * them is merged too, the table of uncounted flows is withheld, and at last the year keeps its
 * previous figures (or, never published, shows no total). Years are disjoint sets of contracts,
 * so checking each year on its own covers every combination, the cumulative totals included.
 */
export const PUBLIC_MIN_CONTRACTS = 3;
const FIRST_YEAR = 2020;

type Dim = "type" | "field_code" | "industry_code" | "seller_kind" | "origin_kind" | "flow";
/**
 * The counted tables, then the one table of the flows the setting leaves out. Publications made
 * before the 产业领域 table existed have no industry_code entry: it reads as not published.
 */
const COUNTED_TABLES = ["type", "field_code", "industry_code", "seller_kind", "origin_kind", "flow"] as const;
type TableId = (typeof COUNTED_TABLES)[number] | "uncounted_flow";
const TABLES: TableId[] = [...COUNTED_TABLES, "uncounted_flow"];
const dimOf = (t: TableId): Dim => (t === "uncounted_flow" ? "flow" : t);

type State = Pick<Contract, "id" | "version" | "reg_year" | "status" | "flow" | "type" | "field_code" | "industry_code" | "seller_kind" | "origin_kind" | "total_fen" | "tech_fen">;

/** What a year's block publishes, by definition rather than by value (kept private). */
export interface BlockDef {
  year: number;
  mark: number;
  basis: AmountBasis;
  flows: Flow[];
  total: boolean;
  /** The categories shown one by one; the rest form the 其他 row. null: the table is withheld. */
  tables: Record<TableId, string[] | null>;
}

export interface PublicCell { key: string; n: number; fen: number }
export interface PublicTable { rows: PublicCell[]; other: (PublicCell & { merged: number }) | null }
export interface PublicYear {
  year: number;
  /** 北京时间 date of the publication these figures were computed in. */
  asOf: string;
  total: { n: number; fen: number } | null;
  tables: Record<TableId, PublicTable | null>;
}
export interface PublicSnapshot {
  id: number;
  publishedAt: string;
  asOf: string;
  currentYear: number;
  settings: CountingSettings;
  fieldNames: { code: string; name: string }[];
  /** Absent from publications made before the 产业领域 table existed. */
  industryNames?: { code: string; name: string }[];
  years: PublicYear[];
  series: { year: number; n: number | null; fen: number | null; targetFen: number; cumulativeFen: number | null; cumulativeTargetFen: number; asOf: string }[];
  funnel: { challenges: { published: number; bids: number; selected: number; contracted: number; registered: number }; results: { published: number; interest: number; contracted: number } };
  indicators: Awaited<ReturnType<typeof indicators>>;
}

type Blocks = Record<string, { def: BlockDef } | { carriedFrom: number }>;

const amountOf = (s: State, basis: AmountBasis) => (basis === "tech" ? s.tech_fen : s.total_fen);
/** A contract's category in a table; no 产业领域 (also in states saved before it existed) is '' (未标注). */
const keyOf = (s: State, dim: Dim): string => (dim === "industry_code" ? (s.industry_code ?? "") : s[dim]);
const live = (s: State | null, year: number): s is State => s != null && s.reg_year === year && s.status !== "cancelled";

/** The published numbers (row ids) a contract version belongs to under a block's definition. */
export function rowsOf(def: BlockDef, s: State | null): string[] {
  if (!live(s, def.year)) return [];
  const counted = def.flows.includes(s.flow);
  if (counted && !def.total) return [];
  const out = counted ? ["total"] : [];
  for (const t of counted ? COUNTED_TABLES : (["uncounted_flow"] as const)) {
    const shown = def.tables[t];
    if (shown == null) continue;
    const key = keyOf(s, dimOf(t));
    out.push(shown.includes(key) ? `${t}:${key}` : `${t}:*`);
  }
  return out;
}

function categories(states: State[], dim: Dim, basis: AmountBasis): Map<string, PublicCell> {
  const m = new Map<string, PublicCell>();
  for (const s of states) {
    const key = keyOf(s, dim);
    const c = m.get(key) ?? { key, n: 0, fen: 0 };
    c.n++;
    c.fen += amountOf(s, basis);
    m.set(key, c);
  }
  return m;
}

const bySize = (a: PublicCell, b: PublicCell) => a.n - b.n || a.fen - b.fen || a.key.localeCompare(b.key);

/** Categories shown one by one: at least three contracts each, and 其他 either empty or at least three. */
function complement(cats: Map<string, PublicCell>, shown: string[]): string[] {
  const kept = [...cats.values()].filter((c) => shown.includes(c.key)).sort(bySize);
  const otherN = () => [...cats.values()].filter((c) => !kept.includes(c)).reduce((a, c) => a + c.n, 0);
  while (kept.length > 0 && otherN() > 0 && otherN() < PUBLIC_MIN_CONTRACTS) kept.shift();
  return kept.map((c) => c.key).sort();
}

function population(def: Pick<BlockDef, "year" | "flows">, states: State[], t: TableId): State[] {
  return states.filter((s) => live(s, def.year) && def.flows.includes(s.flow) === (t !== "uncounted_flow"));
}

function firstDef(year: number, mark: number, settings: CountingSettings, states: State[]): BlockDef {
  const base = { year, mark, basis: settings.amountBasis, flows: settings.flows };
  const counted = population(base, states, "flow");
  const total = counted.length >= PUBLIC_MIN_CONTRACTS;
  const tables = {} as Record<TableId, string[] | null>;
  for (const t of TABLES) {
    const pop = population(base, states, t);
    const cats = categories(pop, dimOf(t), settings.amountBasis);
    const big = [...cats.values()].filter((c) => c.n >= PUBLIC_MIN_CONTRACTS).map((c) => c.key);
    tables[t] = (t === "uncounted_flow" ? pop.length >= PUBLIC_MIN_CONTRACTS : total) ? complement(cats, big) : null;
  }
  return { ...base, total, tables };
}

const withheld = (year: number, mark: number, s: CountingSettings): BlockDef => ({
  year,
  mark,
  basis: s.amountBasis,
  flows: s.flows,
  total: false,
  tables: Object.fromEntries(TABLES.map((t) => [t, null])) as BlockDef["tables"],
});

/**
 * One more step of suppression against the contracts a combination isolated: merge the smallest
 * row that holds one of them, or else the smallest row; with every table merged, withhold the
 * uncounted flows, then the year's total if it was never published. null: the year keeps its
 * previous figures.
 */
function relax(def: BlockDef, isolated: number[], states: State[], hasHistory: boolean): BlockDef | null {
  const hit = states.filter((s) => isolated.includes(s.id) && live(s, def.year));
  let best: { t: TableId; cell: PublicCell; cats: Map<string, PublicCell>; holds: boolean } | null = null;
  for (const t of TABLES) {
    const shown = def.tables[t];
    if (!shown) continue;
    const cats = categories(population(def, states, t), dimOf(t), def.basis);
    for (const key of shown) {
      // Rows holding an isolated contract go first; else the smallest row (the isolation may be
      // a total minus rows that leave it out).
      const holds = hit.some((s) => keyOf(s, dimOf(t)) === key && population(def, [s], t).length === 1);
      const cell = cats.get(key)!;
      if (!best || (holds && !best.holds) || (holds === best.holds && bySize(cell, best.cell) < 0)) best = { t, cell, cats, holds };
    }
  }
  if (best) return { ...def, tables: { ...def.tables, [best.t]: complement(best.cats, def.tables[best.t]!.filter((k) => k !== best!.cell.key)) } };
  if (def.tables.uncounted_flow && hit.some((s) => !def.flows.includes(s.flow))) return { ...def, tables: { ...def.tables, uncounted_flow: null } };
  if (!hasHistory && def.total) return { ...def, total: false, tables: Object.fromEntries(TABLES.map((t) => [t, t === "uncounted_flow" ? def.tables[t] : null])) as BlockDef["tables"] };
  return null;
}

/** A contract as it stood just after revision `mark`: the state before its first later revision, or today's. */
function stateAt(current: State, later: { id: number; before: State | null }[], mark: number): State | null {
  const next = later.find((r) => r.id > mark);
  return next ? next.before : current;
}

/** The audit's variables: each contract version in each block, by the numbers it falls in. */
export function variablesOf(blocks: { def: BlockDef; states: Map<number, State | null> }[]): Variable[] {
  const vars = new Map<string, Variable>();
  blocks.forEach(({ def, states }, b) => {
    for (const [id, s] of states) {
      const rows = rowsOf(def, s);
      if (rows.length === 0) continue;
      const key = `${id}:${s!.version}:${def.basis}`;
      const v = vars.get(key) ?? { contract: id, rows: [] };
      v.rows.push(...rows.map((r) => `${b}/${r}`));
      vars.set(key, v);
    }
  });
  return [...vars.values()];
}

function figures(def: BlockDef, states: State[], asOf: string): PublicYear {
  const counted = population(def, states, "flow");
  const tables = {} as Record<TableId, PublicTable | null>;
  for (const t of TABLES) {
    const shown = def.tables[t];
    if (shown == null) {
      tables[t] = null;
      continue;
    }
    const cats = [...categories(population(def, states, t), dimOf(t), def.basis).values()];
    const rest = cats.filter((c) => !shown.includes(c.key));
    tables[t] = {
      rows: cats.filter((c) => shown.includes(c.key)).sort((a, b) => b.fen - a.fen || a.key.localeCompare(b.key)),
      other: rest.length ? { key: "other", n: rest.reduce((a, c) => a + c.n, 0), fen: rest.reduce((a, c) => a + c.fen, 0), merged: rest.length } : null,
    };
  }
  const total = def.total ? { n: counted.length, fen: counted.reduce((a, s) => a + amountOf(s, def.basis), 0) } : null;
  return { year: def.year, asOf, total, tables };
}

const parseState = (json: string | null): State | null => (json ? readRevisionSnapshot(json) : null);

/** Freeze the public figures now. Reads the whole ledger once, inside one transaction. */
export async function publishPublicSnapshot(db: DB, actor: CurrentUser, now = clock.now()): Promise<{ id: number; carried: number[] }> {
  return db.transaction().execute(async (trx) => {
    // One settled ledger, and one publication at a time (PostgreSQL; SQLite's transaction already
    // is): the max(id) mark below means "every revision up to here is in the figures" only if no
    // revision with a smaller id is still uncommitted, and each publication is audited against all
    // earlier ones only if none is being written beside it. Contracts before revisions: the order
    // in which 更正 and 撤销 write them.
    await holdTables(trx, ["public_snapshots", "contracts", "contract_revisions"]);
    const publishedAt = now.toISOString();
    const asOf = beijingDate(now);
    const currentYear = Number(asOf.slice(0, 4));
    const settings = await getSettings(trx);
    const mark = Number((await sql<{ m: number | null }>`select max(id) as m from contract_revisions`.execute(trx)).rows[0].m ?? 0);
    const earlier = await trx.selectFrom("public_snapshots").select(["id", "revision_mark", "public_json", "blocks_json"]).orderBy("id").execute();
    const minMark = Math.min(mark, ...earlier.map((e) => e.revision_mark));
    const current = await trx.selectFrom("contracts").select(["id", "version", "reg_year", "status", "flow", "type", "field_code", "industry_code", "seller_kind", "origin_kind", "total_fen", "tech_fen"]).execute();
    const revs = await trx.selectFrom("contract_revisions").select(["id", "contract_id", "before_json"]).where("id", ">", minMark).orderBy("id").execute();
    const later = new Map<number, { id: number; before: State | null }[]>();
    for (const r of revs) later.set(r.contract_id, [...(later.get(r.contract_id) ?? []), { id: r.id, before: parseState(r.before_json) }]);
    // A year's contracts, and any contract changed since the oldest publication (it may have been in the year then).
    const ofYear = (year: number) => current.filter((c) => c.reg_year === year || later.has(c.id));
    const statesAt = (contracts: State[], m: number) => new Map(contracts.map((c) => [c.id, stateAt(c, later.get(c.id) ?? [], m)]));
    const lastPublic = earlier.length ? (JSON.parse(earlier[earlier.length - 1].public_json) as PublicSnapshot) : null;

    const years: PublicYear[] = [];
    const blocks: Blocks = {};
    const carried: number[] = [];
    for (let year = FIRST_YEAR; year <= currentYear; year++) {
      const contracts = ofYear(year);
      const history = earlier.flatMap((e) => {
        const b = (JSON.parse(e.blocks_json) as Blocks)[year];
        return b && "def" in b ? [{ def: b.def, states: statesAt(contracts, b.def.mark) }] : [];
      });
      const today = statesAt(contracts, mark);
      let def: BlockDef | null = firstDef(year, mark, settings, contracts);
      for (;;) {
        const isolated = findIsolation(variablesOf([...history, { def, states: today }]));
        if (!isolated) break;
        def = relax(def, isolated, contracts, history.length > 0);
        if (!def) break;
      }
      const previous = lastPublic?.years.find((y) => y.year === year);
      if (def == null && previous) {
        years.push(previous);
        blocks[year] = { carriedFrom: earlier[earlier.length - 1].id };
        carried.push(year);
      } else {
        const shown = def ?? withheld(year, mark, settings);
        years.push(figures(shown, contracts, asOf));
        blocks[year] = { def: shown };
      }
    }

    let cum: number | null = 0;
    let cumTarget = 0;
    const series = years.map((y) => {
      cumTarget += targetFen(y.year);
      // A total withheld would be the difference of two cumulative totals: withhold those after it too.
      cum = cum != null && y.total ? cum + y.total.fen : null;
      return { year: y.year, n: y.total?.n ?? null, fen: y.total?.fen ?? null, targetFen: targetFen(y.year), cumulativeFen: cum, cumulativeTargetFen: cumTarget, asOf: y.asOf };
    });
    const f = await funnel(trx, settings);
    const complete = new Map(series.filter((p) => p.year < currentYear && p.fen != null).map((p) => [p.year, p.fen!]));
    const snapshot: Omit<PublicSnapshot, "id"> = {
      publishedAt,
      asOf,
      currentYear,
      settings,
      fieldNames: await trx.selectFrom("tech_fields").select(["code", "name"]).orderBy("sort").execute(),
      industryNames: await trx.selectFrom("focus_fields").select(["code", "name"]).orderBy("sort").execute(),
      years,
      series,
      funnel: {
        challenges: { published: f.challenges.published, bids: f.challenges.bids, selected: f.challenges.selected, contracted: f.challenges.contracted, registered: f.challenges.registered },
        results: { published: f.results.published, interest: f.results.interest, contracted: f.results.contracted },
      },
      indicators: await indicators(trx, complete),
    };
    const row = await trx
      .insertInto("public_snapshots")
      .values({ published_at: publishedAt, published_by: actor.id, revision_mark: mark, public_json: JSON.stringify(snapshot), blocks_json: JSON.stringify(blocks) })
      .returning("id")
      .executeTakeFirstOrThrow();
    return { id: row.id, carried };
  });
}

/** The latest publication, exactly as published; null before the first one. */
export async function latestPublicSnapshot(db: Kysely<Database>): Promise<PublicSnapshot | null> {
  const row = await db.selectFrom("public_snapshots").select(["id", "public_json"]).orderBy("id", "desc").limit(1).executeTakeFirst();
  return row ? { ...(JSON.parse(row.public_json) as Omit<PublicSnapshot, "id">), id: row.id } : null;
}

/** Who published last and when, and which years kept earlier figures: for the bureau's pages. */
export async function lastPublication(db: Kysely<Database>) {
  const row = await db
    .selectFrom("public_snapshots")
    .innerJoin("users", "users.id", "public_snapshots.published_by")
    .select(["public_snapshots.published_at", "public_snapshots.blocks_json", "users.name"])
    .orderBy("public_snapshots.id", "desc")
    .limit(1)
    .executeTakeFirst();
  if (!row) return null;
  const blocks = JSON.parse(row.blocks_json) as Blocks;
  return { publishedAt: row.published_at, by: row.name, carried: Object.keys(blocks).filter((y) => "carriedFrom" in blocks[y]).map(Number) };
}

