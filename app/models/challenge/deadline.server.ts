import type { Kysely } from "kysely";
import type { DB } from "../../../db/client.server";
import type { Database } from "../../../db/schema";
import { clock, formatDateTime } from "../../utils/time";
import { transitionChallenge } from "./challenge.server";
import { InvalidInputError } from "../../utils/errors";
import type { CurrentUser } from "../shared";

/**
 * The bureau changes a published 榜单's 揭榜截止 (issue 13 §4): extend it while bidding is open, or
 * close bidding early. A closed round is never re-opened. Bids keep their state either way. The
 * deadline is public, so the new date and the reason are on the public timeline; every bidding
 * organisation's members and every follower get one notice each.
 */
export interface DeadlineChange {
  reason: string;
  /** The version the officer's form was built from: of two officers acting at once, one wins. */
  version: number;
}

/** `deadline` is an ISO instant (the end of a 北京时间 day, see endOfBeijingDay). */
export async function extendDeadline(
  db: DB,
  officer: CurrentUser,
  id: number,
  input: DeadlineChange & { deadline: string },
  now = clock.now(),
): Promise<void> {
  if (input.deadline <= now.toISOString()) throw new InvalidInputError({ deadline: ["新的截止日期不能早于今天"] });
  const text = `揭榜截止延长至 ${formatDateTime(input.deadline)}（北京时间）。理由：${input.reason}`;
  await transitionChallenge(db, officer, id, {
    action: "extend_deadline",
    reason: text,
    now,
    expectedVersion: input.version,
    guard: (row) => {
      if (row.deadline != null && input.deadline <= row.deadline) {
        throw new InvalidInputError({ deadline: [`新的截止日期须晚于现在的截止时间 ${formatDateTime(row.deadline)}`] });
      }
    },
    set: { deadline: input.deadline },
    notify: { event: "challenge.extend_deadline", context: () => ({ reason: text }) },
  });
}

/** Bidding ends now: the 榜单 is 评审中 exactly as if its deadline had passed. */
export async function closeBidding(db: DB, officer: CurrentUser, id: number, input: DeadlineChange, now = clock.now()): Promise<void> {
  const text = `区科技局于 ${formatDateTime(now.toISOString())}（北京时间）提前截止揭榜。理由：${input.reason}`;
  await transitionChallenge(db, officer, id, {
    action: "close_bidding",
    to: "evaluating",
    reason: text,
    now,
    expectedVersion: input.version,
    set: { deadline: now.toISOString() },
    notify: { event: "challenge.close_bidding", context: () => ({ reason: text }) },
  });
}

/** Whether bidding on this 榜单 was closed early by the bureau (the bid form says so). */
export async function wasClosedEarly(db: Kysely<Database>, challengeId: number): Promise<boolean> {
  const row = await db
    .selectFrom("audit_events")
    .select("id")
    .where("entity", "=", "challenge")
    .where("entity_id", "=", challengeId)
    .where("action", "=", "close_bidding")
    .executeTakeFirst();
  return row != null;
}
