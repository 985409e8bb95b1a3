import { z } from "zod";
import { beijingDate } from "../utils/time";
import { creditCodeMessages, creditCodeProblem, normalizeCreditCode } from "../utils/credit-code";
import { AMOUNT_BASES, CONTRACT_SUBTYPES, CONTRACT_TYPES, FLOWS, ORIGIN_KINDS, PARTY_KINDS, PAYMENTS, REGIONS } from "../../db/vocabulary";
import { contractSubtypeLabels, contractTypeLabels } from "../utils/labels";
import { subtypesOf, PLAN_FIRST_YEAR, PLAN_LAST_YEAR } from "../models/contract";
import { parseAmount } from "../utils/money";
import { dateField } from "./challenge";
import { searchTextSchema, FORBIDDEN, INDUSTRY_CODE, choice, idSchema, optionalIndustrySchema, optionalLongText, text } from "./fields";

const optionalId = z.preprocess((v) => (v === "" || v == null ? undefined : v), idSchema.optional());

function amount(label: string) {
  return z.string({ error: `请填写${label}` }).transform((s, ctx) => {
    const fen = parseAmount(s);
    if (fen == null) {
      ctx.addIssue({ code: "custom", message: `${label}格式不正确：“${[...s].slice(0, 20).join("")}”，请填写以元为单位的金额，如 125000.00 或 12.5万` });
      return z.NEVER;
    }
    return fen;
  });
}

function creditCode(label: string) {
  return z
    .string()
    .optional()
    .transform((s) => normalizeCreditCode(s ?? ""))
    .superRefine((s, ctx) => {
      if (s === "") return; // required only for an external party; checked below
      const problem = creditCodeProblem(s);
      if (problem) ctx.addIssue({ code: "custom", message: `${label}：${creditCodeMessages[problem]}` });
    });
}

/** "设备购置 120000" per line (or separated by ；): the non-technical items, each in 元. */
const nonTechItemsSchema = optionalLongText("非技术性费用明细", 2000).transform((s, ctx) => {
  const items: { name: string; fen: number }[] = [];
  for (const line of (s ?? "").split(/[\n;；]+/).map((l) => l.trim()).filter(Boolean)) {
    const m = /^(.+?)[\s:：]+([^\s:：]+)$/.exec(line);
    const fen = m ? parseAmount(m[2]) : null;
    if (!m || fen == null) {
      ctx.addIssue({ code: "custom", message: `非技术性费用“${[...line].slice(0, 30).join("")}”应写成“名称 金额（元）”，如“设备购置 120000.00”` });
      return z.NEVER;
    }
    items.push({ name: m[1].trim().slice(0, 50), fen });
  }
  if (items.length > 20) {
    ctx.addIssue({ code: "custom", message: "非技术性费用最多 20 项" });
    return z.NEVER;
  }
  return items;
});

const region = z.preprocess((v) => (v === "" ? undefined : v), z.enum(REGIONS).optional());
const partyKind = z.preprocess((v) => (v === "" ? undefined : v), z.enum(PARTY_KINDS).optional());

export interface PartyInput {
  orgId: number | null;
  name: string;
  creditCode: string;
  region: (typeof REGIONS)[number] | null;
  kind: (typeof PARTY_KINDS)[number] | null;
}

