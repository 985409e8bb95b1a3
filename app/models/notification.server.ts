import type { Kysely } from "kysely";
import type { DB } from "../../db/client.server";
import type { Database } from "../../db/schema";
import { nowIso } from "../utils/time";
import { mailNotice } from "./notice-mail.server";

export interface Notice {
  kind: string;
  title: string;
  body?: string | null;
  link?: string | null;
  dedupeKey?: string | null;
}

/**
 * Notify users inside the caller's transaction; a repeated dedupe key is silently skipped. Each
 * notice written is also mailed, in the same transaction, when its recipient wants it at once.
 */
export async function notifyUsers(trx: Kysely<Database>, userIds: number[], n: Notice): Promise<void> {
  const created_at = nowIso();
  for (const user_id of new Set(userIds)) {
    const written = await trx
      .insertInto("notifications")
      .values({ user_id, kind: n.kind, title: n.title, body: n.body ?? null, link: n.link ?? null, dedupe_key: n.dedupeKey ?? null, created_at, read_at: null })
      .onConflict((oc) => oc.doNothing())
      .returning("id")
      .executeTakeFirst();
    if (written) await mailNotice(trx, user_id, n, new Date(created_at)); // e-mail (issue 14 §3)
  }
}

/** Every active member of an organisation. */
export async function notifyOrg(trx: Kysely<Database>, orgId: number, n: Notice): Promise<void> {
  const members = await trx
    .selectFrom("users")
    .select("id")
    .where("org_id", "=", orgId)
    .where("membership_status", "=", "active")
    .execute();
  await notifyUsers(trx, members.map((m) => m.id), n);
}

const PAGE_SIZE = 20;

export async function listInbox(db: DB, userId: number, page: number) {
  const base = db.selectFrom("notifications").where("user_id", "=", userId);
  const { n } = await base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  const rows = await base
    .select(["id", "kind", "title", "body", "link", "created_at", "read_at"])
    .orderBy("id", "desc")
    .limit(PAGE_SIZE)
    .offset((page - 1) * PAGE_SIZE)
    .execute();
  return { rows, total: Number(n), page, pageSize: PAGE_SIZE };
}

export async function unreadCount(db: DB, userId: number): Promise<number> {
  const { n } = await db
    .selectFrom("notifications")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("user_id", "=", userId)
    .where("read_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(n);
}

export async function markAllRead(db: DB, userId: number): Promise<void> {
  await db.updateTable("notifications").set({ read_at: nowIso() }).where("user_id", "=", userId).where("read_at", "is", null).execute();
}

/**
 * "揭榜截止还有 3 天" reminders, created when the inbox is read rather than by a scheduler: the
 * enterprise and every bidding organisation's members get one per challenge, exactly once.
 */
export async function ensureDeadlineReminders(db: DB, userId: number, now = new Date()): Promise<void> {
  const user = await db.selectFrom("users").select(["org_id", "membership_status"]).where("id", "=", userId).executeTakeFirst();
  if (!user?.org_id || user.membership_status !== "active") return;
  const orgId = user.org_id;
  const soon = await db
    .selectFrom("challenges")
    .select(["id", "title", "deadline"])
    .where("status", "=", "published")
    .where("deadline", ">", now.toISOString())
    .where("deadline", "<=", new Date(now.getTime() + 3 * 86_400_000).toISOString())
    .where((eb) =>
      eb.or([
        eb("org_id", "=", orgId),
        eb.exists(eb.selectFrom("bids").select("bids.id").whereRef("bids.challenge_id", "=", "challenges.id").where("bids.org_id", "=", orgId).where("bids.status", "=", "submitted")),
      ]),
    )
    .execute();
  if (soon.length === 0) return;
  await db.transaction().execute(async (trx) => {
    for (const c of soon) {
      await notifyUsers(trx, [userId], {
        kind: "deadline_soon",
        title: `“${c.title}”揭榜将于 3 天内截止`,
        body: "截止后不能再提交或修改揭榜申请。",
        link: `/challenges/${c.id}`,
        dedupeKey: `deadline:${c.id}`,
      });
    }
  });
}
