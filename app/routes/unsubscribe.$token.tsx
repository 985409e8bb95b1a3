import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { readUnsubscribeToken, targetLabel, unsubscribe } from "../models/notice";
import { getDb } from "../utils/db.server";
import { httpError } from "../utils/http.server";

export const meta: MetaFunction = () => [{ title: "退订邮件 · 利州技术转移对接平台" }, { name: "robots", content: "noindex" }];

/**
 * One-click unsubscribe from a mail's link. The signed token is the authority (no sign-in, no
 * CSRF token: a mail client's RFC 8058 POST has neither); GET only asks, POST switches off.
 */
async function tokenOf(params: LoaderFunctionArgs["params"]) {
  const found = await readUnsubscribeToken(getDb(), params.token ?? "");
  if (!found) throw httpError(400, "退订链接无效或已被改动，设置未作任何更改。请登录后在“个人中心 → 邮件通知设置”中修改。");
  return found;
}

export async function loader({ params }: LoaderFunctionArgs) {
  const { target } = await tokenOf(params);
  return json({ what: targetLabel(target) });
}

export async function action({ params }: ActionFunctionArgs) {
  const { userId, target } = await tokenOf(params);
  await unsubscribe(getDb(), userId, target);
  return json({ done: true, what: targetLabel(target) });
}

export default function Unsubscribe() {
  const { what } = useLoaderData<typeof loader>();
  const done = useActionData<typeof action>()?.done;
  return (
    <section className="card">
      <h1>退订邮件</h1>
      {done ? (
        <p className="alert ok" role="status">已退订：“{what}”类通知今后只在站内“消息”中显示，不再发送邮件。</p>
      ) : (
        <>
          <p>确认后，“{what}”类通知将只在站内“消息”中显示，不再发送邮件。其他通知不受影响。</p>
          <Form method="post">
            <button type="submit" className="btn">确认退订</button>
          </Form>
        </>
      )}
      <p className="muted small">随时可以在 <Link to="/me/notifications">个人中心 → 邮件通知设置</Link> 中重新开启。</p>
    </section>
  );
}
