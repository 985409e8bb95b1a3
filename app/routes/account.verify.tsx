import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { PostForm, SubmitButton } from "../components/ui/form";
import { BAD_LINK, hasVerifiedEmail, resendVerification, verifyEmail } from "../models/account";
import { getDb } from "../utils/db.server";
import { redirectWithNotice } from "../utils/flash.server";
import { attempt, keepRetryAfter, load, readForm } from "../web/form.server";
import { siteOrigin } from "../utils/origin.server";
import { getUser, requireUser } from "../web/session.server";
import { clock } from "../utils/time";
import { parseQuery } from "../schemas/parse";
import { tokenQuerySchema } from "../schemas/query";

export const meta: MetaFunction = () => [{ title: "验证邮箱 · 利州技术转移对接平台" }];

export const headers = keepRetryAfter;

type State = "verified" | "invalid" | "pending" | "done" | "signed-out";

/** Following the mailed link verifies at once (a GET: the link is the proof); without one, the page says where things stand. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { token } = parseQuery(tokenQuerySchema, request);
  const user = await getUser(request);
  if (token != null) {
    const ok = await load(() => verifyEmail(getDb(), token, clock.now()));
    return json({ state: (ok ? "verified" : "invalid") as State, signedIn: user != null, message: ok ? null : BAD_LINK.verify_email }, { status: ok ? 200 : 400 });
  }
  if (!user) return json({ state: "signed-out" as State, signedIn: false, message: null });
  const verified = await load(() => hasVerifiedEmail(getDb(), user.id));
  return json({ state: (verified ? "done" : "pending") as State, signedIn: true, message: null });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  await readForm(request);
  const r = await attempt(() => resendVerification(getDb(), user.id, { origin: siteOrigin(request), now: clock.now() }));
  return r.ok ? redirectWithNotice("/account/verify", "verificationSent") : r.response;
}

export default function VerifyEmail() {
  const { state, signedIn, message } = useLoaderData<typeof loader>();
  const resend = (
    <PostForm>
      <SubmitButton>重新发送验证邮件</SubmitButton>
    </PostForm>
  );
  return (
    <div className="card narrow">
      <h1>验证邮箱</h1>
      {state === "verified" ? (
        <>
          <p className="alert ok" role="status">邮箱验证成功。此后平台的邮件通知会发送到这个邮箱。</p>
          <p><Link to={signedIn ? "/me" : "/login"}>{signedIn ? "返回个人中心" : "去登录"}</Link></p>
        </>
      ) : null}
      {state === "invalid" ? (
        <>
          <p className="alert error-box" role="alert">{message}</p>
          {signedIn ? resend : <p>请先<Link to="/login?redirectTo=%2Faccount%2Fverify">登录</Link>，再重新发送验证邮件。</p>}
        </>
      ) : null}
      {state === "pending" ? (
        <>
          <p>您的邮箱尚未验证。验证前可以正常登录和使用平台，但不会收到邮件通知。请打开注册时收到的邮件中的链接；没有收到可以重新发送。</p>
          {resend}
        </>
      ) : null}
      {state === "done" ? <p className="alert ok">您的邮箱已经验证。<Link to="/me">返回个人中心</Link></p> : null}
      {state === "signed-out" ? <p>请打开验证邮件中的链接；需要重新发送请先<Link to="/login?redirectTo=%2Faccount%2Fverify">登录</Link>。</p> : null}
    </div>
  );
}
