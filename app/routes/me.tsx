import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { FollowedChallenges, MyOrgCard, PasswordForm, SessionList } from "../components/account/me-sections";
import { isFormAnswer } from "../components/ui/form";
import { changePassword, hasVerifiedEmail, chooseOrgForUser } from "../models/account";
import { listFollowed } from "../models/challenge";
import { listSessions, revokeOtherSessions, revokeSession } from "../models/shared";
import { changePasswordSchema, meIntentSchema } from "../schemas/auth";
import { parseOrgChoice } from "../schemas/org";
import { parse } from "../schemas/parse";
import { getDb } from "../utils/db.server";
import { attempt, invalid, readForm } from "../web/form.server";
import { redirectWithNotice } from "../utils/flash.server";
import { httpError } from "../utils/http.server";
import { roleLabels } from "../utils/labels";
import { requireUser } from "../web/session.server";

export const meta: MetaFunction = () => [{ title: "个人中心 · 利州技术转移对接平台" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [sessions, followed, emailVerified] = await Promise.all([listSessions(getDb(), user.id), listFollowed(getDb(), user), hasVerifiedEmail(getDb(), user.id)]);
  return json({
    user: { name: user.name, role: user.role, email: user.email, mobile: user.mobile, membershipStatus: user.membershipStatus, orgRole: user.orgRole, emailVerified },
    org: user.org,
    sessions: sessions.map((session) => ({ ...session, current: session.id === user.sessionId })),
    followed,
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const values = await readForm(request);
  const parsed = parse(meIntentSchema, values);
  if (!parsed.ok) throw httpError(400, "未知操作，请刷新页面后重试。");
  const db = getDb();
  switch (parsed.data.intent) {
    case "revoke-session": {
      const sessionId = parsed.data.sessionId;
      const r = await attempt(() => (sessionId ? revokeSession(db, user.id, sessionId) : Promise.resolve(false)));
      if (!r.ok) return r.response;
      if (!r.value) throw httpError(404, "没有找到这个登录设备，它可能已经退出。");
      return redirect("/me");
    }
    case "revoke-others": {
      const r = await attempt(() => revokeOtherSessions(db, user.id, user.sessionId));
      return r.ok ? redirect("/me") : r.response;
    }
    case "choose-org": {
      const org = parseOrgChoice(values);
      if (!org.ok) return invalid(org.errors, values);
      const r = await attempt(() => chooseOrgForUser(db, user, org.choice), values);
      return r.ok ? redirect("/me") : r.response;
    }
    case "change-password": {
      const pw = parse(changePasswordSchema, values);
      if (!pw.ok) return invalid(pw.errors, { intent: "change-password" });
      const r = await attempt(() =>
        changePassword(db, user.id, user.sessionId, { current: pw.data.currentPassword, next: pw.data.newPassword }),
      );
      return r.ok ? redirectWithNotice("/me", "passwordChanged") : r.response;
    }
  }
}

export default function Me() {
  const { user, org, sessions, followed } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const answer = isFormAnswer(actionData) ? actionData : undefined;
  const forPassword = answer?.values.intent === "change-password" || answer?.errors.currentPassword ? answer : undefined;
  const forOrg = forPassword ? undefined : answer;
  return (
    <>
      <h1>个人中心</h1>
      <section className="card" aria-labelledby="account">
        <h2 id="account">账号</h2>
        <dl className="facts">
          <dt>姓名</dt><dd>{user.name}</dd>
          <dt>角色</dt><dd>{roleLabels[user.role]}</dd>
          <dt>登录账号</dt><dd>{user.email ?? user.mobile}</dd>
        </dl>
        {user.email && !user.emailVerified ? (
          <p className="alert warn">邮箱尚未验证：验证前不会收到邮件通知。请打开验证邮件中的链接，或<Link to="/account/verify">重新发送验证邮件</Link>。</p>
        ) : null}
        <p><Link to="/me/notifications">邮件通知设置</Link>：选择哪些通知同时发到邮箱，立即发送或每日摘要。</p>
      </section>

      <MyOrgCard user={user} org={org} answer={forOrg} />
      <FollowedChallenges followed={followed} />
      <SessionList sessions={sessions} />
      <PasswordForm answer={forPassword} />
    </>
  );
}
