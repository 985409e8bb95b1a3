import { describe, expect, it } from "vitest";
import { deriveFlow } from "../../app/models/contract/contract.server";
import { targetFen } from "../../app/models/contract/target";
import { contractSchema } from "../../app/schemas/contract";
import { parse } from "../../app/schemas/parse";
import { fenToYuan, parseAmount } from "../../app/utils/money";
import { contractForm } from "../support/contracts";

describe("parseAmount (ledger amounts, exact to the fen)", () => {
  it.each([
    ["1234567.89", 123_456_789],
    ["1,234,567.89", 123_456_789],
    ["¥500", 50_000],
    ["500元", 50_000],
    ["12.5万", 12_500_000],
    ["12.5万元", 12_500_000],
    ["0.000001万", 1],
    ["１２３", 12_300],
  ])("%s → %i 分", (input, fen) => expect(parseAmount(input)).toBe(fen));

  it.each(["12,5万", "12,5", "1,23,456", "12.345", "-5", "1e6", "", "十万", "12.5 万 元 元", "0.0000001万", "12.5 万", "1,000万", "1.2.3万", "1234567890万"])("refuses %j rather than guess", (input) => {
    expect(parseAmount(input)).toBeNull();
  });

  it("formats 元 with two decimals and separators", () => {
    expect(fenToYuan(124_000_000_000)).toBe("1,240,000,000.00");
    expect(fenToYuan(5)).toBe("0.05");
  });
});

describe("the plan's target path", () => {
  it("passes through 表1's points exactly", () => {
    expect(targetFen(2020)).toBe(1_240_000_000);
    expect(targetFen(2025)).toBe(2_480_000_000);
    expect(targetFen(2035)).toBe(5_000_000_000);
  });
  it("is geometric between them (2020–2025 doubles in five years)", () => {
    expect(targetFen(2021)).toBe(Math.round(1_240_000_000 * 2 ** (1 / 5)));
    expect(targetFen(2030)).toBe(Math.round(2_480_000_000 * (5_000_000_000 / 2_480_000_000) ** 0.5));
    expect(targetFen(2023) / targetFen(2022)).toBeCloseTo(2 ** (1 / 5), 6);
  });
});

describe("flow from the parties' regions", () => {
  it.each([
    ["lizhou", "outside", "output"],
    ["sichuan_other", "lizhou", "absorb"],
    ["lizhou", "lizhou", "both"],
    ["guangyuan_other", "outside", "neither"],
  ] as const)("seller %s, buyer %s → %s", (s, b, flow) => expect(deriveFlow(s, b)).toBe(flow));
});

describe("contract schema", () => {
  it("accepts a complete contract and keeps the amounts exact", () => {
    const r = parse(contractSchema, contractForm());
    expect(r.ok && r.data.totalFen).toBe(123_456_789);
    expect(r.ok && r.data.nonTechItems).toEqual([{ name: "设备购置", fen: 15_000_000 }, { name: "材料费", fen: 5_000_001 }]);
  });

  it.each([
    [{ tech: "1300000" }, "tech", "技术交易额不能大于合同成交额"],
    [{ nonTechItems: "设备购置 150000.00" }, "nonTechItems", "非技术性费用合计应等于"],
    [{ regNo: "20245108027770" }, "regNo", "登记号应为 16 位数字"],
    [{ typeSubtype: "development/patent_license" }, "subtype", "技术开发合同没有“专利实施许可”这一子类"],
    [{ total: "12,5万" }, "total", "合同成交额格式不正确"],
    [{ signedOn: "2024-02-30" }, "signedOn", "签订日期不是有效的日期"],
    [{ registeredOn: "2024-02-01" }, "registeredOn", "登记日期不能早于签订日期"],
    [{ registeredOn: "2099-01-01", validUntil: "2099-02-01" }, "registeredOn", "登记日期不能晚于今天"],
    [{ sellerCreditCode: "91510802000000701X" }, "sellerCreditCode", "校验位不正确"],
    [{ buyerName: "成都\u202E公司" }, "buyerName", "控制字符"],
  ])("refuses %j with a message on %s", (overrides, field, message) => {
    const r = parse(contractSchema, contractForm(overrides as Record<string, string>));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[field]?.[0]).toContain(message);
  });
});
