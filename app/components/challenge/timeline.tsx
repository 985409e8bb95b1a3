import type { ChallengeStatus } from "../../../db/schema";
import { challengeStatusLabels } from "../../utils/labels";
import { formatDateTime } from "../../utils/time";

const actionLabels: Record<string, string> = {
  create: "创建草稿",
  edit: "修改草稿",
  submit: "提交审核",
  return: "退回修改",
  send_to_review: "送专家论证",
  assign_experts: "指派专家",
  opinion: "专家提交论证意见",
  publish: "发布榜单",
  reject: "论证驳回",
  withdraw: "撤榜",
  select: "定榜",
  fail: "流标",
  sign: "登记签约",
  milestones: "更新里程碑",
  confirm: "企业确认考核指标达成",
  accept: "验收",
  terminate: "终止",
  pay: "登记兑现",
};

export interface TimelineEvent {
  id: number;
  action: string;
  from_state: string | null;
  to_state: string | null;
  reason: string | null;
  created_at: string;
  actor_name: string | null;
}

const label = (s: string | null) => (s ? (challengeStatusLabels[s as ChallengeStatus] ?? s) : "");

export function Timeline({ events }: { events: TimelineEvent[] }) {
  if (events.length === 0) return <p className="muted">暂无记录。</p>;
  return (
    <ol className="timeline">
      {events.map((e) => (
        <li key={e.id}>
          <strong>{actionLabels[e.action] ?? e.action}</strong>
          {e.from_state && e.to_state && e.from_state !== e.to_state ? (
            <span className="muted small"> （{label(e.from_state)} → {label(e.to_state)}）</span>
          ) : null}
          <div className="muted small">
            {e.actor_name ?? "系统"} · {formatDateTime(e.created_at)}
          </div>
          {e.reason ? <div style={{ whiteSpace: "pre-line" }}>{e.reason}</div> : null}
        </li>
      ))}
    </ol>
  );
}
