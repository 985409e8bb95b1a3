import { milestoneExample } from "../utils/time";
import { z } from "zod";
import { ACCEPTANCE_LEVELS, COOPERATIONS, NOT_SELECTED_REASONS } from "../../db/vocabulary";
import { PUBLIC_STATUSES } from "../models/challenge";
import { wanToFen } from "../utils/money";
import { FORBIDDEN, INDUSTRY_CODE, choice, fieldOrIndustry, idSchema, name, optionalLongText, requireFieldOrIndustry, searchTextSchema, text } from "./fields";

/** A multi-line text with a minimum, for the substantive parts of a 榜单 or bid. */
export function longText(label: string, min: number, max: number) {
  return optionalLongText(label, max).refine((s) => s != null && [...s].length >= min, {
    error: min <= 1 ? `请填写${label}` : `请填写${label}（至少 ${min} 个字）`,
  }).transform((s) => s as string);
}

/** 万元 typed by a person → exact 分; empty → null. */
export function optionalMoney(label: string) {
  return z
    .string()
    .optional()
    .transform((s, ctx) => {
      const v = (s ?? "").trim();
      if (v === "") return null;
      const fen = wanToFen(v);
      if (fen == null) {
        ctx.addIssue({ code: "custom", message: `${label}请填写以万元为单位的数字，最多 6 位小数，如 50 或 12.5` });
        return z.NEVER;
      }
      return fen;
    });
}

function money(label: string) {
  return optionalMoney(label).transform((fen, ctx) => {
    if (fen == null) {
      ctx.addIssue({ code: "custom", message: `请填写${label}` });
      return z.NEVER;
    }
    return fen;
  });
}

function months(label: string) {
  return z
    .string({ error: `请填写${label}` })
    .trim()
    .regex(/^\d{1,3}$/, { error: `${label}请填写 1–120 之间的整数（月）` })
    .transform(Number)
    .refine((n) => n >= 1 && n <= 120, { error: `${label}请填写 1–120 之间的整数（月）` });
}

/** "数字化, 冰鲜；保水、灌装" → ["数字化","冰鲜","保水","灌装"] */
export const keywordsSchema = z
  .string({ error: "请填写关键词" })
  .transform((s) =>
    s
      .normalize("NFC")
      .split(/[,，、;；\s]+/)
      .map((k) => k.trim())
      .filter(Boolean),
  )
  .pipe(
    z
      .array(
        z
          .string()
          .max(20, { error: "每个关键词不超过 20 个字" })
          .refine((k) => !FORBIDDEN.test(k) && !/[<>{}]/.test(k), { error: "关键词包含无法识别的字符，请删除后重试" }),
      )
      .min(1, { error: "请至少填写 1 个关键词" })
      .max(8, { error: "关键词最多 8 个" }),
  )
  .transform((ks) => [...new Set(ks)]);

export const challengeSchema = z.object({
  title: text("榜单名称", { min: 5, max: 80 }),
  ...fieldOrIndustry,
  keywords: keywordsSchema,
  summary: longText("公开摘要", 20, 500),
  difficulties: longText("主要技术难点", 10, 3000),
  indicators: longText("主要技术指标", 10, 3000),
  researchContent: longText("主要研究内容", 10, 5000),
  // Money fields are typed in 万元 and come out of the schema as integer 分.
  bounty: money("榜额"),
  investment: optionalMoney("预期投入"),
  durationMonths: months("期望完成期限"),
  eligibility: longText("揭榜条件", 5, 2000),
  cooperation: choice("期望合作方式", COOPERATIONS),
}).superRefine(requireFieldOrIndustry);
export type ChallengeInput = z.output<typeof challengeSchema>;

