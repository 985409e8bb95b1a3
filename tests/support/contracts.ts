import ExcelJS from "exceljs";
import type { DB } from "../../db/client.server";
import { parseCsvText } from "../../app/models/contract/io.server";
import { loadActor } from "../../app/models/shared/session.server";
import { contractSchema } from "../../app/schemas/contract";
import { parseAmount } from "../../app/utils/money";
import { demoCreditCode } from "../../seeds/organizations";
import { userIdByEmail } from "./lookups";

export async function bureauActor(db: DB) {
  return loadActor(db, await userIdByEmail(db, "bureau@demo.test"));
}

/** A valid register form for a 利州区 seller (counted by default) and an outside buyer. */
export function contractForm(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    regNo: "2024510802777001",
    title: "测试合同：高效节水灌溉控制系统开发",
    typeSubtype: "development/commissioned",
    signedOn: "2024-03-01",
    registeredOn: "2024-03-15",
    validFrom: "2024-03-01",
    validUntil: "2025-03-01",
    sellerName: "利州区测试科技有限公司",
    sellerCreditCode: demoCreditCode("91", "510802", 701),
    sellerRegion: "lizhou",
    sellerKind: "enterprise",
    buyerName: "成都测试制造有限公司",
    buyerCreditCode: demoCreditCode("91", "510100", 702),
    buyerRegion: "sichuan_other",
    buyerKind: "enterprise",
    total: "1234567.89",
    tech: "1034567.88",
    nonTechItems: "设备购置 150000.00\n材料费 50000.01",
    fieldCode: "05",
    payment: "installments",
    ...overrides,
  };
}

export const contractInput = (overrides: Record<string, string> = {}) => contractSchema.parse(contractForm(overrides));

/** The two amount columns of an exported CSV, summed exactly in 分 (read with the import's own parser). */
export function csvSums(csv: Buffer): { n: number; totalFen: number; techFen: number } {
  const [header, ...rows] = parseCsvText(csv.toString("utf8").replace(/^\uFEFF/, "")).filter((r) => r.some((c) => c !== ""));
  const ti = header.indexOf("合同成交额（元）");
  const ei = header.indexOf("技术交易额（元）");
  return {
    n: rows.length,
    totalFen: rows.reduce((a, r) => a + parseAmount(r[ti])!, 0),
    techFen: rows.reduce((a, r) => a + parseAmount(r[ei])!, 0),
  };
}

export async function xlsxSums(buf: Buffer): Promise<{ n: number; totalFen: number; techFen: number }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
  const ws = wb.worksheets[0];
  const header = (ws.getRow(1).values as unknown[]).map(String);
  const ti = header.indexOf("合同成交额（元）");
  const ei = header.indexOf("技术交易额（元）");
  let n = 0;
  let totalFen = 0;
  let techFen = 0;
  ws.eachRow((row, i) => {
    if (i === 1) return;
    n++;
    totalFen += parseAmount(String(row.getCell(ti).value))!;
    techFen += parseAmount(String(row.getCell(ei).value))!;
  });
  return { n, totalFen, techFen };
}
