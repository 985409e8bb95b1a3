import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import type { DB } from "../../db/client.server";
import { exportCsv, exportXlsx, importLedger } from "../../app/models/contract/io.server";
import { sql } from "kysely";
import { SIGNABLE, checkContract, insertContracts, ledgerTotals, rebuildRollups, registerContract } from "../../app/models/contract/contract.server";
import { demoCreditCode } from "../../seeds/organizations";
import { freshDb } from "../support/db";
import { bureauActor, contractInput } from "../support/contracts";

const HEADER = "登记号,项目名称,合同类型,合同子类,签订日期,登记日期,有效期起,有效期止,卖方名称,卖方统一社会信用代码,卖方所在地区,卖方类型,买方名称,买方统一社会信用代码,买方所在地区,买方类型,合同成交额（元）,技术交易额（元）,非技术性费用明细,技术领域,支付方式,来源榜单编号,来源成果编号";
const SELLER = `利州区导入测试有限公司,${demoCreditCode("91", "510802", 801)},利州区,企业`;
const BUYER = `绵阳导入测试有限公司,${demoCreditCode("91", "510700", 802)},四川省其他市州,企业`;

function row(regNo: string, overrides: Partial<Record<"type" | "subtype" | "signed" | "total" | "tech" | "items", string>> = {}): string {
  const o = { type: "技术开发", subtype: "委托开发", signed: "2025/3/5", total: "200000.00", tech: "150000.00", items: "设备购置 50000.00", ...overrides };
  const q = (s: string) => (s.includes(",") ? `"${s}"` : s);
  return `${regNo},导入测试项目 ${regNo.slice(-3)},${o.type},${o.subtype},${o.signed},2025年3月20日,2025-03-05,2026-03-05,${SELLER},${BUYER},${q(o.total)},${q(o.tech)},${o.items},农业,一次总付,,`;
}

