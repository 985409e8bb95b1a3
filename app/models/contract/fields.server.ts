import { z } from "zod";
import type { Contract } from "../../../db/schema";
import type { ContractFormKey } from "../../schemas/contract";
import { CONTRACT_SUBTYPES, CONTRACT_TYPES, PARTY_KINDS, PAYMENTS, REGIONS } from "../../../db/vocabulary";
import {
  contractStatusLabels,
  contractSubtypeLabels,
  contractTypeLabels,
  flowLabels,
  flowShortLabels,
  originKindLabels,
  partyKindLabels,
  paymentLabels,
  regionLabels,
} from "../../utils/labels";
import { fenToWan, fenToYuan, fenToYuanPlain } from "../../utils/money";

/**
 * Every fact of a technology contract, once: its stored column, its value in the register form,
 * its column in the ledger file (export and import), how it reads from a spreadsheet cell, how it
 * is written out and how 修改记录 shows it. Import, export, form values and history derive from
 * CONTRACT_FIELDS; the form's own checks live in its zod schema (app/schemas/contract.ts), whose
 * every value has a row here (tests/models/contract-fields.test.ts checks it).
 */

// ------------------------------------------------------------ the JSON columns

const nonTechItemSchema = z.object({ name: z.string(), fen: z.number().int().nonnegative() });
/** JSON text → its value; a column that is not JSON fails the parse like any other mismatch. */
const json = z.string().transform((s, ctx) => {
  try {
    return JSON.parse(s) as unknown;
  } catch {
    ctx.addIssue({ code: "custom", message: "not JSON" });
    return z.NEVER;
  }
});
const nonTechItemsJson = json.pipe(z.array(nonTechItemSchema));
type NonTechItem = z.output<typeof nonTechItemSchema>;

/** contracts.non_tech_items (JSON text) → the items; the one place that column is read. */
export function readNonTechItems(json: string): NonTechItem[] {
  return nonTechItemsJson.parse(json);
}

// ------------------------------------------------------------ how a value travels

/** The taxonomy an import reads names against: name or code → code, and the names to suggest. */
export interface Taxonomy {
  codes: Map<string, string>;
  names: string[];
}
export interface ImportLookups {
  fields: Taxonomy;
  industries: Taxonomy;
}

/** A contract as exported: the row with the names of its 技术领域 and 产业领域. */
export type ExportRow = Contract & { field_name: string | null; industry_name: string | null };
type Value = Contract[keyof Contract];
type Read = { value: string } | { error: string };

interface Codec {
  /** The cell text in the ledger file (CSV, and XLSX unless `number`). */
  cell(v: Value, row: ExportRow): string;
  /** The value in the register form; derived columns have none. */
  form?(v: Value): string;
  /** A ledger cell (trimmed, not empty) → the form's value, or why it cannot be read. */
  read?(text: string, lookups: ImportLookups): Read;
  /** How 修改记录 shows a stored value. */
  show(v: Value): string;
  /** An XLSX cell as a number Excel can sum, with its display format. */
  number?: { of(v: Value): number; numFmt: string };
}

/** At most 20 characters of what a person typed, quoted back in a message. */
const quoted = (s: string) => [...s].slice(0, 20).join("");
const plain = (v: Value) => (v == null ? "" : String(v));
const items = (v: Value, each: (i: NonTechItem) => string, sep: string) => readNonTechItems(String(v)).map(each).join(sep);
const money = (fen: number) => `${fenToYuan(fen)} 元（${fenToWan(fen)} 万元）`;

const text: Codec = { cell: plain, form: plain, read: (value) => ({ value }), show: plain };

/** "2024/3/5", "2024.3.5", "2024年3月5日" → "2024-03-05"; anything else is left for the schema to refuse. */
function normalizeDate(s: string): string {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(s.normalize("NFKC"));
  return m ? `${m[1]}-${m[2].padStart(2, "0")}-${m[3].padStart(2, "0")}` : s;
}
const date: Codec = { ...text, read: (s) => ({ value: normalizeDate(s) }) };

/** A coded value, written as its Chinese label; a file may give the label or the code. */
function choice<K extends string>(header: string, keys: readonly K[], labels: Record<K, string>): Codec {
  const byText = new Map<string, K>(keys.flatMap((k) => [[labels[k], k], [k, k]] as [string, K][]));
  return {
    ...text,
    cell: (v) => labels[v as K],
    show: (v) => labels[v as K] ?? plain(v),
    read: (s) => {
      const k = byText.get(s.normalize("NFKC").trim());
      return k ? { value: k } : { error: `${header}“${quoted(s)}”无法识别，应为：${keys.map((k) => labels[k]).join("、")}` };
    },
  };
}

