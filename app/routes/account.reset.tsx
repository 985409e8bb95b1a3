import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field, PostForm, SubmitButton, isFormAnswer } from "../components/ui/form";
import { BAD_LINK, resetPassword, peekToken } from "../models/account";
import { resetPasswordSchema } from "../schemas/auth";
import { parse, parseQuery } from "../schemas/parse";
import { getDb } from "../utils/db.server";
import { redirectWithNotice } from "../utils/flash.server";
import { attempt, invalid, load, readForm } from "../web/form.server";
import { clock } from "../utils/time";
import { tokenQuerySchema } from "../schemas/query";

export const meta: MetaFunction = () => [{ title: "设置新密码 · 利州技术转移对接平台" }];

/** The form is shown only for a usable link; the link is used when the new password is saved. */
export async function loader({ request }: LoaderFunctionArgs) {
  const token = parseQuery(tokenQuerySchema, request).token ?? "";
  const userId = await load(() => peekToken(getDb(), token, "reset_password", clock.now()));
  return userId == null ? json({ token: null, message: BAD_LINK.reset_password }, { status: 400 }) : json({ token, message: null });
}

export async function action({ request }: ActionFunctionArgs) {
  const values = await readForm(request);
  const parsed = parse(resetPasswordSchema, values);
  if (!parsed.ok) return invalid(parsed.errors, values);
  const r = await attempt(() => resetPassword(getDb(), { token: parsed.data.token, password: parsed.data.newPassword }, clock.now()));
  return r.ok ? redirectWithNotice("/login", "passwordReset") : r.response;
}

export default function ResetPassword() {
  const { token, message } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const a = isFormAnswer(answer) ? answer : undefined;
  return (
    <div className="card narrow">
      <h1>设置新密码</h1>
      {token == null ? (
        <>
          <p className="alert error-box" role="alert">{message}</p>
          <p><Link to="/account/forgot">重新申请重置密码</Link></p>
        </>
      ) : (
        <PostForm noValidate>
          <input type="hidden" name="token" value={token} />
          <Field name="newPassword" label="新密码" type="password" answer={a} required maxLength={128} autoComplete="new-password" hint="至少 8 位，同时包含字母和数字；设置后所有设备都将退出登录" />
          <Field name="newPasswordConfirm" label="确认新密码" type="password" answer={a} required maxLength={128} autoComplete="new-password" />
          <SubmitButton>设置新密码</SubmitButton>
        </PostForm>
      )}
    </div>
  );
}
