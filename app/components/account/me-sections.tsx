import type { SerializeFrom } from "@remix-run/node";
import { Link } from "@remix-run/react";
import type { listFollowed } from "../../models/challenge";
import type { CurrentUser, listSessions } from "../../models/shared";
import { describeDevice } from "../../utils/device";
import { membershipLabels, orgKindLabels } from "../../utils/labels";
import { formatDateTime } from "../../utils/time";
import { ChallengeStatusBadge } from "../challenge/status";
import { OrgChoiceFields } from "../org-fields";
import { OrgStatusBadge } from "../ui/badges";
import { Field, PostForm, SubmitButton, type FormAnswer } from "../ui/form";

type Member = SerializeFrom<CurrentUser>;

/** 所属机构: the organisation and its state, a pending request, or the form to register or join one. */
export function MyOrgCard({ user, org, answer }: { user: Pick<Member, "membershipStatus" | "orgRole">; org: Member["org"]; answer?: FormAnswer }) {
  const needsOrg = user.membershipStatus === "none" || user.membershipStatus === "rejected";
  return (
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
            <OrgChoiceFields answer={answer} />
            <SubmitButton>提交</SubmitButton>
          </PostForm>
        </>
      ) : null}
    </section>
  );
}

/** 关注的榜单, with where each stands and its deadline. */
export function FollowedChallenges({ followed }: { followed: SerializeFrom<Awaited<ReturnType<typeof listFollowed>>> }) {
  return (
    <section className="card" aria-labelledby="followed">
      <h2 id="followed">关注的榜单</h2>
      {followed.length === 0 ? (
        <p className="muted">还没有关注榜单。在<Link to="/challenges">揭榜挂帅</Link>的榜单页点“关注榜单”，截止时间变化时会通知您。</p>
      ) : (
        <ul>
          {followed.map((challenge) => (
            <li key={challenge.id}>
              <Link to={`/challenges/${challenge.id}`}>{challenge.title}</Link> <ChallengeStatusBadge status={challenge.status} />
              {challenge.deadline ? <span className="muted small"> · 揭榜截止 {formatDateTime(challenge.deadline)}</span> : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** 登录设备: every live session, each revocable but the current one. */
export function SessionList({ sessions }: { sessions: (SerializeFrom<Awaited<ReturnType<typeof listSessions>>>[number] & { current: boolean })[] }) {
  return (
    <section className="card" aria-labelledby="sessions">
      <h2 id="sessions">登录设备</h2>
      <p className="muted small">每次登录会生成新的会话，30 天后自动失效。发现陌生设备请立即退出它并修改密码。</p>
      <div className="table-wrap">
        <table className="responsive">
          <thead><tr><th>设备</th><th>登录时间</th><th>有效期至</th><th><span className="visually-hidden">操作</span></th></tr></thead>
          <tbody>
            {sessions.map((session) => (
              <tr key={session.id}>
                <td data-label="设备">{describeDevice(session.user_agent)}{session.current ? <span className="badge ok" style={{ marginLeft: 8 }}>当前设备</span> : null}</td>
                <td data-label="登录时间">{formatDateTime(session.created_at)}</td>
                <td data-label="有效期至">{formatDateTime(session.expires_at)}</td>
                <td>
                  {session.current ? null : (
                    <PostForm>
                      <input type="hidden" name="intent" value="revoke-session" />
                      <input type="hidden" name="sessionId" value={session.id} />
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
  );
}

export function PasswordForm({ answer }: { answer?: FormAnswer }) {
  return (
    <section className="card" aria-labelledby="password">
      <h2 id="password">修改密码</h2>
      <PostForm noValidate style={{ maxWidth: 420 }}>
        <input type="hidden" name="intent" value="change-password" />
        <Field name="currentPassword" label="当前密码" type="password" answer={answer} required autoComplete="current-password" maxLength={128} />
        <Field name="newPassword" label="新密码" type="password" answer={answer} required autoComplete="new-password" maxLength={128} hint="至少 8 位，同时包含字母和数字；修改后其他设备将退出登录" />
        <Field name="newPasswordConfirm" label="确认新密码" type="password" answer={answer} required autoComplete="new-password" maxLength={128} />
        <SubmitButton>修改密码</SubmitButton>
      </PostForm>
    </section>
  );
}
