import { env } from "./env.server";

/**
 * Scripts run only from this site or, inline, with this response's nonce (Remix's hydration data and
 * scroll restoration). Styles: the site's stylesheet is inlined with the same nonce (no other
 * `<style>` element is allowed); React writes `style="…"` attributes, which only
 * `style-src-attr 'unsafe-inline'` allows. No page may be framed, so the withdraw, revoke and
 * select buttons cannot be overlaid on another site.
 */
function contentSecurityPolicy(nonce: string | undefined): string {
  return [
    "default-src 'self'",
    nonce ? `script-src 'self' 'nonce-${nonce}'` : "script-src 'self'",
    nonce ? `style-src 'self' 'nonce-${nonce}'` : "style-src 'self'",
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

const SESSION_COOKIE = /(?:^|;\s*)lz_session=/;

/**
 * The headers every response of ours carries (pages, `?_data`, resource routes, static files), set
 * in one place: app/serve.server.ts. Answers to a signed-in browser, or ones that set a cookie, may
 * hold personal or confidential data and are never stored; the built assets keep their own caching.
 */
export function applySecurityHeaders(request: Request, headers: Headers, nonce?: string): void {
  headers.set("Content-Security-Policy", contentSecurityPolicy(nonce));
  headers.set("X-Content-Type-Options", "nosniff");
  headers.set("Referrer-Policy", "strict-origin-when-cross-origin");
  headers.set("X-Frame-Options", "DENY"); // frame-ancestors for browsers that predate it
  headers.set("Cross-Origin-Opener-Policy", "same-origin");
  if (env.cookieSecure) headers.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  if (SESSION_COOKIE.test(request.headers.get("Cookie") ?? "") || headers.has("Set-Cookie")) {
    headers.set("Cache-Control", "no-store");
  }
}
