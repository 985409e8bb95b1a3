import { describe, expect, it } from "vitest";
import { creditCodeCheckChar, creditCodeProblem, normalizeCreditCode } from "../../app/utils/credit-code";
import { creditCodeSchema } from "../../app/schemas/org";
import { demoCreditCode, seedOrgs } from "../../seeds/organizations";

// Codes published on the business licences of well-known companies.
const REAL = [
  "91350100M000100Y43", // the worked example in GB 32100-2015 guidance
  "914403001922038216", // 华为技术有限公司
  "91330100799655058B", // 阿里巴巴（中国）有限公司
  "9144030071526726XG", // 深圳市腾讯计算机系统有限公司
  "91110000802100433B", // 中国石油化工股份有限公司
];

describe("统一社会信用代码", () => {
  it.each(REAL)("accepts the real code %s", (code) => {
    expect(creditCodeProblem(code)).toBeNull();
  });

  it.each(REAL)("rejects %s with any other check character", (code) => {
    const wrong = code.slice(0, 17) + (code[17] === "0" ? "1" : "0");
    expect(creditCodeProblem(wrong)).toBe("check");
  });

  it("rejects wrong length and forbidden letters with distinct problems", () => {
    expect(creditCodeProblem("91350100M000100Y4")).toBe("length");
    expect(creditCodeProblem("91350100M000100Y433")).toBe("length");
    expect(creditCodeProblem("91350100O000100Y43")).toBe("character"); // O is not in the alphabet
    expect(creditCodeProblem("91350100m000100Y43")).toBe("character");
  });

  it("normalises what people paste: spaces, lower case, full-width characters", () => {
    expect(normalizeCreditCode(" 9135 0100 m000 100y43 ")).toBe("91350100M000100Y43");
    expect(normalizeCreditCode("９１３５０１００Ｍ０００１００Ｙ４３")).toBe("91350100M000100Y43");
  });

  it("computes the check character", () => {
    expect(creditCodeCheckChar("91350100M000100Y4")).toBe("3");
    expect(creditCodeCheckChar("914403001922038216".slice(0, 17))).toBe("6");
  });

  it("gives a Chinese message for a wrong check character", () => {
    const r = creditCodeSchema.safeParse("91350100M000100Y44");
    expect(r.success).toBe(false);
    expect(r.error?.issues[0].message).toContain("校验位不正确");
  });

  it("makes every seeded demo code well-formed and unique", () => {
    const codes = seedOrgs.map((o, i) => demoCreditCode(o.prefix, o.division, i + 1));
    for (const c of codes) expect(creditCodeProblem(c)).toBeNull();
    expect(new Set(codes).size).toBe(codes.length);
  });
});