const csv = (...rows: string[]) => ({ name: "台账.csv", bytes: Buffer.from("\uFEFF" + [HEADER, ...rows].join("\r\n"), "utf8") });
const count = async (db: DB) => Number((await db.selectFrom("contracts").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);

describe("importing a ledger", () => {
  it("imports a clean file, and importing it again registers nothing twice", async () => {
    const db = await freshDb({ demo: true });
    const officer = await bureauActor(db);
    const before = await count(db);
    const file = csv(row("2025510802100001"), row("2025510802100002", { total: "1,234,567.89", tech: "1,234,567.89", items: "" }), row("2025510802100003", { total: "12.5万", tech: "12.5万", items: "" }));
    const first = await importLedger(db, officer, file, { onlyValid: false, dryRun: false });
    expect(first).toMatchObject({ rows: 3, valid: 3, imported: 3, unchanged: 0, problems: [], written: true });
    expect(await count(db)).toBe(before + 3);
    const imported = await db.selectFrom("contracts").select(["reg_no", "total_fen", "tech_fen", "signed_on", "registered_on", "flow"]).where("reg_no", "like", "2025510802100%").orderBy("reg_no").execute();
    expect(imported.map((c) => c.total_fen)).toEqual([20_000_000, 123_456_789, 12_500_000]);
    expect(imported[0]).toMatchObject({ signed_on: "2025-03-05", registered_on: "2025-03-20", flow: "output" });
    const revisions = await db.selectFrom("contract_revisions").select("action").where("action", "=", "import").execute();
    expect(revisions).toHaveLength(3);

    const again = await importLedger(db, officer, file, { onlyValid: false, dryRun: false });
    expect(again).toMatchObject({ rows: 3, valid: 3, imported: 0, unchanged: 3, problems: [] });
    expect(await count(db)).toBe(before + 3);
  });

  it("reports every bad row by number with a Chinese message and imports nothing", async () => {
    const db = await freshDb({ demo: true });
    const officer = await bureauActor(db);
    const before = await count(db);
    const file = csv(
      row("2025510802200001"),
      row("20255108022"),
      row("2025510802200003", { tech: "250000.00", items: "" }),
      row("2025510802200004", { type: "技术合作" }),
      row("2025510802200005", { signed: "2025-02-30" }),
      row("2025510802200006", { total: "12,5万", tech: "10万", items: "" }),
      row("2025510802200001"),
      row("2020510802000001"),
    );
    const report = await importLedger(db, officer, file, { onlyValid: false, dryRun: false });
    expect(report).toMatchObject({ rows: 8, valid: 1, imported: 0, written: false });
    const byRow = Object.fromEntries(report.problems.map((p) => [p.row, p.messages.join(" | ")]));
    expect(Object.keys(byRow).map(Number)).toEqual([3, 4, 5, 6, 7, 8, 9]);
    expect(byRow[3]).toContain("登记号应为 16 位数字");
    expect(byRow[4]).toContain("技术交易额不能大于合同成交额");
    expect(byRow[5]).toContain("合同类型“技术合作”无法识别");
    expect(byRow[6]).toContain("签订日期不是有效的日期");
    expect(byRow[7]).toContain("合同成交额格式不正确：“12,5万”");
    expect(byRow[8]).toContain("登记号与第 2 行重复");
    expect(byRow[9]).toContain("已登记且内容不同");
    expect(await count(db)).toBe(before);

    // Only when the officer says so explicitly are the valid rows imported.
    const partial = await importLedger(db, officer, file, { onlyValid: true, dryRun: false });
    expect(partial).toMatchObject({ imported: 1, written: true });
    expect(partial.problems).toHaveLength(7);
    expect(await count(db)).toBe(before + 1);
  });

  it("checks without writing when asked to", async () => {
    const db = await freshDb({ demo: true });
    const before = await count(db);
    const report = await importLedger(db, await bureauActor(db), csv(row("2025510802300001")), { onlyValid: false, dryRun: true });
    expect(report).toMatchObject({ valid: 1, imported: 0, written: false });
    expect(await count(db)).toBe(before);
  });

  it("round-trips its own XLSX and CSV exports without duplicates", async () => {
    const db = await freshDb({ demo: true });
    const officer = await bureauActor(db);
    const before = await count(db);
    for (const file of [
      { name: "ledger.xlsx", bytes: await exportXlsx(db, { year: 2022 }, "2022") },
      { name: "ledger.csv", bytes: await exportCsv(db, { year: 2023 }) },
    ]) {
      const report = await importLedger(db, officer, file, { onlyValid: false, dryRun: false });
      expect(report.problems).toEqual([]);
      expect(report.imported).toBe(0);
      expect(report.unchanged).toBe(report.rows);
    }
    expect(await count(db)).toBe(before);
    expect((await ledgerTotals(db, { year: 2022 })).n).toBeGreaterThan(10);
  });

  it("carries the 产业领域 by name: an exported file imports back as the same industries, an unknown name is refused", async () => {
    const db = await freshDb({ demo: true });
    const officer = await bureauActor(db);
    const original = await db.selectFrom("contracts").select(["reg_no", "industry_code"]).where("reg_year", "=", 2023).where("origin_kind", "=", "none").where("status", "!=", "cancelled").orderBy("reg_no").execute();
    expect(new Set(original.map((c) => c.industry_code ?? "")).size).toBeGreaterThan(2);
    const exported = (await exportCsv(db, { year: 2023, origin: "none" })).toString("utf8");
    expect(exported).toContain("产业领域");
    const names = await db.selectFrom("focus_fields").select("name").where("code", "in", original.flatMap((c) => (c.industry_code ? [c.industry_code] : []))).execute();
    for (const { name } of names) expect(exported).toContain(`,${name},`);
    // The same rows as new contracts (登记号 moved to an unused range): only the file says which industry.
    const moved = exported.replaceAll("2023510802", "2023510899");
    const report = await importLedger(db, officer, { name: "ledger.csv", bytes: Buffer.from(moved, "utf8") }, { onlyValid: false, dryRun: false });
    expect(report.problems).toEqual([]);
    expect(report.imported).toBe(original.length);
    const copies = await db.selectFrom("contracts").select(["reg_no", "industry_code"]).where("reg_no", "like", "2023510899%").orderBy("reg_no").execute();
    expect(copies.map((c) => c.industry_code)).toEqual(original.map((c) => c.industry_code));

    const before = await count(db);
    const bad = { name: "台账.csv", bytes: Buffer.from("\uFEFF" + [`${HEADER},产业领域`, `${row("2025510802300001")},食品`].join("\r\n"), "utf8") };
    const refused = await importLedger(db, officer, bad, { onlyValid: false, dryRun: false });
    expect(refused.written).toBe(false);
    expect(refused.problems[0].messages.join("；")).toContain("产业领域“食品”不是规划中的重点产业，应为：电子信息、");
    expect(await count(db)).toBe(before);
  });

  it("reads an Excel file typed by hand, and flags a 登记号 Excel turned into a number", async () => {
    const db = await freshDb({ demo: true });
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("台账");
    ws.addRow(HEADER.split(","));
    const cells = row("2025510802400001").split(","); // no quoted cells in this row
    ws.addRow([...cells.slice(0, 4), new Date(Date.UTC(2025, 2, 5)), ...cells.slice(5, 16), 200000, 150000, ...cells.slice(18)]);
    ws.addRow([2025510802400002, ...cells.slice(1)]);
    const report = await importLedger(db, await bureauActor(db), { name: "手工台账.xlsx", bytes: Buffer.from(await wb.xlsx.writeBuffer()) }, { onlyValid: true, dryRun: false });
    expect(report.imported).toBe(1);
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0].row).toBe(3);
    expect(report.problems[0].messages[0]).toContain("登记号被保存成了数字");
  });

  it.each([
    [{ name: "空.csv", bytes: Buffer.from("") }, "文件是空的"],
    [{ name: "缺列.csv", bytes: Buffer.from("登记号,项目名称\n2025510802000001,x") }, "缺少列：合同类型"],
    [{ name: "假的.xlsx", bytes: Buffer.from("PK\u0003\u0004 not really a zip") }, "无法读取该 Excel 文件"],
    [{ name: "乱码.csv", bytes: Buffer.from([0xff, 0xfe, 0x00, 0xd8, 0x00, 0x00, 0x81]) }, "无法识别文件的文字编码"],
  ])("refuses an unreadable file (%#) with a message", async (file, message) => {
    const db = await freshDb({ demo: true });
    await expect(importLedger(db, await bureauActor(db), file, { onlyValid: false, dryRun: false })).rejects.toThrow(message);
  });

  it("writes the rollups and the history registering the rows one by one would", async () => {
    const db = await freshDb({ demo: true });
    const officer = await bureauActor(db);
    // The same seller in several rollup cells and years, so the batch sums rows that share a key.
    const file = csv(
      row("2025510802600001"),
      row("2025510802600002", { total: "300000.00", tech: "300000.00", items: "" }),
      row("2025510802600003", { type: "技术服务", subtype: "技术服务", total: "80000.00", tech: "80000.00", items: "" }),
      row("2024510802600004", { signed: "2024/3/5" }).replace("2025年3月20日", "2024年3月20日"),
      row("2025510802600005"),
    );
    expect(await importLedger(db, officer, file, { onlyValid: false, dryRun: false })).toMatchObject({ imported: 5, written: true });
    const snapshot = async () => ({
      cells: (await sql`select * from contract_rollup where n <> 0 order by 1, 2, 3, 4, 5, 6, 7`.execute(db)).rows,
      sellers: (await sql`select reg_year, flow, seller_key, n, total_fen, tech_fen from contract_seller_rollup where n <> 0 order by 1, 2, 3`.execute(db)).rows,
    });
    const kept = await snapshot();
    await rebuildRollups(db);
    expect(await snapshot()).toEqual(kept);
    const imported = await db.selectFrom("contracts").selectAll().where("reg_no", "like", "202_510802600%").orderBy("id").execute();
    const history = await db.selectFrom("contract_revisions").select(["contract_id", "after_json"]).where("action", "=", "import").orderBy("contract_id").execute();
    expect(history.map((h) => [h.contract_id, JSON.parse(h.after_json)])).toEqual(imported.map((c) => [c.id, c]));
  });

  it("writes nothing when what the check read changed before the write: an origin 榜单, a 登记号 registered meanwhile", async () => {
    const db = await freshDb({ demo: true });
    const officer = await bureauActor(db);
    const challenge = await db.selectFrom("challenges").select("id").where("status", "in", SIGNABLE).where("winner_bid_id", "is not", null).orderBy("id").executeTakeFirstOrThrow();
    // Checked as the import checks, outside the write transaction …
    const plain = await checkContract(db, contractInput({ regNo: "2025510802700001" }));
    const fromChallenge = await checkContract(db, contractInput({ regNo: "2025510802700002", originChallengeId: String(challenge.id) }));
    const before = await count(db);
    // … then the 榜单 is terminated before the write.
    await db.updateTable("challenges").set({ status: "terminated" }).where("id", "=", challenge.id).execute();
    await expect(db.transaction().execute((trx) => insertContracts(trx, officer, [plain, fromChallenge], "import"))).rejects.toThrow(`来源榜单 #${challenge.id}在检查之后发生了变化`);
    expect(await count(db)).toBe(before);
    await registerContract(db, officer, contractInput({ regNo: "2025510802700001" }));
    await expect(db.transaction().execute((trx) => insertContracts(trx, officer, [plain], "import"))).rejects.toThrow("登记号 2025510802700001 已经登记过");
    expect(await count(db)).toBe(before + 1);
  });
});
