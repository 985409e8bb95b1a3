import { randomBytes, timingSafeEqual } from "node:crypto";
import { createCookie } from "@remix-run/node";
import { env } from "./env.server";
import { httpError } from "./http.server";
import { isSiteOrigin, requestOrigin, siteOrigin } from "./origin.server";

export const CSRF_FIELD = "csrf";

// Double-submit token: the cookie is httpOnly and SameSite=Lax, and every form carries the same
// value in a hidden field. A page on another site can make the browser send the cookie, but it
// cannot read it to fill the field.
const csrfCookie = createCookie("lz_csrf", {
  httpOnly: true,
  sameSite: "lax",
  secure: env.cookieSecure,
  path: "/",
});

/** The token for this browser, and the Set-Cookie header when it is new. */
export async function getCsrfToken(request: Request): Promise<{ token: string; setCookie: string | null }> {
  const existing = await csrfCookie.parse(request.headers.get("Cookie"));
  if (typeof existing === "string" && existing.length === 43) return { token: existing, setCookie: null };
  const token = randomBytes(32).toString("base64url");
  return { token, setCookie: await csrfCookie.serialize(token) };
}

const expired = "页面已过期或来源无法确认，请刷新页面后重新提交。";

export async function verifyCsrf(request: Request, submitted: string | null): Promise<void> {
  // No Origin at all is allowed (older browsers, some privacy tools): the token still decides.
  const origin = requestOrigin(request);
  if (origin !== null && !isSiteOrigin(origin, request)) {
    console.warn(`CSRF: refused ${request.method} ${new URL(request.url).pathname} from Origin ${JSON.stringify(origin.slice(0, 200))}; this site is ${siteOrigin(request)} (PUBLIC_ORIGIN behind a proxy)`);
    throw httpError(403, expired);
  }
  const cookie = await csrfCookie.parse(request.headers.get("Cookie"));
  if (typeof cookie !== "string" || typeof submitted !== "string") throw httpError(403, expired);
  const a = Buffer.from(cookie);
  const b = Buffer.from(submitted);
  if (a.length !== b.length || !timingSafeEqual(a, b)) throw httpError(403, expired);
}
