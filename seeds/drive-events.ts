import type { DB } from "../db/client.server";
import { answerMeetingRequest, sendMeetingRequest } from "../app/models/event/request.server";
import { generateSchedule, listMeetings, publishSchedule } from "../app/models/event/agenda.server";
import { answerFollowUp, rateMeeting } from "../app/models/event/meeting-feedback.server";
import { createEvent, loadEvent, registerForEvent, reviewParticipant } from "../app/models/event/event.server";
import type { CurrentUser } from "../app/models/shared/session.server";
import { eventSchema, registrationSchema } from "../app/schemas/event";
import { beijingDate, beijingInstant } from "../app/utils/time";
import { actorByEmail, parseSeed } from "./actors";

function eventInput(values: Record<string, string>) {
  return parseSeed(eventSchema, values, "演示对接会");
}

function reps(...people: [string, string][]) {
  return parseSeed(registrationSchema, { representatives: people.map(([name, title]) => ({ name, title })) }, "演示参会代表");
}

interface Registration {
  email: string;
  reps: [string, string][];
  decision: "validate" | "refuse" | "pending";
}

async function register(db: DB, bureau: CurrentUser, eventId: number, list: Registration[], now: Date) {
  const ids = new Map<string, { user: CurrentUser; id: number }>();
  for (const r of list) {
    const user = await actorByEmail(db, r.email);
    const id = await registerForEvent(db, user, eventId, reps(...r.reps), now);
    if (r.decision === "validate") await reviewParticipant(db, bureau, eventId, id, { intent: "validate" });
    if (r.decision === "refuse") await reviewParticipant(db, bureau, eventId, id, { intent: "refuse", reason: "本场对接会聚焦生物医药与食品，贵单位方向不在本场范围，欢迎报名下一场。" });
    ids.set(r.email, { user, id });
  }
  return ids;
}

/**
 * Two 对接会 through the real model functions: one upcoming with registrations and requests in every
 * state, one past with a final agenda, ratings and a follow-up that recorded a 登记号.
 */
