import type { DB } from "../../db/client.server";
import type { Account } from "../schemas/fields";
import { verifyPassword } from "./password.server";

/** Failures counted inside this window; after LOCK_AFTER of them the account is locked for LOCK_MINUTES. */
const WINDOW_MINUTES = 15;
const SLOW_AFTER = 3;
export const LOCK_AFTER = 5;
export const LOCK_MINUTES = 15;

export type SignInResult =
  | { ok: true; userId: number }
  | { ok: false; reason: "invalid"; delayMs: number; remaining: number }
  | { ok: false; reason: "locked"; lockedUntil: string };

/**
 * Check a password with throttling keyed on the account that was tried (known or not, so the
 * answer does not reveal which accounts exist). Failures 3 and 4 are slowed; the 5th locks.
 */
export async function signIn(
  db: DB,
  account: Account,
  password: string,
  { slowdownMs, now = new Date() }: { slowdownMs: number; now?: Date },
): Promise<SignInResult> {
  const key = `${account.kind}:${account.value}`;
  const attempt = await db.selectFrom("login_attempts").selectAll().where("account", "=", key).executeTakeFirst();
  if (attempt?.locked_until && attempt.locked_until > now.toISOString()) {
    return { ok: false, reason: "locked", lockedUntil: attempt.locked_until };
  }

  const user = await db
    .selectFrom("users")
    .select(["id", "password_hash"])
    .where(account.kind, "=", account.value)
    .executeTakeFirst();
  if (await verifyPassword(user?.password_hash ?? null, password)) {
    await db.deleteFrom("login_attempts").where("account", "=", key).execute();
    return { ok: true, userId: user!.id };
  }

  const windowStart = new Date(now.getTime() - WINDOW_MINUTES * 60_000).toISOString();
  const inWindow = attempt && !attempt.locked_until && attempt.window_started_at > windowStart;
  const failures = (inWindow ? attempt.failures : 0) + 1;
  const lockedUntil = failures >= LOCK_AFTER ? new Date(now.getTime() + LOCK_MINUTES * 60_000).toISOString() : null;
  const row = {
    failures,
    window_started_at: inWindow ? attempt.window_started_at : now.toISOString(),
    locked_until: lockedUntil,
  };
  await db
    .insertInto("login_attempts")
    .values({ account: key, ...row })
    .onConflict((oc) => oc.column("account").doUpdateSet(row))
    .execute();
  if (lockedUntil) return { ok: false, reason: "locked", lockedUntil };
  return {
    ok: false,
    reason: "invalid",
    delayMs: failures >= SLOW_AFTER ? slowdownMs * (failures - SLOW_AFTER + 1) : 0,
    remaining: LOCK_AFTER - failures,
  };
}
