import { milestoneStateLabels } from "../../utils/labels";
import { formatDateTime, formatDay } from "../../utils/time";
import { Attachments, FileList, type FileView, type SlotView } from "../ui/attachments";
import { Field, PostForm, SubmitButton, type FormAnswer } from "../ui/form";

export interface ReportView {
  id: number;
  text: string;
  early_note: string | null;
  submitted_at: string;
  submitted_by_name: string | null;
  decision: "accepted" | "returned" | null;
  decided_at: string | null;
  decided_by_name: string | null;
  return_reason: string | null;
  files: FileView[];
}

export interface MilestoneView {
  id: number;
  title: string;
  due_on: string;
  state: keyof typeof milestoneStateLabels;
  /** Reporting today would need a 提前完成说明 (decided by the server, so it works without JavaScript). */
  needsEarlyNote: boolean;
  /** Newest first. */
  reports: ReportView[];
}

const stateTone = { planned: "neutral", reported: "warn", accepted: "ok", returned: "danger" } as const;

/** The answer belongs to this form: same intent and the same milestone or report. */
function answerFor(answer: FormAnswer | undefined, intent: string, key: string, id: number) {
  return answer?.values.intent === intent && answer.values[key] === String(id) ? answer : undefined;
}

function Report({ r }: { r: ReportView }) {
  return (
    <div className="stack" style={{ gap: 4 }}>
      <p className="muted small" style={{ margin: 0 }}>
        {r.submitted_by_name ?? "（平台升级前登记）"} 提交于 {formatDateTime(r.submitted_at)}
      </p>
      <p style={{ whiteSpace: "pre-line", margin: 0 }}>{r.text}</p>
      {r.early_note ? <p style={{ whiteSpace: "pre-line", margin: 0 }}><strong>提前完成说明：</strong>{r.early_note}</p> : null}
      <FileList files={r.files} />
      {r.decision === "accepted" ? (
        <p className="small" style={{ margin: 0 }}><span className="badge ok">已确认</span> {r.decided_by_name ?? ""} {r.decided_at ? formatDateTime(r.decided_at) : ""}</p>
      ) : r.decision === "returned" ? (
        <p className="small" style={{ margin: 0 }}>
          <span className="badge danger">退回修改</span> {r.decided_by_name ?? ""} {r.decided_at ? formatDateTime(r.decided_at) : ""}
          <br />退回理由：{r.return_reason}
        </p>
      ) : (
        <p className="small" style={{ margin: 0 }}><span className="badge warn">待发榜企业确认</span></p>
      )}
    </div>
  );
}

function ReportForm({ m, answer, slots }: { m: MilestoneView; answer?: FormAnswer; slots: SlotView[] }) {
  const a = answerFor(answer, "report_milestone", "milestoneId", m.id);
  // Shown when today is well before the due date, or when the server just asked for it.
  const early = m.needsEarlyNote || a?.errors.earlyNote != null;
  return (
    <PostForm noValidate encType="multipart/form-data" className="stack" aria-label={`提交“${m.title}”的报告`}>
      <h4 style={{ margin: 0 }}>{m.state === "returned" ? "修改后重新提交报告" : "提交完成报告"}</h4>
      <input type="hidden" name="intent" value="report_milestone" />
      <input type="hidden" name="milestoneId" value={m.id} />
      <Field multiline id={`ms-${m.id}-text`} name="text" label="报告内容" required maxLength={5000} answer={a} hint="说明完成的工作、达到的指标和交付的成果（10–5000 字）" />
      {early ? (
        <Field multiline id={`ms-${m.id}-early`} name="earlyNote" label="提前完成说明" required maxLength={1000} answer={a} hint={`该里程碑计划于 ${formatDay(m.due_on)} 完成；提前 30 天以上报告完成，需说明提前的原因`} />
      ) : null}
      <Attachments slots={slots} scope={`ms-${m.id}`} title="报告附件（仅当事双方和区科技局可见）" />
      <SubmitButton busyWhen="report_milestone">提交报告</SubmitButton>
    </PostForm>
  );
}

function ReviewForms({ m, report, answer }: { m: MilestoneView; report: ReportView; answer?: FormAnswer }) {
  const a = answerFor(answer, "return_report", "reportId", report.id);
  return (
    <div className="row" style={{ alignItems: "flex-start", marginTop: 8 }}>
      <PostForm aria-label={`确认“${m.title}”的报告`}>
        <input type="hidden" name="intent" value="accept_report" />
        <input type="hidden" name="reportId" value={report.id} />
        <SubmitButton busyWhen="accept_report">确认完成</SubmitButton>
      </PostForm>
      <details open={a != null} style={{ flex: "1 1 260px" }}>
        <summary>退回修改</summary>
        <PostForm noValidate className="stack" aria-label={`退回“${m.title}”的报告`}>
          <input type="hidden" name="intent" value="return_report" />
          <input type="hidden" name="reportId" value={report.id} />
          <Field multiline id={`rp-${report.id}-reason`} name="reason" label="退回理由" required maxLength={1000} answer={a} hint="揭榜团队会收到通知和理由，修改后可重新提交" />
          <SubmitButton className="btn danger" busyWhen="return_report">退回</SubmitButton>
        </PostForm>
      </details>
    </div>
  );
}

/**
 * 里程碑 on the 榜单 page, for the parties only: each milestone's state, due date, latest report and
 * earlier rounds, and the form the viewer needs (the team reports; the enterprise confirms or returns).
 */
export function Milestones({ milestones, canReport, canReview, answer, slots }: { milestones: MilestoneView[]; canReport: boolean; canReview: boolean; answer?: FormAnswer; slots: SlotView[] }) {
  if (milestones.length === 0) return <p className="muted">签约时未登记里程碑。</p>;
  return (
    <ol className="stack" style={{ listStyle: "none", padding: 0 }}>
      {milestones.map((m) => {
        const [latest, ...earlier] = m.reports;
        return (
          <li key={m.id} className="card" aria-label={`里程碑：${m.title}`}>
            <div className="row" style={{ justifyContent: "space-between" }}>
              <h3 style={{ margin: 0 }}>{m.title}</h3>
              <span className={`badge ${stateTone[m.state]}`}>{milestoneStateLabels[m.state]}</span>
            </div>
            <p className="muted small">计划完成 {formatDay(m.due_on)}</p>
            {latest ? (
              <Report r={latest} />
            ) : (
              <p className="muted">{canReport ? "尚未提交报告。完成后请在下方提交完成报告，发榜企业确认后本里程碑即告完成。" : "揭榜团队尚未提交报告。"}</p>
            )}
            {canReport && (m.state === "planned" || m.state === "returned") ? <ReportForm m={m} answer={answer} slots={slots} /> : null}
            {canReview && latest && m.state === "reported" ? <ReviewForms m={m} report={latest} answer={answer} /> : null}
            {earlier.length > 0 ? (
              <details>
                <summary>此前提交的报告（{earlier.length}）</summary>
                <ol className="stack">
                  {earlier.map((r) => <li key={r.id}><Report r={r} /></li>)}
                </ol>
              </details>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
