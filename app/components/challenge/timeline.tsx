import type { ChallengeStatus } from "../../../db/schema";
import { withheldNotice } from "../../models/challenge";
import { challengeStatusLabels } from "../../utils/labels";
import { fenToWan } from "../../utils/money";
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
  report_milestone: "揭榜团队提交里程碑报告",
  review_report: "企业审核里程碑报告",
  confirm: "企业确认考核指标达成",
  accept: "验收",
  terminate: "终止",
  pay: "登记兑现",
  publish_override: "未收齐专家意见即发布",
  extend_deadline: "延长揭榜截止时间",
  close_bidding: "提前截止揭榜",
  award_publish: "发布中选公示",
  objection_lodged: "收到对中选公示的异议",
  objection_dismissed: "异议处理：驳回",
  reopen: "异议成立，撤销定榜，重新评审",
};

const amountLabels: Record<string, string> = { sign: "合同金额", pay: "兑现金额" };

export interface TimelineEvent {
  id: number;
  action: string;
  from_state: string | null;
  to_state: string | null;
  reason: string | null;
  amount_fen: number | null;
  created_at: string;
  actor_name: string | null;
  /** The viewer may not read this entry's reason or amount (the query left them out). */
  withheld: boolean;
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
            {e.actor_name ?? (e.action === "objection_lodged" ? "异议人不公开" : "系统")} · {formatDateTime(e.created_at)}
          </div>
          {e.amount_fen != null ? <div>{amountLabels[e.action] ?? "金额"} {fenToWan(e.amount_fen)} 万元</div> : null}
          {e.reason ? <div style={{ whiteSpace: "pre-line" }}>{e.reason}</div> : null}
          {e.withheld ? <div className="muted small">（{withheldNotice(e.action)}）</div> : null}
        </li>
      ))}
    </ol>
  );
}
