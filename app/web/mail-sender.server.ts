import nodemailer, { type Transporter } from "nodemailer";
import { deliverMail } from "../models/shared";
import { queueDigests } from "../models/notice";
import { getDb } from "../utils/db.server";
import { env } from "../utils/env.server";

/** One loop per process, even when the server build is loaded again (remix dev). */
const STARTED = Symbol.for("techmatch.mailSender");

/**
 * The SMTP transport from SMTP_URL, or null when mail is not configured (it then waits in the
 * outbox and the bureau is told). Short timeouts: a hung mail server costs one attempt, not the loop.
 */
export function mailTransport(url = env.SMTP_URL): Transporter | null {
  if (!url) return null;
  return nodemailer.createTransport({ url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 });
}

/** How often the loop looks for a day whose digests are not yet queued. */
const DIGEST_EVERY_MS = 60_000;

/**
 * Deliver the outbox off the request path: every few seconds, or straight on while a batch was
 * full; about once a minute, first queue yesterday's daily digests. Several processes may run it;
 * deliverMail's claims keep each mail to one sender, digest_runs each digest to one queuer.
 */
export function startMailSender(): void {
  const state = globalThis as { [STARTED]?: boolean };
  if (state[STARTED]) return;
  state[STARTED] = true;
  const transport = mailTransport();
  if (!transport) {
    console.warn("[mail] SMTP_URL is not set: e-mail waits in the outbox (mail_outbox) until it is configured.");
    return;
  }
  let digestsAt = 0;
  const tick = async () => {
    let sent = 0;
    try {
      if (Date.now() - digestsAt >= DIGEST_EVERY_MS) {
        digestsAt = Date.now();
        await queueDigests(getDb());
      }
      sent = await deliverMail(getDb(), transport, env.MAIL_FROM);
    } catch (e) {
      // Send failures are recorded per mail; this is the database failing.
      console.error("[mail] outbox unavailable, will retry:", e);
    }
    setTimeout(tick, sent > 0 ? 0 : 5000).unref();
  };
  setTimeout(tick, 0).unref();
}
