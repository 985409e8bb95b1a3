import type { DB } from "../../../db/client.server";
import { can } from "./policy.server";
import { effectiveStatusSql, loadChallenge } from "./challenge.server";
import { ConflictError } from "../../utils/errors";
import type { CurrentUser } from "../shared";
import { clock } from "../../utils/time";

/**
 * 关注: a signed-in person follows a public 榜单 to be told when its deadline changes. Following
 * twice is one row; unfollowing what one does not follow changes nothing.
 */
export async function followChallenge(db: DB, user: CurrentUser, id: number, now = clock.now()): Promise<void> {
  const { ctx } = await loadChallenge(db, user, id, now);
  if (!can(user, "follow", ctx)) throw new ConflictError("榜单发布后才能关注。");
  await db
    .insertInto("challenge_follows")
    .values({ challenge_id: id, user_id: user.id, created_at: now.toISOString() })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function unfollowChallenge(db: DB, user: CurrentUser, id: number): Promise<void> {
  await db.deleteFrom("challenge_follows").where("challenge_id", "=", id).where("user_id", "=", user.id).execute();
}

/** Whether the viewer follows this 榜单, and how many people do (one indexed count). */
export async function followState(db: DB, viewer: CurrentUser | null, id: number) {
  const { n } = await db
    .selectFrom("challenge_follows")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("challenge_id", "=", id)
    .executeTakeFirstOrThrow();
  const mine = viewer
    ? await db.selectFrom("challenge_follows").select("user_id").where("challenge_id", "=", id).where("user_id", "=", viewer.id).executeTakeFirst()
    : undefined;
  return { count: Number(n), following: mine != null };
}

/** "/me": the 榜单 a person follows, newest first, with the status everyone sees. */
export async function listFollowed(db: DB, user: CurrentUser, now = clock.now()) {
  return db
    .selectFrom("challenge_follows")
    .innerJoin("challenges", "challenges.id", "challenge_follows.challenge_id")
    .select(["challenges.id", "challenges.title", "challenges.deadline", effectiveStatusSql(now).as("status")])
    .where("challenge_follows.user_id", "=", user.id)
    .orderBy("challenge_follows.created_at", "desc")
    .orderBy("challenges.id", "desc")
    .execute();
}
