import type { SerializeFrom } from "@remix-run/node";
import { Link } from "@remix-run/react";
import type { PatentKind, PatentStatus, TransferMode } from "../../../db/schema";
import type { getResultPage } from "../../models/result";
import { patentKindLabels, patentStatusLabels, resultStatusLabels, transferModeLabels, trlStage } from "../../utils/labels";
import { fenToWan } from "../../utils/money";
import { formatDate } from "../../utils/time";
import { KeyFigures, RecordHeading, SummaryCard } from "../ui/record";

/** A 科技成果's page as the model gives it to one viewer (after the trip through JSON). */
export type ResultPageView = SerializeFrom<Awaited<ReturnType<typeof getResultPage>>>;
export type ResultView = ResultPageView["result"];

/** Title, organisation, the key figures and the abstract. */
export function ResultOverview({ result }: { result: ResultView }) {
  return (
    <>
      <RecordHeading
        listTo="/results"
        listName="科技成果"
        kind="成果"
        title={result.title}
        badge={<span className={`badge ${result.status === "published" ? "ok" : "neutral"}`}>{resultStatusLabels[result.status]}</span>}
      />
      <p className="muted">
        <Link to={`/orgs/${result.orgId}`}>{result.orgName}</Link> · {result.fieldName}{result.industryName ? <> · 产业领域 {result.industryName}</> : null}
        {result.publishedAt ? ` · ${formatDate(result.publishedAt)} 发布` : ""}
      </p>
      <KeyFigures
        label="成果要点"
        figures={[
          { label: `成熟度 · ${trlStage(result.trl)}`, value: `TRL ${result.trl}` },
          { label: "参考价格", value: result.priceFen == null ? "面议" : <>{fenToWan(result.priceFen)}<small className="small"> 万元</small></> },
          { label: "转化方式", value: result.transferModes.map((mode) => transferModeLabels[mode as TransferMode]).join("、"), fontSize: "1.2rem" },
        ]}
      />
      <SummaryCard id="abstract" title="成果摘要" text={result.abstract} keywords={result.keywords} />
    </>
  );
}

export function PatentTable({ patents }: { patents: ResultView["patents"] }) {
  return (
    <section className="card" aria-labelledby="ip">
      <h2 id="ip">知识产权</h2>
      {patents.length === 0 ? <p className="muted">未登记专利。</p> : (
        <div className="table-wrap">
          <table className="responsive">
            <thead><tr><th>专利号</th><th>类型</th><th>状态</th></tr></thead>
            <tbody>
              {patents.map((patent) => (
                <tr key={patent.number}>
                  <td data-label="专利号">{patent.number}</td>
                  <td data-label="类型">{patentKindLabels[patent.kind as PatentKind]}</td>
                  <td data-label="状态">{patentStatusLabels[patent.status as PatentStatus]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** The team, and how to reach it: contact details only for users of verified organisations. */
export function TeamCard({ result, signedIn }: { result: ResultView; signedIn: boolean }) {
  return (
    <section className="card" aria-labelledby="team">
      <h2 id="team">团队</h2>
      <p style={{ whiteSpace: "pre-line" }}>{result.team}</p>
      <h3>联系方式</h3>
      {result.contact ? (
        <dl className="facts">
          <dt>联系人</dt><dd>{result.contact.name}</dd>
          <dt>电话</dt><dd>{result.contact.phone}</dd>
          {result.contact.email ? (<><dt>邮箱</dt><dd>{result.contact.email}</dd></>) : null}
        </dl>
      ) : (
        <p className="muted">联系方式仅向已认证机构的用户展示。{signedIn ? "贵单位通过认证后即可查看。" : <><Link to={`/login?redirectTo=/results/${result.id}`}>登录</Link>后查看。</>}</p>
      )}
    </section>
  );
}
