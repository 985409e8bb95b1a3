import { describe, expect, it } from "vitest";
import { answerMeetingRequest, listRequests, sendMeetingRequest, setUnavailable } from "../../app/models/event/request.server";
import { agendaIcs, editMeeting, generateSchedule, getAgenda, listUnplaced, publishSchedule } from "../../app/models/event/agenda.server";
import { answerFollowUp, dueFollowUps, eventStatistics, getMeetingPage, rateMeeting } from "../../app/models/event/meeting-feedback.server";
import { runReminders } from "../../app/models/notice/reminders.server";
import { listParticipants, registerForEvent, reviewParticipant } from "../../app/models/event/event.server";
import { DomainError } from "../../app/utils/errors";
import { eventSchema, registrationSchema } from "../../app/schemas/event";
import { ledgerTotals, registerContract } from "../../app/models/contract/contract.server";
import { bureauActor, contractInput } from "../support/contracts";
import { beijingDate, monthsAfter } from "../../app/utils/time";
import { DEMO_NOW, freshDb } from "../support/db";
import { actor, eventForm, eventWith } from "../support/events";

const ENT = "enterprise@demo.test"; // 四川海聚环保
const SCI = "researcher@demo.test"; // 四川信息职业技术学院
const HAI = "haipeng@demo.test";

async function refused(p: Promise<unknown>): Promise<DomainError> {
  const e = await p.then(() => null, (x: unknown) => x);
  expect(e).toBeInstanceOf(DomainError);
  return e as DomainError;
}

describe("对接会 events and registration", () => {
  it("validates the event form: windows, blocks, slot length", () => {
    expect(eventSchema.safeParse(eventForm({ blocks: "09:00-12:00\n14:00-17:00" })).success).toBe(true);
    expect(eventSchema.safeParse(eventForm({ blocks: "12:00-09:00" })).success).toBe(false);
    expect(eventSchema.safeParse(eventForm({ blocks: "09:00-11:00, 10:00-12:00" })).success).toBe(false);
    expect(eventSchema.safeParse(eventForm({ slotMinutes: "25" })).success).toBe(false);
    expect(eventSchema.safeParse(eventForm({ registrationCloses: "2099-01-01" })).success).toBe(false);
    expect(registrationSchema.safeParse({ representatives: [{ name: "王工", title: "总工程师" }, { name: "", title: "" }] }).data).toEqual([{ name: "王工", title: "总工程师" }]);
    expect(registrationSchema.safeParse({ representatives: [{ name: "", title: "" }] }).success).toBe(false);
  });

  it("registers an organisation once, lets the bureau validate or refuse with a reason, and lists offers and requests", async () => {
    const db = await freshDb({ demo: true });
    const { eventId, bureau } = await eventWith(db, [HAI]);
    const sci = await actor(db, SCI);
    const pid = await registerForEvent(db, sci, eventId, [{ name: "李老师", title: "教授" }]);
    expect((await refused(registerForEvent(db, sci, eventId, [{ name: "李老师", title: "教授" }]))).status).toBe(409);
    expect((await refused(reviewParticipant(db, sci, eventId, pid, { intent: "validate" }))).status).toBe(403);
    await reviewParticipant(db, bureau, eventId, pid, { intent: "refuse", reason: "与本场主题不符" });
    expect((await refused(reviewParticipant(db, bureau, eventId, pid, { intent: "validate" }))).status).toBe(409);
    const pub = await listParticipants(db, eventId, null);
    expect(pub.map((p) => p.org_name)).toEqual(["广元市海鹏生物科技有限公司"]);
    expect(pub[0].representatives).toEqual([]); // names of people are for participants and the bureau
    expect(pub[0].requests.length).toBeGreaterThan(0); // its open 榜单
    const all = await listParticipants(db, eventId, bureau, { all: true });
    expect(all.find((p) => p.id === pid)?.status_reason).toBe("与本场主题不符");
  });

  it("the bureau checks a confirmed participant in once; a pending one cannot be", async () => {
    const db = await freshDb({ demo: true });
    const { eventId, bureau, parts } = await eventWith(db, [HAI]);
    const pid = parts[HAI].participantId;
    await reviewParticipant(db, bureau, eventId, pid, { intent: "check_in" });
    expect((await refused(reviewParticipant(db, bureau, eventId, pid, { intent: "check_in" }))).status).toBe(409);
    const pending = await registerForEvent(db, await actor(db, SCI), eventId, [{ name: "李老师", title: "教授" }]);
    expect((await refused(reviewParticipant(db, bureau, eventId, pending, { intent: "check_in" }))).status).toBe(409);
    expect((await refused(reviewParticipant(db, parts[HAI].user, eventId, pid, { intent: "check_in" }))).status).toBe(403);
  });

  it("refuses registration outside the window and by unverified organisations", async () => {
    const db = await freshDb({ demo: true });
    const { eventId } = await eventWith(db, [], { registrationOpens: "2020-01-01", registrationCloses: "2020-01-02", bookingOpens: "2020-01-01", bookingCloses: "2020-01-02" });
    expect((await refused(registerForEvent(db, await actor(db, ENT), eventId, [{ name: "王工", title: "总工" }]))).status).toBe(409);
    expect((await refused(registerForEvent(db, await actor(db, "pending@demo.test"), eventId, [{ name: "王工", title: "总工" }]))).status).toBe(403);
  });
});

