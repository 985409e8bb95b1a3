/**
 * E-mail of notices (issue 14 §3) through a REAL SMTP server on loopback: what a recipient who
 * wants a category at once receives (subject, text, HTML link, List-Unsubscribe headers), that
 * site-only sends nothing, the daily digest (one per person and day, even from two processes),
 * one-click unsubscribe through the real route (and a tampered link changing nothing), the
 * meeting agenda's .ics, and that a mail never says more than its notice.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { ParsedMail } from "mailparser";
import { openDatabase, type DB } from "../../db/client.server";
import { deliverMail } from "../../app/models/shared/mail.server";
import { getPreferences, queueDigests, savePreferences, siteOrigin } from "../../app/models/notice/mail.server";
import { categoryOf, noticeCategories } from "../../app/models/notice/categories";
import { beijingDate, formatDateTime } from "../../app/utils/time";
import { notifyUsers } from "../../app/models/notice/notification.server";
import { runReminders } from "../../app/models/notice/reminders.server";
import { answerMeetingRequest, sendMeetingRequest } from "../../app/models/event/request.server";
import { generateSchedule, getAgenda, publishSchedule } from "../../app/models/event/agenda.server";
import { icsTime } from "../../app/utils/ics";
import { mailTransport } from "../../app/web/mail-sender.server";
import { action as unsubscribeAction, loader as unsubscribeLoader } from "../../app/routes/unsubscribe.$token";
import { BID_A, BID_B, driveTo, EMAILS } from "../support/challenges";
import { fileOf, freshDb, userIdByEmail } from "../support/db";
import { eventWith } from "../support/events";
import { body, call, get, post } from "../support/http";
import { startSmtp, type TestSmtp } from "../support/smtp";

const FROM = '"利州技术转移对接平台" <noreply@localhost>';
// Links in mails are absolute: PUBLIC_ORIGIN, else this server on localhost (Decision 47).
const ORIGIN = siteOrigin();
const DAY = 86_400_000;

const servers: TestSmtp[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** Send everything queued through a fresh real SMTP server and return it. */
async function deliverAll(db: DB, now = new Date()): Promise<TestSmtp> {
  const server = await startSmtp();
  servers.push(server);
  await deliverMail(db, mailTransport(server.url)!, FROM, now, { batch: 10_000 });
  return server;
}

/** The demo database with the seed's own queued mails cleared: each test reads only what its flow sent. */
async function demoDb(): Promise<DB> {
  const db = await freshDb({ demo: true });
  await db.deleteFrom("mail_outbox").execute();
  return db;
}

/** A header as it arrived on the wire (mailparser folds List-* headers into one object). */
const header = (m: ParsedMail, name: string) => m.headerLines.find((h) => h.key === name)?.line.replace(/^[^:]+:\s*/, "");

const to = (address: string) => (m: ParsedMail) => m.to != null && !Array.isArray(m.to) && m.to.text === address;
const outboxOf = (db: DB, userId: number) => db.selectFrom("mail_outbox").selectAll().where("user_id", "=", userId).orderBy("id").execute();

/** Before a flow: the owner's choice for 榜单审核与论证 (the "published" notice's category). */
async function ownerChooses(db: DB, delivery: "immediately" | "digest" | "site") {
  const owner = await userIdByEmail(db, EMAILS.owner);
  await savePreferences(db, owner, { review: delivery });
  return owner;
}

