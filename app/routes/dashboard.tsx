import { json, type LoaderFunctionArgs, type MetaFunction, type SerializeFrom } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { TargetChart } from "../components/dashboard/charts";
import { IndicatorTable } from "../components/dashboard/indicators";
import { PublicDashboard } from "../components/dashboard/public-view";
import { Breakdown, Money, pct, YearPicker } from "../components/dashboard/sections";
import { PostForm, SubmitButton } from "../components/ui/form";
import { CONTRACT_TARGET_PATH, targetFen } from "../models/contract-target";
import { dashboard, dayOfYear } from "../models/dashboard.server";
import { lastPublication, latestPublicSnapshot } from "../models/public-snapshot.server";
import { getDb } from "../utils/db.server";
import { amountBasisLabels, challengeStatusLabels, contractTypeLabels, flowShortLabels, originKindLabels, partyKindLabels } from "../utils/labels";
import { fenToWan } from "../utils/money";
import { getUser } from "../web/session.server";
import { formatDateTime } from "../utils/time";
import { isBureauStaff } from "../models/access";

export const meta: MetaFunction = () => [{ title: "数据看板 · 技术合同登记交易额 · 利州技术转移对接平台" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const year = Number(new URL(request.url).searchParams.get("year")) || undefined;
  if (isBureauStaff(user)) {
    // The bureau's view is exact and live; the public one is what the bureau last published.
    return json({ full: true as const, d: await dashboard(getDb(), { year }), published: await lastPublication(getDb()) });
  }
  const s = await latestPublicSnapshot(getDb());
  const current = s?.series[s.series.length - 1];
  const proRata = s && current ? proRataOf(current.year, s.asOf) : null;
  return json({ full: false as const, s, year: year ?? s?.currentYear ?? 0, proRata });
}

/** This year's target so far: the share of the year up to the publication day. */
function proRataOf(year: number, asOf: string) {
  const { day, days } = dayOfYear(asOf);
  return { fen: Math.round((targetFen(year) * day) / days), day, days };
}

export default function Dashboard() {
  const data = useLoaderData<typeof loader>();
  if (!data.full) return <PublicDashboard s={data.s} year={data.year} proRata={data.proRata} />;
  return <BureauDashboard d={data.d} published={data.published} />;
}

type BureauData = Extract<SerializeFrom<typeof loader>, { full: true }>;

function BureauDashboard({ d, published }: Pick<BureauData, "d" | "published">) {
  const basis = amountBasisLabels[d.settings.amountBasis];
  const flows = d.settings.flows.map((f) => flowShortLabels[f]).join("、");
  const flowParam = d.settings.flows.join(",");
  const ledger = (extra: string) => `/bureau/contracts?year=${d.year}&flow=${flowParam}${extra}`;
  const c = d.current;
  const [base, doubled, last] = CONTRACT_TARGET_PATH;
  const atDoubling = d.series.find((p) => p.year === doubled[0]);
  const years = d.series.map((p) => p.year).reverse();
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
        <h2 id="now">{c.year} 年进度</h2>
        <div className="grid stats">
          <div className="stat"><div className="num" data-testid="current-fen" data-fen={c.fen}>{fenToWan(c.fen)}</div><div className="label">{c.year} 年已登记（万元），{c.n} 份</div></div>
          <div className="stat"><div className="num">{fenToWan(c.proRataFen)}</div><div className="label">截至今天的序时目标（万元）：全年目标 × {c.dayOfYear}/{c.daysInYear} 天</div></div>
          <div className="stat"><div className="num">{fenToWan(c.targetFen)}</div><div className="label">{c.year} 年全年目标（万元）</div></div>
          <div className="stat"><div className="num">{pct(c.fen, c.proRataFen)}</div><div className="label">序时进度完成率</div></div>
        </div>
        <div className="small" style={{ marginTop: 12 }}>
          <div>全年目标完成 {pct(c.fen, c.targetFen)}</div>
          <div className="progress" role="presentation"><span style={{ width: `${Math.min(100, (c.fen * 100) / Math.max(1, c.targetFen))}%` }} /></div>
          {atDoubling ? <div>“十四五”末（{doubled[0]} 年）：登记 {fenToWan(atDoubling.fen)} 万元，规划目标 {fenToWan(atDoubling.targetFen)} 万元，{atDoubling.fen >= atDoubling.targetFen ? "已实现翻番" : "未达到翻番目标"}。</div> : null}
        </div>
      </section>

      <section aria-labelledby="path" className="card">
        <h2 id="path">历年登记额与规划目标路径</h2>
        <p className="muted small">目标路径：{base[0]} 年 {base[1]} 万元起，{doubled[0]} 年翻番至 {doubled[1]} 万元，{last[0]} 年 {last[1]} 万元；两点之间按等比（几何）增长，如 {base[0] + 1} 年目标 = {base[1]} × 2^(1/{doubled[0] - base[0]})。</p>
        <TargetChart id="target-chart" points={d.series} basisLabel={basis} />
        <div className="table-wrap">
          <table className="responsive small" data-testid="series">
            <thead><tr><th scope="col">年度</th><th scope="col" className="num">份数</th><th scope="col" className="num">登记额</th><th scope="col" className="num">目标</th><th scope="col" className="num">完成率</th><th scope="col" className="num">累计登记（2020 起）</th><th scope="col" className="num">累计目标</th><th scope="col" className="num">累计完成率</th></tr></thead>
            <tbody>
              {d.series.map((p) => (
                <tr key={p.year}>
                  <td data-label="年度"><Link to={`/bureau/contracts?year=${p.year}&flow=${flowParam}`}>{p.year}</Link>{p.year === c.year ? "（至今）" : ""}</td>
                  <td data-label="份数" className="num">{p.n}</td>
                  <td data-label="登记额" className="num" data-fen={p.fen}><Money fen={p.fen} /></td>
                  <td data-label="目标" className="num"><Money fen={p.targetFen} /></td>
                  <td data-label="完成率" className="num">{pct(p.fen, p.targetFen)}</td>
                  <td data-label="累计登记" className="num"><Money fen={p.cumulativeFen} /></td>
                  <td data-label="累计目标" className="num"><Money fen={p.cumulativeTargetFen} /></td>
                  <td data-label="累计完成率" className="num">{pct(p.cumulativeFen, p.cumulativeTargetFen)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <h2 id="breakdowns">{d.year} 年构成</h2>
      <YearPicker year={d.year} years={years} />
      <div className="dash-grid">
        <Breakdown id="by-type" title="按合同类型" rows={d.byType.map((r) => ({ ...r, label: contractTypeLabels[r.key], href: ledger(`&type=${r.key}`) }))} />
        <Breakdown id="by-field" title="按技术领域" rows={d.byField.map((r) => ({ ...r, label: r.name, href: ledger(`&field=${r.key}`) }))} />
        <Breakdown id="by-industry" title="按产业领域" note="区“十四五”规划专栏中的重点产业；未选产业领域的合同列为“未标注”。" rows={d.byIndustry.map((r) => ({ ...r, label: r.name, href: ledger(`&industry=${r.key || "none"}`) }))} />
        <Breakdown id="by-flow" title="按流向" note="四种流向都列出；未计入口径的流向以灰色显示。" rows={d.byFlow.map((r) => ({ ...r, label: flowShortLabels[r.key], muted: !r.counted, href: `/bureau/contracts?year=${d.year}&flow=${r.key}` }))} />
        <Breakdown id="by-seller" title="按卖方类型" rows={d.bySellerKind.map((r) => ({ ...r, label: partyKindLabels[r.key], href: ledger(`&sellerKind=${r.key}`) }))} />
        <Breakdown id="by-origin" title="按来源（对接成效）" rows={d.byOrigin.map((r) => ({ ...r, label: originKindLabels[r.key], href: ledger(`&origin=${r.key}`) }))} />
        <Breakdown id="top" title="主要卖方机构（前 10）" rows={d.top.map((r) => ({ key: r.key, label: r.name, n: r.n, fen: r.fen }))} note={`按 ${d.year} 年计入口径的金额排序。`} />
      </div>

      <section aria-labelledby="funnel" className="card" style={{ marginTop: 20 }}>
        <h2 id="funnel">从对接到合同</h2>
        <div className="dash-grid">
          <div>
            <h3>揭榜挂帅</h3>
            <ol className="funnel" data-testid="challenge-funnel">
              <li><span>发布榜单</span><span className="bar">{d.funnel.challenges.published} 个</span></li>
              <li><span>揭榜申请</span><span className="bar">{d.funnel.challenges.bids} 份</span></li>
              <li><span>定榜</span><span className="bar">{d.funnel.challenges.selected} 个</span></li>
              <li><span>签约</span><span className="bar">{d.funnel.challenges.contracted} 个，签约 {fenToWan(d.funnel.challenges.contractedFen)} 万元</span></li>
              <li><span>登记技术合同</span><span className="bar" data-fen={d.funnel.challenges.registeredFen}>{d.funnel.challenges.registered} 个榜单、{d.funnel.challenges.registeredContracts} 份合同，{basis} {fenToWan(d.funnel.challenges.registeredFen)} 万元</span></li>
            </ol>
          </div>
          <div>
            <h3>科技成果</h3>
            <ol className="funnel" data-testid="result-funnel">
              <li><span>发布成果</span><span className="bar">{d.funnel.results.published} 项</span></li>
              <li><span>企业感兴趣</span><span className="bar">{d.funnel.results.interest} 项</span></li>
              <li><span>登记技术合同</span><span className="bar" data-fen={d.funnel.results.fen}>{d.funnel.results.contracted} 项成果、{d.funnel.results.contracts} 份合同，{basis} {fenToWan(d.funnel.results.fen)} 万元</span></li>
            </ol>
          </div>
        </div>
        <p className="muted small">各环节为平台上线以来的累计数；登记环节的金额为来源于该渠道、未撤销合同的{basis}（所有年度、所有流向）。</p>
      </section>

      <section aria-labelledby="forecast" className="card">
        <h2 id="forecast">{c.year} 年全年预测</h2>
        <p>
          预测全年登记 <strong data-testid="forecast">{fenToWan(d.forecast.forecastFen)} 万元</strong>
          （目标 {fenToWan(c.targetFen)} 万元，{pct(d.forecast.forecastFen, c.targetFen)}）= 已登记 {fenToWan(c.fen)} 万元
          + 已签约尚未登记且计入口径的 {fenToWan(d.forecast.pipelineFen)} 万元。按今年至今的进度线性外推为 {fenToWan(d.forecast.runRateFen)} 万元，仅供对照。
        </p>
        <p className="muted small">“已签约尚未登记”指已签约、攻关中、已验收或已兑现但尚无有效登记合同的榜单，按签约金额估算（登记时技术交易额可能更低）；流向由中选单位和发榜企业所在地区推定，只有计入口径的流向才加入预测。</p>
        {d.forecast.items.length ? (
          <div className="table-wrap">
            <table className="responsive small">
              <thead><tr><th>榜单</th><th>状态</th><th>签约日期</th><th>中选单位</th><th>流向</th><th className="num">签约金额</th><th>计入预测</th></tr></thead>
              <tbody>
                {d.forecast.items.map((i) => (
                  <tr key={i.id}>
                    <td data-label="榜单"><Link to={`/challenges/${i.id}`}>{i.title}</Link></td>
                    <td data-label="状态">{challengeStatusLabels[i.status]}</td>
                    <td data-label="签约日期">{i.signedOn}</td>
                    <td data-label="中选单位">{i.sellerName}</td>
                    <td data-label="流向">{flowShortLabels[i.flow]}</td>
                    <td data-label="签约金额" className="num"><Money fen={i.fen} /></td>
                    <td data-label="计入预测">{i.counted ? "是" : "否（流向不在口径内）"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : <p className="empty">没有已签约尚未登记的榜单。</p>}
      </section>

      <section aria-labelledby="indicators" className="card">
        <h2 id="indicators">规划表1 其他指标</h2>
        <IndicatorTable indicators={d.indicators} />
      </section>
    </>
  );
}