const fields = z.object({
  regNo: z
    .string({ error: "请填写登记号" })
    .transform((s) => s.normalize("NFKC").replace(/\s/g, ""))
    .pipe(z.string().regex(/^\d{16}$/, { error: "登记号应为 16 位数字" })),
  title: text("项目名称", { min: 2, max: 100 }),
  type: choice("合同类型", CONTRACT_TYPES),
  subtype: choice("合同子类", CONTRACT_SUBTYPES),
  signedOn: dateField("签订日期"),
  registeredOn: dateField("登记日期"),
  validFrom: dateField("有效期起"),
  validUntil: dateField("有效期止"),
  sellerOrgId: optionalId,
  sellerName: z.string().optional(),
  sellerCreditCode: creditCode("卖方统一社会信用代码"),
  sellerRegion: region,
  sellerKind: partyKind,
  buyerOrgId: optionalId,
  buyerName: z.string().optional(),
  buyerCreditCode: creditCode("买方统一社会信用代码"),
  buyerRegion: region,
  buyerKind: partyKind,
  total: amount("合同成交额"),
  tech: amount("技术交易额"),
  nonTechItems: nonTechItemsSchema,
  fieldCode: z.string({ error: "请选择技术领域" }).regex(/^\d{2}$/, { error: "请选择技术领域" }),
  industryCode: optionalIndustrySchema,
  payment: choice("支付方式", PAYMENTS),
  originChallengeId: optionalId,
  originResultId: optionalId,
});

/** The register form's values by name (the contract field table in app/models has a row for each). */
export type ContractFormKey = keyof typeof fields.shape;
export const CONTRACT_FORM_KEYS = Object.keys(fields.shape) as ContractFormKey[];

/** The fields checked together; "today" is `now` in 北京时间 (the clock at parse time when not given). */
const checkedFields = (now?: Date) =>
  fields.superRefine((d, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    // Zod runs this even when a field above failed; only compare what did parse.
    if (subtypesOf[d.type] && contractSubtypeLabels[d.subtype] && !subtypesOf[d.type].includes(d.subtype)) {
      issue("subtype", `${contractTypeLabels[d.type]}合同没有“${contractSubtypeLabels[d.subtype]}”这一子类`);
    }
    if (typeof d.tech !== "number" || typeof d.total !== "number" || !Array.isArray(d.nonTechItems)) {
      // an amount or the items were already refused
    } else if (d.tech > d.total) issue("tech", "技术交易额不能大于合同成交额（技术交易额 = 成交额 − 非技术性费用）");
    else {
      const items = d.nonTechItems.reduce((s, i) => s + i.fen, 0);
      if (items !== d.total - d.tech) {
        issue(
          "nonTechItems",
          d.total === d.tech
            ? "成交额与技术交易额相等时，不应填写非技术性费用"
            : "非技术性费用合计应等于合同成交额减去技术交易额，请逐项列明（如设备购置、材料费）",
        );
      }
    }
    if (d.registeredOn < d.signedOn) issue("registeredOn", "登记日期不能早于签订日期");
    if (d.registeredOn > beijingDate(now)) issue("registeredOn", "登记日期不能晚于今天");
    if (d.validUntil < d.validFrom) issue("validUntil", "有效期止不能早于有效期起");
    for (const [side, label] of [["seller", "卖方"], ["buyer", "买方"]] as const) {
      if (d[`${side}OrgId`] != null) continue;
      const name = (d[`${side}Name`] ?? "").normalize("NFC").trim();
      if (FORBIDDEN.test(name)) issue(`${side}Name`, `${label}名称包含无法识别的控制字符，请删除后重试`);
      else if (name.length < 2 || name.length > 100) issue(`${side}Name`, `请选择平台机构，或填写${label}名称（2–100 字）`);
      if (!d[`${side}CreditCode`]) issue(`${side}CreditCode`, `请填写${label}统一社会信用代码`);
      if (!d[`${side}Region`]) issue(`${side}Region`, `请选择${label}所在地区`);
      if (!d[`${side}Kind`]) issue(`${side}Kind`, `请选择${label}类型`);
    }
  });

/** The form sends type and sub-type as one choice ("development/commissioned"); the import sends two columns. */
function splitTypeSubtype(v: unknown): unknown {
  if (v == null || typeof v !== "object") return v;
  const o = v as Record<string, unknown>;
  if (typeof o.typeSubtype !== "string") return v;
  const [type, subtype] = o.typeSubtype.split("/");
  return { ...o, type, subtype };
}

