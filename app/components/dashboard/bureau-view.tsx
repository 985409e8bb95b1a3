import type { SerializeFrom } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { type Dashboard, CONTRACT_TARGET_PATH } from "../../models/contract";
import { amountBasisLabels, challengeStatusLabels, contractTypeLabels, flowShortLabels, originKindLabels, partyKindLabels } from "../../utils/labels";
import { fenToWan } from "../../utils/money";
import { formatDateTime } from "../../utils/time";
import { PostForm, SubmitButton } from "../ui/form";
import { TargetChart } from "./charts";
import { IndicatorTable } from "./indicators";
import { Breakdown, Money, pct, YearPicker } from "./sections";

/** The bureau's live dashboard: exact figures, every breakdown linked to the ledger rows behind it. */
export function BureauDashboard({ dash, published }: { dash: SerializeFrom<Dashboard>; published: { publishedAt: string; by: string } | null }) {
  const basis = amountBasisLabels[dash.settings.amountBasis];
  const flows = dash.settings.flows.map((flow) => flowShortLabels[flow]).join("、");
  const flowParam = dash.settings.flows.join(",");
  const ledger = (extra: string) => `/bureau/contracts?year=${dash.year}&flow=${flowParam}${extra}`;
  const current = dash.current;
  const [base, doubled, last] = CONTRACT_TARGET_PATH;
  const atDoubling = dash.series.find((point) => point.year === doubled[0]);
  const years = dash.series.map((point) => point.year).reverse();
  return (
    <>
      <h1>数据看板</h1>
      <p className="alert info" data-testid="basis">
        统计口径：<strong>{basis}</strong>，流向计入<strong>{flows}</strong>，按<strong>登记日期</strong>归入年度；已撤销的合同不计入，更正过的合同按更正后的金额计入。
        <Link to="/bureau/targets">修改口径与指标数据</Link>
      </p>
      <div className="alert info" data-testid="publication">
        本页为区科技局内部的实时数据。公开页面显示的是发布的数据快照（{published ? `最近一次：${formatDateTime(published.publishedAt)}，${published.by} 发布` : "尚未发布"}），经合并小类别后公布。
        <PostForm action="/bureau/targets">
          <input type="hidden" name="intent" value="publish" />
          <SubmitButton busyWhen="publish">发布公开数据</SubmitButton>
        </PostForm>
      </div>

      <section aria-labelledby="now" className="card">
        <h2 id="now">{current.year} 年进度</h2>
        <div className="grid stats">
          <div className="stat"><div className="num" data-testid="current-fen" data-fen={current.fen}>{fenToWan(current.fen)}</div><div className="label">{current.year} 年已登记（万元），{current.n} 份</div></div>
          <div className="stat"><div className="num">{fenToWan(current.proRataFen)}</div><div className="label">截至今天的序时目标（万元）：全年目标 × {current.dayOfYear}/{current.daysInYear} 天</div></div>
          <div className="stat"><div className="num">{fenToWan(current.targetFen)}</div><div className="label">{current.year} 年全年目标（万元）</div></div>
          <div className="stat"><div className="num">{pct(current.fen, current.proRataFen)}</div><div className="label">序时进度完成率</div></div>
        </div>
        <div className="small" style={{ marginTop: 12 }}>
          <div>全年目标完成 {pct(current.fen, current.targetFen)}</div>
          <div className="progress" role="presentation"><span style={{ width: `${Math.min(100, (current.fen * 100) / Math.max(1, current.targetFen))}%` }} /></div>
          {atDoubling ? <div>“十四五”末（{doubled[0]} 年）：登记 {fenToWan(atDoubling.fen)} 万元，规划目标 {fenToWan(atDoubling.targetFen)} 万元，{atDoubling.fen >= atDoubling.targetFen ? "已实现翻番" : "未达到翻番目标"}。</div> : null}
        </div>
      </section>

      <section aria-labelledby="path" className="card">
        <h2 id="path">历年登记额与规划目标路径</h2>
        <p className="muted small">目标路径：{base[0]} 年 {base[1]} 万元起，{doubled[0]} 年翻番至 {doubled[1]} 万元，{last[0]} 年 {last[1]} 万元；两点之间按等比（几何）增长，如 {base[0] + 1} 年目标 = {base[1]} × 2^(1/{doubled[0] - base[0]})。</p>
        <TargetChart id="target-chart" points={dash.series} basisLabel={basis} />
        <div className="table-wrap">
          <table className="responsive small" data-testid="series">
            <thead><tr><th scope="col">年度</th><th scope="col" className="num">份数</th><th scope="col" className="num">登记额</th><th scope="col" className="num">目标</th><th scope="col" className="num">完成率</th><th scope="col" className="num">累计登记（{base[0]} 起）</th><th scope="col" className="num">累计目标</th><th scope="col" className="num">累计完成率</th></tr></thead>
            <tbody>
              {dash.series.map((point) => (
                <tr key={point.year}>
                  <td data-label="年度"><Link to={`/bureau/contracts?year=${point.year}&flow=${flowParam}`}>{point.year}</Link>{point.year === current.year ? "（至今）" : ""}</td>
                  <td data-label="份数" className="num">{point.n}</td>
                  <td data-label="登记额" className="num" data-fen={point.fen}><Money fen={point.fen} /></td>
                  <td data-label="目标" className="num"><Money fen={point.targetFen} /></td>
                  <td data-label="完成率" className="num">{pct(point.fen, point.targetFen)}</td>
                  <td data-label="累计登记" className="num"><Money fen={point.cumulativeFen} /></td>
                  <td data-label="累计目标" className="num"><Money fen={point.cumulativeTargetFen} /></td>
                  <td data-label="累计完成率" className="num">{pct(point.cumulativeFen, point.cumulativeTargetFen)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <h2 id="breakdowns">{dash.year} 年构成</h2>
      <YearPicker year={dash.year} years={years} />
      <div className="dash-grid">
        <Breakdown id="by-type" title="按合同类型" rows={dash.byType.map((row) => ({ ...row, label: contractTypeLabels[row.key], href: ledger(`&type=${row.key}`) }))} />
        <Breakdown id="by-field" title="按技术领域" rows={dash.byField.map((row) => ({ ...row, label: row.name, href: ledger(`&field=${row.key}`) }))} />
        <Breakdown id="by-industry" title="按产业领域" note="区“十四五”规划专栏中的重点产业；未选产业领域的合同列为“未标注”。" rows={dash.byIndustry.map((row) => ({ ...row, label: row.name, href: ledger(`&industry=${row.key || "none"}`) }))} />
        <Breakdown id="by-flow" title="按流向" note="四种流向都列出；未计入口径的流向以灰色显示。" rows={dash.byFlow.map((row) => ({ ...row, label: flowShortLabels[row.key], muted: !row.counted, href: `/bureau/contracts?year=${dash.year}&flow=${row.key}` }))} />
        <Breakdown id="by-seller" title="按卖方类型" rows={dash.bySellerKind.map((row) => ({ ...row, label: partyKindLabels[row.key], href: ledger(`&sellerKind=${row.key}`) }))} />
        <Breakdown id="by-origin" title="按来源（对接成效）" rows={dash.byOrigin.map((row) => ({ ...row, label: originKindLabels[row.key], href: ledger(`&origin=${row.key}`) }))} />
        <Breakdown id="top" title="主要卖方机构（前 10）" rows={dash.top.map((row) => ({ key: row.key, label: row.name, n: row.n, fen: row.fen }))} note={`按 ${dash.year} 年计入口径的金额排序。`} />
      </div>

      <section aria-labelledby="funnel" className="card" style={{ marginTop: 20 }}>
        <h2 id="funnel">从对接到合同</h2>
        <div className="dash-grid">
          <div>
            <h3>揭榜挂帅</h3>
            <ol className="funnel" data-testid="challenge-funnel">
              <li><span>发布榜单</span><span className="bar">{dash.funnel.challenges.published} 个</span></li>
              <li><span>揭榜申请</span><span className="bar">{dash.funnel.challenges.bids} 份</span></li>
              <li><span>定榜</span><span className="bar">{dash.funnel.challenges.selected} 个</span></li>
              <li><span>签约</span><span className="bar">{dash.funnel.challenges.contracted} 个，签约 {fenToWan(dash.funnel.challenges.contractedFen)} 万元</span></li>
              <li><span>登记技术合同</span><span className="bar" data-fen={dash.funnel.challenges.registeredFen}>{dash.funnel.challenges.registered} 个榜单、{dash.funnel.challenges.registeredContracts} 份合同，{basis} {fenToWan(dash.funnel.challenges.registeredFen)} 万元</span></li>
            </ol>
          </div>
          <div>
            <h3>科技成果</h3>
            <ol className="funnel" data-testid="result-funnel">
              <li><span>发布成果</span><span className="bar">{dash.funnel.results.published} 项</span></li>
              <li><span>企业感兴趣</span><span className="bar">{dash.funnel.results.interest} 项</span></li>
              <li><span>登记技术合同</span><span className="bar" data-fen={dash.funnel.results.fen}>{dash.funnel.results.contracted} 项成果、{dash.funnel.results.contracts} 份合同，{basis} {fenToWan(dash.funnel.results.fen)} 万元</span></li>
            </ol>
          </div>
        </div>
        <p className="muted small">各环节为平台上线以来的累计数；登记环节的金额为来源于该渠道、未撤销合同的{basis}（所有年度、所有流向）。</p>
      </section>

      <section aria-labelledby="forecast" className="card">
        <h2 id="forecast">{current.year} 年全年预测</h2>
        <p>
          预测全年登记 <strong data-testid="forecast">{fenToWan(dash.forecast.forecastFen)} 万元</strong>
          （目标 {fenToWan(current.targetFen)} 万元，{pct(dash.forecast.forecastFen, current.targetFen)}）= 已登记 {fenToWan(current.fen)} 万元
          + 已签约尚未登记且计入口径的 {fenToWan(dash.forecast.pipelineFen)} 万元。按今年至今的进度线性外推为 {fenToWan(dash.forecast.runRateFen)} 万元，仅供对照。
        </p>
        <p className="muted small">“已签约尚未登记”指已签约、攻关中、已验收或已兑现但尚无有效登记合同的榜单，按签约金额估算（登记时技术交易额可能更低）；流向由中选单位和发榜企业所在地区推定，只有计入口径的流向才加入预测。</p>
        {dash.forecast.items.length ? (
          <div className="table-wrap">
            <table className="responsive small">
              <thead><tr><th>榜单</th><th>状态</th><th>签约日期</th><th>中选单位</th><th>流向</th><th className="num">签约金额</th><th>计入预测</th></tr></thead>
              <tbody>
                {dash.forecast.items.map((item) => (
                  <tr key={item.id}>
                    <td data-label="榜单"><Link to={`/challenges/${item.id}`}>{item.title}</Link></td>
                    <td data-label="状态">{challengeStatusLabels[item.status]}</td>
                    <td data-label="签约日期">{item.signedOn}</td>
                    <td data-label="中选单位">{item.sellerName}</td>
                    <td data-label="流向">{flowShortLabels[item.flow]}</td>
                    <td data-label="签约金额" className="num"><Money fen={item.fen} /></td>
                    <td data-label="计入预测">{item.counted ? "是" : "否（流向不在口径内）"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : <p className="empty">没有已签约尚未登记的榜单。</p>}
      </section>

      <section aria-labelledby="indicators" className="card">
        <h2 id="indicators">规划表1 其他指标</h2>
        <IndicatorTable indicators={dash.indicators} />
      </section>
    </>
  );
}
