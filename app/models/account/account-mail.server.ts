/**
 * Accounts by e-mail (issue 14 §4, README Decisions 44–45): verify the address, reset a forgotten
 * password, lift a sign-in lock, each by a single-use link (account/account-tokens.server.ts) in a mail
 * queued in the same transaction as its token. `origin` is the site's absolute origin for the link;
 * `now` is the clock of every check.
 */
import type { Kysely } from "kysely";
import type { DB } from "../../../db/client.server";
import type { AccountTokenPurpose, Database } from "../../../db/schema";
import type { Account } from "../../schemas/fields";
import { accountMail, type AccountMailKind } from "./account-mail-text.server";
import { issueToken, useToken } from "./account-tokens.server";
import { isLocked, liftLock } from "./auth.server";
import { ConflictError, InvalidInputError, TooManyAttemptsError } from "../../utils/errors";
import { queueMail } from "../shared";
import { hashPassword } from "./password.server";
import { endOfWindow, take } from "./rate-limits.server";

type Tx = Kysely<Database>;

export interface LinkContext {
  /** The site's origin as browsers see it (PUBLIC_ORIGIN, else the request's). */
  origin: string;
  now: Date;
}

/** Said for a link that is forged, expired, used or superseded: the cases are not told apart. */
export const BAD_LINK = {
  verify_email: "验证链接无效或已过期（链接 24 小时内有效，只能使用一次）。请登录后重新发送验证邮件。",
  reset_password: "重置链接无效或已过期（链接 30 分钟内有效，只能使用一次）。请重新申请重置密码。",
  unlock: "解锁链接无效或已过期（链接 30 分钟内有效，只能使用一次）。请重新申请，或等待锁定自动解除。",
} as const satisfies Record<AccountTokenPurpose, string>;

/** Said for a mobile number, whether or not such an account exists. */
export const MOBILE_ONLY = "仅绑定手机号的账户暂不能自助找回密码或解锁，请联系区科技局工作人员协助处理（短信验证开通后可自助办理）。";

const paths: Record<AccountTokenPurpose, { path: string; kind: AccountMailKind }> = {
  verify_email: { path: "/account/verify", kind: "account_verify" },
  reset_password: { path: "/account/reset", kind: "account_reset" },
  unlock: { path: "/account/unlock", kind: "account_unlock" },
};

/** Issue a token and queue its mail, in the caller's transaction: both or neither. */
async function sendLink(trx: Tx, user: { id: number; name: string; email: string }, purpose: AccountTokenPurpose, { origin, now }: LinkContext) {
  const token = await issueToken(trx, user.id, purpose, now);
  const { path, kind } = paths[purpose];
  const link = `${origin}${path}?token=${token}`;
  await queueMail(trx, { to: user.email, userId: user.id, kind, ...accountMail(kind, { name: user.name, link, origin }) }, now);
}

/** At registration, in its transaction: the mail with the verification link. */
export function queueVerification(trx: Tx, user: { id: number; name: string; email: string }, ctx: LinkContext): Promise<void> {
  return sendLink(trx, user, "verify_email", ctx);
}

/** Follow a verification link: the address is proven. False for a link that is not usable. */
export async function verifyEmail(db: DB, token: string, now: Date): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const userId = await useToken(trx, token, "verify_email", now);
    if (userId == null) return false;
    await trx.updateTable("users").set({ email_verified_at: now.toISOString() }).where("id", "=", userId).where("email_verified_at", "is", null).execute();
    return true;
  });
}

/** Whether the user's e-mail address has been proven (false also for a mobile-only account). */
export async function hasVerifiedEmail(db: DB, userId: number): Promise<boolean> {
  const row = await db.selectFrom("users").select("email_verified_at").where("id", "=", userId).executeTakeFirst();
  return row?.email_verified_at != null;
}

