import { Link } from "@remix-run/react";
import type { ContractStatus, ContractType } from "../../../db/schema";
import { contractStatusLabels, contractTypeLabels } from "../../utils/labels";
import { fenToWan, fenToYuan } from "../../utils/money";
import { FileList, type FileView } from "../ui/attachments";

interface Row {
  id: number;
  reg_no: string | null;
  title: string;
  type: ContractType;
  registered_on: string;
  status: ContractStatus;
  total_fen: number | null;
  tech_fen: number | null;
}

/** The 技术合同 a challenge led to (its contract_record_id link point and any further contracts). */
export function LinkedContracts({ challengeId, detail, bureau, rows, files = {} }: { challengeId: number; detail: boolean; bureau: boolean; rows: Row[]; files?: Record<string, FileView[]> }) {
  return (
    <section className="card" aria-labelledby="contracts">
      <h2 id="contracts">技术合同登记</h2>
      {rows.length === 0 ? (
        <p className="muted">尚未登记技术合同。{bureau ? <> <Link className="btn secondary small" to={`/bureau/contracts/new?challenge=${challengeId}`}>登记技术合同</Link></> : null}</p>
      ) : (
        <>
          <ul className="stack" style={{ listStyle: "none", padding: 0 }}>
            {rows.map((r) => (
              <li key={r.id}>
                {bureau ? <Link to={`/bureau/contracts/${r.id}`}>{r.title}</Link> : <strong>{r.title}</strong>}
                <div className="small muted">
                  {r.reg_no ? `登记号 ${r.reg_no} · ` : ""}{contractTypeLabels[r.type]} · 登记日期 {r.registered_on} · {contractStatusLabels[r.status]}
                </div>
                {detail && r.total_fen != null && r.tech_fen != null ? (
                  <div className="small">成交额 {fenToWan(r.total_fen)} 万元（{fenToYuan(r.total_fen)} 元）· 技术交易额 {fenToWan(r.tech_fen)} 万元（{fenToYuan(r.tech_fen)} 元）</div>
                ) : null}
                <FileList files={files[String(r.id)] ?? []} />
              </li>
            ))}
          </ul>
          {bureau ? <Link className="btn secondary small" to={`/bureau/contracts/new?challenge=${challengeId}`}>再登记一份</Link> : null}
        </>
      )}
    </section>
  );
}