describe("meeting requests", () => {
  it("sends, refuses a duplicate, accepts; only the recipient answers; the sender withdraws", async () => {
    const db = await freshDb({ demo: true });
    const { eventId, parts } = await eventWith(db, [ENT, SCI, HAI]);
    const ent = parts[ENT];
    const sci = parts[SCI];
    const rid = await sendMeetingRequest(db, ent.user, eventId, { toParticipantId: sci.participantId, message: "想了解高盐废水处理成果" });
    expect((await refused(sendMeetingRequest(db, sci.user, eventId, { toParticipantId: ent.participantId, message: "反向再约" }))).status).toBe(409);
    expect((await refused(sendMeetingRequest(db, ent.user, eventId, { toParticipantId: ent.participantId, message: "自己" }))).status).toBe(400);
    // The sender cannot accept its own request; a third party cannot see it at all.
    expect((await refused(answerMeetingRequest(db, ent.user, eventId, rid, { intent: "accept" }))).status).toBe(404);
    expect((await refused(answerMeetingRequest(db, parts[HAI].user, eventId, rid, { intent: "decline", reason: "不感兴趣" }))).status).toBe(404);
    expect(await listRequests(db, parts[HAI].user, eventId)).toEqual([]);
    await answerMeetingRequest(db, sci.user, eventId, rid, { intent: "accept" });
    expect((await refused(answerMeetingRequest(db, sci.user, eventId, rid, { intent: "decline", reason: "改主意" }))).status).toBe(409);
    const r2 = await sendMeetingRequest(db, parts[HAI].user, eventId, { toParticipantId: sci.participantId, message: "肝素钠提取合作" });
    await answerMeetingRequest(db, parts[HAI].user, eventId, r2, { intent: "withdraw" });
    expect((await listRequests(db, sci.user, eventId)).map((r) => r.status).sort()).toEqual(["accepted", "withdrawn"]);
  });

  it("expires an unanswered request lazily, after which it cannot be answered and may be sent again", async () => {
    const db = await freshDb({ demo: true });
    const { eventId, parts } = await eventWith(db, [ENT, SCI], { requestExpiryHours: "1" });
    const sent = new Date();
    const rid = await sendMeetingRequest(db, parts[ENT].user, eventId, { toParticipantId: parts[SCI].participantId, message: "约谈" }, sent);
    const later = new Date(sent.getTime() + 3_601_000);
    expect((await listRequests(db, parts[SCI].user, eventId, later))[0].status).toBe("expired");
    expect((await listRequests(db, parts[SCI].user, eventId, sent))[0].status).toBe("pending");
    const e = await refused(answerMeetingRequest(db, parts[SCI].user, eventId, rid, { intent: "accept" }, later));
    expect(e.message).toContain("过期");
  });
});

