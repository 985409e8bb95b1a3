/**
 * An attacker's reading of the public dashboard: every number every publication showed, read by
 * what it says it is ("2024 年 按合同类型 技术开发" = the counted contracts of 2024 of that type) and
 * matched to the ledger as it stood at that publication. Built from the public JSON only, not
 * from the publisher's internals.
 */
import { expect } from "vitest";
import type { DB } from "../../db/client.server";
import type { Contract } from "../../db/schema";
import { findIsolation } from "../../app/models/contract/disclosure";
import type { PublicSnapshot, PublicTable } from "../../app/models/contract/public-snapshot.server";
import { contractInput } from "./contracts";

type LedgerRow = Pick<Contract, "id" | "version" | "reg_year" | "status" | "flow" | "type" | "field_code" | "seller_kind" | "origin_kind" | "total_fen" | "tech_fen"> & {
  /** The 产业领域 table's category: '' is 未标注. */
  industry_code: string;
};
export interface Publication { s: PublicSnapshot; ledger: LedgerRow[] }

export async function ledgerNow(db: DB): Promise<LedgerRow[]> {
  const rows = await db.selectFrom("contracts").select(["id", "version", "reg_year", "status", "flow", "type", "field_code", "industry_code", "seller_kind", "origin_kind", "total_fen", "tech_fen"]).execute();
  return rows.map((r) => ({ ...r, industry_code: r.industry_code ?? "" }));
}

/** One published number: its value and the contract versions (variable → contract) it sums. */
interface Num { label: string; n: number; fen: number; members: Map<string, { contract: number; fen: number }> }

/** Every distinct number published about each year, across all publications (carried figures once). */
export function publishedNumbers(pubs: Publication[]): Map<number, Num[]> {
  const out = new Map<number, Num[]>();
  const seen = new Set<string>();
  for (const { s } of pubs) {
    for (const y of s.years) {
      const id = `${y.year}@${y.asOf}`;
      if (seen.has(id)) continue;
      seen.add(id);
      // Figures carried from an earlier publication were computed on that publication's ledger and setting.
      const from = pubs.find((p) => p.s.asOf === y.asOf)!;
      const { flows, amountBasis } = from.s.settings;
      const live = from.ledger.filter((c) => c.reg_year === y.year && c.status !== "cancelled");
      const counted = live.filter((c) => flows.includes(c.flow));
      const uncounted = live.filter((c) => !flows.includes(c.flow));
      const num = (label: string, rows: LedgerRow[], shown: { n: number; fen: number }): Num => ({
        label: `${id} ${label}`,
        n: shown.n,
        fen: shown.fen,
        members: new Map(rows.map((c) => [`${c.id}:${c.version}:${amountBasis}`, { contract: c.id, fen: amountBasis === "tech" ? c.tech_fen : c.total_fen }])),
      });
      const nums: Num[] = [];
      if (y.total) nums.push(num("total", counted, y.total));
      for (const [t, table] of Object.entries(y.tables) as [string, PublicTable | null][]) {
        if (!table) continue;
        const pop = t === "uncounted_flow" ? uncounted : counted;
        const dim = (t === "uncounted_flow" ? "flow" : t) as keyof LedgerRow;
        for (const r of table.rows) nums.push(num(`${t}=${r.key}`, pop.filter((c) => c[dim] === r.key), r));
        if (table.other) nums.push(num(`${t}=其他`, pop.filter((c) => !table.rows.some((r) => r.key === c[dim])), table.other));
      }
      out.set(y.year, [...(out.get(y.year) ?? []), ...nums]);
    }
  }
  return out;
}

/** The contracts a combination's non-zero coefficients touch. */
function support(terms: [Num, number][]): Set<number> {
  const coef = new Map<string, { contract: number; c: number }>();
  for (const [x, k] of terms) for (const [v, m] of x.members) coef.set(v, { contract: m.contract, c: (coef.get(v)?.c ?? 0) + k });
  return new Set([...coef.values()].filter((x) => x.c !== 0).map((x) => x.contract));
}

