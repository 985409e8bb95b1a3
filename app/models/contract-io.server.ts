import ExcelJS from "exceljs";
import type { DB } from "../../db/client.server";
import type { Contract } from "../../db/schema";
import { contractSchema, type LedgerFilter } from "../schemas/contract";
import { fieldErrors } from "../schemas/parse";
import { CONTRACT_SUBTYPES, CONTRACT_TYPES, PARTY_KINDS, PAYMENTS, REGIONS } from "../../db/vocabulary";
import { contractStatusLabels, contractSubtypeLabels, contractTypeLabels, flowShortLabels, originKindLabels, partyKindLabels, paymentLabels, regionLabels } from "../utils/labels";
import { fenToYuanPlain } from "../utils/money";
import { checkContract, exportContracts, insertContract, sameContract } from "./contract.server";
import { ConflictError, DomainError, InvalidInputError } from "./errors";
import { listIndustries } from "./industry.server";
import type { CurrentUser } from "./session.server";

/**
 * The ledger's columns, shared by the export and the import so an exported file imports back
 * unchanged. Coded values travel as their Chinese labels (技术开发, 利州区 …), amounts in 元.
 */
const COLUMNS = [
  ["登记号", "regNo"],
  ["项目名称", "title"],
  ["合同类型", "type"],
  ["合同子类", "subtype"],
  ["签订日期", "signedOn"],
  ["登记日期", "registeredOn"],
  ["有效期起", "validFrom"],
  ["有效期止", "validUntil"],
  ["卖方名称", "sellerName"],
  ["卖方统一社会信用代码", "sellerCreditCode"],
  ["卖方所在地区", "sellerRegion"],
  ["卖方类型", "sellerKind"],
  ["买方名称", "buyerName"],
  ["买方统一社会信用代码", "buyerCreditCode"],
  ["买方所在地区", "buyerRegion"],
  ["买方类型", "buyerKind"],
  ["合同成交额（元）", "total"],
  ["技术交易额（元）", "tech"],
  ["非技术性费用明细", "nonTechItems"],
  ["技术领域", "fieldCode"],
  // Optional: files exported before the 产业领域 existed import as 未标注.
  ["产业领域", "industryCode"],
  ["支付方式", "payment"],
  ["来源榜单编号", "originChallengeId"],
  ["来源成果编号", "originResultId"],
] as const;
type ColumnKey = (typeof COLUMNS)[number][1];
/** Export-only columns: derived or status values the import ignores. */
const EXTRA = ["流向", "来源", "状态", "撤销理由"] as const;
const REQUIRED: ColumnKey[] = ["regNo", "title", "type", "subtype", "signedOn", "registeredOn", "validFrom", "validUntil", "sellerName", "sellerCreditCode", "sellerRegion", "sellerKind", "buyerName", "buyerCreditCode", "buyerRegion", "buyerKind", "total", "tech", "fieldCode", "payment"];

type ExportRow = Contract & { field_name: string | null; industry_name: string | null };

function exportValues(c: ExportRow): (string | number)[] {
  const items = JSON.parse(c.non_tech_items) as { name: string; fen: number }[];
  const byKey: Record<ColumnKey, string> = {
    regNo: c.reg_no,
    title: c.title,
    type: contractTypeLabels[c.type],
    subtype: contractSubtypeLabels[c.subtype],
    signedOn: c.signed_on,
    registeredOn: c.registered_on,
    validFrom: c.valid_from,
    validUntil: c.valid_until,
    sellerName: c.seller_name,
    sellerCreditCode: c.seller_credit_code,
    sellerRegion: regionLabels[c.seller_region],
    sellerKind: partyKindLabels[c.seller_kind],
    buyerName: c.buyer_name,
    buyerCreditCode: c.buyer_credit_code,
    buyerRegion: regionLabels[c.buyer_region],
    buyerKind: partyKindLabels[c.buyer_kind],
    total: fenToYuanPlain(c.total_fen),
    tech: fenToYuanPlain(c.tech_fen),
    nonTechItems: items.map((i) => `${i.name} ${fenToYuanPlain(i.fen)}`).join("；"),
    fieldCode: c.field_name ?? c.field_code,
    industryCode: c.industry_name ?? "",
    payment: paymentLabels[c.payment],
    originChallengeId: c.origin_challenge_id != null ? String(c.origin_challenge_id) : "",
    originResultId: c.origin_result_id != null ? String(c.origin_result_id) : "",
  };
  return [
    ...COLUMNS.map(([, k]) => byKey[k]),
    flowShortLabels[c.flow],
    originKindLabels[c.origin_kind],
    contractStatusLabels[c.status],
    c.cancel_reason ?? "",
  ];
}

