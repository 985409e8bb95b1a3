import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useSearchParams } from "@remix-run/react";
import { useEffect, useState } from "react";
import { setTimeout as sleep } from "node:timers/promises";
import { Field, PostForm, SubmitButton, isFormAnswer } from "../components/ui/form";
import { LOCK_MINUTES, signIn } from "../models/auth.server";
import { loginSchema } from "../schemas/auth";
import { getDb } from "../utils/db.server";
import { env } from "../utils/env.server";
import { parse } from "../schemas/parse";
import { attempt, invalid, readForm } from "../utils/form.server";
import { getUser, signInAndRedirect } from "../utils/session.server";
import { formatDateTime } from "../utils/time";

export const meta: MetaFunction = () => [{ title: "登录 · 利州技术转移对接平台" }];

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect("/me");
  return json({});
}

export async function action({ request }: ActionFunctionArgs) {
  const values = await readForm(request);
  const parsed = parse(loginSchema, values);
  if (!parsed.ok) return invalid(parsed.errors, values);
  const { account, password, redirectTo } = parsed.data;

  const keep = { account: values.account ?? "", redirectTo: values.redirectTo ?? "" };
  const tried = await attempt(() => signIn(getDb(), account, password, { slowdownMs: env.LOGIN_SLOWDOWN_MS }), keep);
  if (!tried.ok) return tried.response;
  const result = tried.value;
  if (result.ok) {
    const session = await attempt(() => signInAndRedirect(request, result.userId, redirectTo), keep);
    return session.ok ? session.value : session.response;
  }
  if (result.reason === "locked") {
    return json(
      {
        ok: false as const,
        message: `登录失败次数过多，该账号已暂时锁定 ${LOCK_MINUTES} 分钟，请于 ${formatDateTime(result.lockedUntil)} 后再试。`,
        errors: {},
        values: { account: values.account ?? "" },
      },
      { status: 429 },
    );
  }
  // Slowing each further guess makes password guessing expensive without locking a person out at once.
  if (result.delayMs > 0) await sleep(result.delayMs);
  const warning = result.remaining <= 2 ? `再失败 ${result.remaining} 次，账号将被暂时锁定 ${LOCK_MINUTES} 分钟。` : "";
  return invalid({}, keep, `账号或密码不正确。${warning}`);
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
      <p className="muted small" style={{ marginTop: 16 }}>
        还没有账号？<Link to="/register">注册</Link>。忘记密码？请联系区科技局工作人员协助处理。
      </p>
    </div>
  );
}
