import { z } from "zod";

// Control characters and invisible direction overrides are refused: they make names that look
// identical but are not, and they break exports. U+200D stays allowed: emoji sequences use it.
export const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B\u200C\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/;
const FORBIDDEN_SINGLE_LINE = /[\r\n\t\u2028\u2029]/;

function clean(s: string): string {
  return s.normalize("NFC").trim();
}

// Format characters (Unicode Cf) are invisible: "四川海聚环保科技\u200D有限公司" looks exactly like the
// verified 四川海聚环保科技有限公司. Names lose them. The directional ones are the exception: they
// reorder what is shown, so removing them would change what the person saw; FORBIDDEN refuses them.
const INVISIBLE = /(?![\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069])\p{Cf}/gu;

/**
 * A name as others will see it (people, organisations, contacts): invisible format characters
 * removed, NFC, every run of whitespace (the ideographic space too) one space. Otherwise it stays
 * as typed: a Chinese legal name keeps its full-width brackets, 广元市（茶业）集团有限公司.
 */
export function normalizeName(s: string): string {
  return s.replace(INVISIBLE, "").normalize("NFC").replace(/\s+/g, " ").trim();
}

/**
 * What two organisation names must not share: the name under NFKC (full-width letters and
 * brackets, compatibility ideographs fold to their plain forms), without case or spaces. So
 * "广元ＡＢＣ" and "广元 abc", or （茶业） and (茶业), are one name.
 */
export function nameKey(s: string): string {
  return normalizeName(s).normalize("NFKC").replace(INVISIBLE, "").toLowerCase().replace(/\s/g, "");
}

/** A required single-line text field with Chinese messages naming the field. */
export function text(label: string, limits: { min?: number; max: number }) {
  return singleLine(label, limits, clean);
}

/** A required name shown to others (姓名, 机构名称, 联系人, 负责人), normalised by normalizeName. */
export function name(label: string, limits: { min?: number; max: number }) {
  return singleLine(label, limits, normalizeName);
}

function singleLine(label: string, { min = 1, max }: { min?: number; max: number }, normalize: (s: string) => string) {
  return z
    .string({ error: `请填写${label}` })
    .transform(normalize)
    .pipe(
      z
        .string()
        .min(1, { error: `请填写${label}` })
        .min(min, { error: `${label}至少 ${min} 个字` })
        .max(max, { error: `${label}不能超过 ${max} 个字` })
        .refine((s) => !FORBIDDEN.test(s) && !FORBIDDEN_SINGLE_LINE.test(s), {
          error: `${label}包含无法识别的控制字符，请删除后重试`,
        }),
    );
}

/** Multi-line text (line breaks allowed), empty → null. */
export function optionalLongText(label: string, max: number) {
  return z
    .string()
    .optional()
    .transform((s) => (s == null ? "" : clean(s.replace(/\r\n?/g, "\n"))))
    .pipe(
      z
        .string()
        .max(max, { error: `${label}不能超过 ${max} 个字` })
        .refine((s) => !FORBIDDEN.test(s), { error: `${label}包含无法识别的控制字符，请删除后重试` }),
    )
    .transform((s) => (s === "" ? null : s));
}

/** Single-line optional text, empty → null. */
export function optionalText(label: string, max: number) {
  return z
    .string()
    .optional()
    .transform((s) => (s == null ? "" : clean(s)))
    .pipe(
      z
        .string()
        .max(max, { error: `${label}不能超过 ${max} 个字` })
        .refine((s) => !FORBIDDEN.test(s) && !FORBIDDEN_SINGLE_LINE.test(s), {
          error: `${label}包含无法识别的控制字符，请删除后重试`,
        }),
    )
    .transform((s) => (s === "" ? null : s));
}

export function choice<const T extends readonly [string, ...string[]]>(label: string, values: T) {
  return z.enum(values, { error: `请选择${label}` });
}

