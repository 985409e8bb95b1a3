import { milestoneStatusLabels } from "../../utils/labels";
import { formatDate } from "../../utils/time";
import { PostForm, SubmitButton } from "../ui/form";

export interface MilestoneView {
  id: number;
  title: string;
  due_on: string;
  status: "planned" | "in_progress" | "done";
  report: string | null;
  updated_at: string;
}

export function Milestones({ milestones, canUpdate }: { milestones: MilestoneView[]; canUpdate: boolean }) {
  if (milestones.length === 0) return <p className="muted">尚未登记里程碑。</p>;
  return (
    <>
      <div className="table-wrap">
        <table className="responsive">
          <thead><tr><th>到期日</th><th>里程碑</th><th>进展</th><th>报告</th></tr></thead>
          <tbody>
            {milestones.map((m) => (
              <tr key={m.id}>
                <td data-label="到期日">{formatDate(`${m.due_on}T00:00:00+08:00`)}</td>
                <td data-label="里程碑">{m.title}</td>
                <td data-label="进展">{milestoneStatusLabels[m.status]}</td>
                <td data-label="报告">
                  {m.report ? <p style={{ whiteSpace: "pre-line", margin: 0 }}>{m.report}</p> : <span className="muted">—</span>}
                  {canUpdate ? (
                    <details>
                      <summary>更新进展</summary>
                      <PostForm className="stack">
                        <input type="hidden" name="intent" value="milestone" />
                        <input type="hidden" name="milestoneId" value={m.id} />
                        <label htmlFor={`ms-${m.id}-status`}>进展</label>
                        <select id={`ms-${m.id}-status`} name="status" defaultValue={m.status}>
                          {Object.entries(milestoneStatusLabels).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
                        </select>
                        <label htmlFor={`ms-${m.id}-report`}>进展报告</label>
                        <textarea id={`ms-${m.id}-report`} name="report" maxLength={3000} defaultValue={m.report ?? ""} />
                        <SubmitButton busyWhen="milestone">保存进展</SubmitButton>
                      </PostForm>
                    </details>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