/** A contract as registered on the day `now` (the seed registers as of the day it seeds). */
export const contractSchemaOn = (now?: Date) => z.preprocess(splitTypeSubtype, checkedFields(now)).transform((d) => {
  const partyOf = (side: "seller" | "buyer"): PartyInput => ({
    orgId: d[`${side}OrgId`] ?? null,
    name: (d[`${side}Name`] ?? "").normalize("NFC").trim(),
    creditCode: d[`${side}CreditCode`],
    region: d[`${side}Region`] ?? null,
    kind: d[`${side}Kind`] ?? null,
  });
  return {
    regNo: d.regNo,
    title: d.title,
    type: d.type,
    subtype: d.subtype,
    signedOn: d.signedOn,
    registeredOn: d.registeredOn,
    validFrom: d.validFrom,
    validUntil: d.validUntil,
    seller: partyOf("seller"),
    buyer: partyOf("buyer"),
    totalFen: d.total,
    techFen: d.tech,
    nonTechItems: d.nonTechItems,
    fieldCode: d.fieldCode,
    industryCode: d.industryCode ?? null,
    payment: d.payment,
    originChallengeId: d.originChallengeId ?? null,
    originResultId: d.originResultId ?? null,
  };
});
export const contractSchema = contractSchemaOn();
export type ContractInput = z.output<typeof contractSchema>;

export const reasonSchema = (label: string) =>
  optionalLongText(label, 500).refine((s) => s != null && [...s].length >= 2, { error: `请填写${label}` }).transform((s) => s as string);

export const amendSchema = z.object({ version: idSchema, reason: reasonSchema("更正理由") });
export const cancelSchema = z.object({ version: idSchema, reason: reasonSchema("撤销理由") });

/** The ledger's filters (also the dashboard's links into it and the export's); bad values are dropped. */
export const ledgerFilterSchema = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional().catch(undefined),
  type: z.enum(CONTRACT_TYPES).optional().catch(undefined),
  field: z.string().regex(/^\d{2}$/).optional().catch(undefined),
  // "none": contracts without a 产业领域 (the dashboard's 未标注 row).
  industry: z.union([z.literal("none"), z.string().regex(INDUSTRY_CODE)]).optional().catch(undefined),
  flow: z.preprocess(
    (v) => (v == null || v === "" ? undefined : String(v).split(",")),
    z.array(z.enum(FLOWS)).min(1).optional().catch(undefined),
  ),
  sellerKind: z.enum(PARTY_KINDS).optional().catch(undefined),
  origin: z.enum(ORIGIN_KINDS).optional().catch(undefined),
  status: z.enum(["active", "cancelled", "all"]).optional().catch(undefined),
  q: searchTextSchema,
});
export type LedgerFilter = Partial<z.output<typeof ledgerFilterSchema>>;

export const settingsSchema = z.object({
  amountBasis: choice("计入金额", AMOUNT_BASES),
  flows: z.preprocess(
    (v) => [...new Set(v == null ? [] : Array.isArray(v) ? v : [v])],
    z.array(z.enum(FLOWS, { error: "请选择计入的流向" })).min(1, { error: "请至少选择一种计入的流向" }),
  ),
});

const planYears = `年份应在 ${PLAN_FIRST_YEAR}–${PLAN_LAST_YEAR} 之间`;

export const indicatorActualSchema = z.object({
  indicatorId: idSchema,
  year: z.coerce.number({ error: "请填写年份" }).int({ error: "年份无效" }).min(PLAN_FIRST_YEAR, { error: planYears }).max(PLAN_LAST_YEAR, { error: planYears }),
  value: z
    .string({ error: "请填写数值" })
    .transform((s) => s.normalize("NFKC").trim())
    .pipe(z.string().regex(/^-?\d{1,9}(\.\d{1,4})?$/, { error: "数值应为数字，最多 4 位小数，如 1.25" })),
  note: optionalLongText("说明", 200),
});
