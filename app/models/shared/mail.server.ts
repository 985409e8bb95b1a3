import os from "node:os";
import { randomBytes } from "node:crypto";
import type { ExpressionBuilder, Kysely } from "kysely";
import type { Transporter } from "nodemailer";
import { lockSkippingLocked } from "../../../db/claims";
import type { Database } from "../../../db/schema";
import { nowIso, clock } from "../../utils/time";

type Tx = Kysely<Database>;

export interface MailAttachment {
  filename: string;
  contentType: string;
  /** Text content (an .ics calendar file, a CSV). */
  content: string;
}

export interface OutgoingMail {
  to: string;
  /** The account it is for, when there is one (preferences, unsubscribe). */
  userId?: number | null;
  /** What it is about: a notice kind, or account mail such as "password_reset". */
  kind: string;
  subject: string;
  text: string;
  html?: string | null;
  attachments?: MailAttachment[];
  /** Extra headers, e.g. List-Unsubscribe (RFC 2369) and List-Unsubscribe-Post (RFC 8058). */
  headers?: Record<string, string>;
}

/**
 * Queue an e-mail in the caller's transaction: it leaves only if the change it reports commits,
 * and it is sent later by `deliverMail` (never on the request path, so a slow or absent mail
 * server neither slows nor fails anyone's action).
 */
export async function queueMail(trx: Tx, m: OutgoingMail, now = clock.now()): Promise<number> {
  const { id } = await trx
    .insertInto("mail_outbox")
    .values({
      to_address: m.to,
      user_id: m.userId ?? null,
      kind: m.kind,
      subject: m.subject,
      text_body: m.text,
      html_body: m.html ?? null,
      attachments: m.attachments?.length ? JSON.stringify(m.attachments) : null,
      headers: m.headers && Object.keys(m.headers).length ? JSON.stringify(m.headers) : null,
      created_at: now.toISOString(),
      next_attempt_at: now.toISOString(),
      claimed_by: null,
      claimed_until: null,
      sent_at: null,
      failed_at: null,
      last_error: null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return id;
}

/** After this many failed attempts a mail is given up (failed_at) and shown to the bureau. */
export const MAX_ATTEMPTS = 8;
/** A claim longer than any send (the transport's own timeouts are shorter), so a dead process's rows come back. */
const CLAIM_MS = 2 * 60_000;

/** 1, 2, 4 … minutes after each failure, at most 6 hours. */
export function retryDelayMs(attempts: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 6 * 3600_000);
}

/** This process's name in claims: host, pid and a random part (two processes on one host differ). */
export const WORKER = `${os.hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;

/**
 * Send what is due: claim up to `batch` rows (one UPDATE, so two senders never claim the same row),
 * send each, and record the outcome on rows still claimed by this worker. Returns how many were
 * sent. A failure is kept on the row (attempts, last_error, next_attempt_at) and logged with its cause.
 */
export async function deliverMail(db: Tx, transport: Transporter, from: string, now = clock.now(), { worker = WORKER, batch = 20 } = {}): Promise<number> {
  const at = now.toISOString();
  const claimable = (w: ExpressionBuilder<Database, "mail_outbox">) =>
    w.and([w("sent_at", "is", null), w("failed_at", "is", null), w("next_attempt_at", "<=", at), w.or([w("claimed_until", "is", null), w("claimed_until", "<=", at)])]);
  const claimed = await db
    .updateTable("mail_outbox")
    .set({ claimed_by: worker, claimed_until: new Date(now.getTime() + CLAIM_MS).toISOString() })
    .where("id", "in", (eb) => lockSkippingLocked(db, eb.selectFrom("mail_outbox").select("id").where(claimable).orderBy("id").limit(batch)))
    // Again on the row written: on PostgreSQL a row another sender claimed after this statement's
    // snapshot is re-read at its latest version here, and left to that sender (db/claims.ts).
    .where(claimable)
    .returningAll()
    .execute();
  let sent = 0;
  for (const m of claimed.sort((a, b) => a.id - b.id)) {
    const mine = db.updateTable("mail_outbox").where("id", "=", m.id).where("claimed_by", "=", worker);
    try {
      await transport.sendMail({
        from,
        to: m.to_address,
        subject: m.subject,
        text: m.text_body,
        html: m.html_body ?? undefined,
        attachments: m.attachments ? (JSON.parse(m.attachments) as MailAttachment[]) : undefined,
        headers: m.headers ? (JSON.parse(m.headers) as Record<string, string>) : undefined,
      });
      await mine.set({ sent_at: nowIso(), claimed_by: null, claimed_until: null, last_error: null }).execute();
      sent++;
    } catch (e) {
      const attempts = m.attempts + 1;
      const cause = e instanceof Error ? `${(e as NodeJS.ErrnoException).code ?? e.name}: ${e.message}` : String(e);
      const gaveUp = attempts >= MAX_ATTEMPTS;
      console.error(`[mail] sending #${m.id} (${m.kind}) failed, attempt ${attempts}${gaveUp ? ", giving up" : ""}: ${cause}`);
      await mine
        .set({
          attempts,
          last_error: cause.slice(0, 500),
          next_attempt_at: new Date(now.getTime() + retryDelayMs(attempts)).toISOString(),
          failed_at: gaveUp ? at : null,
          claimed_by: null,
          claimed_until: null,
        })
        .execute();
    }
  }
  return sent;
}

/** What the bureau sees about mail: whether it can leave at all, and what waits or failed. */
export async function mailStatus(db: Tx, configured: boolean) {
  const row = await db
    .selectFrom("mail_outbox")
    .select((eb) => [
      eb.fn.sum<number>(eb.case().when(eb.and([eb("sent_at", "is", null), eb("failed_at", "is", null)])).then(1).else(0).end()).as("waiting"),
      eb.fn.sum<number>(eb.case().when("failed_at", "is not", null).then(1).else(0).end()).as("failed"),
    ])
    .executeTakeFirstOrThrow();
  return { configured, waiting: Number(row.waiting ?? 0), failed: Number(row.failed ?? 0) };
}
