import { json, type ActionFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData } from "@remix-run/react";
import { Field, PostForm, SubmitButton, isFormAnswer } from "../components/ui/form";
import { MOBILE_ONLY, requestPasswordReset } from "../models/account";
import { linkRequestSchema } from "../schemas/auth";
import { parse } from "../schemas/parse";
import { clientSource } from "../utils/client-source.server";
import { getDb } from "../utils/db.server";
import { attempt, invalid, keepRetryAfter, readForm } from "../web/form.server";
import { siteOrigin } from "../utils/origin.server";
import { clock } from "../utils/time";

export const meta: MetaFunction = () => [{ title: "找回密码 · 利州技术转移对接平台" }];

export const headers = keepRetryAfter;

export async function action({ request }: ActionFunctionArgs) {
  const values = await readForm(request);
  const parsed = parse(linkRequestSchema, values);
  if (!parsed.ok) return invalid(parsed.errors, values);
  const r = await attempt(
    () => requestPasswordReset(getDb(), { account: parsed.data.account, source: clientSource(request) }, { origin: siteOrigin(request), now: clock.now() }),
    values,
  );
  if (!r.ok) return r.response;
  return json({ done: true as const, mobileOnly: "mobileOnly" in r.value ? MOBILE_ONLY : null });
}

export default function ForgotPassword() {
  const answer = useActionData<typeof action>();
  const a = isFormAnswer(answer) ? answer : undefined;
  const done = answer && "done" in answer ? answer : undefined;
  return (
    <div className="card narrow">
      <h1>找回密码</h1>
      {done?.mobileOnly ? <p className="alert warn" role="status">{done.mobileOnly}</p> : null}
      {done && !done.mobileOnly ? (
        <p className="alert ok" role="status">
          如果该邮箱已注册，重置密码的邮件已经发出，请在 30 分钟内打开邮件中的链接。没有收到请查看垃圾邮件，或稍后重新申请。
        </p>
      ) : null}
      <p className="muted">填写注册时使用的邮箱，我们会发送一个重置密码的链接（30 分钟内有效，只能使用一次）。</p>
      <PostForm noValidate>
        <Field name="account" label="注册邮箱" type="email" answer={a} required maxLength={254} autoComplete="username" />
        <SubmitButton>发送重置邮件</SubmitButton>
      </PostForm>
      {done?.mobileOnly ? null : (
        <p className="alert info small" style={{ marginTop: 16 }}>
          仅绑定手机号的账户暂不能自助找回密码，请联系区科技局工作人员协助处理（短信验证开通后可自助办理）。
        </p>
      )}
      <p className="muted small">
        想起密码了？<Link to="/login">返回登录</Link>
      </p>
    </div>
  );
}
