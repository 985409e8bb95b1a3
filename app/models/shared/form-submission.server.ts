import { setTimeout as sleep } from "node:timers/promises";
import type { DB } from "../../../db/client.server";
import { ConflictError } from "../../utils/errors";
import { clock } from "../../utils/time";

/** Keys are kept a day: long enough for a resent form, short enough to keep the table small. */
const KEEP_MS = 24 * 3_600_000;
/**
 * How long a second submission waits for the first one to finish. The first may itself wait for
 * locks (each statement up to the database's lock budget, 5 s) behind other writers: a 5-second wait
 * answered a double-clicked contract 409 while sixteen registrations queued on the same rollup rows.
 */
const WAIT_MS = 30_000;

/**
 * Run `create` at most once for one form key of one user, and give every submission of that key
 * the first one's answer (where to go next). A double click, a resent form or the back button then
 * lead to the record already created instead of a second one. The key is claimed before `create`
 * runs, so two submissions racing on two connections still create one record; a `create` that
 * fails releases the claim, so the corrected form can be sent again with the same key.
 */
export async function once(db: DB, userId: number, formKey: string, create: () => Promise<string>, now = clock.now()): Promise<string> {
  for (;;) {
    const claimed = await db
      .insertInto("form_submissions")
      .values({ user_id: userId, form_key: formKey, created_at: now.toISOString(), result: null })
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    if (Number(claimed.numInsertedOrUpdatedRows ?? 0) > 0) break;
    const answer = await firstAnswer(db, userId, formKey);
    if (answer) return answer;
    // The first submission failed and released the key: this one tries in its place.
  }
  let result: string;
  try {
    result = await create();
  } catch (e) {
    await db.deleteFrom("form_submissions").where("user_id", "=", userId).where("form_key", "=", formKey).execute();
    throw e;
  }
  await db.updateTable("form_submissions").set({ result }).where("user_id", "=", userId).where("form_key", "=", formKey).execute();
  await db.deleteFrom("form_submissions").where("created_at", "<", new Date(now.getTime() - KEEP_MS).toISOString()).execute();
  return result;
}

/** The first submission's answer once it has one; null if it failed and released the key. */
async function firstAnswer(db: DB, userId: number, formKey: string): Promise<string | null> {
  for (let waited = 0; waited <= WAIT_MS; waited += 100) {
    const row = await db.selectFrom("form_submissions").select("result").where("user_id", "=", userId).where("form_key", "=", formKey).executeTakeFirst();
    if (!row) return null;
    if (row.result) return row.result;
    await sleep(100);
  }
  console.warn(`[form] user ${userId}: the first submission of form key ${formKey} is still unfinished after ${WAIT_MS / 1000} s; the repeat is answered 409`);
  throw new ConflictError("您刚才提交的同一份表单还在处理中，请稍后刷新页面查看结果，不要重复提交。");
}
