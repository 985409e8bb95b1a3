import type { ActionFunctionArgs, AppLoadContext, LoaderFunctionArgs } from "@remix-run/node";
import { getCsrfToken } from "../../app/utils/csrf.server";
import { signInAndRedirect } from "../../app/web/session.server";

export const ORIGIN = "http://localhost";

function cookiePair(setCookie: string): string {
  return setCookie.split(";")[0];
}

/** A browser's cookie jar in miniature: a CSRF cookie and, optionally, a signed-in session. */
export interface Browser {
  cookie: string;
  csrf: string;
}

export async function anonymous(): Promise<Browser> {
  const { token, setCookie } = await getCsrfToken(new Request(ORIGIN));
  return { cookie: cookiePair(setCookie!), csrf: token };
}

export async function signedIn(userId: number): Promise<Browser> {
  const b = await anonymous();
  const res = await signInAndRedirect(new Request(ORIGIN), userId, "/");
  return { ...b, cookie: `${b.cookie}; ${cookiePair(res.headers.get("Set-Cookie")!)}` };
}

export function get(path: string, browser?: Browser): Request {
  return new Request(ORIGIN + path, { headers: browser ? { Cookie: browser.cookie } : {} });
}

/** A form POST as the browser sends it; `csrf: false` leaves the token out (a forged request). */
export function post(
  path: string,
  fields: Record<string, string>,
  browser?: Browser,
  { csrf = true, origin }: { csrf?: boolean; origin?: string } = {},
): Request {
  const body = new URLSearchParams(fields);
  if (csrf && browser) body.set("csrf", browser.csrf);
  const headers: Record<string, string> = { "Content-Type": "application/x-www-form-urlencoded" };
  if (browser) headers.Cookie = browser.cookie;
  if (origin) headers.Origin = origin;
  return new Request(ORIGIN + path, { method: "POST", body, headers });
}

type Handler = (args: LoaderFunctionArgs & ActionFunctionArgs) => Promise<unknown>;

/**
 * Call a loader or action the way Remix does; a thrown Response is returned, not thrown. The loaders
 * of one document request share one load context: pass the same `context` to each.
 */
export async function call(handler: Handler, request: Request, params: Record<string, string> = {}, context: AppLoadContext = {}): Promise<Response> {
  try {
    const r = await handler({ request, params, context } as LoaderFunctionArgs & ActionFunctionArgs);
    if (r instanceof Response) return r;
    return Response.json(r);
  } catch (e) {
    if (e instanceof Response) return e;
    throw e;
  }
}

export async function body(res: Response): Promise<any> {
  const text = await res.clone().text();
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Where a redirect goes and which notice (see app/utils/notices.ts) it leaves for that page. */
export function redirectedWith(res: Response): { to: string | null; notice: string | null } {
  const cookie = res.headers.get("Set-Cookie") ?? "";
  const m = /lz_notice=([^;]*)/.exec(cookie);
  return { to: res.headers.get("Location"), notice: m ? JSON.parse(atob(decodeURIComponent(m[1]))) : null };
}