/** Integer 分, written in 元 with two decimals (a number in XLSX); the schema parses what is typed. */
const amount: Codec = {
  cell: (v) => fenToYuanPlain(v as number),
  form: (v) => fenToYuanPlain(v as number),
  read: (value) => ({ value }),
  show: (v) => money(v as number),
  number: { of: (v) => (v as number) / 100, numFmt: "#,##0.00" },
};

const nonTechItems: Codec = {
  cell: (v) => items(v, (i) => `${i.name} ${fenToYuanPlain(i.fen)}`, "；"),
  form: (v) => items(v, (i) => `${i.name} ${fenToYuanPlain(i.fen)}`, "\n"),
  read: (value) => ({ value }),
  show: (v) => items(v, (i) => `${i.name} ${fenToYuan(i.fen)} 元`, "；") || "无",
};

const fieldCode: Codec = {
  ...text,
  cell: (v, row) => row.field_name ?? plain(v),
  read: (s, { fields }) => {
    const code = fields.codes.get(s.normalize("NFKC").trim());
    return code ? { value: code } : { error: `技术领域“${quoted(s)}”不在国家技术领域分类中` };
  },
};

const industryCode: Codec = {
  ...text,
  cell: (_v, row) => row.industry_name ?? "",
  read: (s, { industries }) => {
    const code = industries.codes.get(s.normalize("NFKC").trim());
    return code
      ? { value: code }
      : { error: `产业领域“${quoted(s)}”不是规划中的重点产业，应为：${industries.names.join("、")}；不属于其中任何一个的请留空` };
  },
};

/** Derived or status columns: exported as labels (修改记录 may use fuller ones), never read back. */
const derived = <K extends string>(labels?: Record<K, string>, shown = labels): Codec => ({
  cell: (v) => (labels ? labels[v as K] : plain(v)),
  show: (v) => (shown ? (shown[v as K] ?? plain(v)) : plain(v)),
});

// ------------------------------------------------------------ the table

interface ContractField {
  column: keyof Contract;
  /** Its name in the register form and its zod schema. */
  form?: ContractFormKey;
  /** Only for this contract (a party's own details only when it is not a platform organisation). */
  formIf?: (c: Contract) => boolean;
  /** Its column in the ledger file; `required` ones must be in an imported file. */
  header?: string;
  required?: true;
  /** Its column width in the XLSX (Excel's default otherwise). */
  width?: number;
  /** Its name in 修改记录; a column without one is not listed there. */
  history?: string;
  codec: Codec;
}

const external = (side: "seller" | "buyer") => (c: Contract) => c[`${side}_org_id`] == null;

function party(side: "seller" | "buyer", who: "卖方" | "买方"): ContractField[] {
  const own = external(side);
  return [
    { column: `${side}_org_id`, form: `${side}OrgId`, formIf: (c) => !own(c), codec: text },
    { column: `${side}_name`, form: `${side}Name`, formIf: own, header: `${who}名称`, required: true, history: who, codec: text },
    { column: `${side}_credit_code`, form: `${side}CreditCode`, formIf: own, header: `${who}统一社会信用代码`, required: true, history: `${who}信用代码`, codec: text },
    { column: `${side}_region`, form: `${side}Region`, formIf: own, header: `${who}所在地区`, required: true, history: `${who}地区`, codec: choice(`${who}所在地区`, REGIONS, regionLabels) },
    { column: `${side}_kind`, form: `${side}Kind`, formIf: own, header: `${who}类型`, required: true, codec: choice(`${who}类型`, PARTY_KINDS, partyKindLabels) },
  ];
}

/**
 * In ledger-file column order. The file's header texts and their order are what people's saved
 * files and templates hold: append, do not reorder. A new optional column imports older files as empty.
 */
