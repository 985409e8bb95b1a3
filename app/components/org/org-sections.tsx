import type { SerializeFrom } from "@remix-run/node";
import type { getOrgPage } from "../../models/account";
import { roleLabels } from "../../utils/labels";
import { formatDateTime } from "../../utils/time";
import { PostForm } from "../ui/form";

type OrgPageView = SerializeFrom<Awaited<ReturnType<typeof getOrgPage>>>;

/** 成员: the active members, and for the organisation's admin the join requests to decide. */
export function OrgMembers({ members, isAdmin }: { members: OrgPageView["members"]; isAdmin: boolean }) {
  const pending = members.filter((member) => member.membership_status === "pending");
  const active = members.filter((member) => member.membership_status === "active");
  return (
    <section className="card" aria-labelledby="members">
      <h2 id="members">成员</h2>
      {isAdmin && pending.length > 0 ? (
        <>
          <h3>待审核的加入申请（{pending.length}）</h3>
          <ul className="stack" style={{ listStyle: "none", padding: 0 }}>
            {pending.map((member) => (
              <li key={member.id} className="row">
                <span>{member.name}（{roleLabels[member.role]}，{formatDateTime(member.created_at)} 申请）</span>
                <span className="spacer" />
                <PostForm>
                  <input type="hidden" name="userId" value={member.id} />
                  <button className="btn small" name="intent" value="approve" type="submit">同意加入</button>
                </PostForm>
                <PostForm>
                  <input type="hidden" name="userId" value={member.id} />
                  <button className="btn danger small" name="intent" value="reject" type="submit">拒绝</button>
                </PostForm>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <ul>
        {active.map((member) => (
          <li key={member.id}>
            {member.name} · {roleLabels[member.role]}
            {member.org_role === "admin" ? "（管理员）" : ""}
          </li>
        ))}
      </ul>
    </section>
  );
}

const actionLabels: Record<string, string> = {
  create: "登记机构",
  update: "修改资料",
  resubmit: "修改资料并重新提交认证",
  verify: "认证通过",
  reject: "认证驳回",
};

/** 认证记录: each registration, change and review of the organisation. */
export function OrgHistory({ history }: { history: OrgPageView["history"] }) {
  if (history.length === 0) return null;
  return (
    <section className="card" aria-labelledby="history">
      <h2 id="history">认证记录</h2>
      <ol className="timeline">
        {history.map((entry) => (
          <li key={entry.id}>
            <strong>{actionLabels[entry.action] ?? entry.action}</strong>
            <span className="muted small"> · {entry.actor_name ?? "系统"} · {formatDateTime(entry.created_at)}</span>
            {entry.reason ? <div>理由：{entry.reason}</div> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
