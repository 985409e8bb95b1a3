/**
 * 专利号 (Chinese patent application numbers): the check character, the format, what people paste,
 * the kind the type digit declares, and the schema's Chinese messages.
 *
 * Rule: the 12 digits (since 2003) or 8 digits (before) weighted 2,3,4,5,6,7,8,9,2,3,4,5 in turn,
 * summed, mod 11; 10 is written X.
 */
import { describe, expect, it } from "vitest";
import { normalizePatentNumber, patentCheckChar, patentKindOf, patentMessages, patentProblem } from "../../app/utils/patent-number";
import { parsePatentRows, patentSchema } from "../../app/schemas/result";

/**
 * Valid numbers. The first two are real; the others were worked by hand from the rule, e.g.
 * 202120345678: 2·2+0·3+2·4+1·5+2·6+0·7+3·8+4·9+5·2+6·3+7·4+8·5 = 185 = 16·11 + 9 → ".9".
 */
const VALID: [number: string, kind: "invention" | "utility" | "design"][] = [
  ["ZL201710601862.3", "invention"], // real: sum 157 = 14·11 + 3
  ["ZL95115608.X", "invention"], // real, old 8-digit format: 18+15+4+5+30+42+0+72 = 186 = 16·11 + 10 → X
  ["ZL202120345678.9", "utility"], // 185 → 9
  ["ZL202330567890.4", "design"], // 4+0+8+15+18+0+40+63+14+16+36+0 = 213 = 19·11 + 4
  ["ZL201980012345.X", "invention"], // PCT invention (type 8): 164 = 14·11 + 10 → X
  ["ZL202090054321.9", "utility"], // PCT utility (type 9): 141 = 12·11 + 9
  ["ZL200310012347.X", "invention"], // 98 = 8·11 + 10 → X
  ["ZL98212345.0", "utility"], // old format, type 2: 165 = 15·11 + 0
  ["ZL01300077.2", "design"], // old format, type 3: 134 = 12·11 + 2
  ["ZL201610000007.2", "invention"], // 79 = 7·11 + 2
  ["ZL202210999999.X", "invention"], // 307 = 27·11 + 10 → X
];

const CHECK_CHARS = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "X"];

describe("patentCheckChar / patentProblem", () => {
  it.each(VALID)("accepts %s", (n) => {
    expect(patentProblem(n)).toBeNull();
  });

  it.each(VALID)("computes the check character of %s", (n) => {
    const [digits, check] = n.slice(2).split(".");
    expect(patentCheckChar(digits)).toBe(check);
  });

  it.each(VALID)("refuses %s with every other check character", (n) => {
    const [head, check] = n.split(".");
    const wrong = CHECK_CHARS.filter((c) => c !== check);
    expect(wrong).toHaveLength(10);
    for (const c of wrong) expect(patentProblem(`${head}.${c}`), `${head}.${c}`).toBe("check");
  });

  it("refuses ZL202310123456.7, the example in the issue text: its check digit is 6", () => {
    // 2·2+0·3+2·4+3·5+1·6+0·7+1·8+2·9+3·2+4·3+5·4+6·5 = 127 = 11·11 + 6
    expect(patentCheckChar("202310123456")).toBe("6");
    expect(patentProblem("ZL202310123456.7")).toBe("check");
    expect(patentProblem("ZL202310123456.6")).toBeNull();
    const r = patentSchema.safeParse({ number: "ZL202310123456.7", kind: "invention", status: "granted" });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0].message).toBe("ZL202310123456.7：专利号校验位不正确，请核对后重新输入");
  });

  it.each([
    ["ZL20171060186.3", "11 digits"],
    ["ZL2017106018621.3", "13 digits"],
    ["ZL9511560.X", "7 digits"],
    ["ZL951156081.X", "9 digits"],
    ["ZL2017106018623", "no dot"],
    ["ZL201710601862.", "no check character"],
    ["ZL201710601862.33", "two check characters"],
    ["ZL20171060186A.3", "a letter among the digits"],
    ["ZL201710601862.Y", "a check letter other than X"],
    ["ZL201710601862-3", "a dash instead of the dot"],
    ["ZLZL201710601862.3", "ZL twice"],
    ["ZL", "nothing but the prefix"],
    ["", "empty"],
  ])("refuses %s (%s) as a format problem", (n) => {
    expect(patentProblem(n)).toBe("format");
  });
});

