import { setTimeout as sleep } from "node:timers/promises";
import type { DB } from "../../../db/client.server";
import type { Account } from "../../schemas/fields";
import { AccountLockedError, TooManyAttemptsError } from "../../utils/errors";
import { verifyPassword } from "./password.server";
import { LIMITS, consumedOf, type Count, endOfWindow, forget, giveBack, isSpent, sweepExpiredLimits, take } from "./rate-limits.server";

/** Wrong guesses 3 and 4 at an account are answered slowly. */
const SLOW_FROM = 3;

export interface SignInAttempt {
  account: Account;
  password: string;
  /** Where the attempt comes from (clientSource): per-source limits and the owner's way past a lock. */
  source: string;
}

export interface SignInDelays {
  /** Added per wrong guess from the 3rd on (LOGIN_SLOWDOWN_MS). */
  slowdownMs: number;
  /** Before an attempt that passes an account's lock (LOGIN_LOCKED_DELAY_MS). */
  lockPassDelayMs: number;
}

export type SignInResult = { ok: true; userId: number } | { ok: false; remaining: number };

/** The key sign-in limits use for an account (known or not). */
function limitKey(account: Account): string {
  return `${account.kind}:${account.value}`;
}

/** Whether sign-in throttling has the account locked: its next attempt would be refused (Decision 25). */
export function isLocked(db: DB, account: Account): Promise<boolean> {
  return isSpent(db, "signinAccount", limitKey(account));
}

/**
 * Lift an account's lock (its owner proved control of the address, Decision 45): its count of
 * attempts and of passes start again. Sources that guessed keep their own per-source counts.
 */
export async function liftLock(db: DB, account: Account): Promise<void> {
  await forget(db, "signinAccount", limitKey(account));
  await forget(db, "signinLockPass", limitKey(account));
}

function accountLocked(byAccount: Count): AccountLockedError {
  return new AccountLockedError(`登录失败次数过多，该账号已暂时锁定，请于 ${endOfWindow(byAccount)} 后再试。`, byAccount.msBeforeNext);
}

/**
 * Check a password under the limits of README Decision 25. Every limit is counted atomically
 * BEFORE the password is verified, so a burst of parallel guesses cannot outrun the counter:
 *   1. per source, over all accounts (password spraying);
 *   2. per account: the 6th attempt in 15 minutes finds the account locked. It is locked only for
 *      sources that have already tried it: a source with no attempt there (the owner at home,
 *      usually) may pass, once, after a pause, within a per-account budget of such passes.
 * A right password gives back what the attempt took. Throttling is keyed on the account that was
 * tried, known or not, so the answers do not reveal which accounts exist.
 */
export async function signIn(db: DB, { account, password, source }: SignInAttempt, delays: SignInDelays): Promise<SignInResult> {
  const accountKey = limitKey(account);
  const pairKey = `${accountKey}|${source}`;

  const bySource = await take(db, "signinSource", source);
  if (bySource.exceeded) {
    throw new TooManyAttemptsError(`来自您所在网络的登录失败次数过多，请于 ${endOfWindow(bySource)} 后再试。`, bySource.msBeforeNext);
  }
  const byPair = await take(db, "signinPair", pairKey);
  const byAccount = await take(db, "signinAccount", accountKey);
  const passesLock = byAccount.exceeded;
  if (passesLock) {
    const pass = byPair.exceeded ? null : await take(db, "signinLockPass", accountKey);
    if (!pass || pass.exceeded) throw accountLocked(byAccount);
    // The pause costs the owner a few seconds once; it makes each pass slow for someone
    // cycling through addresses, on top of the per-account budget of passes.
    await sleep(delays.lockPassDelayMs);
    // A pass is for a source that tries once. The first request of a parallel burst also found
    // its pair unused, and on a connection pool the burst's takes interleave, so it may hold a
    // late account point: the burst's other attempts, counted on the pair meanwhile, refuse it.
    if ((await consumedOf(db, "signinPair", pairKey)) > LIMITS.signinPair.points) throw accountLocked(byAccount);
  }

  const user = await db
    .selectFrom("users")
    .select(["id", "password_hash"])
    .where(account.kind, "=", account.value)
    .executeTakeFirst();
  if (await verifyPassword(user?.password_hash ?? null, password)) {
    // Not a wrong guess: give back what it took, and this source may pass a lock here again.
    await giveBack(db, "signinSource", source);
    await giveBack(db, "signinAccount", accountKey);
    if (passesLock) await giveBack(db, "signinLockPass", accountKey);
    await forget(db, "signinPair", pairKey);
    await sweepExpiredLimits(db);
    return { ok: true, userId: user!.id };
  }

  if (!passesLock && byAccount.consumed >= SLOW_FROM) await sleep(delays.slowdownMs * (byAccount.consumed - SLOW_FROM + 1));
  return { ok: false, remaining: Math.max(LIMITS.signinAccount.points - byAccount.consumed, 0) };
}
