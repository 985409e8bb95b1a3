/**
 * Money is integer 分 everywhere. People type and read 万元; 1 万元 = 1,000,000 分, so a 万元
 * figure with up to six decimals is exact to the fen. Parsing works on the digits, never on floats.
 */
export const FEN_PER_WAN = 1_000_000;

/** "12.5" → 12_500_000; null when it is not a non-negative decimal with at most 6 places. */
export function wanToFen(input: string): number | null {
  const s = input.normalize("NFKC").replace(/[,，\s]/g, "");
  const m = /^(\d{1,9})(?:\.(\d{1,6}))?$/.exec(s);
  if (!m) return null;
  const fen = Number(m[1]) * FEN_PER_WAN + Number((m[2] ?? "").padEnd(6, "0"));
  return Number.isSafeInteger(fen) ? fen : null;
}

/** 12_500_000 → "12.50"; rounded half up to 0.01 万元 (100 元) for display. */
export function fenToWan(fen: number): string {
  const hundredths = Math.floor((fen + 5_000) / 10_000);
  return `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, "0")}`;
}

/** For forms: the exact value back, without trailing zeros. */
export function fenToWanInput(fen: number): string {
  const whole = Math.floor(fen / FEN_PER_WAN);
  const rest = String(fen % FEN_PER_WAN).padStart(6, "0").replace(/0+$/, "");
  return rest ? `${whole}.${rest}` : String(whole);
}

/** "50.00 万元", or 面议 for a bounty of 0. */
export function formatBounty(fen: number): string {
  return fen === 0 ? "面议" : `${fenToWan(fen)} 万元`;
}
