import { Link } from "@remix-run/react";
import type { MeetingSource, MeetingStatus } from "../../../db/schema";
import { hhmm } from "../../utils/time";
import { meetingSourceLabels } from "../../utils/labels";

export interface AgendaRow {
  id: number;
  start_min: number;
  end_min: number;
  table_no: number;
  /** Null on another pair's meeting: only its two sides and the bureau learn why they meet. */
  source: MeetingSource | null;
  score: number | null;
  status: MeetingStatus;
  cancel_reason: string | null;
  a_name: string;
  b_name: string;
  a_participant_id: number;
  b_participant_id: number;
}

/** One agenda as a table: own (the other side's name), a table's, or the whole event's (both names). */
export function AgendaTable({ eventId, rows, ownId, empty }: { eventId: number; rows: AgendaRow[]; ownId?: number; empty: string }) {
  if (rows.length === 0) return <div className="card empty"><strong>暂无会谈</strong>{empty}</div>;
  return (
    <div className="table-wrap">
      <table className="responsive agenda">
        <thead>
          <tr>
            <th>时间</th>
            <th>桌号</th>
            <th>{ownId != null ? "洽谈对象" : "洽谈双方"}</th>
            <th>来源</th>
            <th>状态</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((m) => (
            <tr key={m.id} className={m.status === "cancelled" ? "cancelled" : undefined}>
              <td data-label="时间">{hhmm(m.start_min)}–{hhmm(m.end_min)}</td>
              <td data-label="桌号">第 {m.table_no} 桌</td>
              <td data-label={ownId != null ? "洽谈对象" : "洽谈双方"}>
                <Link to={`/events/${eventId}/meetings/${m.id}`}>
                  {ownId != null ? (m.a_participant_id === ownId ? m.b_name : m.a_name) : `${m.a_name} ↔ ${m.b_name}`}
                </Link>
              </td>
              <td data-label="来源">{m.source ? meetingSourceLabels[m.source] : "—"}{m.source === "match" ? `（匹配度 ${m.score}）` : ""}</td>
              <td data-label="状态">{m.status === "cancelled" ? <span className="badge neutral" title={m.cancel_reason ?? undefined}>已取消</span> : <span className="badge ok">已安排</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
