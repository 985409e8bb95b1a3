import { Link } from "@remix-run/react";
import type { ChallengeStatus } from "../../../db/schema";
import { formatBounty } from "../../utils/money";
import { formatDate, formatDateTime } from "../../utils/time";
import { ChallengeStatusBadge } from "./status";

export interface QueueRow {
  id: number;
  title: string;
  status: ChallengeStatus;
  bounty_fen: number;
  deadline: string | null;
  bid_count: number | null;
  updated_at: string;
  /** The enterprise, shown when the table lists several enterprises' 榜单. */
  org_name?: string;
  /** The bureau's reason when it returned a draft, shown to the enterprise. */
  status_reason?: string | null;
}

/** A table of 榜单 with their state: the bureau's queue, an enterprise's own list. */
export function ChallengeQueueTable({ rows, showOrg = false, sinceLabel }: { rows: QueueRow[]; showOrg?: boolean; sinceLabel: string }) {
  return (
    <div className="table-wrap card" style={{ padding: 0 }}>
      <table className="responsive">
        <thead>
          <tr>
            <th>榜单</th>
            {showOrg ? <th>发榜企业</th> : null}
            <th>状态</th>
            <th className="num">榜额</th>
            <th>截止</th>
            <th className="num">揭榜</th>
            <th>{sinceLabel}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              <td data-label="榜单">
                <Link to={`/challenges/${row.id}`}>{row.title}</Link>
                {row.status === "draft" && row.status_reason ? <div className="small" style={{ color: "var(--warn)" }}>退回意见：{row.status_reason}</div> : null}
              </td>
              {showOrg ? <td data-label="发榜企业">{row.org_name}</td> : null}
              <td data-label="状态"><ChallengeStatusBadge status={row.status} /></td>
              <td data-label="榜额" className="num">{formatBounty(row.bounty_fen)}</td>
              <td data-label="截止">{row.deadline ? formatDate(row.deadline) : "—"}</td>
              <td data-label="揭榜" className="num">{row.bid_count}</td>
              <td data-label={sinceLabel}>{formatDateTime(row.updated_at)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
