import { errorAnswer } from "./form.server";
import { createCookie, redirect } from "@remix-run/node";
import {
  createSession,
  findSessionUser,
  revokeSessionToken,
  SESSION_DAYS,
  type CurrentUser,
} from "../models/shared";
import { getDb, unlessDatabaseRefuses } from "../utils/db.server";
import { env } from "../utils/env.server";
import { httpError } from "../utils/http.server";
import { isBureauStaff } from "../models/shared";

const sessionCookie = createCookie("lz_session", {
  httpOnly: true,
  sameSite: "lax",
  secure: env.cookieSecure,
  path: "/",
  maxAge: SESSION_DAYS * 86_400,
});

async function readToken(request: Request): Promise<string | null> {
  const token = await sessionCookie.parse(request.headers.get("Cookie"));
  return typeof token === "string" && token.length > 0 && token.length < 100 ? token : null;
}

export async function getUser(request: Request): Promise<CurrentUser | null> {
  const token = await readToken(request);
  if (!token) return null;
  try {
    return await findSessionUser(getDb(), token);
  } catch (e) {
    // A database server that cannot be reached (PostgreSQL restarting, the network) is a 503 with
    // the message, not a 500: the page cannot even tell who is asking.
    throw errorAnswer(e) ?? e;
  }
}

function signInRedirect(request: Request): Response {
  const url = new URL(request.url);
  const back = url.pathname + url.search;
  return redirect(`/login?redirectTo=${encodeURIComponent(back)}`);
}

/** Anonymous visitors are sent to sign in and brought back afterwards. */
export async function requireUser(request: Request): Promise<CurrentUser> {
  const user = await getUser(request);
  if (!user) throw signInRedirect(request);
  return user;
}

export async function requireBureau(request: Request): Promise<CurrentUser> {
  const user = await requireUser(request);
  if (!isBureauStaff(user)) throw httpError(403, "此页面仅供区科技局工作人员使用。");
  return user;
}

/** Sign in: a new session id every time, the old one (if any) revoked. */
export async function signInAndRedirect(request: Request, userId: number, to: string): Promise<Response> {
  const token = await createSession(getDb(), userId, {
    userAgent: request.headers.get("User-Agent"),
    previousToken: await readToken(request),
  });
  return redirect(to, { headers: { "Set-Cookie": await sessionCookie.serialize(token) } });
}

export async function signOutAndRedirect(request: Request, to = "/"): Promise<Response> {
  const token = await readToken(request);
  // The cookie is cleared even when the database refuses the delete (logged with its code).
  if (token) await unlessDatabaseRefuses(() => revokeSessionToken(getDb(), token), () => undefined);
  return redirect(to, { headers: { "Set-Cookie": await sessionCookie.serialize("", { maxAge: 0 }) } });
}
