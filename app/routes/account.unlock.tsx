import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field, PostForm, SubmitButton, isFormAnswer } from "../components/ui/form";
import { BAD_LINK, MOBILE_ONLY, requestUnlock, unlockAccount, LIMITS } from "../models/account";
import { linkRequestSchema } from "../schemas/auth";
import { parse, parseQuery } from "../schemas/parse";
import { clientSource } from "../utils/client-source.server";
import { getDb } from "../utils/db.server";
import { attempt, invalid, keepRetryAfter, load, readForm } from "../web/form.server";
import { siteOrigin } from "../utils/origin.server";
import { clock } from "../utils/time";
import { tokenQuerySchema } from "../schemas/query";

export const meta: MetaFunction = () => [{ title: "解锁账号 · 利州技术转移对接平台" }];

export const headers = keepRetryAfter;

/** Following the mailed link lifts the lock at once; without a link the page asks for one. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { token } = parseQuery(tokenQuerySchema, request);
  const lockMinutes = LIMITS.signinAccount.duration / 60;
  if (token == null) return json({ state: "ask" as const, message: null, lockMinutes });
  const ok = await load(() => unlockAccount(getDb(), token, clock.now()));
  return ok
    ? json({ state: "unlocked" as const, message: null, lockMinutes })
    : json({ state: "invalid" as const, message: BAD_LINK.unlock, lockMinutes }, { status: 400 });
}

export async function action({ request }: ActionFunctionArgs) {
  const values = await readForm(request);
  const parsed = parse(linkRequestSchema, values);
  if (!parsed.ok) return invalid(parsed.errors, values);
  const r = await attempt(
    () => requestUnlock(getDb(), { account: parsed.data.account, source: clientSource(request) }, { origin: siteOrigin(request), now: clock.now() }),
    values,
  );
  if (!r.ok) return r.response;
  return json({ done: true as const, mobileOnly: "mobileOnly" in r.value ? MOBILE_ONLY : null });
}

export default function Unlock() {
  const { state, message, lockMinutes } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const a = isFormAnswer(answer) ? answer : undefined;
  const done = answer && "done" in answer ? answer : undefined;
  if (state === "unlocked") {
    return (
      <div className="card narrow">
        <h1>解锁账号</h1>
        <p className="alert ok" role="status">账号已解除锁定，现在可以登录了。如果不是您本人多次输错密码，建议登录后修改密码。</p>
        <p><Link to="/login">去登录</Link></p>
      </div>
    );
  }
  return (
    <div className="card narrow">
      <h1>解锁账号</h1>
      {state === "invalid" ? <p className="alert error-box" role="alert">{message}</p> : null}
      {done?.mobileOnly ? <p className="alert warn" role="status">{done.mobileOnly}</p> : null}
      {done && !done.mobileOnly ? (
        <p className="alert ok" role="status">如果该邮箱的账号正被锁定，解锁邮件已经发出，请在 30 分钟内打开邮件中的链接。锁定也会在 {lockMinutes} 分钟内自动解除。</p>
      ) : null}
      <p className="muted">账号因多次登录失败被暂时锁定时，可以向注册邮箱发送解锁链接（30 分钟内有效，只能使用一次）。</p>
      <PostForm noValidate>
        <Field name="account" label="注册邮箱" type="email" answer={a} required maxLength={254} autoComplete="username" />
        <SubmitButton>发送解锁邮件</SubmitButton>
      </PostForm>
      <p className="muted small" style={{ marginTop: 16 }}>
        <Link to="/login">返回登录</Link> · <Link to="/account/forgot">忘记密码？</Link>
      </p>
    </div>
  );
}