/** A signed-in person whose address is not verified asks for the link again (LIMITS.verifyResend). */
export async function resendVerification(db: DB, userId: number, ctx: LinkContext): Promise<void> {
  const user = await db.selectFrom("users").select(["id", "name", "email", "email_verified_at"]).where("id", "=", userId).executeTakeFirstOrThrow();
  if (!user.email) throw new InvalidInputError({}, "您的账号没有绑定邮箱，无需验证。");
  if (user.email_verified_at) throw new ConflictError("您的邮箱已经验证过了。");
  const count = await take(db, "verifyResend", String(userId));
  if (count.exceeded) throw new TooManyAttemptsError(`验证邮件发送过于频繁，请于 ${endOfWindow(count)} 后再试。`, count.msBeforeNext);
  const email = user.email;
  await db.transaction().execute((trx) => sendLink(trx, { ...user, email }, "verify_email", ctx));
}

export type LinkRequest = { sent: true } | { mobileOnly: true };

/**
 * Ask for a reset or unlock link for an address. The answer is the same whether an account has
 * that address or not (and no mail leaves for an unknown one); limited per source and per address
 * before anything is looked up. A mobile number gets the bureau's way, again whatever exists.
 */
async function requestLink(
  db: DB,
  purpose: "reset_password" | "unlock",
  { account, source }: { account: Account; source: string },
  ctx: LinkContext,
): Promise<LinkRequest> {
  const bySource = await take(db, "accountMailSource", source);
  if (bySource.exceeded) {
    throw new TooManyAttemptsError(`来自您所在网络的请求过于频繁，请于 ${endOfWindow(bySource)} 后再试。`, bySource.msBeforeNext);
  }
  if (account.kind === "mobile") return { mobileOnly: true };
  const byAddress = await take(db, "accountMailAddress", `${purpose}:${account.value}`);
  if (byAddress.exceeded) {
    throw new TooManyAttemptsError(`该邮箱的请求过于频繁，请查收已发送的邮件，或于 ${endOfWindow(byAddress)} 后再试。`, byAddress.msBeforeNext);
  }
  const user = await db.selectFrom("users").select(["id", "name", "email"]).where("email", "=", account.value).executeTakeFirst();
  // An unlock link only for an account that is locked: nobody can fill an owner's inbox with them.
  if (!user?.email || (purpose === "unlock" && !(await isLocked(db, account)))) return { sent: true };
  const email = user.email;
  await db.transaction().execute((trx) => sendLink(trx, { ...user, email }, purpose, ctx));
  return { sent: true };
}

export function requestPasswordReset(db: DB, req: { account: Account; source: string }, ctx: LinkContext): Promise<LinkRequest> {
  return requestLink(db, "reset_password", req, ctx);
}

export function requestUnlock(db: DB, req: { account: Account; source: string }, ctx: LinkContext): Promise<LinkRequest> {
  return requestLink(db, "unlock", req, ctx);
}

/**
 * Set a new password through a reset link, in one transaction: the link is used, the password
 * changes, every session of the account ends (whoever knew the old password is out), and the
 * address counts as verified (the link proved it). Then the account's sign-in lock is lifted.
 */
export async function resetPassword(db: DB, { token, password }: { token: string; password: string }, now: Date): Promise<void> {
  const passwordHash = await hashPassword(password);
  const email = await db.transaction().execute(async (trx) => {
    const userId = await useToken(trx, token, "reset_password", now);
    if (userId == null) throw new InvalidInputError({}, BAD_LINK.reset_password);
    await trx.deleteFrom("sessions").where("user_id", "=", userId).execute();
    const user = await trx
      .updateTable("users")
      .set((eb) => ({ password_hash: passwordHash, email_verified_at: eb.fn.coalesce("email_verified_at", eb.val(now.toISOString())) }))
      .where("id", "=", userId)
      .returning("email")
      .executeTakeFirstOrThrow();
    return user.email;
  });
  if (email) await liftLock(db, { kind: "email", value: email });
}

/** Follow an unlock link: the account's sign-in lock is lifted. False for a link that is not usable. */
export async function unlockAccount(db: DB, token: string, now: Date): Promise<boolean> {
  const email = await db.transaction().execute(async (trx) => {
    const userId = await useToken(trx, token, "unlock", now);
    if (userId == null) return null;
    const user = await trx.selectFrom("users").select("email").where("id", "=", userId).executeTakeFirstOrThrow();
    return user.email;
  });
  if (email == null) return false;
  await liftLock(db, { kind: "email", value: email });
  return true;
}
