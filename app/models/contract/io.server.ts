import type { DB } from "../../../db/client.server";
import { contractSchema, type ContractFormKey, type LedgerFilter } from "../../schemas/contract";
import { fieldErrors } from "../../schemas/parse";
import { fenToYuanPlain } from "../../utils/money";
import { IMPORT_COLUMNS, LEDGER_COLUMNS, ledgerCells, readLedgerCells, type ImportLookups } from "./fields.server";
import { checkContract, exportContracts, insertContracts, sameContract, type ContractFields } from "./contract.server";
import { ConflictError, DomainError, InvalidInputError } from "../../utils/errors";
import { listIndustries, type CurrentUser } from "../shared";
import { readFirstSheet, writeWorkbook } from "./xlsx.server";

/*
 * The ledger file: its columns come from the contract field table (contract/fields.server.ts), shared
 * by the export and the import so an exported file imports back unchanged. Coded values travel as
 * their Chinese labels (技术开发, 利州区 …), amounts in 元.
 */
const HEADER_ROW = LEDGER_COLUMNS.map((f) => f.header);

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
  const lines = [HEADER_ROW, ...rows.map((r) => ledgerCells(r))].map((r) => r.map(csvCell).join(","));
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines.join("\r\n") + "\r\n", "utf8")]);
}

export async function exportXlsx(db: DB, f: LedgerFilter, description: string): Promise<Buffer> {
  const rows = await exportContracts(db, f);
  const totals = rows.reduce((a, r) => ({ total: a.total + r.total_fen, tech: a.tech + r.tech_fen }), { total: 0, tech: 0 });
  return writeWorkbook("利州技术转移对接平台", [
    {
      name: "技术合同",
      // Amounts as numbers (元, two decimals) so Excel can sum them; everything else as text.
      rows: [HEADER_ROW, ...rows.map((r) => ledgerCells(r, { numbers: true }))],
      boldHeader: true,
      frozenHeader: true,
      columns: LEDGER_COLUMNS.map(({ codec, width }) => ({ numFmt: codec.number?.numFmt, width })),
    },
    {
      name: "说明",
      rows: [
        ["筛选条件", description],
        ["合同份数", rows.length],
        ["合同成交额合计（元）", fenToYuanPlain(totals.total)],
        ["技术交易额合计（元）", fenToYuanPlain(totals.tech)],
        ["说明", "第一张工作表可直接修改后重新导入；登记号为自然键，重复导入不会重复登记。"],
      ],
      columns: [{ width: 24 }, { width: 60 }],
    },
  ]);
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
  cells: Partial<Record<ContractFormKey, string>>;
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

async function readRows(fileName: string, bytes: Buffer): Promise<RawRow[]> {
  const isXlsx = bytes.subarray(0, 2).toString("latin1") === "PK";
  let table: { row: number; cells: { text: string; numeric: boolean }[] }[] = [];
  if (isXlsx) {
    // One row more than allowed (after the header) is enough to say the file is too long.
    const sheet = await readFirstSheet(bytes, { maxRows: MAX_IMPORT_ROWS + 2, maxColumns: 60 });
    if (sheet === "unreadable") throw new ImportFileError("无法读取该 Excel 文件，请确认是 .xlsx 格式（旧版 .xls 请先另存为 .xlsx）。");
    if (sheet === "no-sheet") throw new ImportFileError("Excel 文件中没有工作表。");
    table = sheet;
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
  const index = new Map<ContractFormKey, number>();
  for (const { header, form } of IMPORT_COLUMNS) {
    const i = names.indexOf(header.normalize("NFKC").replace(/\(/g, "（").replace(/\)/g, "）"));
    if (i >= 0) index.set(form, i);
  }
  const missing = IMPORT_COLUMNS.filter((f) => f.required && !index.has(f.form)).map((f) => f.header);
  if (missing.length) throw new ImportFileError(`缺少列：${missing.join("、")}。请使用导出的台账文件作为模板。`);
  return data.map((r) => {
    const cells: RawRow["cells"] = {};
    for (const [k, i] of index) {
      const t = (r.cells[i]?.text ?? "").trim();
      cells[k] = /^'[=+\-@]/.test(t) ? t.slice(1) : t;
    }
    return { row: r.row, cells, numericRegNo: r.cells[index.get("regNo")!]?.numeric ?? false };
  });
}

/** One spreadsheet row → the register form's values, or the reasons it cannot be. */
function rowToValues(r: RawRow, lookups: ImportLookups): { values: Record<string, string>; messages: string[] } {
  const { values, messages } = readLedgerCells(r.cells, lookups);
  if (r.numericRegNo) messages.unshift("登记号被保存成了数字（Excel 只保留 15 位有效数字，末位可能已变为 0），请把该列设为文本后重新填写");
  // Parties are written out in full; one whose credit code is a platform organisation's is linked to it.
  values.sellerOrgId = "";
  values.buyerOrgId = "";
  return { values, messages };
}

/**
 * Import a ledger file. Every row is checked first (schema, then the database: parties, origins,
 * 登记号 already registered). With any problem nothing is written, unless `onlyValid` says to
 * import the valid rows; `dryRun` only checks. A row whose 登记号 is already registered with the
 * same content is skipped, so importing the same file twice registers nothing twice. The check
 * writes nothing and takes no lock; the valid rows are then written in one short transaction
 * (insertContracts), all or none.
 */
export async function importLedger(
  db: DB,
  actor: CurrentUser,
  file: { name: string; bytes: Buffer },
  { onlyValid, dryRun }: { onlyValid: boolean; dryRun: boolean },
): Promise<ImportReport> {
  const raw = await readRows(file.name, file.bytes);
  // 技术领域 and 产业领域 by name (as exported) or by code; the names as the plan writes them.
  const taxonomy = (rows: { code: string; name: string }[]) => ({ codes: new Map(rows.flatMap((r) => [[r.name, r.code], [r.code, r.code]] as [string, string][])), names: rows.map((r) => r.name) });
  const lookups: ImportLookups = {
    fields: taxonomy(await db.selectFrom("tech_fields").select(["code", "name"]).execute()),
    industries: taxonomy(await listIndustries(db)),
  };
  // The check reads outside any transaction: it is most of the import's time, and a write
  // transaction would hold SQLite's one write lock, and every other writer with it, for all of it.
  // insertContracts reads again, inside the short write transaction, whatever may have changed since.
  const problems: ImportProblem[] = [];
  const toInsert: { row: number; fields: ContractFields }[] = [];
  const seen = new Map<string, number>();
  let unchanged = 0;
  for (const r of raw) {
    const { values, messages } = rowToValues(r, lookups);
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
          const fields = await checkContract(db, input);
          const existing = await db.selectFrom("contracts").selectAll().where("reg_no", "=", input.regNo).executeTakeFirst();
          if (existing && sameContract(existing, fields)) unchanged++;
          else if (existing) messages.push(`登记号 ${input.regNo} 已登记且内容不同；导入不会覆盖已登记的合同，如需修改请在该合同页面“更正”`);
          else toInsert.push({ row: r.row, fields });
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
  await db.transaction().execute((trx) => insertContracts(trx, actor, toInsert.map((t) => t.fields), "import"));
  return { ...report, imported: toInsert.length, written: true };
}
