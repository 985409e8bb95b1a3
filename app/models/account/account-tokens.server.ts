import { createHash, randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import type { AccountTokenPurpose, Database } from "../../../db/schema";

type Tx = Kysely<Database>;

/** How long a mailed link works (README Decision 44). */
export const TOKEN_VALID_MS: Record<AccountTokenPurpose, number> = {
  // Mail can be read the next day; proving an address grants nothing sensitive.
  verify_email: 24 * 3600_000,
  reset_password: 30 * 60_000,
  unlock: 30 * 60_000,
};

/** 32 random bytes in base64url: exactly 43 characters of this alphabet. Anything else is forged. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/**
 * Create a token for `purpose` and return the raw value, which goes only into the mail's link.
 * The user's earlier unused tokens of the same purpose are retired: only the newest link works.
 */
export async function issueToken(trx: Tx, userId: number, purpose: AccountTokenPurpose, now: Date): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  const at = now.toISOString();
  await trx
    .updateTable("account_tokens")
    .set({ used_at: at })
    .where("user_id", "=", userId)
    .where("purpose", "=", purpose)
    .where("used_at", "is", null)
    .execute();
  await trx
    .insertInto("account_tokens")
    .values({
      user_id: userId,
      purpose,
      token_hash: hashToken(token),
      created_at: at,
      expires_at: new Date(now.getTime() + TOKEN_VALID_MS[purpose]).toISOString(),
      used_at: null,
    })
    .execute();
  return token;
}

/** The user a usable token belongs to, without using it (to show the reset form); null if it is not usable. */
export async function peekToken(db: Tx, token: string, purpose: AccountTokenPurpose, now: Date): Promise<number | null> {
  if (!TOKEN_SHAPE.test(token)) return null;
  const row = await db
    .selectFrom("account_tokens")
    .select("user_id")
    .where("token_hash", "=", hashToken(token))
    .where("purpose", "=", purpose)
    .where("used_at", "is", null)
    .where("expires_at", ">", now.toISOString())
    .executeTakeFirst();
  return row?.user_id ?? null;
}

/**
 * Use a token: one conditional UPDATE, so of two clicks at once exactly one gets the user back.
 * Null when the token is unknown, of another purpose, expired or already used.
 */
export async function useToken(trx: Tx, token: string, purpose: AccountTokenPurpose, now: Date): Promise<number | null> {
  if (!TOKEN_SHAPE.test(token)) return null;
  const at = now.toISOString();
  const row = await trx
    .updateTable("account_tokens")
    .set({ used_at: at })
    .where("token_hash", "=", hashToken(token))
    .where("purpose", "=", purpose)
    .where("used_at", "is", null)
    .where("expires_at", ">", at)
    .returning("user_id")
    .executeTakeFirst();
  return row?.user_id ?? null;
}
