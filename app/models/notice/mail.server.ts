import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database, NoticeDelivery } from "../../../db/schema";
import { beijingDate, beijingInstant, clock, DAY_MS, nowIso, startOfBeijingDay } from "../../utils/time";
import { env } from "../../utils/env.server";
import { agendaIcs } from "../event";
import { NotFoundError } from "../../utils/errors";
import { digestMail, noticeMail, type MailNotice, queueMail, type MailAttachment, loadActor } from "../shared";
import { categoryLabel, categoryOf, isNoticeCategory, noticeCategories, type NoticeCategory } from "./categories";

type Tx = Kysely<Database>;

/**
 * E-mail of notices (issue 14 §3): a notice is mailed at once, gathered into the daily digest, or
 * kept on the site, as its recipient chose for its category; every mail carries a signed one-click
 * unsubscribe link for what it is about.
 */

/** Mails need absolute links: PUBLIC_ORIGIN, else this server on localhost (Decision 47). */
export function siteOrigin(): string {
  return env.PUBLIC_ORIGIN ?? `http://localhost:${env.PORT}`;
}

// ---- preferences ---------------------------------------------------------------------------

export type Preferences = Record<NoticeCategory, NoticeDelivery>;

export async function getPreferences(db: Tx, userId: number): Promise<Preferences> {
  const rows = await db.selectFrom("notice_preferences").select(["category", "delivery"]).where("user_id", "=", userId).execute();
  const chosen = new Map(rows.map((r) => [r.category, r.delivery]));
  return Object.fromEntries(noticeCategories.map((c) => [c.key, chosen.get(c.key) ?? c.delivery])) as Preferences;
}

export async function savePreferences(db: Tx, userId: number, prefs: Partial<Preferences>, now = clock.now()): Promise<void> {
  const entries = Object.entries(prefs) as [NoticeCategory, NoticeDelivery][];
  for (const [category, delivery] of entries) {
    await db
      .insertInto("notice_preferences")
      .values({ user_id: userId, category, delivery, updated_at: now.toISOString() })
      .onConflict((oc) => oc.columns(["user_id", "category"]).doUpdateSet({ delivery, updated_at: now.toISOString() }))
      .execute();
  }
}

// ---- one-click unsubscribe -------------------------------------------------------------------

/** A category, or "digest": every category the person has on the daily digest. */
export type UnsubscribeTarget = NoticeCategory | "digest";

/** The HMAC key, made by the server on first use and kept in the database (Decision 47). */
async function unsubscribeKey(db: Tx): Promise<Buffer> {
  const read = () => db.selectFrom("site_secrets").select("value").where("name", "=", "unsubscribe").executeTakeFirst();
  // Read first: opening an unsubscribe page should not need to write.
  let row = await read();
  if (!row) {
    // Two processes may both make one; the first insert wins and both use it.
    await db
      .insertInto("site_secrets")
      .values({ name: "unsubscribe", value: randomBytes(32).toString("base64url"), created_at: nowIso() })
      .onConflict((oc) => oc.doNothing())
      .execute();
    row = await read();
  }
  return Buffer.from(row!.value, "base64url");
}

const sign = (key: Buffer, userId: number, target: string) => createHmac("sha256", key).update(`unsubscribe:${userId}:${target}`).digest("base64url");

export async function unsubscribeToken(db: Tx, userId: number, target: UnsubscribeTarget): Promise<string> {
  return `${userId}.${target}.${sign(await unsubscribeKey(db), userId, target)}`;
}

/** The user and target a token names, or null when it is malformed, forged or altered. */
export async function readUnsubscribeToken(db: Tx, token: string): Promise<{ userId: number; target: UnsubscribeTarget } | null> {
  const m = /^(\d{1,12})\.([a-z]{1,20})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!m) return null;
  const [, id, target, mac] = m;
  if (target !== "digest" && !isNoticeCategory(target)) return null;
  const expected = Buffer.from(sign(await unsubscribeKey(db), Number(id), target));
  if (!timingSafeEqual(expected, Buffer.from(mac))) return null;
  const user = await db.selectFrom("users").select("id").where("id", "=", Number(id)).executeTakeFirst();
  return user ? { userId: user.id, target } : null;
}

export function targetLabel(target: UnsubscribeTarget): string {
  return target === "digest" ? "每日摘要" : categoryLabel(target);
}

/** Unsubscribing turns the target's categories to site-only; the notices stay in the inbox. */
export async function unsubscribe(db: Tx, userId: number, target: UnsubscribeTarget, now = clock.now()): Promise<void> {
  const prefs = await getPreferences(db, userId);
  const off = target === "digest" ? noticeCategories.map((c) => c.key).filter((k) => prefs[k] === "digest") : [target];
  await savePreferences(db, userId, Object.fromEntries(off.map((k) => [k, "site"])), now);
}

