import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useSearchParams } from "@remix-run/react";
import { useEffect, useState } from "react";
import { Field, PostForm, SubmitButton, isFormAnswer } from "../components/ui/form";
import { signIn, LIMITS } from "../models/account";
import { loginSchema } from "../schemas/auth";
import { getDb } from "../utils/db.server";
import { env } from "../utils/env.server";
import { parse } from "../schemas/parse";
import { clientSource } from "../utils/client-source.server";
import { attempt, invalid, keepRetryAfter, readForm } from "../web/form.server";
import { getUser, signInAndRedirect } from "../web/session.server";

export const meta: MetaFunction = () => [{ title: "登录 · 利州技术转移对接平台" }];

export const headers = keepRetryAfter;

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect("/workbench");
  return json({});
}

export async function action({ request }: ActionFunctionArgs) {
  const values = await readForm(request);
  const parsed = parse(loginSchema, values);
  if (!parsed.ok) return invalid(parsed.errors, values);
  const { account, password, redirectTo } = parsed.data;

  const kept = { account: values.account ?? "", redirectTo: values.redirectTo ?? "" };
  const r = await attempt(
    () => signIn(getDb(), { account, password, source: clientSource(request) }, { slowdownMs: env.LOGIN_SLOWDOWN_MS, lockPassDelayMs: env.LOGIN_LOCKED_DELAY_MS }),
    kept,
  );
  if (!r.ok) return r.response;
  if (r.value.ok) {
    const userId = r.value.userId;
    const session = await attempt(() => signInAndRedirect(request, userId, redirectTo), kept);
    return session.ok ? session.value : session.response;
  }
  const { remaining } = r.value;
  const warning = remaining > 0 && remaining <= 2 ? `再失败 ${remaining} 次，该账号将暂时锁定 ${LIMITS.signinAccount.duration / 60} 分钟。` : "";
  return invalid({}, kept, `账号或密码不正确。${warning}`);
}

export default function Login() {
  const answer = useActionData<typeof action>();
  const [params] = useSearchParams();
  const a = isFormAnswer(answer) ? answer : undefined;
  // A fresh form after each refused attempt: the password field empties, the account stays.
  const [attempts, setAttempts] = useState(0);
  useEffect(() => {
    if (answer) setAttempts((n) => n + 1);
  }, [answer]);
  return (
    <div className="card narrow">
      <h1>登录</h1>
      {params.get("redirectTo") ? <p className="alert info">请先登录，登录后将回到您要访问的页面。</p> : null}
      <PostForm noValidate key={attempts}>
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? a?.values.redirectTo ?? ""} />
        <Field name="account" label="邮箱或手机号" answer={a} required autoComplete="username" maxLength={254} />
        <Field name="password" label="密码" type="password" answer={a} required autoComplete="current-password" maxLength={128} />
        <SubmitButton>登录</SubmitButton>
      </PostForm>
      {a?.errors.unlock ? (
        // The account is locked (AccountLockedError): its owner may lift the lock by a mailed link.
        <PostForm action="/account/unlock" noValidate className="alert info" style={{ marginTop: 16 }}>
          <p>{a.errors.unlock[0]}</p>
          <input type="hidden" name="account" value={String(a.values.account ?? "")} />
          <SubmitButton>发送解锁邮件</SubmitButton>
        </PostForm>
      ) : null}
      <p className="muted small" style={{ marginTop: 16 }}>
        <Link to="/account/forgot">忘记密码？</Link> · 还没有账号？<Link to="/register">注册</Link>
      </p>
    </div>
  );
}
