/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-character alphabet without I, O, S, V, Z.
 * Characters 1–17 carry weights 3^(i) mod 31; the 18th is the check character.
 */
const ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export type CreditCodeProblem = "length" | "character" | "check";

/** Upper-cases, drops spaces and turns full-width letters/digits into half-width, as people paste them. */
export function normalizeCreditCode(input: string): string {
  return input
    .normalize("NFKC")
    .replace(/[\s-]/g, "")
    .toUpperCase();
}

export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = ALPHABET.indexOf(first17[i]);
    if (v < 0) throw new Error(`invalid character ${first17[i]}`);
    sum += v * WEIGHTS[i];
  }
  return ALPHABET[(31 - (sum % 31)) % 31];
}

/** Returns null when valid, otherwise what is wrong (for a precise message). */
export function creditCodeProblem(code: string): CreditCodeProblem | null {
  if (code.length !== 18) return "length";
  if (![...code].every((c) => ALPHABET.includes(c))) return "character";
  return creditCodeCheckChar(code.slice(0, 17)) === code[17] ? null : "check";
}

export const creditCodeMessages: Record<CreditCodeProblem, string> = {
  length: "统一社会信用代码应为 18 位",
  character: "统一社会信用代码只能包含数字和大写字母（不含 I、O、S、V、Z）",
  check: "统一社会信用代码校验位不正确，请核对后重新输入",
};
