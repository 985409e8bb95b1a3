import type { Selectable } from "kysely";
import type { BidStatus, BidTable } from "../../../db/schema";
import { NOT_SELECTED_REASONS } from "../../../db/vocabulary";
import { bidStatusLabels, outcomeReasonLabels } from "../../utils/labels";
import { fenToWan } from "../../utils/money";
import { formatDateTime } from "../../utils/time";
import { FileList, type FileView } from "../ui/attachments";
import { FieldGroupError, PostForm, SelectField, SubmitButton, type FormAnswer } from "../ui/form";

export type BidView = Pick<Selectable<BidTable>, "id" | "leader_name" | "solution" | "team" | "price_fen" | "duration_months" | "milestone_plan" | "status" | "outcome_reason" | "outcome_note" | "updated_at"> & {
  org_name: string;
};

export interface ScoreView {
  count: number;
  avg: { advanced: number; feasibility: number; team: number; price: number; total: number } | null;
  mine: { advanced: number; feasibility: number; team: number; price: number; comment: string | null } | null;
}

const tone: Record<BidStatus, string> = { submitted: "info", withdrawn: "neutral", selected: "ok", not_selected: "danger" };
const rubric = [
  ["advanced", "技术先进性"],
  ["feasibility", "可行性"],
  ["team", "团队能力"],
  ["price", "报价合理性"],
] as const;

function ScoreForm({ bidId, mine }: { bidId: number; mine: ScoreView["mine"] }) {
  return (
    <PostForm className="stack" aria-label="专家评分">
      <input type="hidden" name="intent" value="score" />
      <input type="hidden" name="bidId" value={bidId} />
      <div className="grid" style={{ gridTemplateColumns: "repeat(auto-fit, minmax(130px, 1fr))" }}>
        {rubric.map(([k, label]) => (
          <SelectField
            key={k}
            plain
            id={`s-${bidId}-${k}`}
            name={k}
            label={label}
            required
            defaultValue={mine ? String(mine[k]) : undefined}
            placeholder="1–5 分"
            options={[5, 4, 3, 2, 1].map((n) => [String(n), `${n} 分`] as const)}
          />
        ))}
      </div>
      <label htmlFor={`s-${bidId}-comment`}>评语</label>
      <textarea id={`s-${bidId}-comment`} name="comment" maxLength={1000} defaultValue={mine?.comment ?? ""} />
      <SubmitButton busyWhen="score">{mine ? "更新评分" : "提交评分"}</SubmitButton>
    </PostForm>
  );
}

export function BidList({ bids, scores, canScore, showAverages, files = {} }: { bids: BidView[]; scores: Record<string, ScoreView>; canScore: boolean; showAverages: boolean; files?: Record<string, FileView[]> }) {
  if (bids.length === 0) return <div className="empty"><strong>还没有揭榜申请</strong>揭榜截止前，已认证的高校、院所和企业可以提交。</div>;
  return (
    <div className="stack">
      {bids.map((b) => {
        const s = scores[String(b.id)];
        return (
          <article key={b.id} className="card" aria-labelledby={`bid-${b.id}`}>
            <div className="row">
              <h3 id={`bid-${b.id}`} style={{ margin: 0 }}>{b.org_name}</h3>
              <span className={`badge ${tone[b.status]}`}>{bidStatusLabels[b.status]}</span>
              <span className="spacer" />
              <span className="muted small">更新于 {formatDateTime(b.updated_at)}</span>
            </div>
            <dl className="facts" style={{ marginTop: 8 }}>
              <dt>挂帅人</dt><dd>{b.leader_name}</dd>
              <dt>报价</dt><dd>{fenToWan(b.price_fen)} 万元</dd>
              <dt>周期</dt><dd>{b.duration_months} 个月</dd>
              {b.outcome_reason ? (<><dt>结果说明</dt><dd>{outcomeReasonLabels[b.outcome_reason]}{b.outcome_note ? `：${b.outcome_note}` : ""}</dd></>) : null}
              {showAverages && s?.avg ? (
                <><dt>专家均分</dt><dd>{s.avg.total} / 20（{rubric.map(([k, l]) => `${l} ${s.avg![k]}`).join("，")}；{s.count} 位专家）</dd></>
              ) : null}
            </dl>
            <details style={{ marginTop: 8 }}>
              <summary>查看技术方案、团队与里程碑</summary>
              <h4>技术方案</h4><p style={{ whiteSpace: "pre-line" }}>{b.solution}</p>
              <h4>团队与业绩</h4><p style={{ whiteSpace: "pre-line" }}>{b.team}</p>
              <h4>里程碑计划</h4><p style={{ whiteSpace: "pre-line" }}>{b.milestone_plan}</p>
            </details>
            <FileList files={files[String(b.id)] ?? []} />
            {canScore && b.status === "submitted" ? <ScoreForm bidId={b.id} mine={s?.mine ?? null} /> : null}
          </article>
        );
      })}
    </div>
  );
}

/** 定榜: pick one winner; every other bidder gets a reason. Works without JavaScript. */
export function SelectionForm({ bids, answer }: { bids: BidView[]; answer?: FormAnswer }) {
  const open = bids.filter((b) => b.status === "submitted");
  if (open.length === 0) return null;
  const a = answer?.values.intent === "select" ? answer : undefined;
  return (
    <PostForm className="card" aria-label="定榜">
      <h3>定榜</h3>
      <FieldGroupError errors={[...(a?.errors.reasons ?? []), ...(a?.errors.winnerBidId ?? [])]} />
      <p className="muted small">选择中选单位；其余单位请选择未中选原因，结果将通知各揭榜单位。</p>
      <input type="hidden" name="intent" value="select" />
      <div className="table-wrap">
        <table className="responsive">
          <thead><tr><th>中选</th><th>揭榜单位</th><th>未中选原因</th><th>说明</th></tr></thead>
          <tbody>
            {open.map((b, i) => (
              <tr key={b.id}>
                <td data-label="中选"><input type="radio" name="winnerBidId" value={b.id} aria-label={`选择 ${b.org_name} 中选`} style={{ width: 20, height: 20 }} /></td>
                <td data-label="揭榜单位">{b.org_name}（{fenToWan(b.price_fen)} 万元）</td>
                <td data-label="未中选原因">
                  <input type="hidden" name={`reasons[${i}].bidId`} value={b.id} />
                  <SelectField
                    plain
                    id={`reason-${b.id}`}
                    name={`reasons[${i}].code`}
                    label={`${b.org_name} 未中选原因`}
                    labelClassName="visually-hidden"
                    placeholder="（中选则不填）"
                    emptyChoice
                    options={NOT_SELECTED_REASONS.map((r) => [r, outcomeReasonLabels[r]] as const)}
                  />
                </td>
                <td data-label="说明"><input type="text" name={`reasons[${i}].note`} maxLength={500} aria-label={`${b.org_name} 未中选说明`} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <SubmitButton busyWhen="select">确认定榜</SubmitButton>
    </PostForm>
  );
}