async function unsubscribeParts(db: Tx, userId: number, target: UnsubscribeTarget) {
  const origin = siteOrigin();
  const url = `${origin}/unsubscribe/${await unsubscribeToken(db, userId, target)}`;
  return {
    footer: { origin, unsubscribeUrl: url, what: targetLabel(target) },
    // RFC 2369 and RFC 8058: mail clients offer "unsubscribe" and POST to the same address.
    headers: { "List-Unsubscribe": `<${url}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
  };
}

// ---- mailing a notice ------------------------------------------------------------------------

export interface MailableNotice extends MailNotice {
  kind: string;
}

/**
 * Called by notifyUsers for each notice it writes, in the same transaction: queue the mail when
 * the recipient has an address and wants this category at once.
 */
export async function mailNotice(trx: Tx, userId: number, n: MailableNotice, now = clock.now()): Promise<void> {
  // Only a proven address receives notice mail (Decision 44); account mail does not come this way.
  const user = await trx.selectFrom("users").select("email").where("id", "=", userId).where("email_verified_at", "is not", null).executeTakeFirst();
  if (!user?.email) return;
  const category = categoryOf(n.kind);
  if ((await getPreferences(trx, userId))[category] !== "immediately") return;
  const { footer, headers } = await unsubscribeParts(trx, userId, category);
  const mail = noticeMail(n, footer);
  await queueMail(trx, { to: user.email, userId, kind: n.kind, ...mail, headers, attachments: await meetingCalendar(trx, userId, n) }, now);
}

/**
 * A notice about a meeting agenda carries the recipient's own agenda as an .ics (the same file as
 * the agenda's download), METHOD:PUBLISH: the bureau arranges, nobody replies (Decision 47).
 */
async function meetingCalendar(trx: Tx, userId: number, n: MailableNotice): Promise<MailAttachment[]> {
  const eventId = n.kind === "event_schedule" ? /^\/events\/(\d+)\//.exec(n.link ?? "")?.[1] : undefined;
  if (!eventId) return [];
  try {
    const ics = await agendaIcs(trx, await loadActor(trx, userId), Number(eventId));
    if (!ics.body.includes("BEGIN:VEVENT")) return [];
    return [{ filename: ics.filename, contentType: "text/calendar; method=PUBLISH; charset=utf-8", content: ics.body }];
  } catch (e) {
    if (e instanceof NotFoundError) return []; // not (or no longer) a participant of the event
    throw e;
  }
}

// ---- the daily digest ------------------------------------------------------------------------

/**
 * Queue the digest of the 北京时间 day before `now` for everyone with digest notices that day:
 * one mail per person and day, claimed by inserting the digest_runs row in the mail's own
 * transaction, so several processes (or runs) never send two. Returns how many were queued.
 */
export async function queueDigests(db: Tx, now = clock.now()): Promise<number> {
  const day = beijingDate(new Date(now.getTime() - DAY_MS));
  const from = startOfBeijingDay(day);
  const to = beijingInstant(day, 24 * 60);
  const rows = await db
    .selectFrom("notifications")
    .innerJoin("users", "users.id", "notifications.user_id")
    .select(["notifications.user_id", "users.email", "notifications.kind", "notifications.title", "notifications.body", "notifications.link"])
    .where("notifications.created_at", ">=", from)
    .where("notifications.created_at", "<", to)
    .where("users.email", "is not", null)
    .where("users.email_verified_at", "is not", null)
    .where((eb) => eb.not(eb.exists(eb.selectFrom("digest_runs").select("day").whereRef("digest_runs.user_id", "=", "notifications.user_id").where("digest_runs.day", "=", day))))
    .orderBy("notifications.id")
    .execute();
  const byUser = new Map<number, typeof rows>();
  for (const r of rows) byUser.set(r.user_id, [...(byUser.get(r.user_id) ?? []), r]);
  const [, month, date] = day.split("-").map(Number);
  let queued = 0;
  for (const [userId, notices] of byUser) {
    const prefs = await getPreferences(db, userId);
    const due = notices.filter((n) => prefs[categoryOf(n.kind)] === "digest");
    if (due.length === 0) continue;
    const claimed = await db.transaction().execute(async (trx) => {
      const run = await trx
        .insertInto("digest_runs")
        .values({ user_id: userId, day, notice_count: due.length, created_at: now.toISOString() })
        .onConflict((oc) => oc.doNothing())
        .returning("day")
        .executeTakeFirst();
      if (!run) return false; // another process took this person's digest for the day
      const { footer, headers } = await unsubscribeParts(trx, userId, "digest");
      await queueMail(trx, { to: due[0].email!, userId, kind: "digest", ...digestMail(`${month}月${date}日`, due, footer), headers }, now);
      return true;
    });
    if (claimed) queued++;
  }
  return queued;
}
