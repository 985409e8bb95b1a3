import type { PublicSnapshot, PublicTable } from "../../models/contract";
import { amountBasisLabels, contractTypeLabels, flowShortLabels, originKindLabels, partyKindLabels } from "../../utils/labels";
import { fenToWan } from "../../utils/money";
import { formatDateTime, formatDay } from "../../utils/time";
import { TargetChart } from "./charts";
import { IndicatorTable } from "./indicators";
import { Breakdown, Money, pct, YearPicker } from "./sections";

const WITHHELD = "<3 份，不公布";

/** What anyone sees at /dashboard: the bureau's latest publication, never live figures. */
export function PublicDashboard({ s, year, proRata }: { s: PublicSnapshot | null; year: number; proRata: { fen: number; day: number; days: number } | null }) {
  if (!s) {
    return (
      <>
        <h1>数据看板</h1>
        <p className="empty" data-testid="no-snapshot">
          区科技局尚未发布公开数据。公开页面只显示区科技局发布的数据快照，不显示实时台账；区科技局工作人员可在“统计口径与指标”页面按“发布公开数据”。
        </p>
      </>
    );
  }
  const basis = amountBasisLabels[s.settings.amountBasis];
  const flows = s.settings.flows.map((f) => flowShortLabels[f]).join("、");
  const y = s.years.find((b) => b.year === year) ?? s.years[s.years.length - 1];
  const current = s.series[s.series.length - 1];
  const label = (t: keyof typeof y.tables, key: string) =>
    t === "type" ? contractTypeLabels[key as keyof typeof contractTypeLabels]
    : t === "field_code" ? s.fieldNames.find((f) => f.code === key)?.name ?? key
    : t === "industry_code" ? (key === "" ? "未标注" : s.industryNames?.find((f) => f.code === key)?.name ?? key)
    : t === "seller_kind" ? partyKindLabels[key as keyof typeof partyKindLabels]
    : t === "origin_kind" ? originKindLabels[key as keyof typeof originKindLabels]
    : flowShortLabels[key as keyof typeof flowShortLabels];
  const rows = (t: keyof typeof y.tables, table: PublicTable | null | undefined, muted = false) =>
    table
      ? [
          ...table.rows.map((r) => ({ ...r, key: `${t}:${r.key}`, label: label(t, r.key), muted })),
          ...(table.other ? [{ key: `${t}:other`, n: table.other.n, fen: table.other.fen, label: `其他（${table.other.merged} 类合并，不逐类公布）`, muted }] : []),
        ]
      : [];
  return (
    <>
      <h1>数据看板</h1>
      <p className="alert info" data-testid="basis">
        统计口径：<strong>{basis}</strong>，流向计入<strong>{flows}</strong>，按<strong>登记日期</strong>归入年度。
        <strong data-testid="as-of">数据截至 {formatDay(s.asOf)}</strong>（区科技局 {formatDateTime(s.publishedAt)} 发布；公开页面只显示发布时的数据）。
      </p>

      <section aria-labelledby="now" className="card">
        <h2 id="now">{s.currentYear} 年进度</h2>
        {current.fen != null && proRata ? (
          <div className="grid stats">
            <div className="stat"><div className="num" data-testid="current-fen" data-fen={current.fen}>{fenToWan(current.fen)}</div><div className="label">{s.currentYear} 年已登记（万元），{current.n} 份</div></div>
            <div className="stat"><div className="num">{fenToWan(proRata.fen)}</div><div className="label">截至发布日的序时目标（万元）：全年目标 × {proRata.day}/{proRata.days} 天</div></div>
            <div className="stat"><div className="num">{fenToWan(current.targetFen)}</div><div className="label">{s.currentYear} 年全年目标（万元）</div></div>
            <div className="stat"><div className="num">{pct(current.fen, proRata.fen)}</div><div className="label">序时进度完成率</div></div>
          </div>
        ) : <p className="empty">{s.currentYear} 年已登记的合同不足 3 份，暂不公布金额。</p>}
      </section>

      <section aria-labelledby="path" className="card">
        <h2 id="path">历年登记额与规划目标路径</h2>
        <TargetChart id="target-chart" points={s.series.flatMap((p) => (p.fen != null ? [{ year: p.year, fen: p.fen, targetFen: p.targetFen }] : []))} basisLabel={basis} />
        <div className="table-wrap">
          <table className="responsive small" data-testid="series">
            <thead><tr><th scope="col">年度</th><th scope="col" className="num">份数</th><th scope="col" className="num">登记额</th><th scope="col" className="num">目标</th><th scope="col" className="num">完成率</th><th scope="col" className="num">累计登记（2020 起）</th><th scope="col" className="num">累计目标</th></tr></thead>
            <tbody>
              {s.series.map((p) => (
                <tr key={p.year}>
                  <td data-label="年度">{p.year}{p.asOf !== s.asOf ? <small className="muted">（数据截至 {formatDay(p.asOf)}）</small> : null}</td>
                  <td data-label="份数" className="num">{p.n ?? "—"}</td>
                  <td data-label="登记额" className="num">{p.fen != null ? <Money fen={p.fen} /> : WITHHELD}</td>
                  <td data-label="目标" className="num"><Money fen={p.targetFen} /></td>
                  <td data-label="完成率" className="num">{p.fen != null ? pct(p.fen, p.targetFen) : "—"}</td>
                  <td data-label="累计登记" className="num">{p.cumulativeFen != null ? <Money fen={p.cumulativeFen} /> : "不公布"}</td>
                  <td data-label="累计目标" className="num"><Money fen={p.cumulativeTargetFen} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <h2 id="breakdowns">{y.year} 年构成</h2>
      <YearPicker year={y.year} years={s.years.map((b) => b.year).reverse()} />
      {y.total == null ? <p className="empty">{y.year} 年计入口径的合同不足 3 份，不公布构成。</p> : (
        <div className="dash-grid">
          <Breakdown id="by-type" title="按合同类型" rows={rows("type", y.tables.type)} />
          <Breakdown id="by-field" title="按技术领域" rows={rows("field_code", y.tables.field_code)} />
          {y.tables.industry_code ? <Breakdown id="by-industry" title="按产业领域" note="未选产业领域的合同列为“未标注”。" rows={rows("industry_code", y.tables.industry_code)} /> : null}
          <Breakdown
            id="by-flow"
            title="按流向"
            note={y.tables.uncounted_flow ? "未计入口径的流向以灰色显示。" : "未计入口径的流向合同不足 3 份，或其金额可由其他公开数字推算，不公布。"}
            rows={[...rows("flow", y.tables.flow), ...rows("flow", y.tables.uncounted_flow, true)]}
          />
          <Breakdown id="by-seller" title="按卖方类型" rows={rows("seller_kind", y.tables.seller_kind)} />
          <Breakdown id="by-origin" title="按来源（对接成效）" rows={rows("origin_kind", y.tables.origin_kind)} />
        </div>
      )}

      <section aria-labelledby="funnel" className="card" style={{ marginTop: 20 }}>
        <h2 id="funnel">从对接到合同</h2>
        <div className="dash-grid">
          <ol className="funnel" data-testid="challenge-funnel">
            <li><span>发布榜单</span><span className="bar">{s.funnel.challenges.published} 个</span></li>
            <li><span>揭榜申请</span><span className="bar">{s.funnel.challenges.bids} 份</span></li>
            <li><span>定榜</span><span className="bar">{s.funnel.challenges.selected} 个</span></li>
            <li><span>签约</span><span className="bar">{s.funnel.challenges.contracted} 个</span></li>
            <li><span>已登记技术合同</span><span className="bar">{s.funnel.challenges.registered} 个榜单</span></li>
          </ol>
          <ol className="funnel" data-testid="result-funnel">
            <li><span>发布成果</span><span className="bar">{s.funnel.results.published} 项</span></li>
            <li><span>企业感兴趣</span><span className="bar">{s.funnel.results.interest} 项</span></li>
            <li><span>已登记技术合同</span><span className="bar">{s.funnel.results.contracted} 项成果</span></li>
          </ol>
        </div>
        <p className="muted small">各环节为平台上线以来的累计数。各渠道促成的合同金额见上方“按来源（对接成效）”的年度数据。</p>
      </section>

      <section aria-labelledby="indicators" className="card">
        <h2 id="indicators">规划表1 其他指标</h2>
        <IndicatorTable indicators={s.indicators} />
      </section>

      <section aria-labelledby="rule" className="card" data-testid="disclosure-rule">
        <h2 id="rule">公开数据的保护规则</h2>
        <ul className="small">
          <li>公开页面的数字来自区科技局发布的数据快照，不随每份合同登记实时变化；区科技局在内部页面查看实时、完整的台账数据。</li>
          <li>每个公开数字都是至少 3 份合同的合计：不足 3 份合同的类别并入“其他”，“其他”本身也至少有 3 份合同。</li>
          <li>发布前逐年核查：把本次和以往发布的全部公开数字任意相加减（同一表内、不同表之间、与年度合计、与以往发布的数字），都得不出 1 份或 2 份合同的金额，也得不出某一份合同的更正或撤销金额；能得出时，继续合并类别，或不公布未计入口径的流向。</li>
          <li>某年度自上次发布以来只有 1–2 份合同发生变化（新登记、更正或撤销）时，该年度沿用上次发布的数字并注明截至日期，待变化累计足够后再更新。</li>
          <li>年度登记额是规划的核心指标，始终公布；只有该年度计入口径的合同不足 3 份时不公布，此后各年的累计数也随之不公布。</li>
        </ul>
      </section>
    </>
  );
}
