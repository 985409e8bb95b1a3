import type { Kysely } from "kysely";
import type { DB } from "../../../db/client.server";
import type { Database } from "../../../db/schema";
import { clock, nowIso } from "../../utils/time";
import { mailNotice } from "./mail.server";

export interface Notice {
  kind: string;
  title: string;
  body?: string | null;
  link?: string | null;
  dedupeKey?: string | null;
}

/**
 * The one primitive that writes a notice: to these users, inside the caller's transaction; a
 * repeated dedupe key is silently skipped. Who is told of what is decided by the table in
 * notice/rules.server.ts (`notifyTurn`), not by callers of this function. Each notice written is
 * also mailed, in the same transaction, when its recipient wants it at once.
 */
export async function notifyUsers(trx: Kysely<Database>, userIds: number[], n: Notice, now = clock.now()): Promise<void> {
  const created_at = now.toISOString();
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
