import { z } from "zod";
import { PATENT_KINDS, PATENT_STATUSES, STAGES, TRANSFER_MODES } from "../../db/vocabulary";
import { patentKindLabels } from "../utils/labels";
import { MAX_PATENTS, normalizePatentNumber, patentKindOf, patentMessages, patentProblem } from "../utils/patent-number";
import { keywordsSchema, longText, optionalMoney } from "./challenge";
import { formObject } from "./parse";
import { choice, fieldOrIndustry, INDUSTRY_CODE, name, optionalEmailSchema, optionalLongText, phoneSchema, requireFieldOrIndustry, searchTextSchema, text } from "./fields";

const asArray = (v: unknown) => (v == null ? [] : Array.isArray(v) ? v : [v]);

/** One patent row of the form; the number is normalised and its check character verified. */
export const patentSchema = z
  .object({
    number: z.string().transform(normalizePatentNumber),
    kind: choice("专利类型", PATENT_KINDS),
    status: choice("专利状态", PATENT_STATUSES),
  })
  .superRefine((p, ctx) => {
    const problem = patentProblem(p.number);
    // Echo at most a patent-number's length of what was typed.
    if (problem) return ctx.addIssue({ code: "custom", path: ["number"], message: `${[...p.number].slice(0, 24).join("")}：${patentMessages[problem]}` });
    const declared = patentKindOf(p.number);
    if (declared && declared !== p.kind) {
      ctx.addIssue({ code: "custom", path: ["kind"], message: `${p.number} 的类型位表示${patentKindLabels[declared]}，与所选“${patentKindLabels[p.kind]}”不符` });
    }
  });
export type PatentInput = z.output<typeof patentSchema>;

export const resultSchema = z.object({
  title: text("成果名称", { min: 4, max: 80 }),
  abstract: longText("成果摘要", 20, 3000),
  ...fieldOrIndustry,
  keywords: keywordsSchema,
  trl: z.string({ error: "请选择成熟度" }).regex(/^[1-9]$/, { error: "请选择成熟度（TRL 1–9）" }).transform(Number),
  // Checkboxes: several values arrive as an array.
  transferModes: z.preprocess(
    (v) => [...new Set(asArray(v))],
    z.array(choice("转化方式", TRANSFER_MODES)).min(1, { error: "请至少选择一种转化方式" }),
  ),
  // 万元; empty means 面议.
  price: optionalMoney("参考价格"),
  team: longText("团队", 5, 2000),
  contactName: name("联系人", { min: 2, max: 30 }),
  contactPhone: phoneSchema,
  contactEmail: optionalEmailSchema,
}).superRefine(requireFieldOrIndustry);
export type ResultInput = z.output<typeof resultSchema> & { patents: PatentInput[] };

/**
 * The patent rows of the form (`patents[i].number`, `.kind`, `.status`, read by formObject): rows
 * without a number are blank and skipped; a number may appear once.
 */
export const patentRowsSchema = z.preprocess(
  (rows) => (Array.isArray(rows) ? rows : []).filter((row) => typeof row?.number === "string" && row.number.trim() !== ""),
  z
    .array(patentSchema)
    .max(MAX_PATENTS, { error: `每项成果最多登记 ${MAX_PATENTS} 件专利` })
    .superRefine((patents, ctx) => {
      if (new Set(patents.map((p) => p.number)).size !== patents.length) ctx.addIssue({ code: "custom", message: "同一专利号填写了两次" });
    }),
);

/** The patent rows of a submitted result form: the first problem, said once for the whole group. */
export function parsePatentRows(values: Record<string, unknown>): { ok: true; patents: PatentInput[] } | { ok: false; message: string } {
  const r = patentRowsSchema.safeParse(formObject(values).patents);
  return r.success ? { ok: true, patents: r.data } : { ok: false, message: r.error.issues[0].message };
}

export const resultFiltersSchema = z.object({
  field: z.string().regex(/^\d{2}$/).optional().catch(undefined),
  industry: z.string().regex(INDUSTRY_CODE).optional().catch(undefined),
  stage: z.enum(STAGES).optional().catch(undefined),
  mode: z.enum(TRANSFER_MODES).optional().catch(undefined),
  min: z.string().optional().catch(undefined),
  max: z.string().optional().catch(undefined),
  q: searchTextSchema,
});

export const interestSchema = z.object({ message: longText("留言", 5, 1000) });

export const profileSchema = z.object({
  title: text("职称", { min: 2, max: 30 }),
  fieldCodes: z.preprocess(
    (v) => [...new Set(asArray(v))],
    z.array(z.string().regex(/^\d{2}$/, { error: "请选择研究领域" })).min(1, { error: "请至少选择一个研究领域" }).max(4, { error: "研究领域最多 4 个" }),
  ),
  keywords: keywordsSchema,
  bio: optionalLongText("个人简介", 2000),
  achievements: optionalLongText("代表性成果", 3000),
  patents: optionalLongText("代表性专利", 2000),
  contactPhone: z.preprocess((v) => (v === "" ? undefined : v), phoneSchema.optional()).transform((v) => v ?? null),
  contactEmail: optionalEmailSchema,
});
export type ProfileInput = z.output<typeof profileSchema>;
