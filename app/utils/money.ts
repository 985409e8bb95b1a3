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

/**
 * A contract amount as written in a ledger → exact 分, or null when malformed. Accepts 元 with at
 * most two decimals ("1234567.89", thousands separators only in groups of three: "1,234,567.89")
 * or 万元 with a 万/万元 suffix and at most six decimals ("12.5万"). Anything else is refused rather
 * than guessed: "12,5万" could be 12.5 or 125 万元.
 */
export function parseAmount(input: string): number | null {
  const s = input.normalize("NFKC").trim().replace(/元$/, "").replace(/^[¥￥]/, "");
  // wanToFen would drop separators and spaces; a ledger's 万 amount may carry neither.
  if (s.endsWith("万")) return /^[\d.]+万$/.test(s) ? wanToFen(s.slice(0, -1)) : null;
  const yuan = /^(\d{1,3}(?:,\d{3})+|\d{1,13})(?:\.(\d{1,2}))?$/.exec(s);
  if (!yuan) return null;
  const fen = Number(yuan[1].replaceAll(",", "")) * 100 + Number((yuan[2] ?? "").padEnd(2, "0"));
  return Number.isSafeInteger(fen) ? fen : null;
}

/** 123456789 → "1,234,567.89" (元, exact). */
export function fenToYuan(fen: number): string {
  const sign = fen < 0 ? "-" : "";
  const a = Math.abs(fen);
  const yuan = String(Math.floor(a / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${sign}${yuan}.${String(a % 100).padStart(2, "0")}`;
}

/** 123456789 → "1234567.89": for exports and form inputs, no separators. */
export function fenToYuanPlain(fen: number): string {
  return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, "0")}`;
}
