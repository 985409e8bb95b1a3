/**
 * The contract ledger's file formats and history, pinned to the byte: the export header row, a
 * row's values (CSV text and XLSX cells, amounts as numbers), the form values of a stored contract
 * and the labels of what an amendment changed. A reordering or a renamed column fails here.
 */
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import type { DB } from "../../db/client.server";
import { exportCsv, exportXlsx } from "../../app/models/contract/io.server";
import { amendContract, cancelContract, contractFormValues, registerContract } from "../../app/models/contract";
import { loader as pageLoader } from "../../app/routes/bureau.contracts.$id";
import { CONTRACT_FIELDS, readNonTechItems, readRevisionSnapshot } from "../../app/models/contract/fields.server";
import { CONTRACT_FORM_KEYS, contractSchema } from "../../app/schemas/contract";
import { freshDb, userIdByEmail } from "../support/db";
import { bureauActor, contractForm, contractInput } from "../support/contracts";
import { body, call, get, signedIn } from "../support/http";

const HEADER = [
  "登记号", "项目名称", "合同类型", "合同子类", "签订日期", "登记日期", "有效期起", "有效期止",
  "卖方名称", "卖方统一社会信用代码", "卖方所在地区", "卖方类型",
  "买方名称", "买方统一社会信用代码", "买方所在地区", "买方类型",
  "合同成交额（元）", "技术交易额（元）", "非技术性费用明细", "技术领域", "产业领域", "支付方式",
  "来源榜单编号", "来源成果编号", "流向", "来源", "状态", "撤销理由",
];

/** Two contracts of our own (found by their 登记号 prefix): one amended, one cancelled. */
async function ledger(db: DB) {
  const officer = await bureauActor(db);
  const a = await registerContract(db, officer, contractInput({ industryCode: "GY04" }));
  const b = await registerContract(db, officer, contractInput({ regNo: "2024510802777002", title: '=SUM(A1) 含逗号,和"引号"', total: "10000.5", tech: "10000.50", nonTechItems: "" }));
  await cancelContract(db, officer, b, 1, "重复录入");
  const row = await db.selectFrom("contracts").selectAll().where("id", "=", a).executeTakeFirstOrThrow();
  const amended = contractSchema.parse({
    ...contractFormValues(row),
    typeSubtype: "consulting/consulting",
    title: "测试合同：改过的名称",
    sellerRegion: "guangyuan_other",
    tech: "1134567.89",
    nonTechItems: "设备购置 100000.00",
  });
  await amendContract(db, officer, a, row.version, amended, "按补充协议更正");
  return { a, b, filter: { q: "2024510802777", status: "all" as const } };
}

const ROW_A = [
  "2024510802777001", "测试合同：改过的名称", "技术咨询", "技术咨询", "2024-03-01", "2024-03-15", "2024-03-01", "2025-03-01",
  "利州区测试科技有限公司", expect.stringMatching(/^91510802/), "广元市其他区县", "企业",
  "成都测试制造有限公司", expect.stringMatching(/^91510100/), "四川省其他市州", "企业",
  "1234567.89", "1134567.89", "设备购置 100000.00", "农业", "食品饮料", "分期支付", "", "",
  "区外", "其他渠道", "已更正", "",
];

describe("the ledger export's columns", () => {
  it("writes the CSV header row and each row's values in the agreed order, formulas quoted", async () => {
    const db = await freshDb({ demo: true });
    const { filter } = await ledger(db);
    const csv = await exportCsv(db, filter);
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csv.subarray(3).toString("utf8").split("\r\n");
    expect(lines).toHaveLength(4); // header, two rows, the final line break
    expect(lines[0]).toBe(HEADER.join(","));
    expect(lines[1].split(",")).toEqual(ROW_A);
    expect(lines[2]).toMatch(/^2024510802777002,"'=SUM\(A1\) 含逗号,和""引号""",技术开发,委托开发,/);
    expect(lines[2]).toMatch(/,10000\.50,10000\.50,,农业,,分期支付,,,输出,其他渠道,已撤销,重复录入$/);
    expect(lines[3]).toBe("");
  });

  it("writes the same columns to XLSX with the amounts as numbers in 元", async () => {
    const db = await freshDb({ demo: true });
    const { filter } = await ledger(db);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await exportXlsx(db, filter, "q=2024510802777")) as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["技术合同", "说明"]);
    const ws = wb.worksheets[0];
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(HEADER);
    expect(ws.getRow(1).font).toMatchObject({ bold: true });
    const a = (ws.getRow(2).values as unknown[]).slice(1);
    expect(a).toEqual([...ROW_A.slice(0, 16), 1234567.89, 1134567.89, ...ROW_A.slice(18)]);
    const b = (ws.getRow(3).values as unknown[]).slice(1);
    expect(b.slice(16, 18)).toEqual([10000.5, 10000.5]);
    expect(b[1]).toBe('=SUM(A1) 含逗号,和"引号"');
    expect(ws.rowCount).toBe(3);
    expect([ws.getColumn(17).numFmt, ws.getColumn(18).numFmt, ws.getColumn(19).numFmt]).toEqual(["#,##0.00", "#,##0.00", undefined]);
    expect([ws.getColumn(1).width, ws.getColumn(2).width]).toEqual([20, 36]);
    expect(ws.views).toMatchObject([{ state: "frozen", ySplit: 1 }]);
    const about = wb.worksheets[1];
    expect((about.getRow(1).values as unknown[]).slice(1)).toEqual(["筛选条件", "q=2024510802777"]);
    expect((about.getRow(2).values as unknown[]).slice(1)).toEqual(["合同份数", 2]);
    expect((about.getRow(3).values as unknown[]).slice(1)).toEqual(["合同成交额合计（元）", "1244568.39"]);
    expect((about.getRow(4).values as unknown[]).slice(1)).toEqual(["技术交易额合计（元）", "1144568.39"]);
  });
});

