import { z } from "zod";
import { dateField, longText } from "./challenge";
import { choice, idSchema, name, optionalLongText, text } from "./fields";
import { EVENT_KINDS, MEETING_RATINGS, SLOT_MINUTES } from "../../db/vocabulary";
import { endOfBeijingDay, parseHhmm, startOfBeijingDay } from "../utils/time";

const asArray = (v: unknown) => (v == null ? [] : Array.isArray(v) ? v : [v]);

function intIn(label: string, min: number, max: number) {
  return z
    .string({ error: `请填写${label}` })
    .trim()
    .regex(/^\d{1,4}$/, { error: `${label}请填写 ${min}–${max} 的整数` })
    .transform(Number)
    .refine((n) => n >= min && n <= max, { error: `${label}请填写 ${min}–${max} 的整数` });
}

/** "09:00-12:00" lines (or separated by 、，,;) → blocks in minutes, checked for order and overlap. */
const blocksSchema = z.string({ error: "请填写洽谈时段" }).transform((s, ctx) => {
  const parts = s.split(/[\n,，;；、]+/).map((p) => p.trim()).filter(Boolean);
  if (parts.length === 0 || parts.length > 6) {
    ctx.addIssue({ code: "custom", message: "请填写 1–6 个洽谈时段，如 09:00-12:00" });
    return z.NEVER;
  }
  const blocks: { start_min: number; end_min: number }[] = [];
  for (const p of parts) {
    const m = /^(\S+)\s*[-–—~至到]\s*(\S+)$/.exec(p);
    const start = m ? parseHhmm(m[1]) : null;
    const end = m ? parseHhmm(m[2]) : null;
    if (start == null || end == null || end <= start) {
      ctx.addIssue({ code: "custom", message: `“${[...p].slice(0, 20).join("")}”不是有效的时段，请按 09:00-12:00 填写` });
      return z.NEVER;
    }
    blocks.push({ start_min: start, end_min: end });
  }
  blocks.sort((a, b) => a.start_min - b.start_min);
  for (let i = 1; i < blocks.length; i++) {
    if (blocks[i].start_min < blocks[i - 1].end_min) {
      ctx.addIssue({ code: "custom", message: "洽谈时段之间不能重叠" });
      return z.NEVER;
    }
  }
  return blocks;
});

export const eventSchema = z
  .object({
    kind: choice("对接会类型", EVENT_KINDS),
    title: text("对接会名称", { min: 4, max: 80 }),
    eventDate: dateField("举办日期"),
    venue: text("举办地点", { min: 2, max: 120 }),
    description: longText("对接会介绍", 10, 3000),
    registrationOpens: dateField("报名开始日期"),
    registrationCloses: dateField("报名截止日期"),
    bookingOpens: dateField("约谈开始日期"),
    bookingCloses: dateField("约谈截止日期"),
    blocks: blocksSchema,
    slotMinutes: z.enum(SLOT_MINUTES.map(String), { error: "请选择每场时长" }).transform(Number),
    tables: intIn("洽谈桌数", 1, 500),
    maxMeetings: intIn("每个参会单位的会谈上限", 1, 100),
    requestExpiryHours: intIn("约谈请求有效期（小时）", 1, 720),
  })
  .superRefine((v, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    if (v.registrationCloses < v.registrationOpens) issue("registrationCloses", "报名截止日期不能早于开始日期");
    if (v.bookingCloses < v.bookingOpens) issue("bookingCloses", "约谈截止日期不能早于开始日期");
    if (v.registrationCloses > v.eventDate) issue("registrationCloses", "报名须在举办日期当天或之前截止");
    if (v.bookingCloses > v.eventDate) issue("bookingCloses", "约谈须在举办日期当天或之前截止");
  })
  .transform((v) => ({
    ...v,
    registrationOpensAt: startOfBeijingDay(v.registrationOpens),
    registrationClosesAt: endOfBeijingDay(v.registrationCloses),
    bookingOpensAt: startOfBeijingDay(v.bookingOpens),
    bookingClosesAt: endOfBeijingDay(v.bookingCloses),
  }));
