import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { OrgStatusBadge } from "../components/ui/badges";
import { OrgChoiceFields } from "../components/org-fields";
import { Field, PostForm, SubmitButton, isFormAnswer } from "../components/ui/form";
import { changePassword } from "../models/account.server";
import { hasVerifiedEmail } from "../models/account-mail.server";
import { chooseOrgForUser } from "../models/org.server";
import { listFollowed } from "../models/challenge-follow.server";
import { ChallengeStatusBadge } from "../components/challenge/status";
import { listSessions, revokeOtherSessions, revokeSession } from "../models/session.server";
import { changePasswordSchema, meIntentSchema } from "../schemas/auth";
import { parseOrgChoice } from "../schemas/org";
import { parse } from "../schemas/parse";
import { getDb } from "../utils/db.server";
import { attempt, invalid, readForm } from "../web/form.server";
import { redirectWithNotice } from "../utils/flash.server";
import { httpError } from "../utils/http.server";
import { membershipLabels, orgKindLabels, roleLabels } from "../utils/labels";
import { requireUser } from "../web/session.server";
import { describeDevice } from "../utils/device";
import { formatDateTime } from "../utils/time";

export const meta: MetaFunction = () => [{ title: "个人中心 · 利州技术转移对接平台" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [sessions, followed, emailVerified] = await Promise.all([listSessions(getDb(), user.id), listFollowed(getDb(), user), hasVerifiedEmail(getDb(), user.id)]);
  return json({
    user: { name: user.name, role: user.role, email: user.email, mobile: user.mobile, membershipStatus: user.membershipStatus, orgRole: user.orgRole, emailVerified },
    org: user.org,
    sessions: sessions.map((s) => ({ ...s, current: s.id === user.sessionId })),
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
  const answer = useActionData<typeof action>();
  const a = isFormAnswer(answer) ? answer : undefined;
  const forPassword = a?.values.intent === "change-password" || a?.errors.currentPassword ? a : undefined;
  const forOrg = forPassword ? undefined : a;
  const needsOrg = user.membershipStatus === "none" || user.membershipStatus === "rejected";
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

      <section className="card" aria-labelledby="my-org">
        <h2 id="my-org">所属机构</h2>
        {org && user.membershipStatus === "active" ? (
          <>
            <p>
              <Link to={`/orgs/${org.id}`}>{org.name}</Link>（{orgKindLabels[org.kind]}）<OrgStatusBadge status={org.status} />
              {user.orgRole === "admin" ? <span className="badge neutral" style={{ marginLeft: 8 }}>机构管理员</span> : null}
            </p>
            {org.status === "unverified" ? <p className="alert warn">机构正在等待区科技局认证。认证前可以登录和起草，暂不能发布或揭榜。</p> : null}
            {org.status === "rejected" ? (
              <p className="alert error-box">
                机构认证未通过。{user.orgRole === "admin" ? <>请在<Link to={`/orgs/${org.id}/edit`}>机构资料</Link>中按意见修改后重新提交。</> : "请联系本机构管理员修改资料后重新提交。"}
              </p>
            ) : null}
          </>
        ) : null}
        {org && user.membershipStatus === "pending" ? (
          <p className="alert info">您申请加入“{org.name}”，{membershipLabels.pending}。</p>
        ) : null}
        {needsOrg ? (
          <>
            {user.membershipStatus === "rejected" ? <p className="alert warn">您的加入申请未通过，可以重新选择机构。</p> : <p>您还没有所属机构，请登记或加入一个机构。</p>}
            <PostForm noValidate>
              <input type="hidden" name="intent" value="choose-org" />
              <OrgChoiceFields answer={forOrg} />
              <SubmitButton>提交</SubmitButton>
            </PostForm>
          </>
        ) : null}
      </section>

      <section className="card" aria-labelledby="followed">
        <h2 id="followed">关注的榜单</h2>
        {followed.length === 0 ? (
          <p className="muted">还没有关注榜单。在<Link to="/challenges">揭榜挂帅</Link>的榜单页点“关注榜单”，截止时间变化时会通知您。</p>
        ) : (
          <ul>
            {followed.map((f) => (
              <li key={f.id}>
                <Link to={`/challenges/${f.id}`}>{f.title}</Link> <ChallengeStatusBadge status={f.status} />
                {f.deadline ? <span className="muted small"> · 揭榜截止 {formatDateTime(f.deadline)}</span> : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="card" aria-labelledby="sessions">
        <h2 id="sessions">登录设备</h2>
        <p className="muted small">每次登录会生成新的会话，30 天后自动失效。发现陌生设备请立即退出它并修改密码。</p>
        <div className="table-wrap">
          <table className="responsive">
            <thead><tr><th>设备</th><th>登录时间</th><th>有效期至</th><th><span className="visually-hidden">操作</span></th></tr></thead>
            <tbody>
              {sessions.map((s) => (
                <tr key={s.id}>
                  <td data-label="设备">{describeDevice(s.user_agent)}{s.current ? <span className="badge ok" style={{ marginLeft: 8 }}>当前设备</span> : null}</td>
                  <td data-label="登录时间">{formatDateTime(s.created_at)}</td>
                  <td data-label="有效期至">{formatDateTime(s.expires_at)}</td>
                  <td>
                    {s.current ? null : (
                      <PostForm>
                        <input type="hidden" name="intent" value="revoke-session" />
                        <input type="hidden" name="sessionId" value={s.id} />
                        <button className="btn danger small" type="submit">退出该设备</button>
                      </PostForm>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {sessions.length > 1 ? (
          <PostForm style={{ marginTop: 12 }}>
            <input type="hidden" name="intent" value="revoke-others" />
            <button className="btn secondary small" type="submit">退出其他所有设备</button>
          </PostForm>
        ) : null}
      </section>

      <section className="card" aria-labelledby="password">
        <h2 id="password">修改密码</h2>
        <PostForm noValidate style={{ maxWidth: 420 }}>
          <input type="hidden" name="intent" value="change-password" />
          <Field name="currentPassword" label="当前密码" type="password" answer={forPassword} required autoComplete="current-password" maxLength={128} />
          <Field name="newPassword" label="新密码" type="password" answer={forPassword} required autoComplete="new-password" maxLength={128} hint="至少 8 位，同时包含字母和数字；修改后其他设备将退出登录" />
          <Field name="newPasswordConfirm" label="确认新密码" type="password" answer={forPassword} required autoComplete="new-password" maxLength={128} />
          <SubmitButton>修改密码</SubmitButton>
        </PostForm>
      </section>
    </>
  );
}