// A cell beginning with = + - @ would run as a formula in Excel: quote it (the import strips the quote).
const FORMULA = /^[=+\-@\t\r]/;
function csvCell(v: string | number): string {
  let s = String(v);
  if (FORMULA.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** CSV with a UTF-8 byte-order mark, so Excel opens the Chinese text correctly. */
export async function exportCsv(db: DB, f: LedgerFilter): Promise<Buffer> {
  const rows = await exportContracts(db, f);
  const lines = [[...COLUMNS.map(([h]) => h), ...EXTRA], ...rows.map(exportValues)].map((r) => r.map(csvCell).join(","));
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines.join("\r\n") + "\r\n", "utf8")]);
}

export async function exportXlsx(db: DB, f: LedgerFilter, description: string): Promise<Buffer> {
  const rows = await exportContracts(db, f);
  const wb = new ExcelJS.Workbook();
  wb.creator = "利州技术转移对接平台";
  const ws = wb.addWorksheet("技术合同");
  ws.addRow([...COLUMNS.map(([h]) => h), ...EXTRA]).font = { bold: true };
  const totalCol = COLUMNS.findIndex(([, k]) => k === "total") + 1;
  for (const r of rows) {
    const values = exportValues(r);
    // Amounts as numbers (元, two decimals) so Excel can sum them; everything else as text.
    values[totalCol - 1] = r.total_fen / 100;
    values[totalCol] = r.tech_fen / 100;
    ws.addRow(values);
  }
  ws.getColumn(totalCol).numFmt = "#,##0.00";
  ws.getColumn(totalCol + 1).numFmt = "#,##0.00";
  ws.getColumn(1).width = 20;
  ws.getColumn(2).width = 36;
  ws.views = [{ state: "frozen", ySplit: 1 }];
  const totals = rows.reduce((a, r) => ({ total: a.total + r.total_fen, tech: a.tech + r.tech_fen }), { total: 0, tech: 0 });
  const about = wb.addWorksheet("说明");
  about.addRows([
    ["筛选条件", description],
    ["合同份数", rows.length],
    ["合同成交额合计（元）", fenToYuanPlain(totals.total)],
    ["技术交易额合计（元）", fenToYuanPlain(totals.tech)],
    ["说明", "第一张工作表可直接修改后重新导入；登记号为自然键，重复导入不会重复登记。"],
  ]);
  about.getColumn(1).width = 24;
  about.getColumn(2).width = 60;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// ---------------------------------------------------------------- import

export interface ImportProblem {
  row: number;
  regNo: string;
  messages: string[];
}
export interface ImportReport {
  fileName: string;
  rows: number;
  valid: number;
  imported: number;
  unchanged: number;
  problems: ImportProblem[];
  written: boolean;
}

/** A file the import cannot read at all (wrong format, missing columns, too many rows). */
export class ImportFileError extends DomainError {
  constructor(message: string) {
    super(message, 400);
  }
}

export const MAX_IMPORT_ROWS = 20_000;
interface RawRow {
  row: number;
  cells: Record<string, string>;
  /** 登记号 stored as a number: Excel keeps only 15 significant digits. */
  numericRegNo: boolean;
}

/** RFC 4180: quoted cells may hold commas, quotes ("") and line breaks. */
export function parseCsvText(text: string): string[][] {
  const out: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell === "") quoted = true;
    else if (ch === ",") {
      row.push(cell);
      cell = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(cell);
      out.push(row);
      row = [];
      cell = "";
    } else cell += ch;
  }
  if (cell !== "" || row.length) {
    row.push(cell);
    out.push(row);
  }
  return out;
}

/** UTF-8 (with or without BOM), or GB18030 as Excel in China saves "CSV". */
function decodeCsv(bytes: Buffer): string {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    try {
      return new TextDecoder("gb18030", { fatal: true }).decode(bytes);
    } catch {
      throw new ImportFileError("无法识别文件的文字编码，请另存为“CSV UTF-8”或 Excel 工作簿（.xlsx）后再导入。");
    }
  }
}

function cellText(v: ExcelJS.CellValue): { text: string; numeric: boolean } {
  if (v == null) return { text: "", numeric: false };
  if (v instanceof Date) return { text: v.toISOString().slice(0, 10), numeric: false };
  if (typeof v === "number") return { text: String(v), numeric: true };
  if (typeof v === "string" || typeof v === "boolean") return { text: String(v), numeric: false };
  if ("richText" in v) return { text: v.richText.map((t) => t.text).join(""), numeric: false };
  if ("result" in v) return cellText(v.result as ExcelJS.CellValue);
  if ("text" in v) return { text: String(v.text), numeric: false };
  return { text: "", numeric: false };
}

