/**
 * Pages read "now" from the one clock (app/utils/time.ts): stopping it moves what a loader calls
 * today. An event five 北京 days ahead is upcoming now and past once the clock stands after it.
 */
import { afterEach, describe, expect, it } from "vitest";
import { loader as eventsLoader } from "../../app/routes/events._index";
import { beijingInstant, clock } from "../../app/utils/time";
import { freshDb } from "../support/db";
import { day, eventWith } from "../support/events";
import { body, call, get } from "../support/http";

afterEach(() => clock.reset());

describe("loaders take now from the clock", () => {
  it("the 对接会 list puts an event among the past ones once the clock stands after its day", async () => {
    const db = await freshDb({ demo: true });
    const eventDay = day(5);
    const { eventId } = await eventWith(db, [], { eventDate: eventDay, registrationCloses: eventDay, bookingCloses: eventDay });
    const ids = (rows: { id: number }[]) => rows.map((r) => r.id);

    const running = await body(await call(eventsLoader, get("/events")));
    expect(ids(running.upcoming)).toContain(eventId);
    expect(ids(running.past)).not.toContain(eventId);

    // 00:10 北京时间 on the day after the event.
    clock.set(beijingInstant(day(6), 10));
    const stopped = await body(await call(eventsLoader, get("/events")));
    expect(ids(stopped.past)).toContain(eventId);
    expect(ids(stopped.upcoming)).not.toContain(eventId);

    // On the event's own day it is still upcoming (the day turns at 北京 midnight, not UTC's).
    clock.set(beijingInstant(eventDay, 23 * 60 + 50));
    expect(ids((await body(await call(eventsLoader, get("/events")))).upcoming)).toContain(eventId);
  });
});