describe("agenda, ratings and follow-ups", () => {
  async function published() {
    const db = await freshDb({ demo: true });
    const ctx = await eventWith(db, [ENT, SCI, HAI]);
    const { eventId, parts, bureau } = ctx;
    const rid = await sendMeetingRequest(db, parts[ENT].user, eventId, { toParticipantId: parts[SCI].participantId, message: "约谈" });
    await answerMeetingRequest(db, parts[SCI].user, eventId, rid, { intent: "accept" });
    await setUnavailable(db, parts[HAI].user, eventId, [20]);
    await generateSchedule(db, bureau, eventId);
    return { db, ...ctx };
  }

  it("places the accepted request, keeps the agenda private until published, and writes a valid .ics", async () => {
    const { db, eventId, parts, bureau } = await published();
    const all = await getAgenda(db, bureau, eventId, { kind: "event" });
    const req = all.meetings.find((m) => m.source === "request")!;
    expect([req.a_participant_id, req.b_participant_id].sort()).toEqual([parts[ENT].participantId, parts[SCI].participantId].sort());
    expect(all.meetings.every((m) => m.start_min !== 20 || ![m.a_participant_id, m.b_participant_id].includes(parts[HAI].participantId))).toBe(true);
    expect((await refused(getAgenda(db, parts[ENT].user, eventId, { kind: "own" }))).status).toBe(404);
    await publishSchedule(db, bureau, eventId, "preliminary");
    const own = await getAgenda(db, parts[ENT].user, eventId, { kind: "own" });
    expect(own.meetings.some((m) => m.id === req.id)).toBe(true);
    const ics = await agendaIcs(db, parts[ENT].user, eventId);
    expect(ics.body).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(ics.body).toContain(`UID:event-${eventId}-meeting-${req.id}@techmatch.lizhou`);
    expect(ics.body).toContain("STATUS:TENTATIVE");
    for (const line of ics.body.split("\r\n")) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(ics.body.replace(/\r\n/g, "")).not.toContain("\n");
    // Three participants, three slots: both pairs fit, nothing is left out.
    expect(await listUnplaced(db, eventId)).toEqual([]);
  });

  it("leaves out a pair that has no common free slot, says why, and never places it", async () => {
    const db = await freshDb({ demo: true });
    const { eventId, parts, bureau } = await eventWith(db, [ENT, SCI]);
    const rid = await sendMeetingRequest(db, parts[ENT].user, eventId, { toParticipantId: parts[SCI].participantId, message: "约谈" });
    await answerMeetingRequest(db, parts[SCI].user, eventId, rid, { intent: "accept" });
    await setUnavailable(db, parts[SCI].user, eventId, [0, 20, 40]); // every slot of the one-hour block
    await generateSchedule(db, bureau, eventId);
    const all = await getAgenda(db, bureau, eventId, { kind: "event" });
    const unplaced = await listUnplaced(db, eventId);
    expect(unplaced.map((u) => [u.a_participant_id, u.b_participant_id].sort())).toEqual([[parts[ENT].participantId, parts[SCI].participantId].sort()]);
    expect(unplaced[0].reason.trim()).not.toBe("");
    expect(all.meetings).toEqual([]);
  });

  it("the whole agenda tells a third participant who meets whom, not why (a request, a score) or why a meeting was cancelled", async () => {
    const { db, eventId, parts, bureau } = await published();
    await publishSchedule(db, bureau, eventId, "preliminary");
    const { meetings } = await getAgenda(db, parts[HAI].user, eventId, { kind: "event" });
    const others = meetings.filter((m) => ![m.a_participant_id, m.b_participant_id].includes(parts[HAI].participantId));
    expect(others.length).toBeGreaterThan(0);
    for (const m of others) expect(m).toMatchObject({ source: null, score: null, cancel_reason: null });
    const req = (await getAgenda(db, parts[ENT].user, eventId, { kind: "event" })).meetings.find((m) => m.source === "request");
    expect(req).toBeDefined(); // its own sides still see it
  });

  it("hand edits are checked: no double-booked table or participant", async () => {
    const { db, eventId, parts, bureau } = await published();
    const { meetings } = await getAgenda(db, bureau, eventId, { kind: "event" });
    const [m1] = meetings;
    const e1 = await refused(editMeeting(db, bureau, eventId, m1.id, { intent: "move", slot: 7, table: 1 }));
    expect(e1.status).toBe(400);
    const e2 = await refused(editMeeting(db, bureau, eventId, m1.id, { intent: "move", slot: m1.start_min, table: 99 }));
    expect(e2.status).toBe(400);
    // Another meeting may not take m1's table in m1's slot.
    expect(meetings.length).toBeGreaterThan(1);
    const e3 = await refused(editMeeting(db, bureau, eventId, meetings[1].id, { intent: "move", slot: m1.start_min, table: m1.table_no }));
    expect(e3.message).toContain(`第 ${m1.table_no} 桌已有会谈`);
    // Which pairs the matching engine suggests may change: free m1's two sides in the target slot, then move it there.
    const sides = (m: (typeof meetings)[number]) => [m.a_participant_id, m.b_participant_id];
    const slot = [0, 20, 40].find((t) => t !== m1.start_min && !(t === 20 && sides(m1).includes(parts[HAI].participantId)))!;
    for (const m of meetings.filter((m) => m.id !== m1.id && m.start_min === slot && sides(m).some((p) => sides(m1).includes(p)))) {
      expect((await refused(editMeeting(db, bureau, eventId, m1.id, { intent: "move", slot, table: 4 }))).message).toContain("有一方已有其他会谈");
      await editMeeting(db, bureau, eventId, m.id, { intent: "cancel", reason: "为调整让出时段" });
    }
    await editMeeting(db, bureau, eventId, m1.id, { intent: "move", slot, table: 4 });
    await editMeeting(db, bureau, eventId, m1.id, { intent: "cancel", reason: "一方临时有事" });
    expect((await refused(editMeeting(db, bureau, eventId, m1.id, { intent: "cancel", reason: "再次" }))).status).toBe(409);
  });

  it("both sides rate after the final agenda; a yes follow-up records the 登记号; statistics count it", async () => {
    const { db, eventId, parts, bureau } = await published();
    const { meetings } = await getAgenda(db, bureau, eventId, { kind: "event" });
    const req = meetings.find((m) => m.source === "request")!;
    expect((await refused(rateMeeting(db, parts[ENT].user, eventId, req.id, { rating: "potential", note: null }))).status).toBe(404);
    await publishSchedule(db, bureau, eventId, "final");
    const during = new Date(Date.parse(req.startsAt) + 60_000);
    const before = new Date(Date.parse(req.startsAt) - 60_000);
    expect((await refused(rateMeeting(db, parts[ENT].user, eventId, req.id, { rating: "potential", note: null }, before))).status).toBe(409);
    await rateMeeting(db, parts[ENT].user, eventId, req.id, { rating: "potential", note: "下周去学校看中试线" }, during);
    await rateMeeting(db, parts[SCI].user, eventId, req.id, { rating: "useful_no_deal", note: null }, during);
    expect((await refused(rateMeeting(db, parts[HAI].user, eventId, req.id, { rating: "potential", note: null }, during))).status).toBe(404);
    expect((await refused(answerFollowUp(db, parts[ENT].user, eventId, req.id, { answer: "no", note: null }, during))).message).toContain("还没到回访时间");
    await answerFollowUp(db, parts[ENT].user, eventId, req.id, { answer: "yes", regNo: "5108020026000123", note: null }, during);
    const page = await getMeetingPage(db, parts[ENT].user, eventId, req.id, during);
    expect(page.followUps).toMatchObject([{ months: 1, answer: "yes", reg_no: "5108020026000123", contract_id: null }]);
    expect(page.ratings).toHaveLength(1); // each side sees its own rating
    expect(page.followUp).toBeNull();
    const stats = await eventStatistics(db, bureau, eventId, during);
    expect(stats.registrations.validated).toBe(3);
    expect(stats.requests.accepted).toBe(1);
    expect(stats.meetings.held).toBe(1);
    expect(stats.ratings).toMatchObject({ potential: 1, useful_no_deal: 1 });
    expect(stats.contracts.registrationNumbers).toBe(1);
    expect(stats.attributedAmountFen).toBe(0); // that 登记号 is not registered on the platform
  });

  it("a yes follow-up links the contract between the two who met and credits the event; one registered later picks up the waiting follow-up; anyone else's 登记号 links nothing", async () => {
    const { db, eventId, parts, bureau } = await published();
    const { meetings } = await getAgenda(db, bureau, eventId, { kind: "event" });
    const side = (participantId: number) => Object.values(parts).find((p) => p.participantId === participantId)!;
    const req = meetings.find((m) => m.source === "request")!;
    const other = meetings.find((m) => m.id !== req.id)!;
    await publishSchedule(db, bureau, eventId, "final");
    const after = new Date(Math.max(Date.parse(req.startsAt), Date.parse(other.startsAt)) + 3_600_000);
    const officer = await bureauActor(db);
    const meetingOrigin = async () => (await ledgerTotals(db, { origin: "meeting" })).techFen;
    const between = (regNo: string, m: typeof req) =>
      contractInput({ regNo, sellerOrgId: String(side(m.b_participant_id).user.orgId), buyerOrgId: String(side(m.a_participant_id).user.orgId) });
    const before = await meetingOrigin();

    // Someone else's contract: the answer is kept, the ledger is not touched.
    const stranger = await registerContract(db, officer, contractInput({ regNo: "2024510802777100" }));
    await answerFollowUp(db, parts[ENT].user, eventId, req.id, { answer: "yes", regNo: "2024510802777100", note: null }, after);
    expect(await db.selectFrom("contracts").select("origin_kind").where("id", "=", stranger).executeTakeFirstOrThrow()).toEqual({ origin_kind: "none" });
    expect(await db.selectFrom("meeting_followups").select("contract_id").where("meeting_id", "=", req.id).executeTakeFirstOrThrow()).toEqual({ contract_id: null });
    expect(await meetingOrigin()).toBe(before);

    const id = await registerContract(db, officer, between("2024510802777101", req));
    await answerFollowUp(db, side(req.b_participant_id).user, eventId, req.id, { answer: "yes", regNo: "2024510802777101", note: null }, after);
    const linked = await db.selectFrom("contracts").select(["origin_kind", "origin_meeting_id", "tech_fen"]).where("id", "=", id).executeTakeFirstOrThrow();
    expect(linked).toMatchObject({ origin_kind: "meeting", origin_meeting_id: req.id });
    expect(await meetingOrigin()).toBe(before + linked.tech_fen);
    expect((await eventStatistics(db, bureau, eventId, after)).attributedAmountFen).toBe(linked.tech_fen);
    const history = await db.selectFrom("contract_revisions").select("reason").where("contract_id", "=", id).orderBy("id").execute();
    expect(history.at(-1)!.reason).toContain(`会谈 #${req.id}`);

    await answerFollowUp(db, side(other.a_participant_id).user, eventId, other.id, { answer: "yes", regNo: "2024510802777102", note: null }, after);
    const later = await registerContract(db, officer, between("2024510802777102", other));
    const f = await db.selectFrom("meeting_followups").select("contract_id").where("meeting_id", "=", other.id).executeTakeFirstOrThrow();
    expect(f.contract_id).toBe(later);
    expect((await eventStatistics(db, bureau, eventId, after)).contracts.linked).toBe(2);
  });

  it("asks at 1, 3 and 6 months, through the scheduler, once per checkpoint", async () => {
    const { db, eventId, parts, bureau } = await published();
    await publishSchedule(db, bureau, eventId, "final");
    const { meetings } = await getAgenda(db, bureau, eventId, { kind: "event" });
    const req = meetings.find((m) => m.source === "request")!;
    const entUser = parts[ENT].user.id;
    expect(await dueFollowUps(db, entUser)).toEqual([]);
    const month1 = new Date(Date.now() + 32 * 86_400_000);
    const due = await dueFollowUps(db, entUser, month1);
    expect(due.find((d) => d.meetingId === req.id)?.months).toBe(1);
    await runReminders(db, month1);
    await runReminders(db, month1);
    const notes = await db.selectFrom("notifications").select("title").where("user_id", "=", entUser).where("kind", "=", "meeting_follow_up").execute();
    expect(notes.length).toBe(due.length);
    await answerFollowUp(db, parts[ENT].user, eventId, req.id, { answer: "no", note: "还在谈" }, month1);
    expect((await dueFollowUps(db, entUser, month1)).some((d) => d.meetingId === req.id)).toBe(false);
    const month3 = new Date(Date.now() + 95 * 86_400_000);
    expect((await dueFollowUps(db, entUser, month3)).find((d) => d.meetingId === req.id)?.months).toBe(3);
  });

  it("asks from 00:00 北京时间 a month after the event, also when that month is only 28 days and UTC is still on the day before", async () => {
    const { db, eventId, parts, bureau } = await published();
    await publishSchedule(db, bureau, eventId, "final");
    // The event moves to 31 January of a common year: a month later is 28 February, 28 days on.
    let year = Number(beijingDate(DEMO_NOW).slice(0, 4));
    while (new Date(Date.UTC(year, 1, 29)).getUTCMonth() === 1) year++;
    const eventDate = `${year}-01-31`;
    await db.updateTable("events").set({ event_date: eventDate }).where("id", "=", eventId).execute();
    const dueAt = Date.parse(monthsAfter(eventDate, 1));
    expect(beijingDate(new Date(dueAt))).toBe(`${year}-02-28`);
    const entUser = parts[ENT].user.id;
    expect(await dueFollowUps(db, entUser, new Date(dueAt - 60_000))).toEqual([]);
    expect((await dueFollowUps(db, entUser, new Date(dueAt + 30 * 60_000))).map((d) => d.months)).toContain(1);
  });
});