/** YYYY-MM-DD as typed into a date field, checked to be a real calendar day. */
export function dateField(label: string) {
  return z
    .string({ error: `请填写${label}` })
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: `请按 年-月-日 填写${label}` })
    .refine((s) => {
      const d = new Date(`${s}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
    }, { error: `${label}不是有效的日期` });
}


export const publishSchema = z
  .object({
    deadline: dateField("揭榜截止日期"),
    indicators: optionalLongText("主要技术指标", 3000),
    bounty: optionalMoney("榜额"),
    note: optionalLongText("立题意见", 1000),
    // Publishing before every assigned expert has given an opinion needs both (issue 13 §5).
    overrideMissing: z.literal("yes").optional().catch(undefined),
    overrideReason: optionalLongText("理由", 1000),
  })
  .transform(({ overrideMissing, overrideReason, ...rest }, ctx) => {
    if (overrideMissing && overrideReason == null) {
      ctx.addIssue({ code: "custom", path: ["overrideReason"], message: "请填写未收齐专家意见仍发布的理由" });
      return z.NEVER;
    }
    return { ...rest, override: overrideMissing && overrideReason ? { reason: overrideReason } : null };
  });

/** 延长揭榜截止: the new date (北京时间, end of day), the reason, and the version the form was built from. */
export const extendDeadlineSchema = z.object({
  deadline: dateField("新的揭榜截止日期"),
  reason: longText("理由", 2, 1000),
  version: idSchema,
});

export const closeBiddingSchema = extendDeadlineSchema.omit({ deadline: true });

export const reasonSchema = z.object({ reason: longText("理由", 2, 1000) });

export const expertIdsSchema = z.object({
  // Checkboxes: one value arrives as a string, several as an array.
  expertIds: z.preprocess(
    (v) => (v == null ? [] : [...new Set(Array.isArray(v) ? v : [v])]),
    z.array(idSchema).min(1, { error: "请至少选择 1 位专家" }).max(9, { error: "每个榜单最多 9 位专家" }),
  ),
});

export const opinionSchema = z.object({
  recommendation: choice("论证结论", ["publish", "revise", "reject"] as const),
  opinion: longText("论证意见", 5, 3000),
});

export const bidSchema = z.object({
  leaderName: name("团队负责人（挂帅人）", { min: 2, max: 30 }),
  solution: longText("技术方案", 20, 8000),
  team: longText("团队与业绩", 10, 4000),
  price: money("报价"),
  durationMonths: months("周期"),
  milestonePlan: longText("里程碑计划", 10, 4000),
  ownership: z.literal("yes", { error: "请确认团队拥有或有权使用所提出的技术" }),
});
export type BidInput = z.output<typeof bidSchema>;

function score(label: string) {
  return z.string({ error: `请为${label}打分` }).regex(/^[1-5]$/, { error: `${label}请打 1–5 分` }).transform(Number);
}

export const scoreSchema = z.object({
  bidId: idSchema,
  advanced: score("技术先进性"),
  feasibility: score("可行性"),
  team: score("团队能力"),
  price: score("报价合理性"),
  comment: optionalLongText("评语", 1000),
});

export const loserReasonSchema = z.object({
  code: choice("未中选原因", NOT_SELECTED_REASONS),
  note: optionalLongText("说明", 500),
});
export type LoserReasonInput = z.output<typeof loserReasonSchema>;

/**
 * 定榜 (read through formObject): the winner, and one row per open bid, `reasons[i].bidId/.code/.note`.
 * Every bid but the winner needs a reason; the winner's row is ignored. The reasons are checked
 * once the winner is known, so a missing winner is said first.
 */
export const selectionSchema = z
  .object({
    winnerBidId: idSchema,
    reasons: z.array(z.object({ bidId: idSchema, code: z.unknown().optional(), note: z.unknown().optional() })).default([]),
  })
  .transform((form, ctx) => {
    const reasons: Record<number, LoserReasonInput> = {};
    for (const row of form.reasons) {
      if (row.bidId === form.winnerBidId) continue;
      const r = loserReasonSchema.safeParse(row);
      if (!r.success) {
        ctx.addIssue({ code: "custom", path: ["reasons"], message: r.error.issues.map((issue) => issue.message).join("；") });
        return z.NEVER;
      }
      reasons[row.bidId] = r.data;
    }
    return { winnerBidId: form.winnerBidId, reasons };
  });

export const signingSchema = z.object({
  signedOn: dateField("签约日期"),
  amount: money("合同金额"),
  milestones: longText("里程碑（每行一个：日期 标题）", 5, 4000),
});

/** The winning team's report on one milestone (files are attached to it later). */
export const milestoneReportSchema = z.object({
  milestoneId: idSchema,
  text: longText("报告内容", 10, 5000),
  earlyNote: optionalLongText("提前完成说明", 1000),
});

export const acceptReportSchema = z.object({ reportId: idSchema });

export const returnReportSchema = z.object({ reportId: idSchema, reason: longText("退回理由", 2, 1000) });

export const acceptanceSchema = z.object({
  acceptedOn: dateField("验收日期"),
  score: z.string({ error: "请填写验收得分" }).trim().regex(/^\d{1,3}$/, { error: "验收得分请填写 0–100 的整数" }).transform(Number).refine((n) => n <= 100, { error: "验收得分请填写 0–100 的整数" }),
  level: choice("验收等级", ACCEPTANCE_LEVELS),
  note: optionalLongText("验收意见", 2000),
});

export const paymentSchema = z.object({
  paidOn: dateField("兑现日期"),
  amount: money("兑现金额"),
});

/** "年-月-日 完成小试" lines → milestones; every line must start with a real date. */
export function parseMilestoneLines(text: string): { ok: true; items: { dueOn: string; title: string }[] } | { ok: false; message: string } {
  const items: { dueOn: string; title: string }[] = [];
  const date = dateField("日期");
  for (const [i, raw] of text.split("\n").entries()) {
    const line = raw.trim();
    if (!line) continue;
    const m = /^(\d{4}-\d{2}-\d{2})\s+(.{2,80})$/.exec(line);
    if (!m || !date.safeParse(m[1]).success) {
      return { ok: false, message: `第 ${i + 1} 行应为“年-月-日 里程碑名称”，如 ${milestoneExample()}` };
    }
    items.push({ dueOn: m[1], title: m[2].trim() });
  }
  if (items.length === 0) return { ok: false, message: "请至少填写 1 个里程碑" };
  if (items.length > 20) return { ok: false, message: "里程碑最多 20 个" };
  return { ok: true, items };
}

/** `/challenges` filters from the query string; anything malformed is ignored, never an error. */
export const challengeFiltersSchema = z.object({
  field: z.string().regex(/^\d{2}$/).optional().catch(undefined),
  industry: z.string().regex(INDUSTRY_CODE).optional().catch(undefined),
  min: z.string().optional().transform((s) => (s ? wanToFen(s) ?? undefined : undefined)).catch(undefined),
  max: z.string().optional().transform((s) => (s ? wanToFen(s) ?? undefined : undefined)).catch(undefined),
  within: z.enum(["7", "30", "90"]).optional().catch(undefined).transform((s) => (s ? Number(s) : undefined)),
  status: z.enum([...PUBLIC_STATUSES, "all"]).optional().catch(undefined),
  q: searchTextSchema,
});
