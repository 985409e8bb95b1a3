import type { DB } from "../../db/client.server";
import { createEvent, registerForEvent, reviewParticipant } from "../../app/models/event/event.server";
import { loadActor, type CurrentUser } from "../../app/models/shared/session.server";
import { eventSchema } from "../../app/schemas/event";
import { beijingDate } from "../../app/utils/time";
import { userIdByEmail } from "./lookups";

export const day = (offset: number, from = new Date()) => beijingDate(new Date(from.getTime() + offset * 86_400_000));

/** The event form as the bureau fills it in; registration and booking open from today to the event day. */
export function eventForm(over: Record<string, string> = {}): Record<string, string> {
  return {
    kind: "campus",
    title: "利州区区校合作对接会（测试）",
    eventDate: day(0),
    venue: "利州区科技局三楼会议室",
    description: "高校院所与区内企业一对一洽谈，现场对接技术需求与科技成果。",
    registrationOpens: day(0),
    registrationCloses: day(0),
    bookingOpens: day(0),
    bookingCloses: day(0),
    blocks: "00:00-01:00",
    slotMinutes: "20",
    tables: "4",
    maxMeetings: "3",
    requestExpiryHours: "48",
    ...over,
  };
}

export async function actor(db: DB, email: string): Promise<CurrentUser> {
  return loadActor(db, await userIdByEmail(db, email));
}

/** An event with the given organisations (by a member's e-mail) registered and validated. */
export async function eventWith(db: DB, emails: string[], over: Record<string, string> = {}) {
  const bureau = await actor(db, "bureau@demo.test");
  const eventId = await createEvent(db, bureau, eventSchema.parse(eventForm(over)));
  const parts: Record<string, { user: CurrentUser; participantId: number }> = {};
  for (const email of emails) {
    const user = await actor(db, email);
    const participantId = await registerForEvent(db, user, eventId, [{ name: "张代表", title: "技术总监" }]);
    await reviewParticipant(db, bureau, eventId, participantId, { intent: "validate" });
    parts[email] = { user, participantId };
  }
  return { bureau, eventId, parts };
}
