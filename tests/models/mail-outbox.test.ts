/**
 * The mail outbox against a REAL SMTP server on loopback: a mail leaves only if its transaction
 * commits, arrives as written (text, HTML, an .ics attachment), survives the mail server being
 * down (kept with backoff and the cause, sent once it is back, given up after MAX_ATTEMPTS), and
 * two senders on two real connections deliver each mail exactly once.
 */
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase, type DB } from "../../db/client.server";
import { deliverMail, mailStatus, MAX_ATTEMPTS, queueMail, retryDelayMs, type OutgoingMail } from "../../app/models/shared/mail.server";
import { mailTransport } from "../../app/web/mail-sender.server";
import { claimsAtOnce } from "../support/claims";
import { fileOf, freshDb } from "../support/db";
import { startSmtp, type TestSmtp } from "../support/smtp";

const FROM = '"利州技术转移对接平台" <noreply@localhost>';
const NOW = new Date("2030-06-03T02:00:00Z");
const at = (ms: number) => new Date(NOW.getTime() + ms);

const servers: TestSmtp[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
async function smtp(port = 0) {
  const s = await startSmtp({ port });
  servers.push(s);
  return s;
}

const mail = (n = 1, extra: Partial<OutgoingMail> = {}): OutgoingMail => ({
  to: `user${n}@example.test`,
  kind: "test",
  subject: `对接会日程确认 #${n}`,
  text: `您好，第 ${n} 封：请查看 /events/1。`,
  ...extra,
});

const rows = (db: DB) => db.selectFrom("mail_outbox").selectAll().orderBy("id").execute();

describe("mail outbox", () => {
  it("queues a mail only when the caller's transaction commits", async () => {
    const db = await freshDb();
    await expect(
      db.transaction().execute(async (trx) => {
        await queueMail(trx, mail(1), NOW);
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await rows(db)).toEqual([]);
    await db.transaction().execute((trx) => queueMail(trx, mail(2), NOW));
    expect((await rows(db)).map((r) => r.to_address)).toEqual(["user2@example.test"]);
  });

  it("delivers text, HTML and an .ics attachment through the SMTP server, once", async () => {
    const db = await freshDb();
    const server = await smtp();
    const ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nSUMMARY:企业需求对接会\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    await queueMail(db, mail(1, { html: "<p>您好，<a href=\"/events/1\">查看日程</a></p>", attachments: [{ filename: "meeting.ics", contentType: "text/calendar; charset=utf-8", content: ics }] }), NOW);
    expect(await deliverMail(db, mailTransport(server.url)!, FROM, NOW)).toBe(1);
    const m = await server.next();
    expect(m.subject).toBe("对接会日程确认 #1");
    expect(m.text?.trim()).toBe("您好，第 1 封：请查看 /events/1。");
    expect(m.html).toContain("查看日程");
    expect(m.from?.text).toContain("利州技术转移对接平台");
    expect(m.attachments.map((a) => [a.filename, a.contentType, a.content.toString("utf8")])).toEqual([["meeting.ics", "text/calendar", ics]]);
    expect((await rows(db))[0].sent_at).not.toBeNull();
    expect(await deliverMail(db, mailTransport(server.url)!, FROM, at(3600_000))).toBe(0);
    expect(server.messages).toHaveLength(1);
  });

  it("keeps a mail while the mail server is down, retries with backoff, sends it once it is back", async () => {
    const db = await freshDb();
    const probe = await startSmtp();
    const port = probe.port;
    await probe.close();
    const transport = mailTransport(`smtp://127.0.0.1:${port}`)!;
    await queueMail(db, mail(1), NOW);
    expect(await deliverMail(db, transport, FROM, NOW)).toBe(0);
    let [r] = await rows(db);
    expect([r.attempts, r.sent_at, r.failed_at]).toEqual([1, null, null]);
    expect(r.last_error).toMatch(/ECONNREFUSED/);
    expect(r.next_attempt_at).toBe(at(retryDelayMs(1)).toISOString());
    // Not yet due: nothing is tried.
    expect(await deliverMail(db, transport, FROM, at(retryDelayMs(1) - 1000))).toBe(0);
    expect((await rows(db))[0].attempts).toBe(1);
    const server = await smtp(port);
    expect(await deliverMail(db, transport, FROM, at(retryDelayMs(1)))).toBe(1);
    await server.next();
    [r] = await rows(db);
    expect([r.attempts, r.last_error, r.sent_at != null]).toEqual([1, null, true]);
    expect(server.messages).toHaveLength(1);
  });

  it("gives a mail up after MAX_ATTEMPTS and counts it for the bureau", async () => {
    const db = await freshDb();
    const probe = await startSmtp();
    await probe.close();
    await queueMail(db, mail(1), NOW);
    await db.updateTable("mail_outbox").set({ attempts: MAX_ATTEMPTS - 1 }).execute();
    await deliverMail(db, mailTransport(probe.url)!, FROM, NOW);
    const [r] = await rows(db);
    expect([r.attempts, r.failed_at]).toEqual([MAX_ATTEMPTS, NOW.toISOString()]);
    await queueMail(db, mail(2), NOW);
    expect(await mailStatus(db, false)).toEqual({ configured: false, waiting: 1, failed: 1 });
  });

  it("two senders on two real connections deliver each mail exactly once", async () => {
    const db = await freshDb();
    const other = openDatabase(await fileOf(db));
    const server = await smtp();
    for (let i = 1; i <= 30; i++) await queueMail(db, mail(i), NOW);
    const drain = async (conn: DB, worker: string) => {
      const transport = mailTransport(server.url)!;
      let total = 0;
      for (;;) {
        const n = await deliverMail(conn, transport, FROM, NOW, { worker, batch: 4 });
        if (n === 0) return total;
        total += n;
      }
    };
    const [a, b] = await Promise.all([drain(db, "process-a"), drain(other, "process-b")]);
    expect(a + b).toBe(30);
    await server.next((m) => m.subject === "对接会日程确认 #30");
    expect(server.messages.map((m) => m.subject).sort()).toEqual(Array.from({ length: 30 }, (_, i) => `对接会日程确认 #${i + 1}`).sort());
    expect((await rows(db)).every((r) => r.sent_at != null && r.claimed_by == null)).toBe(true);
    await other.destroy();
  });

  it("two senders that read the same unclaimed mail at the same moment send it once", async () => {
    const db = await freshDb();
    const other = openDatabase(await fileOf(db));
    const server = await smtp();
    try {
      for (let i = 1; i <= 6; i++) await queueMail(db, mail(i), NOW);
      const send = (conn: DB, worker: string) => deliverMail(conn, mailTransport(server.url)!, FROM, NOW, { worker, batch: 10 });
      const first = await claimsAtOnce(db, "mail_outbox", () => [send(db, "process-a"), send(other, "process-b")]);
      const rest = [await send(db, "process-a"), await send(other, "process-b")];
      expect([...first, ...rest].reduce((x, y) => x + y)).toBe(6);
      await server.next((m) => m.subject === "对接会日程确认 #6");
      expect(server.messages.map((m) => m.subject).sort()).toEqual(Array.from({ length: 6 }, (_, i) => `对接会日程确认 #${i + 1}`));
      expect((await rows(db)).every((r) => r.sent_at != null && r.claimed_by == null)).toBe(true);
    } finally {
      await other.destroy();
    }
  });
});