/**
 * Every number equals the ledger sum it claims, to the fen; no number, sum or difference of two
 * numbers (within a table, across tables, across publications) touches only one or two
 * contracts; and, exactly, no linear combination of all of them does.
 */
export function expectNoIsolation(pubs: Publication[]): { numbers: number } {
  let count = 0;
  for (const [year, nums] of publishedNumbers(pubs)) {
    for (const x of nums) {
      expect(x.n, x.label).toBe(x.members.size);
      expect(x.fen, x.label).toBe([...x.members.values()].reduce((a, m) => a + m.fen, 0));
    }
    for (let i = 0; i < nums.length; i++) {
      const one = support([[nums[i], 1]]).size;
      expect(one === 1 || one === 2, nums[i].label).toBe(false);
      for (let j = i + 1; j < nums.length; j++) {
        for (const k of [1, -1]) {
          const s = support([[nums[i], 1], [nums[j], k]]).size;
          expect(s === 1 || s === 2, `${nums[i].label} ${k > 0 ? "+" : "−"} ${nums[j].label}`).toBe(false);
        }
      }
    }
    const vars = new Map<string, { contract: number; rows: string[] }>();
    nums.forEach((x, i) => x.members.forEach((m, v) => vars.set(v, { contract: m.contract, rows: [...(vars.get(v)?.rows ?? []), String(i)] })));
    expect(findIsolation([...vars.values()]), `${year}: a combination of published numbers isolates these contracts`).toBeNull();
    count += nums.length;
  }
  // The cumulative totals are sums of the yearly ones (nothing new), and the series shows the yearly totals.
  for (const { s } of pubs) {
    let cum: number | null = 0;
    for (const p of s.series) {
      const y = s.years.find((b) => b.year === p.year)!;
      expect(p.fen).toBe(y.total?.fen ?? null);
      cum = cum != null && p.fen != null ? cum + p.fen : null;
      expect(p.cumulativeFen).toBe(cum);
    }
  }
  return { numbers: count };
}


const TYPES = ["development/commissioned", "transfer/patent_right", "license/patent_license", "consulting/consulting", "service/service"];
const KINDS = ["enterprise", "university", "institute", "other"];
const FIELDS = ["01", "02", "05", "06", "09"];
/** seller region, buyer region → 输出, 吸纳, 区内, 区外 */
const FLOW_REGIONS = [["lizhou", "outside"], ["outside", "lizhou"], ["lizhou", "lizhou"], ["sichuan_other", "outside"]];

/** A random valid contract registered in `year` (on a day not after `today`); `regions` fixes its flow. */
export function randomContract(rnd: () => number, year: number, today: string, serial: number, regions?: [string, string]) {
  const pick = <T,>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
  const day = `${year}-0${1 + Math.floor(rnd() * 9)}-1${Math.floor(rnd() * 9)}`;
  const registeredOn = day <= today ? day : today;
  const [sellerRegion, buyerRegion] = regions ?? pick(FLOW_REGIONS);
  const fen = 1_000_00 + Math.floor(rnd() * 5_000_000_00);
  const yuan = (f: number) => `${Math.floor(f / 100)}.${String(f % 100).padStart(2, "0")}`;
  return contractInput({
    regNo: `${year}510802${String(900000 + serial).padStart(6, "0")}`,
    typeSubtype: pick(TYPES),
    signedOn: registeredOn,
    registeredOn,
    validFrom: registeredOn,
    validUntil: `${year + 1}-12-31`,
    sellerRegion,
    buyerRegion,
    sellerKind: pick(KINDS),
    total: yuan(fen),
    tech: yuan(fen),
    nonTechItems: "",
    fieldCode: pick(FIELDS),
    // Drawn last, so the draws before it stay as they were; '' leaves the contract 未标注.
    industryCode: pick(["", "", "GY04", "NY02", "GY06"]),
  });
}
