// Any origin will do as a base: only whether the target stays on it matters.
const BASE = "http://same-origin.invalid";

/**
 * Where to send someone after an action that took a `redirectTo` from the URL or a form: a path on
 * this site, or `fallback`. Browsers drop tabs and newlines from a URL and read `\` as `/`, so
 * `/\t/evil.example` and `/\evil.example` both mean `//evil.example`, another site: anything with a
 * control character, a backslash or a leading `//` is refused outright, and what is left must still
 * resolve to this site. The answer is re-serialised, so characters a header cannot carry
 * (non-ASCII, spaces) arrive percent-encoded instead of failing the redirect.
 */
export function safeRedirect(to: unknown, fallback = "/me"): string {
  if (typeof to !== "string" || to.length > 2048) return fallback;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(to) || !to.startsWith("/") || to.startsWith("//")) return fallback;
  const url = new URL(to, BASE);
  if (url.origin !== BASE) return fallback;
  return url.pathname + url.search + url.hash;
}
