import { createHash, randomBytes } from "node:crypto";
import type { DB } from "../../../db/client.server";
import type { MembershipStatus, OrgKind, OrgRole, OrgStatus, UserRole } from "../../../db/schema";
import { clock, nowIso } from "../../utils/time";

export const SESSION_DAYS = 30;

export interface CurrentUser {
  id: number;
  name: string;
  role: UserRole;
  email: string | null;
  mobile: string | null;
  orgId: number | null;
  orgRole: OrgRole | null;
  membershipStatus: MembershipStatus;
  org: { id: number; name: string; kind: OrgKind; status: OrgStatus } | null;
  /** Hash of this request's session token, to tell "this device" apart in the session list. */
  sessionId: string;
}

function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/**
 * Start a session and return the token for the cookie. `previousToken` is revoked in the same
 * step: a fresh id at every sign-in defeats session fixation.
 */
export async function createSession(
  db: DB,
  userId: number,
  { userAgent, previousToken }: { userAgent: string | null; previousToken?: string | null },
): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  const now = clock.now();
  await db.transaction().execute(async (trx) => {
    if (previousToken) await trx.deleteFrom("sessions").where("id", "=", hashToken(previousToken)).execute();
    // Expired sessions of this user are tidied away here rather than by a scheduled job.
    await trx.deleteFrom("sessions").where("user_id", "=", userId).where("expires_at", "<=", now.toISOString()).execute();
    await trx
      .insertInto("sessions")
      .values({
        id: hashToken(token),
        user_id: userId,
        created_at: now.toISOString(),
        expires_at: new Date(now.getTime() + SESSION_DAYS * 86_400_000).toISOString(),
        user_agent: userAgent?.slice(0, 200) ?? null,
      })
      .execute();
  });
  return token;
}

function userQuery(db: DB) {
  return db
    .selectFrom("users")
    .leftJoin("organizations", "organizations.id", "users.org_id")
    .select([
      "users.id",
      "users.name",
      "users.role",
      "users.email",
      "users.mobile",
      "users.org_id",
      "users.org_role",
      "users.membership_status",
      "organizations.name as org_name",
      "organizations.kind as org_kind",
      "organizations.status as org_status",
    ]);
}

type UserRow = NonNullable<Awaited<ReturnType<ReturnType<typeof userQuery>["executeTakeFirst"]>>>;

function toCurrentUser(row: UserRow, sessionId: string): CurrentUser {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    email: row.email,
    mobile: row.mobile,
    orgId: row.org_id,
    orgRole: row.org_role,
    membershipStatus: row.membership_status,
    org:
      row.org_id != null && row.org_name != null && row.org_kind != null && row.org_status != null
        ? { id: row.org_id, name: row.org_name, kind: row.org_kind, status: row.org_status }
        : null,
    sessionId,
  };
}

/** The signed-in user for a cookie token, or null when it is unknown, revoked or expired. */
export async function findSessionUser(db: DB, token: string): Promise<CurrentUser | null> {
  const id = hashToken(token);
  const row = await userQuery(db)
    .innerJoin("sessions", "sessions.user_id", "users.id")
    .where("sessions.id", "=", id)
    .where("sessions.expires_at", ">", nowIso())
    .executeTakeFirst();
  return row ? toCurrentUser(row, id) : null;
}

/** A user acting outside a web request (seeds, command line): no session. */
export async function loadActor(db: DB, userId: number): Promise<CurrentUser> {
  const row = await userQuery(db).where("users.id", "=", userId).executeTakeFirstOrThrow();
  return toCurrentUser(row, "");
}

export async function revokeSessionToken(db: DB, token: string): Promise<void> {
  await db.deleteFrom("sessions").where("id", "=", hashToken(token)).execute();
}

export async function listSessions(db: DB, userId: number) {
  return db
    .selectFrom("sessions")
    .select(["id", "created_at", "expires_at", "user_agent"])
    .where("user_id", "=", userId)
    .where("expires_at", ">", nowIso())
    .orderBy("created_at", "desc")
    .execute();
}

/** Revoke one of the user's own sessions; another user's session id simply matches nothing. */
export async function revokeSession(db: DB, userId: number, sessionId: string): Promise<boolean> {
  const r = await db.deleteFrom("sessions").where("id", "=", sessionId).where("user_id", "=", userId).executeTakeFirst();
  return r.numDeletedRows > 0n;
}

export async function revokeOtherSessions(db: DB, userId: number, keepSessionId: string): Promise<number> {
  const r = await db
    .deleteFrom("sessions")
    .where("user_id", "=", userId)
    .where("id", "!=", keepSessionId)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

