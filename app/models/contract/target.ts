/**
 * 表1's 技术合同登记交易额 (the plan's one doubling indicator) and its target path: the dashboard
 * measures the ledger against it, the seeds write the same row into plan_indicators. Client-safe.
 */

/** Its plan_indicators id: its actual values come from the contract ledger, never typed in. */
export const CONTRACT_INDICATOR_ID = 8;

/** Targets in 万元 at the plan's years: the base, doubled at the end of “十四五”, and 2035. */
export const CONTRACT_TARGET_PATH = [
  [2020, 1240],
  [2025, 2480],
  [2035, 5000],
] as const satisfies readonly (readonly [year: number, wan: number])[];

/** The years the plan spans (indicator values are entered within them). */
export const PLAN_FIRST_YEAR = CONTRACT_TARGET_PATH[0][0];
export const PLAN_LAST_YEAR = CONTRACT_TARGET_PATH[CONTRACT_TARGET_PATH.length - 1][0];

const WAN = 1_000_000; // 分 per 万元

/** The target for a year in 分: geometric between the plan's points (2020–2025 doubles in five years). */
export function targetFen(year: number): number {
  const [first] = CONTRACT_TARGET_PATH;
  if (year <= first[0]) return first[1] * WAN;
  for (let i = 1; i < CONTRACT_TARGET_PATH.length; i++) {
    const [y0, v0] = CONTRACT_TARGET_PATH[i - 1];
    const [y1, v1] = CONTRACT_TARGET_PATH[i];
    if (year <= y1) return Math.round(v0 * WAN * Math.pow(v1 / v0, (year - y0) / (y1 - y0)));
  }
  return CONTRACT_TARGET_PATH[CONTRACT_TARGET_PATH.length - 1][1] * WAN;
}
