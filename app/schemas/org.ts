import { z } from "zod";
import { creditCodeMessages, creditCodeProblem, normalizeCreditCode } from "../utils/credit-code";
import { CREATABLE_KINDS } from "../models/account";
import { ORG_STATUSES, REGIONS } from "../../db/vocabulary";
import { parse, type FieldErrors } from "./parse";
import { choice, idSchema, name, optionalEmailSchema, optionalLongText, optionalText, phoneSchema, text } from "./fields";

export const creditCodeSchema = z
  .string({ error: "请填写统一社会信用代码" })
  .transform(normalizeCreditCode)
  .pipe(
    z
      .string()
      .min(1, { error: "请填写统一社会信用代码" })
      .superRefine((code, ctx) => {
        const problem = creditCodeProblem(code);
        if (problem) ctx.addIssue({ code: "custom", message: creditCodeMessages[problem] });
      }),
  );


export const orgFieldsSchema = z.object({
  orgName: name("机构名称", { min: 2, max: 60 }),
  orgKind: choice("机构类型", CREATABLE_KINDS),
  creditCode: creditCodeSchema,
  region: choice("所在地区", REGIONS),
  address: optionalText("地址", 120),
  intro: optionalLongText("机构简介", 2000),
  contactName: name("联系人", { min: 2, max: 30 }),
  contactPhone: phoneSchema,
  contactEmail: optionalEmailSchema,
});
export type OrgFields = z.output<typeof orgFieldsSchema>;

/** Editing keeps the kind: a company does not become a university. */
export const orgEditSchema = orgFieldsSchema.omit({ orgKind: true });

/** The bureau queue's tab; anything unexpected shows the default tab. */
export const reviewTabSchema = z.enum(ORG_STATUSES).catch("unverified");

export const joinOrgSchema = z.object({ joinCreditCode: creditCodeSchema });

export const orgReviewSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("verify"), orgId: idSchema }),
  z.object({ intent: z.literal("reject"), orgId: idSchema, reason: text("驳回理由", { min: 2, max: 500 }) }),
], { error: "未知操作" });

export const memberDecisionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("approve"), userId: idSchema }),
  z.object({ intent: z.literal("reject"), userId: idSchema, reason: optionalText("理由", 200) }),
], { error: "未知操作" });

/** Read "create an organisation" or "join one" from a form; only the chosen half is validated. */
export function parseOrgChoice(
  values: Record<string, unknown>,
): { ok: true; choice: { mode: "create"; fields: OrgFields } | { mode: "join"; creditCode: string } } | { ok: false; errors: FieldErrors } {
  if (values.orgMode === "join") {
    const r = parse(joinOrgSchema, values);
    return r.ok ? { ok: true, choice: { mode: "join", creditCode: r.data.joinCreditCode } } : r;
  }
  const r = parse(orgFieldsSchema, values);
  return r.ok ? { ok: true, choice: { mode: "create", fields: r.data } } : r;
}
