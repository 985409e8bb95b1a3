import { objectionStatusLabels } from "../../utils/labels";
import { FileList, type FileView } from "../ui/attachments";
import { formatDateTime } from "../../utils/time";

export interface ObjectionView {
  id: number;
  orgName: string;
  lodgedBy: string;
  reasons: string;
  status: keyof typeof objectionStatusLabels;
  decisionReason: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  createdAt: string;
  files: FileView[];
}

/** One objection as its readers (the bureau, the objector's organisation) see it. */
export function ObjectionItem({ o, children }: { o: ObjectionView; children?: React.ReactNode }) {
  return (
    <article className="card" aria-label={`${o.orgName}的异议`}>
      <p className="muted small" style={{ margin: 0 }}>
        {o.orgName} · {o.lodgedBy} · {formatDateTime(o.createdAt)} 提出 · <strong>{objectionStatusLabels[o.status]}</strong>
      </p>
      <p style={{ whiteSpace: "pre-line" }}>{o.reasons}</p>
      <FileList files={o.files} />
      {o.decisionReason ? (
        <p className="alert info" style={{ whiteSpace: "pre-line" }}>
          处理理由（{o.decidedBy}，{o.decidedAt ? formatDateTime(o.decidedAt) : ""}）：{o.decisionReason}
        </p>
      ) : null}
      {children}
    </article>
  );
}
