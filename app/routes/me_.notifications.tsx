import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { FieldGroupError, PostForm, SubmitButton, isFormAnswer } from "../components/ui/form";
import { NOTICE_DELIVERIES } from "../../db/vocabulary";
import { noticeCategories, getPreferences, savePreferences } from "../models/notice";
import { deliveryLabels } from "../utils/labels";
import { noticePreferencesSchema } from "../schemas/notice-preferences";
import { parse } from "../schemas/parse";
import { getDb } from "../utils/db.server";
import { redirectWithNotice } from "../utils/flash.server";
import { attempt, invalid, readForm } from "../web/form.server";
import { requireUser } from "../web/session.server";

export const meta: MetaFunction = () => [{ title: "邮件通知设置 · 个人中心 · 利州技术转移对接平台" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return json({ email: user.email, prefs: await getPreferences(getDb(), user.id) });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const values = await readForm(request);
  const parsed = parse(noticePreferencesSchema, values);
  if (!parsed.ok) return invalid(parsed.errors, values);
  const r = await attempt(() => savePreferences(getDb(), user.id, parsed.data), values);
  return r.ok ? redirectWithNotice("/me/notifications", "mailPreferencesSaved") : r.response;
}

export default function NotificationPreferences() {
  const { email, prefs } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const a = isFormAnswer(answer) ? answer : undefined;
  const chosen = (key: string) => (a?.values[key] as string | undefined) ?? prefs[key as keyof typeof prefs];
  return (
    <>
      <p className="muted small"><Link to="/me">个人中心</Link></p>
      <h1>邮件通知设置</h1>
      <p>
        站内“消息”总会收到全部通知；这里选择哪些通知同时发到邮箱
        {email ? <>（<strong>{email}</strong>）</> : null}：立即发送，或每天汇总成一封摘要（北京时间次日凌晨发出）。
      </p>
      {email ? null : <p className="alert info">您的账户没有登记邮箱，设置会保存，但在登记邮箱之前不会发送邮件。</p>}
      <PostForm>
        {noticeCategories.map((c) => (
          <fieldset key={c.key} className="card">
            <legend>{c.label}</legend>
            <p className="muted small" id={`hint-${c.key}`}>{c.hint}</p>
            <div className="choices" role="radiogroup" aria-describedby={`hint-${c.key}`}>
              {NOTICE_DELIVERIES.map((d) => (
                <label key={d}>
                  <input type="radio" name={c.key} value={d} defaultChecked={chosen(c.key) === d} /> {deliveryLabels[d]}
                </label>
              ))}
            </div>
            <FieldGroupError errors={a?.errors[c.key] ?? []} />
          </fieldset>
        ))}
        <SubmitButton>保存设置</SubmitButton>
      </PostForm>
    </>
  );
}
