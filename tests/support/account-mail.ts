/**
 * Account mail in tests: deliver the outbox to a REAL SMTP server on loopback and read the link a
 * person would click from what arrived.
 */
import { afterEach, expect } from "vitest";
import type { ParsedMail } from "mailparser";
import type { DB } from "../../db/client.server";
import { deliverMail } from "../../app/models/shared/mail.server";
import { mailTransport } from "../../app/web/mail-sender.server";
import { startSmtp, type TestSmtp } from "./smtp";

export const FROM = '"利州技术转移对接平台" <noreply@localhost>';

const servers: TestSmtp[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

export async function smtpServer(): Promise<TestSmtp> {
  const s = await startSmtp();
  servers.push(s);
  return s;
}

export function recipient(m: ParsedMail): string {
  const to = Array.isArray(m.to) ? m.to[0] : m.to;
  return to?.value[0]?.address ?? "";
}

/** Send what the outbox holds now (the server's sender would, within seconds) and wait for `to`'s mail about `subject`. */
export async function mailFor(db: DB, smtp: TestSmtp, to: string, subject: string, now = new Date()): Promise<ParsedMail> {
  await deliverMail(db, mailTransport(smtp.url)!, FROM, now);
  return smtp.next((m) => recipient(m) === to && (m.subject ?? "").includes(subject));
}

/** The one absolute link in the mail, the same in its text and HTML parts; returned as a site path. */
export function linkIn(m: ParsedMail): { url: string; path: string } {
  const links = [...(m.text ?? "").matchAll(/https?:\/\/\S+\?token=[A-Za-z0-9_-]+/g)].map((x) => x[0]);
  expect(new Set(links).size).toBe(1);
  expect(m.html || "").toContain(`href="${links[0]}"`);
  const u = new URL(links[0]);
  return { url: links[0], path: u.pathname + u.search };
}