export const CONTRACT_FIELDS: readonly ContractField[] = [
  { column: "reg_no", form: "regNo", header: "登记号", required: true, width: 20, codec: text },
  { column: "title", form: "title", header: "项目名称", required: true, width: 36, history: "项目名称", codec: text },
  { column: "type", form: "type", header: "合同类型", required: true, history: "合同类型", codec: choice("合同类型", CONTRACT_TYPES, contractTypeLabels) },
  { column: "subtype", form: "subtype", header: "合同子类", required: true, history: "合同子类", codec: choice("合同子类", CONTRACT_SUBTYPES, contractSubtypeLabels) },
  { column: "signed_on", form: "signedOn", header: "签订日期", required: true, history: "签订日期", codec: date },
  { column: "registered_on", form: "registeredOn", header: "登记日期", required: true, history: "登记日期", codec: date },
  { column: "valid_from", form: "validFrom", header: "有效期起", required: true, history: "有效期起", codec: date },
  { column: "valid_until", form: "validUntil", header: "有效期止", required: true, history: "有效期止", codec: date },
  ...party("seller", "卖方"),
  ...party("buyer", "买方"),
  { column: "total_fen", form: "total", header: "合同成交额（元）", required: true, history: "合同成交额", codec: amount },
  { column: "tech_fen", form: "tech", header: "技术交易额（元）", required: true, history: "技术交易额", codec: amount },
  { column: "non_tech_items", form: "nonTechItems", header: "非技术性费用明细", history: "非技术性费用", codec: nonTechItems },
  { column: "field_code", form: "fieldCode", header: "技术领域", required: true, history: "技术领域", codec: fieldCode },
  // Optional: files exported before the 产业领域 existed import as 未标注.
  { column: "industry_code", form: "industryCode", header: "产业领域", history: "产业领域", codec: industryCode },
  { column: "payment", form: "payment", header: "支付方式", required: true, history: "支付方式", codec: choice("支付方式", PAYMENTS, paymentLabels) },
  { column: "origin_challenge_id", form: "originChallengeId", header: "来源榜单编号", history: "来源榜单", codec: text },
  { column: "origin_result_id", form: "originResultId", header: "来源成果编号", history: "来源成果", codec: text },
  { column: "flow", header: "流向", history: "流向", codec: derived(flowShortLabels, flowLabels) },
  { column: "origin_kind", header: "来源", codec: derived(originKindLabels) },
  { column: "status", header: "状态", history: "状态", codec: derived(contractStatusLabels) },
  { column: "cancel_reason", header: "撤销理由", codec: derived() },
];

// ------------------------------------------------------------ what derives from it

/** The ledger file's columns, in order. */
export const LEDGER_COLUMNS = CONTRACT_FIELDS.filter((f): f is ContractField & { header: string } => f.header != null);
/** The columns an import reads back (derived and status columns are export-only). */
export const IMPORT_COLUMNS = LEDGER_COLUMNS.filter((f): f is ContractField & { header: string; form: ContractFormKey } => f.form != null && f.codec.read != null);

/** One contract as the ledger file's cells (text; amounts as numbers when `numbers`, for XLSX). */
export function ledgerCells(row: ExportRow, { numbers = false } = {}): (string | number)[] {
  return LEDGER_COLUMNS.map(({ column, codec }) => (numbers && codec.number ? codec.number.of(row[column]) : codec.cell(row[column], row)));
}

/** One spreadsheet row (cells by form name) → the register form's values, or why a cell cannot be read. */
export function readLedgerCells(cells: Partial<Record<ContractFormKey, string>>, lookups: ImportLookups): { values: Record<string, string>; messages: string[] } {
  const values: Record<string, string> = {};
  const messages: string[] = [];
  for (const { form, codec } of IMPORT_COLUMNS) {
    const cell = cells[form];
    if (cell == null) continue;
    const read = cell === "" ? { value: "" } : codec.read!(cell, lookups);
    if ("error" in read) {
      values[form] = cell;
      messages.push(read.error);
    } else values[form] = read.value;
  }
  return { values, messages };
}

/** A registered contract as the values of its form (for amending it). */
export function contractFormValues(c: Contract): Record<string, string> {
  return Object.fromEntries(
    CONTRACT_FIELDS.filter((f) => f.form != null && f.codec.form != null && (f.formIf?.(c) ?? true)).map((f) => [f.form!, f.codec.form!(c[f.column])]),
  );
}

const storedValue = z.union([z.string(), z.number(), z.null()]);
const snapshotSchema = json.pipe(z.record(z.string(), storedValue));

/** contract_revisions.before_json / after_json: the whole contracts row as recordRevision wrote it. */
export function readRevisionSnapshot(json: string): Contract {
  return snapshotSchema.parse(json) as unknown as Contract;
}

const HISTORY = CONTRACT_FIELDS.filter((f): f is ContractField & { history: string } => f.history != null);

/** What one revision changed, field by field, as 修改记录 shows it. */
export function revisionChanges(beforeJson: string | null, afterJson: string) {
  if (beforeJson == null) return [];
  const before = readRevisionSnapshot(beforeJson);
  const after = readRevisionSnapshot(afterJson);
  const shown = (codec: Codec, v: Value | undefined) => (v == null ? "—" : codec.show(v));
  return HISTORY.filter(({ column }) => before[column] !== after[column]).map(({ column, history, codec }) => ({
    field: column,
    label: history,
    before: shown(codec, before[column]),
    after: shown(codec, after[column]),
  }));
}
