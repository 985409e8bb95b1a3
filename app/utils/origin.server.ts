import { env } from "./env.server";

/**
 * Remix refuses a form POST whose Origin host differs from Host before any app code runs, with an
 * empty 500 (server-runtime `throwIfPotentialCSRFAttack`; `Origin: null` or a malformed Origin
 * throws too). Our server (app/serve.server.ts) therefore hands the browser's Origin to the app
 * under this name and drops the original, so the one origin check is the app's (`verifyCsrf`),
 * which compares scheme and host and answers with the app's 403 page.
 */
export const RELAYED_ORIGIN = "x-lizhou-origin";

/** Move `Origin` to `RELAYED_ORIGIN`, dropping any copy the client sent itself. */
export function relayOrigin(headers: Record<string, string | string[] | undefined>): void {
  const origin = headers.origin;
  delete headers.origin;
  delete headers[RELAYED_ORIGIN];
  if (origin !== undefined) headers[RELAYED_ORIGIN] = origin;
}

/** The Origin the browser sent: relayed by our server, or as received when called directly. */
export function requestOrigin(request: Request): string | null {
  return request.headers.get(RELAYED_ORIGIN) ?? request.headers.get("Origin");
}

/**
 * This site's origin (scheme, host, port). Behind a proxy that terminates TLS the request URL says
 * http://, so `PUBLIC_ORIGIN` names the origin browsers see.
 */
export function siteOrigin(request: Request): string {
  return env.PUBLIC_ORIGIN ?? new URL(request.url).origin;
}

/** Whether an Origin header names this site exactly; `null`, garbage or another scheme do not. */
export function isSiteOrigin(origin: string, request: Request): boolean {
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  return parsed.origin === siteOrigin(request);
}
