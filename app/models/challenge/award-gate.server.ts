import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { formatDate, lastDayOf } from "../../utils/time";

/**
 * Why a selected 榜单 may not be signed yet, or null when it may: signing waits until the 中选公示
 * period has ended with no objection pending (an upheld one has already reopened the selection).
 * A 榜单 selected before 公示 existed (migration 0015) has no notice and is not held back.
 */
export async function signingGate(db: Kysely<Database>, challengeId: number, now: Date): Promise<string | null> {
  const award = await db
    .selectFrom("award_notices")
    .select(["id", "period_ends_at"])
    .where("challenge_id", "=", challengeId)
    .where("status", "=", "published")
    .executeTakeFirst();
  if (!award) return null;
  if (now.toISOString() < award.period_ends_at) {
    return `中选公示期至 ${formatDate(lastDayOf(award.period_ends_at))}（北京时间）结束，期满且没有待处理的异议后才能登记签约。`;
  }
  const { n } = await db
    .selectFrom("award_objections")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("award_id", "=", award.id)
    .where("status", "=", "pending")
    .executeTakeFirstOrThrow();
  return Number(n) > 0 ? `中选公示有 ${Number(n)} 件异议尚待区科技局处理，处理完毕后才能登记签约。` : null;
}