describe("notices by e-mail", () => {
  it("mails a notice at once to a recipient who wants its category at once: subject, text, HTML link, one-click unsubscribe", async () => {
    const db = await demoDb();
    await ownerChooses(db, "immediately");
    const { id } = await driveTo(db, "published");
    const server = await deliverAll(db);
    const m = server.messages.filter(to(EMAILS.owner)).find((x) => x.subject?.includes("已发布"));
    expect(m, "the owner's 发布 mail").toBeDefined();
    expect(ORIGIN).toMatch(/^https?:\/\/[^/]+$/);
    const link = `${ORIGIN}/challenges/${id}`;
    expect(m!.subject).toMatch(/^【利州技术转移对接平台】榜单“.+”已发布，开始揭榜$/);
    expect(m!.text).toContain(`查看详情：${link}`);
    expect(m!.html).toContain(`href="${link}"`);
    const url = /^<(.+)>$/.exec(header(m!, "list-unsubscribe") ?? "")?.[1];
    expect(url).toMatch(new RegExp(`^${ORIGIN}/unsubscribe/\\d+\\.review\\.[A-Za-z0-9_-]{43}$`));
    expect(header(m!, "list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
    expect(m!.text).toContain(`不再接收“榜单审核与论证”邮件：${url}`);
  });

  it("sends nothing for a category set to 仅站内; the notice is still in the inbox", async () => {
    const db = await demoDb();
    const owner = await ownerChooses(db, "site");
    const { id } = await driveTo(db, "published");
    const notices = await db.selectFrom("notifications").select("kind").where("user_id", "=", owner).where("kind", "=", "published").where("link", "=", `/challenges/${id}`).execute();
    expect(notices).toHaveLength(1);
    expect((await outboxOf(db, owner)).filter((r) => r.kind === "published")).toEqual([]);
    // The choice is the owner's alone: the expert, on the default, is mailed for the same category.
    const expert = await userIdByEmail(db, EMAILS.expert);
    expect((await outboxOf(db, expert)).filter((r) => r.kind === "expert_assigned")).toHaveLength(1);
  });

  it("gathers digest notices into one mail per person and day, even when two processes run the digest", async () => {
    const db = await demoDb();
    const owner = await ownerChooses(db, "digest");
    const { id } = await driveTo(db, "published");
    // A second notice of the same day in a digest category (榜单动态 is a digest by default).
    await db.transaction().execute((trx) => notifyUsers(trx, [owner], { kind: "deadline_extended", title: "揭榜截止时间已调整（测试）", link: `/challenges/${id}` }));
    expect((await outboxOf(db, owner)).filter((r) => r.kind === "published")).toEqual([]);
    const tomorrow = new Date(Date.now() + DAY);
    const other = openDatabase(await fileOf(db));
    try {
      const [a, b] = await Promise.all([queueDigests(db, tomorrow), queueDigests(other, tomorrow)]);
      const digests = await db.selectFrom("mail_outbox").select(["user_id"]).where("kind", "=", "digest").execute();
      expect(a + b).toBe(digests.length);
      expect(digests.filter((d) => d.user_id === owner)).toHaveLength(1);
      expect(await queueDigests(other, new Date(tomorrow.getTime() + 3600_000))).toBe(0);
    } finally {
      other.destroy();
    }
    const server = await deliverAll(db, tomorrow);
    const mine = server.messages.filter(to(EMAILS.owner)).filter((m) => m.subject?.includes("消息摘要"));
    expect(mine).toHaveLength(1);
    // The day's digest notices of the owner: the two above and whatever the demo seed wrote today.
    const today = (await db.selectFrom("notifications").select(["kind", "created_at"]).where("user_id", "=", owner).execute()).filter(
      (n) => beijingDate(new Date(n.created_at)) === beijingDate() && ["review", "updates"].includes(categoryOf(n.kind)),
    );
    expect(mine[0].subject).toMatch(new RegExp(`消息摘要（${today.length} 条）$`));
    expect(mine[0].text).toContain("已发布，开始揭榜");
    expect(mine[0].text).toContain("揭榜截止时间已调整（测试）");
    expect(mine[0].html).toContain(`href="${ORIGIN}/challenges/${id}"`);
    expect(header(mine[0], "list-unsubscribe")).toMatch(/\/unsubscribe\/\d+\.digest\./);
  });

  it("unsubscribes by the mail's link (GET asks, POST switches off); a tampered link is refused and changes nothing", async () => {
    const db = await demoDb();
    const owner = await ownerChooses(db, "immediately");
    const { id } = await driveTo(db, "published");
    const server = await deliverAll(db);
    const m = server.messages.filter(to(EMAILS.owner)).find((x) => x.subject?.includes("已发布"))!;
    const token = /\/unsubscribe\/(\S+)/.exec(m.text!)![1];
    const [uid, category, mac] = token.split(".");
    const flipped = mac.slice(0, -1) + (mac.endsWith("A") ? "B" : "A");
    for (const forged of [`${uid}.${category}.${flipped}`, `${uid}.bids.${mac}`, `${Number(uid) + 1}.${category}.${mac}`, "garbage"]) {
      const g = await call(unsubscribeLoader, get(`/unsubscribe/${forged}`), { token: forged });
      expect(g.status).toBe(400);
      expect((await body(g)).message).toContain("退订链接无效");
      const p = await call(unsubscribeAction, post(`/unsubscribe/${forged}`, {}), { token: forged });
      expect(p.status).toBe(400);
    }
    expect(await db.selectFrom("notice_preferences").select(["category", "delivery"]).where("user_id", "=", owner).execute()).toEqual([{ category: "review", delivery: "immediately" }]);

    const page = await call(unsubscribeLoader, get(`/unsubscribe/${token}`), { token });
    expect(page.status).toBe(200);
    expect((await body(page)).what).toBe("榜单审核与论证");
    expect((await getPreferences(db, owner)).review).toBe("immediately"); // GET (a link scanner) changes nothing
    // RFC 8058: the mail client POSTs "List-Unsubscribe=One-Click" with no cookie and no CSRF token.
    const done = await call(unsubscribeAction, new Request(`${ORIGIN}/unsubscribe/${token}`, { method: "POST", body: new URLSearchParams({ "List-Unsubscribe": "One-Click" }) }), { token });
    expect(done.status).toBe(200);
    expect((await getPreferences(db, owner)).review).toBe("site");
    const before = (await outboxOf(db, owner)).length;
    await db.transaction().execute((trx) => notifyUsers(trx, [owner], { kind: "returned", title: "榜单被退回修改（测试）", link: `/challenges/${id}` }));
    expect(await outboxOf(db, owner)).toHaveLength(before);
  });

  it("mails the final agenda with the recipient's .ics: its UID and DTSTART are the meeting's", async () => {
    const db = await demoDb();
    const ENT = "enterprise@demo.test";
    const SCI = "researcher@demo.test";
    const { eventId, parts, bureau } = await eventWith(db, [ENT, SCI], { title: "区校合作对接会（邮件测试）" });
    const rid = await sendMeetingRequest(db, parts[ENT].user, eventId, { toParticipantId: parts[SCI].participantId, message: "约谈" });
    await answerMeetingRequest(db, parts[SCI].user, eventId, rid, { intent: "accept" });
    await generateSchedule(db, bureau, eventId);
    await publishSchedule(db, bureau, eventId, "final");
    const meeting = (await getAgenda(db, parts[ENT].user, eventId, { kind: "own" })).meetings[0];
    const server = await deliverAll(db);
    const m = server.messages.filter(to(ENT)).find((x) => /“区校合作对接会（邮件测试）”.*正式会谈日程已发布/.test(x.subject ?? ""));
    expect(m, "the enterprise's agenda mail").toBeDefined();
    expect(m!.attachments).toHaveLength(1);
    const ics = m!.attachments[0];
    expect(ics.contentType).toBe("text/calendar");
    const text = ics.content.toString("utf8").replace(/\r\n /g, "");
    expect(text).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(text).toContain("METHOD:PUBLISH");
    expect(text).toContain(`UID:event-${eventId}-meeting-${meeting.id}@techmatch.lizhou\r\n`);
    expect(text).toContain(`DTSTART:${icsTime(meeting.startsAt)}\r\n`);
    expect(text).toContain("STATUS:CONFIRMED");
  });

  it("mails the scheduler's deadline reminder to each bidder, in exact words", async () => {
    const db = await demoDb();
    const d = await driveTo(db, "published");
    await db.deleteFrom("mail_outbox").execute();
    const { deadline, title } = await db.selectFrom("challenges").select(["deadline", "title"]).where("id", "=", d.id).executeTakeFirstOrThrow();
    const at = new Date(Date.parse(deadline!) - 3 * DAY);
    await runReminders(db, at);
    const server = await deliverAll(db, at);
    for (const email of [EMAILS.bidderA, EMAILS.bidderB]) {
      const m = server.messages.filter(to(email)).find((x) => x.subject?.endsWith(`榜单“${title}”揭榜将于 3 天后截止`));
      expect(m, email).toBeDefined();
      expect(m!.text).toContain(`截止时间：${formatDateTime(deadline!)}（北京时间）`);
      expect(m!.text).toContain(`${ORIGIN}/challenges/${d.id}`);
    }
  });

  it("never mails a bidder what only the other bidder may read (报价, 技术方案)", async () => {
    const db = await demoDb();
    await driveTo(db, "selected");
    const server = await deliverAll(db);
    const toA = server.messages.filter(to(EMAILS.bidderA));
    const toB = server.messages.filter(to(EMAILS.bidderB));
    expect(toB.some((m) => m.subject?.includes("未中选")), "the losing bidder is told by mail").toBe(true);
    expect(toA.some((m) => m.subject?.includes("中选")), "the winner is told by mail").toBe(true);
    const raw = (ms: ParsedMail[]) => ms.map((m) => `${m.subject}\n${m.text}\n${m.html}`).join("\n");
    for (const leak of [BID_A.marker, BID_A.priceWan, "3141.59", "31.42"]) expect(raw(toB)).not.toContain(leak);
    for (const leak of [BID_B.marker, BID_B.priceWan, "2718.28", "27.18"]) expect(raw(toA)).not.toContain(leak);
  });

  it("files every notice kind a whole round writes under a category the preferences page offers", async () => {
    const db = await freshDb({ demo: true });
    await driveTo(db, "closed");
    const kinds = (await db.selectFrom("notifications").select("kind").distinct().execute()).map((k) => k.kind);
    const offered = new Set(noticeCategories.flatMap((c) => c.kinds as readonly string[]));
    expect(kinds.filter((k) => !offered.has(k))).toEqual([]);
  });
});
