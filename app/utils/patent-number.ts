import type { PatentKind } from "../../db/schema";

/**
 * Chinese patent (application) numbers: since 2003 twelve digits — year (4), type (1), serial (7) —
 * and before that eight — year (2), type (1), serial (5); then "." and a check character: the digits
 * weighted 2,3,4,5,6,7,8,9,2,3,4,5 in turn, summed, mod 11, with 10 written X. The granted patent
 * carries "ZL" in front.
 */
/** Patents one result may list; the form offers at most this many rows. */
export const MAX_PATENTS = 20;

const WEIGHTS = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5];

export function patentCheckChar(digits: string): string {
  const sum = [...digits].reduce((acc, d, i) => acc + Number(d) * WEIGHTS[i], 0);
  const r = sum % 11;
  return r === 10 ? "X" : String(r);
}

/** "zl 2023 1 0123456.6" → "ZL202310123456.6" (full-width characters and spaces tolerated). */
export function normalizePatentNumber(input: string): string {
  const s = input.normalize("NFKC").toUpperCase().replace(/[\s·•]/g, "").replace(/^CN/, "ZL");
  return s.startsWith("ZL") ? s : `ZL${s}`;
}

export type PatentProblem = "format" | "check" | "type";

export function patentProblem(normalized: string): PatentProblem | null {
  const m = /^ZL(\d{12}|\d{8})\.([\dX])$/.exec(normalized);
  if (!m) return "format";
  if (patentCheckChar(m[1]) !== m[2]) return "check";
  return patentKindOf(normalized) ? null : "type";
}

/** The kind the number itself declares (type digit 1/8 发明, 2/9 实用新型, 3 外观设计). */
export function patentKindOf(normalized: string): PatentKind | null {
  const m = /^ZL(\d{12}|\d{8})\./.exec(normalized);
  if (!m) return null;
  const type = m[1].length === 12 ? m[1][4] : m[1][2];
  return ({ "1": "invention", "8": "invention", "2": "utility", "9": "utility", "3": "design" } as const)[type as "1"] ?? null;
}

export const patentMessages: Record<PatentProblem, string> = {
  format: "专利号格式应为 ZL + 12 位数字 + “.” + 校验位，如 ZL201710601862.3",
  check: "专利号校验位不正确，请核对后重新输入",
  type: "专利号的类型位应为 1、2、3、8 或 9（发明、实用新型、外观设计、PCT），请核对",
};
