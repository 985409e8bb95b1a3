/**
 * 对接会 authorisation against the REAL routes, role × action: anonymous visitors, an organisation
 * that did not register, the two sides of a meeting, a third participant, and the bureau. Forged
 * ids are 404, wrong roles 403, and hostile forms a 4xx with a Chinese message, never a 500.
 */
import { describe, expect, it } from "vitest";
import type { DB } from "../../db/client.server";
import { answerMeetingRequest, sendMeetingRequest } from "../../app/models/event/request.server";
import { generateSchedule, publishSchedule } from "../../app/models/event/agenda.server";
import { loader as statsLoader } from "../../app/routes/bureau.events.$id_.stats";
import { action as reviewAction, loader as reviewLoader } from "../../app/routes/bureau.events.$id";
import { loader as icsLoader } from "../../app/routes/events.$id_.agenda[.ics]";
import { loader as agendaLoader } from "../../app/routes/events.$id_.agenda";
import { action as editAction, loader as editLoader } from "../../app/routes/events.$id_.edit";
import { action as meetingAction, loader as meetingLoader } from "../../app/routes/events.$id_.meetings.$mid";
import { action as requestsAction, loader as requestsLoader } from "../../app/routes/events.$id_.requests/route";
import { action as scheduleAction, loader as scheduleLoader } from "../../app/routes/events.$id_.schedule";
import { action as pageAction, loader as pageLoader } from "../../app/routes/events.$id";
import { loader as listLoader } from "../../app/routes/events._index";
import { action as newAction, loader as newLoader } from "../../app/routes/events.new";
import { freshDb, userIdByEmail } from "../support/db";
import { eventForm, eventWith } from "../support/events";
import { anonymous, body, call, get, post, signedIn, type Browser } from "../support/http";

const WHO = ["anonymous", "other", "a", "b", "c", "bureau"] as const;
type Who = (typeof WHO)[number];
const EMAIL: Record<Exclude<Who, "anonymous">, string> = {
  other: "fishery@demo.test", // verified enterprise, not registered
  a: "haipeng@demo.test", // asks for the meeting
  b: "scu@demo.test", // accepts it
  c: "researcher@demo.test", // another participant, not in the pair
  bureau: "bureau@demo.test",
};

interface World {
  db: DB;
  eventId: number;
  requestId: number;
  meetingId: number;
  pid: Record<"a" | "b" | "c", number>;
  as: (w: Who) => Promise<Browser>;
}

async function world({ publish }: { publish: "none" | "final" }): Promise<World> {
  const db = await freshDb({ demo: true });
  const { eventId, parts, bureau } = await eventWith(db, [EMAIL.a, EMAIL.b, EMAIL.c]);
  const a = parts[EMAIL.a];
  const b = parts[EMAIL.b];
  const requestId = await sendMeetingRequest(db, a.user, eventId, { toParticipantId: b.participantId, message: "约谈" });
  await answerMeetingRequest(db, b.user, eventId, requestId, { intent: "accept" });
  await generateSchedule(db, bureau, eventId);
  if (publish === "final") await publishSchedule(db, bureau, eventId, "final");
  const m = await db.selectFrom("meetings").select("id").where("request_id", "=", requestId).executeTakeFirstOrThrow();
  const ids = new Map<Who, number>();
  for (const w of WHO) if (w !== "anonymous") ids.set(w, await userIdByEmail(db, EMAIL[w]));
  return {
    db,
    eventId,
    requestId,
    meetingId: m.id,
    pid: { a: a.participantId, b: b.participantId, c: parts[EMAIL.c].participantId },
    as: (w) => (w === "anonymous" ? anonymous() : signedIn(ids.get(w)!)),
  };
}

const LOGIN = 302;
type Handler = Parameters<typeof call>[0];