describe("normalizePatentNumber", () => {
  it.each([
    ["201710601862.3", "no prefix"],
    ["zl201710601862.3", "lower-case zl"],
    ["Zl201710601862.3", "mixed-case zl"],
    ["ZL 2017 1 0601862.3", "spaces"],
    ["  ZL201710601862.3\t", "surrounding white space"],
    ["ZL２０１７１０６０１８６２．３", "full-width digits and dot"],
    ["ＺＬ２０１７１０６０１８６２．３", "all full-width"],
    ["CN201710601862.3", "CN prefix"],
    ["cn 201710601862.3", "lower-case cn and a space"],
    ["ZL 2017 1060 1862 . 3", "spaces around the dot"],
  ])("turns %j (%s) into ZL201710601862.3", (input) => {
    const n = normalizePatentNumber(input);
    expect(n).toBe("ZL201710601862.3");
    expect(patentProblem(n)).toBeNull();
  });

  it("upper-cases a lower-case x check character", () => {
    expect(normalizePatentNumber("zl95115608.x")).toBe("ZL95115608.X");
    expect(patentProblem(normalizePatentNumber("95115608.x"))).toBeNull();
  });
});

describe("patentKindOf", () => {
  it.each(VALID)("reads the kind of %s from its type digit", (n, kind) => {
    expect(patentKindOf(n)).toBe(kind);
  });

  it.each([
    ["ZL201710601862.3", "invention"], // type 1
    ["ZL201980012345.X", "invention"], // type 8
    ["ZL202120345678.9", "utility"], // type 2
    ["ZL202090054321.9", "utility"], // type 9
    ["ZL202330567890.4", "design"], // type 3
    ["ZL95115608.X", "invention"], // 8-digit: the third digit is the type
    ["ZL98212345.0", "utility"],
    ["ZL01300077.2", "design"],
  ] as const)("%s → %s", (n, kind) => {
    expect(patentKindOf(n)).toBe(kind);
  });

  it("has no kind for a malformed number", () => {
    expect(patentKindOf("ZL2017106018623")).toBeNull();
    expect(patentKindOf("nonsense")).toBeNull();
  });
});

describe("patentSchema (one patent row of the form)", () => {
  it("normalises the number and keeps the kind and status", () => {
    expect(patentSchema.parse({ number: "cn ２０１７１０６０１８６２.3", kind: "invention", status: "pending" })).toEqual({
      number: "ZL201710601862.3",
      kind: "invention",
      status: "pending",
    });
  });

  it("refuses a wrong check character with the number and the Chinese message", () => {
    const r = patentSchema.safeParse({ number: "201710601862.4", kind: "invention", status: "granted" });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0].message).toBe(`ZL201710601862.4：${patentMessages.check}`);
    expect(patentMessages.check).toBe("专利号校验位不正确，请核对后重新输入");
  });

  it("refuses a malformed number with the format message", () => {
    const r = patentSchema.safeParse({ number: "2017106018623", kind: "invention", status: "granted" });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0].message).toContain("专利号格式应为 ZL + 12 位数字");
  });

  it.each([
    ["ZL201710601862.3", "utility", "发明", "实用新型"],
    ["ZL201710601862.3", "design", "发明", "外观设计"],
    ["ZL202120345678.9", "invention", "实用新型", "发明"],
    ["ZL202330567890.4", "utility", "外观设计", "实用新型"],
    ["ZL201980012345.X", "design", "发明", "外观设计"],
    ["ZL98212345.0", "invention", "实用新型", "发明"],
  ] as const)("refuses %s declared as %s (the type digit says %s)", (number, kind, declared, chosen) => {
    const r = patentSchema.safeParse({ number, kind, status: "granted" });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0].path).toEqual(["kind"]);
    expect(r.error!.issues[0].message).toBe(`${number} 的类型位表示${declared}，与所选“${chosen}”不符`);
  });

  it.each(VALID)("accepts %s with its own kind", (number, kind) => {
    expect(patentSchema.safeParse({ number, kind, status: "granted" }).success).toBe(true);
  });

  it("refuses an unknown kind or status in Chinese", () => {
    const k = patentSchema.safeParse({ number: "ZL201710601862.3", kind: "software", status: "granted" });
    expect(k.error!.issues[0].message).toBe("请选择专利类型");
    const s = patentSchema.safeParse({ number: "ZL201710601862.3", kind: "invention", status: "sold" });
    expect(s.error!.issues[0].message).toBe("请选择专利状态");
  });

  // BUG: only type digits 1, 2, 3, 8 and 9 exist. A number with type 0 or 4–7 and a matching check
  // character is accepted, and since patentKindOf() is null for it, with ANY kind.
  it("refuses numbers whose type digit no patent has (0, 4–7), even with a matching check character", () => {
    const refused: Record<string, boolean> = {};
    for (const number of ["ZL202150000000.3", "ZL202100000001.0", "ZL202170601862.2", "ZL99500001.8"]) {
      const [digits, check] = number.slice(2).split(".");
      expect(patentCheckChar(digits)).toBe(check); // the check character itself is right
      refused[number] = !patentSchema.safeParse({ number, kind: "design", status: "granted" }).success;
    }
    expect(refused).toEqual({ "ZL202150000000.3": true, "ZL202100000001.0": true, "ZL202170601862.2": true, "ZL99500001.8": true });
  });
});

