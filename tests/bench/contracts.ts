import { CONTRACT_TYPES, PARTY_KINDS } from "../../db/vocabulary";
import { subtypesOf } from "../../app/models/contract/rules";
import { prng } from "./prng";
import { demoCreditCode } from "../../seeds/organizations";

/**
 * Synthetic 技术合同 for `bench:rollup`, one row generator for both engines so SQLite and
 * PostgreSQL load the same ledger: mulberry32 from a fixed seed, the same `n` gives the same rows.
 * Rows are arrays in the order of CONTRACT_COLUMNS; the parties and origins are not rows of their
 * own (no org ids), and origin_meeting_id names meetings that do not exist (no foreign key there).
 */
export const CONTRACT_COLUMNS = [
  "reg_no", "title", "type", "subtype", "signed_on", "registered_on", "reg_year", "valid_from", "valid_until",
  "seller_name", "seller_credit_code", "seller_region", "seller_kind", "buyer_name", "buyer_credit_code", "buyer_region", "buyer_kind",
  "total_fen", "tech_fen", "field_code", "flow", "origin_meeting_id", "origin_kind", "status", "created_at", "updated_at",
] as const;

/** PostgreSQL's type of each column, for the unnest() arrays of the bulk insert. */
export const CONTRACT_PG_TYPES: Record<(typeof CONTRACT_COLUMNS)[number], string> = {
  reg_no: "text", title: "text", type: "text", subtype: "text", signed_on: "date", registered_on: "date", reg_year: "int4",
  valid_from: "date", valid_until: "date", seller_name: "text", seller_credit_code: "text", seller_region: "text",
  seller_kind: "text", buyer_name: "text", buyer_credit_code: "text", buyer_region: "text", buyer_kind: "text",
  total_fen: "int8", tech_fen: "int8", field_code: "text", flow: "text", origin_meeting_id: "int4", origin_kind: "text",
  status: "text", created_at: "timestamptz", updated_at: "timestamptz",
};

export type ContractRow = (string | number | null)[];

const FIELDS = ["01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11"];
const FLOWS = ["output", "output", "output", "both", "absorb", "absorb", "neither"] as const;

/** What the generated ledger should sum to, per year and flow, over contracts that are not cancelled. */
export interface LedgerSums {
  /** `${year}:${flow}` → { n, total, tech } */
  byYearFlow: Map<string, { n: number; total: number; tech: number }>;
}

export function* syntheticContracts(n: number, sums?: LedgerSums, seed = 42): Generator<ContractRow> {
  const rand = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  for (let i = 0; i < n; i++) {
    const year = 2020 + Math.floor(rand() * 7);
    const date = `${year}-${String(1 + Math.floor(rand() * 12)).padStart(2, "0")}-${String(1 + Math.floor(rand() * 28)).padStart(2, "0")}`;
    const type = pick(CONTRACT_TYPES);
    const flow = pick(FLOWS);
    const total = 1_000_000 + Math.floor(rand() * 500_000_000);
    const tech = total - Math.floor(rand() * total * 0.3);
    const seller = Math.floor(rand() * 5_000);
    const meeting = rand() < 0.02 ? 1 + Math.floor(rand() * 500) : null;
    const status = rand() < 0.01 ? "cancelled" : rand() < 0.05 ? "amended" : "registered";
    if (sums && status !== "cancelled") {
      const key = `${year}:${flow}`;
      const s = sums.byYearFlow.get(key) ?? { n: 0, total: 0, tech: 0 };
      s.n++;
      s.total += total;
      s.tech += tech;
      sums.byYearFlow.set(key, s);
    }
    yield [
      `${year}${String(i).padStart(12, "0")}`, `合同 ${i}`, type, pick(subtypesOf[type]), date, date, year, date, date,
      `卖方 ${seller}`, `cc${seller}`, flow === "output" || flow === "both" ? "lizhou" : "sichuan_other", PARTY_KINDS[seller % 4],
      `买方 ${i % 20_000}`, `cb${i % 20_000}`, flow === "absorb" || flow === "both" ? "lizhou" : "outside", "enterprise",
      total, tech, pick(FIELDS), flow, meeting, meeting != null ? "meeting" : "none", status, date, date,
    ];
  }
}

const HEADER = "登记号,项目名称,合同类型,合同子类,签订日期,登记日期,有效期起,有效期止,卖方名称,卖方统一社会信用代码,卖方所在地区,卖方类型,买方名称,买方统一社会信用代码,买方所在地区,买方类型,合同成交额（元）,技术交易额（元）,非技术性费用明细,技术领域,支付方式,来源榜单编号,来源成果编号";
const TYPES = ["技术开发,委托开发", "技术转让,专利权转让", "技术服务,技术服务", "技术咨询,技术咨询"];
const REGIONS = ["利州区", "四川省其他市州", "广元市其他区县", "省外"];

/** The title every contract of `ledgerCsv` starts with (a ledger search finds them all). */
export const BENCH_TITLE = "导入基准项目";

/** A ledger CSV of `rows` new contracts, as the bureau would import it (the export's columns). */
export function ledgerCsv(rows: number): Buffer {
  const lines = [HEADER];
  for (let i = 0; i < rows; i++) {
    const s = i % 97;
    const b = i % 89;
    const total = 100_000 + ((i * 7919) % 900_000);
    lines.push(
      `2025${String(510_802_900_000 + i).padStart(12, "0")},${BENCH_TITLE} ${i},${TYPES[i % TYPES.length]},2025-03-05,2025-03-20,2025-03-05,2026-03-05,` +
        `基准卖方 ${s} 有限公司,${demoCreditCode("91", "510802", 500 + s)},${REGIONS[s % 2]},企业,` +
        `基准买方 ${b} 有限公司,${demoCreditCode("91", "510700", 700 + b)},${REGIONS[2 + (b % 2)]},企业,` +
        `${total}.00,${total - 1000}.00,设备购置 1000.00,农业,一次总付,,`,
    );
  }
  return Buffer.from("\uFEFF" + lines.join("\r\n"), "utf8");
}
