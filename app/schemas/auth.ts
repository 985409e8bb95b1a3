import { z } from "zod";
import { REGISTRATION_ROLES } from "../models/account";
import { safeRedirect } from "../utils/safe-redirect";
import { accountSchema, choice, name } from "./fields";


/** A person's name as others see it; also used by the create-admin command. */
export const personNameSchema = name("姓名", { min: 2, max: 30 });

export const passwordSchema = z
  .string({ error: "请设置密码" })
  .min(8, { error: "密码至少 8 位" })
  .max(128, { error: "密码不能超过 128 位" })
  .refine((s) => /[A-Za-z]/.test(s) && /\d/.test(s), { error: "密码需同时包含字母和数字" });

/** Only same-site paths: an attacker's link must not bounce a fresh sign-in to another site. */
export const redirectToSchema = z.string().optional().transform((s) => safeRedirect(s, "/workbench"));

export const loginSchema = z.object({
  account: accountSchema,
  password: z.string({ error: "请输入密码" }).min(1, { error: "请输入密码" }).max(128, { error: "账号或密码不正确" }),
  redirectTo: redirectToSchema,
});

export const meIntentSchema = z.object({
  intent: z.enum(["revoke-session", "revoke-others", "choose-org", "change-password"], { error: "未知操作" }),
  sessionId: z.string().regex(/^[0-9a-f]{64}$/).optional(),
});

export const changePasswordSchema = z
  .object({
    currentPassword: z.string({ error: "请输入当前密码" }).min(1, { error: "请输入当前密码" }).max(128, { error: "当前密码不正确" }),
    newPassword: passwordSchema,
    newPasswordConfirm: z.string({ error: "请再次输入新密码" }),
  })
  .refine((v) => v.newPassword === v.newPasswordConfirm, { path: ["newPasswordConfirm"], error: "两次输入的新密码不一致" });

export const registerSchema = z
  .object({
    name: personNameSchema,
    account: accountSchema,
    password: passwordSchema,
    passwordConfirm: z.string({ error: "请再次输入密码" }),
    role: z.enum(REGISTRATION_ROLES, {
      error: (issue) =>
        issue.input === "expert"
          ? "专家由区科技局审核入库，不能直接注册：请以科研人员或企业用户注册，科研人员可在个人中心申请加入专家库"
          : "请选择角色",
    }),
    orgMode: choice("加入方式", ["create", "join"] as const),
  })
  .refine((v) => v.password === v.passwordConfirm, { path: ["passwordConfirm"], error: "两次输入的密码不一致" })
  .refine((v) => !(v.role === "bureau" && v.orgMode === "create"), {
    path: ["orgMode"],
    error: "科技局工作人员请选择“加入已有机构”，并填写区科技局的统一社会信用代码",
  });

/** The address a reset or unlock link is asked for (a mobile number is answered with the bureau's way). */
export const linkRequestSchema = z.object({ account: accountSchema });

/** A mailed link's token as the form carries it back; its shape is checked where it is used. */
const linkTokenSchema = z.string({ error: "链接不完整，请重新打开邮件中的链接。" }).max(200, { error: "链接无效，请重新打开邮件中的链接。" });

export const resetPasswordSchema = z
  .object({
    token: linkTokenSchema,
    newPassword: passwordSchema,
    newPasswordConfirm: z.string({ error: "请再次输入新密码" }),
  })
  .refine((v) => v.newPassword === v.newPasswordConfirm, { path: ["newPasswordConfirm"], error: "两次输入的新密码不一致" });
