import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData } from "@remix-run/react";
import { OrgChoiceFields } from "../components/org-fields";
import { Field, PostForm, SelectField, SubmitButton, isFormAnswer } from "../components/ui/form";
import { limitRegistration, registerAccount, REGISTRATION_ROLES } from "../models/account";
import { registerSchema } from "../schemas/auth";
import { parseOrgChoice } from "../schemas/org";
import { parse } from "../schemas/parse";
import { getDb } from "../utils/db.server";
import { clientSource } from "../utils/client-source.server";
import { attempt, invalid, keepRetryAfter, readForm } from "../web/form.server";
import { roleLabels } from "../utils/labels";
import { siteOrigin } from "../utils/origin.server";
import { getUser, signInAndRedirect } from "../web/session.server";
import { clock } from "../utils/time";

export const meta: MetaFunction = () => [{ title: "注册 · 利州技术转移对接平台" }];

export const headers = keepRetryAfter;

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect("/me");
  return json({});
}

export async function action({ request }: ActionFunctionArgs) {
  const values = await readForm(request);
  const base = parse(registerSchema, values);
  const org = parseOrgChoice(values);
  if (!base.ok || !org.ok) return invalid({ ...(base.ok ? {} : base.errors), ...(org.ok ? {} : org.errors) }, values);

  const { name, account, password, role } = base.data;
  const r = await attempt(async () => {
    await limitRegistration(getDb(), clientSource(request));
    return registerAccount(getDb(), { name, account, password, role, org: org.choice }, { origin: siteOrigin(request), now: clock.now() });
  }, values);
  if (!r.ok) return r.response;
  const session = await attempt(() => signInAndRedirect(request, r.value, "/me"), values);
  return session.ok ? session.value : session.response;
}

const roleOptions = REGISTRATION_ROLES.map((r) => [r, roleLabels[r]] as const);

export default function Register() {
  const answer = useActionData<typeof action>();
  const a = isFormAnswer(answer) ? answer : undefined;
  return (
    <div className="card narrow">
      <h1>注册</h1>
      <p className="muted">注册后即可登录、起草内容；所属机构通过区科技局认证后，才能发布和揭榜。</p>
      <PostForm noValidate>
        <Field name="name" label="姓名" answer={a} required maxLength={30} autoComplete="name" />
        <Field name="account" label="邮箱或手机号" answer={a} required maxLength={254} autoComplete="username" hint="用于登录，例如 zhang@example.com 或 13800000000" />
        <Field name="password" label="密码" type="password" answer={a} required maxLength={128} autoComplete="new-password" hint="至少 8 位，同时包含字母和数字" />
        <Field name="passwordConfirm" label="确认密码" type="password" answer={a} required maxLength={128} autoComplete="new-password" />
        <SelectField name="role" label="我的角色" options={roleOptions} answer={a} required hint="企业用户属于企业或服务机构；科研人员属于高校或科研院所。专家由区科技局审核：科研人员注册后可在个人中心申请加入专家库" />
        <OrgChoiceFields answer={a} />
        <SubmitButton>注册并登录</SubmitButton>
      </PostForm>
      <p className="muted small" style={{ marginTop: 16 }}>
        已有账号？<Link to="/login">登录</Link>
      </p>
    </div>
  );
}
