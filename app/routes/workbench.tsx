import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { WorkItem, WorkKind } from "../models/notice";
import { dueText, formatDateTime } from "../utils/time";
import { roleLabels } from "../utils/labels";
import { workbenchOnce } from "../web/request-workbench.server";
import { requireUser } from "../web/session.server";

export const meta: MetaFunction = () => [{ title: "工作台 · 利州技术转移对接平台" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { now, ...bench } = await workbenchOnce(context, user);
  return json({ ...bench, now: now.toISOString(), user: { name: user.name, role: user.role, orgName: user.org?.name ?? null, active: user.membershipStatus === "active" } });
}

/** Section headings, and how one item reads when it stands for a whole queue. */
const kinds: Record<WorkKind, { label: string; queue?: (n: number) => string; unit?: string }> = {
  challenge_check: { label: "待审核的榜单" },
  opinions_back: { label: "专家意见已返回，待发布或驳回" },
  objections: { label: "待处理的异议", queue: (n) => `${n} 件异议待处理` },
  acceptance: { label: "待验收的榜单" },
  orgs_to_verify: { label: "待认证的机构", queue: (n) => `${n} 家机构待认证` },
  experts_to_verify: { label: "专家库申请", queue: (n) => `${n} 位专家申请待审核` },
  registrations: { label: "对接会报名待审核", unit: "家单位报名待审核" },
  contracts_to_register: { label: "待登记的技术合同（已签约榜单）" },
  follow_ups: { label: "会谈回访" },
  review: { label: "待论证的榜单" },
  score: { label: "待评分的揭榜申请", unit: "份待评分" },
  drafts: { label: "草稿" },
  returned: { label: "退回修改的榜单" },
  bids_received: { label: "收到的揭榜申请（专家评分中）", unit: "份揭榜申请" },
  select_due: { label: "待定榜" },
  reports_to_confirm: { label: "待确认的里程碑报告" },
  meeting_requests: { label: "对接会约谈请求" },
  threads: { label: "待回复的合作意向" },
  bids_open: { label: "进行中的揭榜申请" },
  milestones_due: { label: "待提交的里程碑报告" },
  matches: { label: "与您成果匹配的揭榜中榜单" },
};

function Due({ item, now }: { item: WorkItem; now: Date }) {
  if (!item.dueAt) return null;
  const cls = item.urgency === "overdue" ? "danger" : item.urgency === "soon" ? "warn" : "neutral";
  return (
    <span className="work-due">
      <span className={`badge ${cls}`}>{dueText(item.dueAt, now)}</span> <span className="muted small">截止 {formatDateTime(item.dueAt)}（北京时间）</span>
    </span>
  );
}

export default function Workbench() {
  const { sections, total, now: nowIso, user } = useLoaderData<typeof loader>();
  const now = new Date(nowIso);
  return (
    <>
      <div className="row">
        <h1 style={{ margin: 0 }}>工作台</h1>
        <span className="spacer" />
        <Link to="/me">个人中心与账号设置</Link>
      </div>
      <p className="muted">
        {user.name} · {roleLabels[user.role]}
        {user.orgName ? ` · ${user.orgName}` : null} · {total > 0 ? `${total} 项待办，最紧急的在前` : "暂无待办事项"}
      </p>
      {!user.active ? <p className="alert info">加入或创建机构并通过认证后，这里会列出需要您处理的事项。请到<Link to="/me">个人中心</Link>完成。</p> : null}
      {sections.length === 0 ? (
        <div className="card">
          <p>暂无待办事项。</p>
          <p className="muted small">有新的事项需要您处理时会出现在这里，也会发到<Link to="/inbox">消息</Link>。</p>
        </div>
      ) : null}
      {sections.map((s) => (
        <section key={s.kind} className="card work-section" aria-labelledby={`work-${s.kind}`}>
          <h2 id={`work-${s.kind}`}>
            {kinds[s.kind].label} <span className={s.counted ? "work-count" : "work-count neutral"}>{s.count}</span>
          </h2>
          {s.unavailable ? <p className="alert warn">{s.unavailable}</p> : null}
          {s.kind === "matches" && !s.unavailable ? <p className="muted small">根据您单位已发布的成果推荐，仅供参考，不计入待办。</p> : null}
          <ul className="work-list">
            {s.items.map((it, i) => {
              const k = kinds[it.kind];
              const text = it.title == null ? k.queue!(it.n) : it.title;
              return (
                <li key={`${it.link}-${i}`} className={`work-item ${it.urgency}`}>
                  <Link to={it.link}>{text}</Link>
                  {it.title != null && k.unit ? <span className="muted small"> · {it.n} {k.unit}</span> : null}
                  {it.note ? <span className="badge info work-note">{it.note.length > 24 ? `${it.note.slice(0, 24)}…` : it.note}</span> : null}
                  <Due item={it} now={now} />
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </>
  );
}