describe("a stored contract as form values", () => {
  it("gives back the amounts in 元, the items one a line, a platform party by its id only", async () => {
    const db = await freshDb({ demo: true });
    const officer = await bureauActor(db);
    const org = await db.selectFrom("organizations").select(["id"]).where("kind", "=", "enterprise").where("status", "=", "verified").orderBy("id").executeTakeFirstOrThrow();
    const id = await registerContract(db, officer, contractSchema.parse(contractForm({ buyerOrgId: String(org.id), originResultId: "" })));
    const row = await db.selectFrom("contracts").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(contractFormValues(row)).toEqual({
      regNo: "2024510802777001",
      title: "测试合同：高效节水灌溉控制系统开发",
      type: "development",
      subtype: "commissioned",
      signedOn: "2024-03-01",
      registeredOn: "2024-03-15",
      validFrom: "2024-03-01",
      validUntil: "2025-03-01",
      sellerName: "利州区测试科技有限公司",
      sellerCreditCode: row.seller_credit_code,
      sellerRegion: "lizhou",
      sellerKind: "enterprise",
      buyerOrgId: String(org.id),
      total: "1234567.89",
      tech: "1034567.88",
      nonTechItems: "设备购置 150000.00\n材料费 50000.01",
      fieldCode: "05",
      industryCode: "",
      payment: "installments",
      originChallengeId: "",
      originResultId: "",
    });
  });
});

describe("the contract's history", () => {
  it("names each changed field in Chinese, in the table's order", async () => {
    const db = await freshDb({ demo: true });
    const { a } = await ledger(db);
    const res = await call(pageLoader, get(`/bureau/contracts/${a}`, await signedIn(await userIdByEmail(db, "bureau@demo.test"))), { id: String(a) });
    const { revisions } = await body(res);
    expect(revisions.map((r: { action: string }) => r.action)).toEqual(["amend", "register"]);
    expect(revisions[1].changes).toEqual([]);
    const changes = revisions[0].changes as { field: string; label: string; before: string; after: string }[];
    expect(changes.map((c) => [c.field, c.label])).toEqual([
      ["title", "项目名称"],
      ["type", "合同类型"],
      ["subtype", "合同子类"],
      ["seller_region", "卖方地区"],
      ["tech_fen", "技术交易额"],
      ["non_tech_items", "非技术性费用"],
      ["flow", "流向"],
      ["status", "状态"],
    ]);
    const shown = Object.fromEntries(changes.map((c) => [c.field, [c.before, c.after]]));
    expect(shown).toMatchObject({
      title: ["测试合同：高效节水灌溉控制系统开发", "测试合同：改过的名称"],
      type: ["技术开发", "技术咨询"],
      subtype: ["委托开发", "技术咨询"],
      seller_region: ["利州区", "广元市其他区县"],
      flow: ["输出（卖方在利州区）", "区外（双方均不在利州区）"],
      tech_fen: ["1,034,567.88 元（103.46 万元）", "1,134,567.89 元（113.46 万元）"],
      non_tech_items: ["设备购置 150,000.00 元；材料费 50,000.01 元", "设备购置 100,000.00 元"],
      status: ["已登记", "已更正"],
    });
  });

  it("has a row in the contract field table for every value of the register form", () => {
    const inTable = new Set(CONTRACT_FIELDS.map((f) => f.form));
    expect(CONTRACT_FORM_KEYS.filter((k) => !inTable.has(k))).toEqual([]);
    expect(CONTRACT_FORM_KEYS.length).toBeGreaterThan(20);
  });
});

describe("the contracts' JSON columns", () => {
  it("are read through their schema: items are whole 分, a snapshot is a row of plain values", () => {
    expect(readNonTechItems('[{"name":"设备购置","fen":15000000}]')).toEqual([{ name: "设备购置", fen: 15_000_000 }]);
    expect(readNonTechItems("[]")).toEqual([]);
    for (const bad of ['[{"name":"设备购置","fen":1.5}]', '[{"name":"设备购置"}]', '{"name":"x","fen":1}', "不是 JSON"]) {
      expect(() => readNonTechItems(bad), bad).toThrow();
    }
    expect(readRevisionSnapshot('{"id":1,"reg_no":"2024510802777001","industry_code":null}')).toEqual({ id: 1, reg_no: "2024510802777001", industry_code: null });
    expect(() => readRevisionSnapshot('{"id":{"nested":true}}')).toThrow();
    expect(() => readRevisionSnapshot("[1,2]")).toThrow();
  });
});