/** A database id from a form or URL: a positive integer, nothing else. */
export const idSchema = z.coerce
  .number({ error: "编号无效" })
  .int({ error: "编号无效" })
  .positive({ error: "编号无效" })
  .max(Number.MAX_SAFE_INTEGER, { error: "编号无效" });

export const MOBILE = /^1[3-9]\d{9}$/;
// Deliberately simple: one @, a dot in the domain, no spaces. Delivery is the real check.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** 邮箱或手机号, normalised: e-mail lower-cased, mobile without spaces, dashes or +86. */
export const accountSchema = z
  .string({ error: "请填写邮箱或手机号" })
  .transform((s) => s.normalize("NFKC").trim())
  .pipe(
    z
      .string()
      .min(1, { error: "请填写邮箱或手机号" })
      .max(254, { error: "邮箱或手机号过长" })
      .transform((s, ctx) => {
        const digits = s.replace(/[\s-]/g, "").replace(/^\+?86/, "");
        if (MOBILE.test(digits)) return { kind: "mobile" as const, value: digits };
        if (EMAIL.test(s) && !FORBIDDEN.test(s)) return { kind: "email" as const, value: s.toLowerCase() };
        ctx.addIssue({ code: "custom", message: "请输入有效的邮箱地址或 11 位手机号" });
        return z.NEVER;
      }),
  );

export type Account = z.output<typeof accountSchema>;

/** Mobile or landline (0839-1234567). */
export const phoneSchema = z
  .string({ error: "请填写联系电话" })
  .transform((s) => s.normalize("NFKC").replace(/\s/g, "").replace(/^\+?86(?=1\d{10}$)/, ""))
  .pipe(
    z
      .string()
      .min(1, { error: "请填写联系电话" })
      .regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, { error: "请输入 11 位手机号或带区号的固定电话，如 0839-1234567" }),
  );

export const optionalEmailSchema = z
  .string()
  .optional()
  .transform((s) => (s ?? "").normalize("NFKC").trim().toLowerCase())
  .pipe(z.union([z.literal(""), z.string().max(254).regex(EMAIL, { error: "请输入有效的邮箱地址" })]))
  .transform((s) => (s === "" ? null : s));

/**
 * A search box's text: NFC like stored text (full-width punctuation stays as typed), control and
 * invisible characters dropped (PostgreSQL refuses a NUL in text outright), at most 50 characters.
 */
export const searchTextSchema = z
  .string()
  .optional()
  .catch(undefined)
  .transform((s) => {
    const t = [...(s ?? "").replace(new RegExp(FORBIDDEN.source, "g"), "").normalize("NFC").trim()].slice(0, 50).join("");
    return t === "" ? undefined : t;
  });

/** 产业领域 codes (focus_fields.code: GY 工业, NY 农业, MS 民生); the model checks the code exists. */
export const INDUSTRY_CODE = /^(GY|NY|MS)\d{2}$/;

/** An optional 产业领域 from a select: empty is none; anything but a code from the list is refused. */
export const optionalIndustrySchema = z.preprocess(
  (v) => (v === "" || v == null ? undefined : v),
  z.string().regex(INDUSTRY_CODE, { error: "请从列表中选择产业领域" }).optional(),
);

/**
 * 技术领域 where a chosen 产业领域 can stand in for it: left empty, the server takes the industry's
 * mapped national field (focus_fields.field_code), so the form works the same without JavaScript.
 */
export const fieldOrIndustry = {
  fieldCode: z.preprocess((v) => (v === "" || v == null ? undefined : v), z.string().regex(/^\d{2}$/, { error: "请选择技术领域" }).optional()),
  industryCode: optionalIndustrySchema,
};
export function requireFieldOrIndustry(d: { fieldCode?: string; industryCode?: string }, ctx: z.RefinementCtx) {
  if (!d.fieldCode && !d.industryCode) ctx.addIssue({ code: "custom", path: ["fieldCode"], message: "请选择技术领域，或选择产业领域由系统对应技术领域" });
}