async function readRows(fileName: string, bytes: Buffer): Promise<RawRow[]> {
  const isXlsx = bytes.subarray(0, 2).toString("latin1") === "PK";
  let table: { row: number; cells: { text: string; numeric: boolean }[] }[] = [];
  if (isXlsx) {
    const wb = new ExcelJS.Workbook();
    try {
      await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    } catch {
      throw new ImportFileError("无法读取该 Excel 文件，请确认是 .xlsx 格式（旧版 .xls 请先另存为 .xlsx）。");
    }
    const ws = wb.worksheets[0];
    if (!ws) throw new ImportFileError("Excel 文件中没有工作表。");
    ws.eachRow({ includeEmpty: false }, (r, rowNumber) => {
      if (table.length > MAX_IMPORT_ROWS + 1) return;
      const cells: { text: string; numeric: boolean }[] = [];
      for (let c = 1; c <= Math.min(r.cellCount, 60); c++) cells.push(cellText(r.getCell(c).value));
      table.push({ row: rowNumber, cells });
    });
  } else {
    if (/\.(xls|xlsx)$/i.test(fileName)) throw new ImportFileError("无法读取该 Excel 文件，请确认是 .xlsx 格式（旧版 .xls 请先另存为 .xlsx）。");
    const text = decodeCsv(bytes).replace(/^\uFEFF/, "");
    table = parseCsvText(text).map((cells, i) => ({ row: i + 1, cells: cells.slice(0, 60).map((t) => ({ text: t, numeric: false })) }));
  }
  const nonEmpty = table.filter((r) => r.cells.some((c) => c.text.trim() !== ""));
  if (nonEmpty.length === 0) throw new ImportFileError("文件是空的：第一行应为列名（登记号、项目名称……），从第二行起每行一份合同。");
  const [header, ...data] = nonEmpty;
  if (data.length > MAX_IMPORT_ROWS) throw new ImportFileError(`一次最多导入 ${MAX_IMPORT_ROWS} 行，请分成几个文件。`);
  const names = header.cells.map((c) => c.text.normalize("NFKC").trim().replace(/\(/g, "（").replace(/\)/g, "）"));
  const index = new Map<ColumnKey, number>();
  for (const [h, k] of COLUMNS) {
    const i = names.indexOf(h.normalize("NFKC").replace(/\(/g, "（").replace(/\)/g, "）"));
    if (i >= 0) index.set(k, i);
  }
  const missing = COLUMNS.filter(([, k]) => REQUIRED.includes(k) && !index.has(k)).map(([h]) => h);
  if (missing.length) throw new ImportFileError(`缺少列：${missing.join("、")}。请使用导出的台账文件作为模板。`);
  return data.map((r) => {
    const cells: Record<string, string> = {};
    for (const [k, i] of index) {
      const t = (r.cells[i]?.text ?? "").trim();
      cells[k] = /^'[=+\-@]/.test(t) ? t.slice(1) : t;
    }
    return { row: r.row, cells, numericRegNo: r.cells[index.get("regNo")!]?.numeric ?? false };
  });
}

const reverse = <K extends string>(keys: readonly K[], labels: Record<K, string>) => new Map(keys.flatMap((k) => [[labels[k], k], [k, k]] as [string, K][]));
const LOOKUPS = {
  type: [reverse(CONTRACT_TYPES, contractTypeLabels), "合同类型", CONTRACT_TYPES.map((t) => contractTypeLabels[t])],
  subtype: [reverse(CONTRACT_SUBTYPES, contractSubtypeLabels), "合同子类", CONTRACT_SUBTYPES.map((t) => contractSubtypeLabels[t])],
  sellerRegion: [reverse(REGIONS, regionLabels), "卖方所在地区", REGIONS.map((r) => regionLabels[r])],
  buyerRegion: [reverse(REGIONS, regionLabels), "买方所在地区", REGIONS.map((r) => regionLabels[r])],
  sellerKind: [reverse(PARTY_KINDS, partyKindLabels), "卖方类型", PARTY_KINDS.map((k) => partyKindLabels[k])],
  buyerKind: [reverse(PARTY_KINDS, partyKindLabels), "买方类型", PARTY_KINDS.map((k) => partyKindLabels[k])],
  payment: [reverse(PAYMENTS, paymentLabels), "支付方式", PAYMENTS.map((p) => paymentLabels[p])],
} as const;

/** "2024/3/5", "2024.3.5", "2024年3月5日" → "2024-03-05"; anything else is left for the schema to refuse. */
function normalizeDate(s: string): string {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(s.normalize("NFKC"));
  return m ? `${m[1]}-${m[2].padStart(2, "0")}-${m[3].padStart(2, "0")}` : s;
}