async function statusFor(w: World, who: Who, handler: Handler, path: string, params: Record<string, string>, form?: Record<string, string>) {
  const b = await w.as(who);
  const res = await call(handler, form ? post(path, form, b) : get(path, b), params);
  if (res.status === 302 && who === "anonymous") expect(res.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
  return res.status;
}

describe("对接会 pages: who may read what (published agenda)", () => {
  // Expected status per viewer; 302 for anonymous is the sign-in redirect.
  const reads: [string, (w: World) => [Handler, string, Record<string, string>], Record<Who, number>][] = [
    ["event list", () => [listLoader as Handler, "/events", {}], { anonymous: 200, other: 200, a: 200, b: 200, c: 200, bureau: 200 }],
    ["event page", (w) => [pageLoader as Handler, `/events/${w.eventId}`, { id: String(w.eventId) }], { anonymous: 200, other: 200, a: 200, b: 200, c: 200, bureau: 200 }],
    ["new event form", () => [newLoader as Handler, "/events/new", {}], { anonymous: LOGIN, other: 403, a: 403, b: 403, c: 403, bureau: 200 }],
    ["edit event form", (w) => [editLoader as Handler, `/events/${w.eventId}/edit`, { id: String(w.eventId) }], { anonymous: LOGIN, other: 403, a: 403, b: 403, c: 403, bureau: 200 }],
    ["registration review", (w) => [reviewLoader as Handler, `/bureau/events/${w.eventId}`, { id: String(w.eventId) }], { anonymous: LOGIN, other: 403, a: 403, b: 403, c: 403, bureau: 200 }],
    ["statistics", (w) => [statsLoader as Handler, `/bureau/events/${w.eventId}/stats`, { id: String(w.eventId) }], { anonymous: LOGIN, other: 403, a: 403, b: 403, c: 403, bureau: 200 }],
    ["requests page", (w) => [requestsLoader as Handler, `/events/${w.eventId}/requests`, { id: String(w.eventId) }], { anonymous: LOGIN, other: 403, a: 200, b: 200, c: 200, bureau: 403 }],
    ["own agenda", (w) => [agendaLoader as Handler, `/events/${w.eventId}/agenda`, { id: String(w.eventId) }], { anonymous: LOGIN, other: 404, a: 200, b: 200, c: 200, bureau: 404 }],
    ["agenda .ics", (w) => [icsLoader as Handler, `/events/${w.eventId}/agenda.ics`, { id: String(w.eventId) }], { anonymous: LOGIN, other: 404, a: 200, b: 200, c: 200, bureau: 404 }],
    ["whole-event agenda", (w) => [scheduleLoader as Handler, `/events/${w.eventId}/schedule`, { id: String(w.eventId) }], { anonymous: LOGIN, other: 404, a: 200, b: 200, c: 200, bureau: 200 }],
    ["meeting page", (w) => [meetingLoader as Handler, `/events/${w.eventId}/meetings/${w.meetingId}`, { id: String(w.eventId), mid: String(w.meetingId) }], { anonymous: LOGIN, other: 404, a: 200, b: 200, c: 404, bureau: 200 }],
  ];
  it.each(reads.map(([name, route, expected]) => [name, route, expected] as const))("%s", async (_name, route, expected) => {
    const w = await world({ publish: "final" });
    const [handler, path, params] = route(w);
    const got: Record<string, number> = {};
    for (const who of WHO) got[who] = await statusFor(w, who, handler, path, params);
    expect(got).toEqual(expected);
  });

  it("the .ics is an RFC 5545 calendar with the meeting, for the participant only", async () => {
    const w = await world({ publish: "final" });
    const res = await call(icsLoader as Handler, get(`/events/${w.eventId}/agenda.ics`, await w.as("a")), { id: String(w.eventId) });
    expect(res.headers.get("Content-Type")).toBe("text/calendar; charset=utf-8");
    const text = await res.text();
    expect(text).toContain(`UID:event-${w.eventId}-meeting-${w.meetingId}@techmatch.lizhou`);
    expect(text).toContain("STATUS:CONFIRMED");
    expect(text).toMatch(/DTSTART:\d{8}T\d{6}Z\r\n/);
  });

  it("before publication the agenda is the bureau's alone", async () => {
    const w = await world({ publish: "none" });
    for (const who of ["a", "b"] as const) {
      expect(await statusFor(w, who, agendaLoader as Handler, `/events/${w.eventId}/agenda`, { id: String(w.eventId) })).toBe(404);
      expect(await statusFor(w, who, meetingLoader as Handler, "/m", { id: String(w.eventId), mid: String(w.meetingId) })).toBe(404);
    }
    expect(await statusFor(w, "bureau", scheduleLoader as Handler, `/events/${w.eventId}/schedule`, { id: String(w.eventId) })).toBe(200);
  });

  it("forged ids are not found", async () => {
    const w = await world({ publish: "final" });
    const b = await w.as("a");
    for (const id of ["999", "abc", "1e3", "-1", "99999999999999999999"]) {
      expect((await call(pageLoader as Handler, get(`/events/${id}`, b), { id })).status).toBe(404);
    }
    for (const mid of ["999", "0", "x"]) {
      expect((await call(meetingLoader as Handler, get("/m", b), { id: String(w.eventId), mid })).status).toBe(404);
    }
    // A real meeting under another event's id.
    expect((await call(meetingLoader as Handler, get("/m", b), { id: "1", mid: String(w.meetingId) })).status).toBe(404);
  });
});

describe("对接会 actions: who may do what", () => {
  it("only the recipient answers a request; a third party or the sender gets 404, outsiders 403", async () => {
    const db = await freshDb({ demo: true });
    const { eventId, parts } = await eventWith(db, [EMAIL.a, EMAIL.b, EMAIL.c]);
    const rid = await sendMeetingRequest(db, parts[EMAIL.a].user, eventId, { toParticipantId: parts[EMAIL.b].participantId, message: "约谈" });
    const form = { intent: "accept", requestId: String(rid) };
    const params = { id: String(eventId) };
    const as = async (email: string) => signedIn(await userIdByEmail(db, email));
    expect((await call(requestsAction as Handler, post("/r", form, await as(EMAIL.c)), params)).status).toBe(404);
    expect((await call(requestsAction as Handler, post("/r", form, await as(EMAIL.a)), params)).status).toBe(404);
    expect((await call(requestsAction as Handler, post("/r", form, await as(EMAIL.other)), params)).status).toBe(403);
    expect((await call(requestsAction as Handler, post("/r", form, await as(EMAIL.bureau)), params)).status).toBe(403);
    const status = async () => (await db.selectFrom("meeting_requests").select("status").where("id", "=", rid).executeTakeFirstOrThrow()).status;
    expect(await status()).toBe("pending");
    expect((await call(requestsAction as Handler, post("/r", form, await as(EMAIL.b)), params)).status).toBe(302);
    expect(await status()).toBe("accepted");
  });

  it("only the two sides rate a meeting, only the bureau schedules, validates and creates events", async () => {
    const w = await world({ publish: "final" });
    const mp = { id: String(w.eventId), mid: String(w.meetingId) };
    const rate = { intent: "rate", rating: "potential", note: "" };
    const got: Record<string, number> = {};
    for (const who of WHO) got[who] = await statusFor(w, who, meetingAction as Handler, "/m", mp, rate);
    // The meeting starts at 00:00 北京时间 today, so it has begun for the two sides.
    expect(got).toEqual({ anonymous: LOGIN, other: 404, a: 302, b: 302, c: 404, bureau: 403 });
    const ep = { id: String(w.eventId) };
    for (const who of ["other", "a", "c"] as const) {
      expect(await statusFor(w, who, scheduleAction as Handler, "/s", ep, { intent: "generate" })).toBe(403);
      expect(await statusFor(w, who, reviewAction as Handler, "/r", ep, { intent: "validate", participantId: String(w.pid.c) })).toBe(403);
      expect(await statusFor(w, who, newAction as Handler, "/events/new", {}, eventForm())).toBe(403);
      expect(await statusFor(w, who, editAction as Handler, "/e", ep, eventForm())).toBe(403);
    }
    expect(await statusFor(w, "bureau", scheduleAction as Handler, "/s", ep, { intent: "generate" })).toBe(409); // final is final
    expect(await statusFor(w, "bureau", newAction as Handler, "/events/new", {}, eventForm())).toBe(302);
  });
});

describe("对接会: hostile input gets a 4xx with a Chinese message, never a 500", () => {
  it.each([
    ["garbage event", {}],
    ["bad blocks", { blocks: "25:00-26:00" }],
    ["overlapping blocks", { blocks: "09:00-11:00\n10:00-12:00" }],
    ["slot length", { slotMinutes: "17" }],
    ["tables", { tables: "-3" }],
    ["cap", { maxMeetings: "1e9" }],
    ["control characters", { title: "对接会\u202e测试名称" }],
    ["date", { eventDate: "2026-02-30" }],
    ["block too short for a slot", { blocks: "09:00-09:10", slotMinutes: "30" }],
  ])("new event: %s → 400", async (_n, over) => {
    const db = await freshDb({ demo: true });
    const b = await signedIn(await userIdByEmail(db, EMAIL.bureau));
    const res = await call(newAction as Handler, post("/events/new", { ...eventForm(), ...over, ...(Object.keys(over).length ? {} : { title: "", kind: "x" }) }, b));
    expect(res.status).toBe(400);
    expect((await body(res)).message).toMatch(/[\u4e00-\u9fa5]/);
    expect(await db.selectFrom("events").select("id").where("title", "=", "利州区区校合作对接会（测试）").execute()).toEqual([]);
  });

  it("requests, schedule edits, ratings and follow-ups refuse nonsense", async () => {
    const w = await world({ publish: "final" });
    const ep = { id: String(w.eventId) };
    const mp = { id: String(w.eventId), mid: String(w.meetingId) };
    const cases: [Handler, Record<string, string>, Record<string, string>, Who][] = [
      [requestsAction as Handler, ep, { intent: "request", toParticipantId: "abc", message: "你好你好" }, "a"],
      [requestsAction as Handler, ep, { intent: "request", toParticipantId: "99999", message: "你好你好" }, "a"],
      [requestsAction as Handler, ep, { intent: "request", toParticipantId: String(w.pid.c), message: "" }, "a"],
      [requestsAction as Handler, ep, { intent: "request", toParticipantId: String(w.pid.c), message: "x".repeat(600) }, "a"],
      [requestsAction as Handler, ep, { intent: "decline", requestId: String(w.requestId), reason: "" }, "b"],
      [requestsAction as Handler, ep, { intent: "explode", requestId: "1" }, "b"],
      [requestsAction as Handler, ep, { intent: "unavailable", slot: "7" }, "a"],
      [scheduleAction as Handler, ep, { intent: "move", meetingId: String(w.meetingId), slot: "99999", table: "1" }, "bureau"],
      [scheduleAction as Handler, ep, { intent: "move", meetingId: "abc", slot: "0", table: "0" }, "bureau"],
      [scheduleAction as Handler, ep, { intent: "cancel", meetingId: String(w.meetingId), reason: "" }, "bureau"],
      [meetingAction as Handler, mp, { intent: "rate", rating: "excellent" }, "a"],
      [meetingAction as Handler, mp, { intent: "follow_up", answer: "yes", regNo: "12345" }, "a"],
      [meetingAction as Handler, mp, { intent: "follow_up", answer: "yes", regNo: "<script>alert(1)</script>" }, "a"],
      [meetingAction as Handler, mp, { intent: "follow_up", answer: "maybe" }, "a"],
      [reviewAction as Handler, ep, { intent: "refuse", participantId: String(w.pid.c), reason: "" }, "bureau"],
      [reviewAction as Handler, ep, { intent: "validate", participantId: "99999" }, "bureau"],
    ];
    for (const [handler, params, form, who] of cases) {
      const res = await call(handler, post("/x", form, await w.as(who)), params);
      expect(res.status, JSON.stringify(form)).toBeGreaterThanOrEqual(400);
      expect(res.status, JSON.stringify(form)).toBeLessThan(500);
      expect((await body(res)).message, JSON.stringify(form)).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect(await w.db.selectFrom("meeting_followups").selectAll().where("meeting_id", "=", w.meetingId).execute()).toEqual([]);
  });

  it("registration refuses an empty delegation and a second registration", async () => {
    const db = await freshDb({ demo: true });
    const { eventId } = await eventWith(db, []);
    const b = await signedIn(await userIdByEmail(db, EMAIL.a));
    const p = { id: String(eventId) };
    expect((await call(pageAction as Handler, post("/e", { "representatives[0].name": "", "representatives[0].title": "" }, b), p)).status).toBe(400);
    expect((await call(pageAction as Handler, post("/e", { "representatives[0].name": "张三", "representatives[0].title": "总工" }, b), p)).status).toBe(302);
    expect((await call(pageAction as Handler, post("/e", { "representatives[0].name": "张三", "representatives[0].title": "总工" }, b), p)).status).toBe(409);
  });
});
