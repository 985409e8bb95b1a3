import { randomUUID } from "node:crypto";
import { databaseState } from "../../db/client.server";
import { runReminders } from "../models/notice";
import { getDb } from "../utils/db.server";
import { clock } from "../utils/time";

/** One loop per process, even when the server build is loaded again (remix dev). */
const STARTED = Symbol.for("techmatch.scheduler");
const INTERVAL_MS = 60_000;

/**
 * Creates reminders on time (deadlines, milestones, 回访) from the server process, once a minute.
 * Several processes may run this: the job is claimed through the database (notice/reminders.server.ts).
 * This loop only supplies the real clock; a failing run is logged with its cause and retried on
 * the next tick, never crashing the server.
 */
export function startScheduler(): void {
  const state = globalThis as { [STARTED]?: boolean };
  if (state[STARTED]) return;
  state[STARTED] = true;
  const holder = `${process.pid}-${randomUUID()}`;
  const tick = async () => {
    try {
      const db = getDb();
      // A read-only database (maintenance) cannot take reminders; the next writable tick catches up.
      if (databaseState(db).mode !== "readonly") await runReminders(db, clock.now(), holder);
    } catch (e) {
      const code = (e as { code?: string }).code;
      console.error(`提醒调度失败${code ? `（${code}）` : ""}，下一分钟重试：`, e);
    }
    setTimeout(tick, INTERVAL_MS).unref();
  };
  setTimeout(tick, 0).unref();
}