export type EventInput = z.output<typeof eventSchema>;

/**
 * Representatives arrive as rows `representatives[i].name/.title` (read by formObject); blank rows
 * are skipped, and a problem names the row as the form numbers it.
 */
export const registrationSchema = z
  .object({ representatives: z.array(z.object({ name: z.unknown().optional(), title: z.unknown().optional() })).catch([]) })
  .transform((v, ctx) => {
    const repName = name("代表姓名", { min: 2, max: 30 });
    const title = text("代表职务", { min: 2, max: 40 });
    const reps: { name: string; title: string }[] = [];
    for (const [i, row] of v.representatives.entries()) {
      const typed = { name: typeof row.name === "string" ? row.name : "", title: typeof row.title === "string" ? row.title : "" };
      if (typed.name.trim() === "" && typed.title.trim() === "") continue;
      const n = repName.safeParse(typed.name);
      const t = title.safeParse(typed.title);
      if (!n.success || !t.success) {
        ctx.addIssue({ code: "custom", path: ["representatives"], message: `第 ${i + 1} 位代表：${(!n.success ? n.error : t.error!).issues[0].message}` });
        return z.NEVER;
      }
      reps.push({ name: n.data, title: t.data });
    }
    if (reps.length === 0 || reps.length > 5) {
      ctx.addIssue({ code: "custom", path: ["representatives"], message: "请填写 1–5 位参会代表的姓名和职务" });
      return z.NEVER;
    }
    return reps;
  });

export const participantReviewSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("validate"), participantId: idSchema }),
  z.object({ intent: z.literal("refuse"), participantId: idSchema, reason: longText("不予确认的理由", 2, 500) }),
  z.object({ intent: z.literal("check_in"), participantId: idSchema }),
], { error: "请选择操作" });

export const meetingRequestSchema = z.object({
  toParticipantId: idSchema,
  message: longText("约谈留言", 2, 500),
});

export const requestAnswerSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("accept"), requestId: idSchema }),
  z.object({ intent: z.literal("decline"), requestId: idSchema, reason: longText("婉拒理由", 2, 500) }),
  z.object({ intent: z.literal("withdraw"), requestId: idSchema }),
], { error: "请选择操作" });

/** Checkbox group of slot start minutes the participant cannot attend. */
export const unavailableSchema = z.object({
  slot: z.preprocess((v) => [...new Set(asArray(v))], z.array(z.string().regex(/^\d{1,4}$/, { error: "时段无效" }).transform(Number)).max(200)),
});

export const scheduleActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("generate") }),
  z.object({ intent: z.literal("publish_preliminary") }),
  z.object({ intent: z.literal("publish_final") }),
  z.object({ intent: z.literal("move"), meetingId: idSchema, slot: z.string().regex(/^\d{1,4}$/, { error: "请选择时段" }).transform(Number), table: z.string().regex(/^\d{1,3}$/, { error: "请填写桌号" }).transform(Number) }),
  z.object({ intent: z.literal("cancel"), meetingId: idSchema, reason: longText("取消理由", 2, 500) }),
], { error: "请选择操作" });

export const ratingSchema = z.object({
  rating: choice("会谈评价", MEETING_RATINGS),
  note: optionalLongText("备注", 1000),
});

/** 技术合同登记号: 16 digits, spaces and dashes as people type them are ignored. */
export const regNoSchema = z
  .string({ error: "请填写技术合同登记号" })
  .transform((s) => s.replace(/[\s-]/g, ""))
  .pipe(z.string().regex(/^\d{16}$/, { error: "技术合同登记号应为 16 位数字" }));

export const followUpSchema = z.discriminatedUnion("answer", [
  z.object({ answer: z.literal("yes"), regNo: regNoSchema, note: optionalLongText("备注", 1000) }),
  z.object({ answer: z.literal("no"), note: optionalLongText("备注", 1000) }),
], { error: "请选择是否已签订技术合同" });
