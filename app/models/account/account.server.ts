import type { DB } from "../../../db/client.server";
import type { UserRole } from "../../../db/schema";
import type { Account } from "../../schemas/fields";
import { nowIso } from "../../utils/time";
import { InvalidInputError, NotFoundError, TooManyAttemptsError, isUniqueViolation } from "../../utils/errors";
import { queueVerification, type LinkContext } from "./account-mail.server";
import { attachUserToOrg, type OrgChoice } from "./org.server";
import { hashPassword, verifyPassword } from "./password.server";
import { endOfWindow, take } from "./rate-limits.server";

export interface Registration {
  name: string;
  account: Account;
  password: string;
  /** Never 专家: that role is the bureau's to grant (`decideExpert`). */
  role: Exclude<UserRole, "expert">;
  org: OrgChoice;
}

const takenMessage = { email: "该邮箱已注册，请直接登录", mobile: "该手机号已注册，请直接登录" } as const;

/**
 * Registrations are limited per source (LIMITS.register): a burst of organisations does not flood
 * the bureau's queue. Call it before registerAccount; every attempt that gets this far counts, so
 * it also slows probing which accounts exist.
 */
export async function limitRegistration(db: DB, source: string): Promise<void> {
  const count = await take(db, "register", source);
  if (count.exceeded) {
    throw new TooManyAttemptsError(
      `来自您所在网络的注册过于频繁，请于 ${endOfWindow(count)} 后再试。您填写的内容已保留。`,
      count.msBeforeNext,
    );
  }
}

/** The columns every new account starts with: its name, its one sign-in address, its password's hash. */
export async function accountColumns(a: { name: string; account: Account; password: string }) {
  return {
    name: a.name,
    email: a.account.kind === "email" ? a.account.value : null,
    mobile: a.account.kind === "mobile" ? a.account.value : null,
    password_hash: await hashPassword(a.password),
    created_at: nowIso(),
  };
}

/**
 * Create the account and its organisation link in one transaction: all of it, or nothing. With
 * `verification` (the registration page), an e-mail account's verification mail is queued in that
 * transaction too; callers that only need an account (tests of other things) leave it out.
 */
export async function registerAccount(db: DB, r: Registration, verification?: LinkContext): Promise<number> {
  const taken = await db.selectFrom("users").select("id").where(r.account.kind, "=", r.account.value).executeTakeFirst();
  if (taken) throw new InvalidInputError({ account: [takenMessage[r.account.kind]] });
  const account = await accountColumns(r);
  try {
    return await db.transaction().execute(async (trx) => {
      const user = await trx
        .insertInto("users")
        .values({
          ...account,
          role: r.role,
          org_id: null,
          org_role: null,
          membership_note: null,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await attachUserToOrg(trx, { id: user.id, role: r.role }, r.org);
      if (verification && r.account.kind === "email") {
        await queueVerification(trx, { id: user.id, name: r.name, email: r.account.value }, verification);
      }
      return user.id;
    });
  } catch (e) {
    // Two submissions racing past the check above: the unique index decides, the loser is told.
    if (isUniqueViolation(e)) {
      throw (e as Error).message.includes("users.")
        ? new InvalidInputError({ account: [takenMessage[r.account.kind]] })
        : new InvalidInputError({ creditCode: ["该机构刚刚已被登记，请选择“加入已有机构”。"] });
    }
    throw e;
  }
}

/**
 * Change a password after checking the current one. Every other session is signed out in the same
 * transaction: whoever may have learnt the old password loses access at once.
 */
export async function changePassword(
  db: DB,
  userId: number,
  keepSessionId: string,
  { current, next }: { current: string; next: string },
): Promise<void> {
  const user = await db.selectFrom("users").select("password_hash").where("id", "=", userId).executeTakeFirst();
  if (!user) throw new NotFoundError();
  if (!(await verifyPassword(user.password_hash, current))) {
    throw new InvalidInputError({ currentPassword: ["当前密码不正确"] });
  }
  const passwordHash = await hashPassword(next);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable("users").set({ password_hash: passwordHash }).where("id", "=", userId).execute();
    await trx.deleteFrom("sessions").where("user_id", "=", userId).where("id", "!=", keepSessionId).execute();
  });
}