/** The rows as the form posts them: `patents[i].number`, `.kind`, `.status` (a part left out is not posted). */
function posted(rows: { number: string; kind?: string; status?: string }[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [i, row] of rows.entries()) for (const [part, value] of Object.entries(row)) if (value !== undefined) fields[`patents[${i}].${part}`] = value;
  return fields;
}

describe("parsePatentRows (the form's patents[i] rows)", () => {
  it("keeps the order, skips blank rows, normalises", () => {
    const r = parsePatentRows(
      posted([
        { number: "ZL202330567890.4", kind: "design", status: "granted" },
        { number: "", kind: "invention", status: "granted" },
        { number: "cn201710601862.3", kind: "invention", status: "pending" },
        { number: "  ", kind: "invention", status: "granted" },
      ]),
    );
    expect(r).toEqual({
      ok: true,
      patents: [
        { number: "ZL202330567890.4", kind: "design", status: "granted" },
        { number: "ZL201710601862.3", kind: "invention", status: "pending" },
      ],
    });
  });

  it("reads rows by their index, not by the order the fields arrive in", () => {
    const r = parsePatentRows({
      "patents[1].number": "ZL201710601862.3",
      "patents[0].status": "granted",
      "patents[1].kind": "invention",
      "patents[0].number": "ZL202330567890.4",
      "patents[1].status": "pending",
      "patents[0].kind": "design",
    });
    expect(r).toEqual({
      ok: true,
      patents: [
        { number: "ZL202330567890.4", kind: "design", status: "granted" },
        { number: "ZL201710601862.3", kind: "invention", status: "pending" },
      ],
    });
  });

  it("refuses the same number twice, also when written differently", () => {
    const r = parsePatentRows(
      posted([
        { number: "ZL201710601862.3", kind: "invention", status: "granted" },
        { number: "201710601862.3", kind: "invention", status: "granted" },
      ]),
    );
    expect(r).toEqual({ ok: false, message: "同一专利号填写了两次" });
  });

  it("refuses more than 20 patents", () => {
    const numbers = Array.from({ length: 21 }, (_, i) => {
      const digits = `2020100${String(i).padStart(5, "0")}`;
      return `ZL${digits}.${patentCheckChar(digits)}`;
    });
    const rows = numbers.map((number) => ({ number, kind: "invention", status: "granted" }));
    expect(parsePatentRows(posted(rows))).toEqual({ ok: false, message: "每项成果最多登记 20 件专利" });
    expect(parsePatentRows(posted(rows.slice(0, 20))).ok).toBe(true);
  });

  it("refuses a row without a kind", () => {
    const r = parsePatentRows(posted([{ number: "ZL201710601862.3", kind: "invention", status: "granted" }, { number: "ZL202120345678.9", status: "granted" }]));
    expect(r).toEqual({ ok: false, message: "请选择专利类型" });
  });
});
