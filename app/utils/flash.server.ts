import { randomBytes } from "node:crypto";
import { createCookie, redirect } from "@remix-run/node";
import { env } from "./env.server";
import { isNoticeKey, type NoticeKey } from "./notices";

// One short-lived cookie carries the notice from an action's redirect to the next page.
const flashCookie = createCookie("lz_notice", { httpOnly: true, sameSite: "lax", secure: env.cookieSecure, path: "/", maxAge: 60 });

/** Post/redirect/get with a notice the next page shows once at its top. */
export async function redirectWithNotice(to: string, notice: NoticeKey): Promise<Response> {
  return redirect(to, { headers: { "Set-Cookie": await flashCookie.serialize(notice) } });
}

/**
 * The notice waiting for this request, if any, and the header that clears it. Each reading gets a
 * fresh id so the page can tell a new notice from one it has already shown.
 */
export async function takeNotice(request: Request): Promise<{ notice: { key: NoticeKey; id: string } | null; clear: string | null }> {
  const key = await flashCookie.parse(request.headers.get("Cookie"));
  if (key == null) return { notice: null, clear: null };
  const clear = await flashCookie.serialize("", { maxAge: 0 });
  return { notice: isNoticeKey(key) ? { key, id: randomBytes(6).toString("hex") } : null, clear };
}