export async function seedEventDemo(db: DB, now: Date): Promise<number> {
  // Days relative to the day of seeding, in 北京时间, so the upcoming event stays upcoming.
  const day = (offset: number) => beijingDate(new Date(now.getTime() + offset * 86_400_000));
  const at = (offset: number, hour = 10) => new Date(beijingInstant(day(offset), hour * 60));
  // An event is titled with the year it is held in.
  const titled = (offset: number, name: string) => `${day(offset).slice(0, 4)}年${name}`;
  const bureau = await actorByEmail(db, "bureau@demo.test");

  const upcoming = await createEvent(db, bureau, eventInput({
    kind: "campus",
    title: titled(21, "利州区区校合作对接会（生物医药与食品专场）"),
    eventDate: day(21),
    venue: "利州区科技创新服务中心二楼多功能厅",
    description: "围绕肝素钠提取、肠衣高盐废水、泡菜低盐发酵等区内企业技术难题，邀请高校院所携成果一对一洽谈。\n上午主题推介，下午一对一洽谈。",
    registrationOpens: day(-5),
    registrationCloses: day(14),
    bookingOpens: day(-5),
    bookingCloses: day(19),
    blocks: "09:30-11:30\n14:00-16:30",
    slotMinutes: "20",
    tables: "8",
    maxMeetings: "5",
    requestExpiryHours: "72",
  }));
  const reg = at(-3);
  const u = await register(db, bureau, upcoming, [
    { email: "haipeng@demo.test", reps: [["赵海鹏", "总经理"], ["钱工", "技术部部长"]], decision: "validate" },
    { email: "jixiangju@demo.test", reps: [["孙经理", "研发中心主任"]], decision: "validate" },
    { email: "researcher@demo.test", reps: [["李教授", "科研处处长"]], decision: "validate" },
    { email: "scu@demo.test", reps: [["周老师", "技术转移中心主任"]], decision: "validate" },
    { email: "saas@demo.test", reps: [["吴研究员", "研究员"]], decision: "validate" },
    { email: "tea@demo.test", reps: [["郑经理", "生产技术部经理"]], decision: "pending" },
    { email: "e081@demo.test", reps: [["王工", "总工程师"]], decision: "refuse" },
  ], reg);
  const p = (email: string) => u.get(email)!;
  const r1 = await sendMeetingRequest(db, p("haipeng@demo.test").user, upcoming, { toParticipantId: p("scu@demo.test").id, message: "希望就肝素钠提取纯化工艺和肠衣废水资源化洽谈合作开发。" }, at(-2));
  await answerMeetingRequest(db, p("scu@demo.test").user, upcoming, r1, { intent: "accept" }, at(-2, 15));
  const r2 = await sendMeetingRequest(db, p("jixiangju@demo.test").user, upcoming, { toParticipantId: p("saas@demo.test").id, message: "想了解低盐泡菜发酵菌种，能否现场交流中试条件？" }, at(-2));
  await answerMeetingRequest(db, p("saas@demo.test").user, upcoming, r2, { intent: "decline", reason: "相关菌种仍在实验室阶段，暂不具备中试条件，建议明年再约。" }, at(-1));
  await sendMeetingRequest(db, p("researcher@demo.test").user, upcoming, { toParticipantId: p("haipeng@demo.test").id, message: "我院有多肽螯合钙制备成果，可现场演示。" }, at(-1));
  await sendMeetingRequest(db, p("jixiangju@demo.test").user, upcoming, { toParticipantId: p("researcher@demo.test").id, message: "泡菜生产线智能化改造能否合作？" }, at(-4)); // 72 hours pass unanswered: it reads as expired

  const pastDay = -45;
  const past = await createEvent(db, bureau, eventInput({
    kind: "results",
    title: titled(pastDay, "利州区科技成果推介会（新材料与电子信息）"),
    eventDate: day(pastDay),
    venue: "广元市利州区科学技术局一楼报告厅",
    description: "高校院所发布新材料、电子信息领域科技成果，区内企业现场洽谈。",
    registrationOpens: day(pastDay - 20),
    registrationCloses: day(pastDay - 3),
    bookingOpens: day(pastDay - 20),
    bookingCloses: day(pastDay - 1),
    blocks: "14:00-16:00",
    slotMinutes: "30",
    tables: "4",
    maxMeetings: "3",
    requestExpiryHours: "72",
  }));
  const v = await register(db, bureau, past, [
    { email: "enterprise@demo.test", reps: [["陈总", "董事长"]], decision: "validate" },
    { email: "e081@demo.test", reps: [["王工", "总工程师"]], decision: "validate" },
    { email: "researcher@demo.test", reps: [["李教授", "科研处处长"]], decision: "validate" },
    { email: "uestc@demo.test", reps: [["刘老师", "成果转化办公室主任"]], decision: "validate" },
  ], at(pastDay - 10));
  const q = (email: string) => v.get(email)!;
  const r3 = await sendMeetingRequest(db, q("enterprise@demo.test").user, past, { toParticipantId: q("researcher@demo.test").id, message: "想就固废资源化新材料成果洽谈技术转让。" }, at(pastDay - 8));
  await answerMeetingRequest(db, q("researcher@demo.test").user, past, r3, { intent: "accept" }, at(pastDay - 7));
  const r4 = await sendMeetingRequest(db, q("e081@demo.test").user, past, { toParticipantId: q("uestc@demo.test").id, message: "雷达小型化方向的成果，能否洽谈合作开发？" }, at(pastDay - 8));
  await answerMeetingRequest(db, q("uestc@demo.test").user, past, r4, { intent: "accept" }, at(pastDay - 7));
  await generateSchedule(db, bureau, past, at(pastDay - 1));
  await publishSchedule(db, bureau, past, "preliminary");
  await publishSchedule(db, bureau, past, "final");
  const meetings = await listMeetings(db, await loadEvent(db, past));
  const after = new Date(Date.parse(beijingInstant(day(pastDay), 17 * 60)));
  const ratings = ["potential", "useful_no_deal", "low_interest"] as const;
  for (const [i, m] of meetings.entries()) {
    for (const [side, pid] of [m.a_participant_id, m.b_participant_id].entries()) {
      const who = [...v.values()].find((x) => x.id === pid)!;
      await rateMeeting(db, who.user, past, m.id, { rating: ratings[(i + side) % ratings.length], note: i === 0 && side === 0 ? "双方约定两周内到实验室看样品。" : null }, after);
    }
  }
  // The 海聚–信息学院 meeting led to a contract; 海聚 reported it at the one-month follow-up.
  const deal = meetings.find((m) => m.source === "request" && [m.a_participant_id, m.b_participant_id].includes(q("enterprise@demo.test").id))!;
  await answerFollowUp(db, q("enterprise@demo.test").user, past, deal.id, { answer: "yes", regNo: "5108020026000017", note: "技术转让合同，已在市技术市场登记。" }, at(pastDay + 32));
  return 2;
}