/** One spreadsheet row → the register form's values, or the reasons it cannot be. */
function rowToValues(r: RawRow, fields: Map<string, string>, industries: { codes: Map<string, string>; names: string[] }): { values: Record<string, string>; messages: string[] } {
  const messages: string[] = [];
  const values: Record<string, string> = { ...r.cells };
  if (r.numericRegNo) messages.push("登记号被保存成了数字（Excel 只保留 15 位有效数字，末位可能已变为 0），请把该列设为文本后重新填写");
  for (const [key, [map, label, allowed]] of Object.entries(LOOKUPS)) {
    const v = values[key] ?? "";
    if (v === "") continue;
    const k = (map as Map<string, string>).get(v.normalize("NFKC").trim());
    if (k) values[key] = k;
    else messages.push(`${label}“${[...v].slice(0, 20).join("")}”无法识别，应为：${(allowed as readonly string[]).join("、")}`);
  }
  if (values.fieldCode) {
    const code = fields.get(values.fieldCode.normalize("NFKC").trim());
    if (code) values.fieldCode = code;
    else messages.push(`技术领域“${[...values.fieldCode].slice(0, 20).join("")}”不在国家技术领域分类中`);
  }
  if (values.industryCode) {
    const code = industries.codes.get(values.industryCode.normalize("NFKC").trim());
    if (code) values.industryCode = code;
    else messages.push(`产业领域“${[...values.industryCode].slice(0, 20).join("")}”不是规划中的重点产业，应为：${industries.names.join("、")}；不属于其中任何一个的请留空`);
  }
  for (const k of ["signedOn", "registeredOn", "validFrom", "validUntil"]) if (values[k]) values[k] = normalizeDate(values[k]);
  // Parties are written out in full; one whose credit code is a platform organisation's is linked to it.
  values.sellerOrgId = "";
  values.buyerOrgId = "";
  return { values, messages };
}

/**
 * Import a ledger file. Every row is checked first (schema, then the database: parties, origins,
 * 登记号 already registered). With any problem nothing is written, unless `onlyValid` says to
 * import the valid rows; `dryRun` only checks. A row whose 登记号 is already registered with the
 * same content is skipped, so importing the same file twice registers nothing twice.
 */
export async function importLedger(
  db: DB,
  actor: CurrentUser,
  file: { name: string; bytes: Buffer },
  { onlyValid, dryRun }: { onlyValid: boolean; dryRun: boolean },
): Promise<ImportReport> {
  const raw = await readRows(file.name, file.bytes);
  const fieldRows = await db.selectFrom("tech_fields").select(["code", "name"]).execute();
  const fields = new Map(fieldRows.flatMap((f) => [[f.name, f.code], [f.code, f.code]] as [string, string][]));
  // By name (as exported) or by code; the names as the plan writes them.
  const industryRows = await listIndustries(db);
  const industries = { codes: new Map(industryRows.flatMap((i) => [[i.name, i.code], [i.code, i.code]] as [string, string][])), names: industryRows.map((i) => i.name) };
  return db.transaction().execute(async (trx) => {
    const problems: ImportProblem[] = [];
    const toInsert: { row: number; input: ReturnType<typeof contractSchema.parse> }[] = [];
    const seen = new Map<string, number>();
    let unchanged = 0;
    for (const r of raw) {
      const { values, messages } = rowToValues(r, fields, industries);
      const regNo = (values.regNo ?? "").slice(0, 20);
      const parsed = contractSchema.safeParse(values);
      if (!parsed.success) messages.push(...Object.values(fieldErrors(parsed.error)).flat());
      if (messages.length === 0 && parsed.success) {
        const input = parsed.data;
        const first = seen.get(input.regNo);
        if (first != null) messages.push(`登记号与第 ${first} 行重复`);
        else {
          seen.set(input.regNo, r.row);
          try {
            const fields = await checkContract(trx, input);
            const existing = await trx.selectFrom("contracts").selectAll().where("reg_no", "=", input.regNo).executeTakeFirst();
            if (existing && sameContract(existing, fields)) unchanged++;
            else if (existing) messages.push(`登记号 ${input.regNo} 已登记且内容不同；导入不会覆盖已登记的合同，如需修改请在该合同页面“更正”`);
            else toInsert.push({ row: r.row, input });
          } catch (e) {
            if (e instanceof InvalidInputError) messages.push(...Object.values(e.fieldErrors).flat());
            else if (e instanceof ConflictError) messages.push(e.message);
            else throw e;
          }
        }
      }
      if (messages.length) problems.push({ row: r.row, regNo, messages });
    }
    const report: ImportReport = {
      fileName: file.name,
      rows: raw.length,
      valid: toInsert.length + unchanged,
      imported: 0,
      unchanged,
      problems,
      written: false,
    };
    if (dryRun || (problems.length > 0 && !onlyValid)) return report;
    for (const { input } of toInsert) await insertContract(trx, actor, input, "import");
    return { ...report, imported: toInsert.length, written: true };
  });
}
