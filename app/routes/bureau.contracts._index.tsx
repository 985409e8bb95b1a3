import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { Pagination } from "../components/ui/pagination";
import { listContracts } from "../models/contract";
import { listTechFields, listIndustries } from "../models/shared";
import { ledgerFilterSchema } from "../schemas/contract";
import { getDb } from "../utils/db.server";
import { pageParam } from "../utils/http.server";
import { CONTRACT_TYPES, FLOWS, ORIGIN_KINDS, PARTY_KINDS } from "../../db/vocabulary";
import { contractStatusLabels, contractTypeLabels, flowShortLabels, originKindLabels, partyKindLabels } from "../utils/labels";
import { fenToWan, fenToYuan } from "../utils/money";
import { requireBureau } from "../web/session.server";
import { beijingDate } from "../utils/time";

export const meta: MetaFunction = () => [{ title: "技术合同登记台账 · 区科技局 · 利州技术转移对接平台" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireBureau(request);
  const url = new URL(request.url);
  const filter = ledgerFilterSchema.parse(Object.fromEntries(url.searchParams));
  const db = getDb();
  const [list, fields, industries] = await Promise.all([listContracts(db, filter, pageParam(url)), listTechFields(db), listIndustries(db)]);
  const thisYear = Number(beijingDate().slice(0, 4));
  const years = Array.from({ length: thisYear - 2019 }, (_, i) => String(thisYear - i));
  return json({ filter, fields, industries, years, ...list });
}

function Select({ name, label, value, options, all }: { name: string; label: string; value?: string; options: [string, string][]; all: string }) {
  return (
    <div>
      <label htmlFor={`filter-${name}`}>{label}</label>
      <select id={`filter-${name}`} name={name} defaultValue={value ?? ""}>
        <option value="">{all}</option>
        {options.map(([v, t]) => <option key={v} value={v}>{t}</option>)}
      </select>
    </div>
  );
}

export default function Ledger() {
  const { filter, fields, industries, years, rows, totals, page, pageSize } = useLoaderData<typeof loader>();
  const { search } = useLocation();
  const params = new URLSearchParams(search);
  params.delete("page");
  return (
    <>
      <p className="muted small">区科技局</p>
      <h1>技术合同登记台账</h1>
      <p className="row">
        <Link className="btn" to="/bureau/contracts/new">登记技术合同</Link>
        <Link className="btn secondary" to="/bureau/contracts/import">导入台账</Link>
        <Link className="btn secondary" to="/dashboard">数据看板</Link>
      </p>
      <Form method="get" className="card" aria-label="筛选合同">
        <div className="grid filter-grid">
          <Select name="year" label="登记年度" value={filter.year?.toString()} all="全部年度" options={years.map((y) => [y, `${y} 年`])} />
          <Select name="type" label="合同类型" value={filter.type} all="全部类型" options={CONTRACT_TYPES.map((t) => [t, contractTypeLabels[t]])} />
          <Select name="field" label="技术领域" value={filter.field} all="全部领域" options={fields.map((f) => [f.code, f.name])} />
          <Select name="industry" label="产业领域" value={filter.industry} all="全部产业" options={[...industries.map((i) => [i.code, i.name] as [string, string]), ["none", "未标注"]]} />
          <Select name="flow" label="流向" value={filter.flow?.join(",")} all="全部流向" options={[["output,both", "卖方在利州区（输出+区内）"], ...FLOWS.map((f) => [f, flowShortLabels[f]] as [string, string])]} />
          <Select name="sellerKind" label="卖方类型" value={filter.sellerKind} all="全部" options={PARTY_KINDS.map((k) => [k, partyKindLabels[k]])} />
          <Select name="origin" label="来源" value={filter.origin} all="全部来源" options={ORIGIN_KINDS.map((o) => [o, originKindLabels[o]])} />
          <Select name="status" label="状态" value={filter.status} all="有效（不含已撤销）" options={[["cancelled", "已撤销"], ["all", "全部（含已撤销）"]]} />
          <div>
            <label htmlFor="filter-q">关键词</label>
            <input id="filter-q" type="search" name="q" defaultValue={filter.q ?? ""} maxLength={50} placeholder="登记号、项目、单位" />
          </div>
        </div>
        <div className="row" style={{ marginTop: 12 }}>
          <button className="btn" type="submit">筛选</button>
          <Link to="/bureau/contracts">清除条件</Link>
        </div>
      </Form>
      <section className="card" aria-label="合计">
        <div className="grid stats">
          <div className="stat"><div className="num" data-testid="ledger-n">{totals.n}</div><div className="label">份合同</div></div>
          <div className="stat"><div className="num">{fenToWan(totals.totalFen)}</div><div className="label">成交额（万元）<br /><span data-testid="ledger-total">{fenToYuan(totals.totalFen)}</span> 元</div></div>
          <div className="stat"><div className="num">{fenToWan(totals.techFen)}</div><div className="label">技术交易额（万元）<br /><span data-testid="ledger-tech">{fenToYuan(totals.techFen)}</span> 元</div></div>
        </div>
        <p className="row small" style={{ marginTop: 12 }}>
          导出当前筛选结果：
          <a href={`/bureau/contracts/export?${params}${params.size ? "&" : ""}format=xlsx`} download>Excel（XLSX）</a>
          <a href={`/bureau/contracts/export?${params}${params.size ? "&" : ""}format=csv`} download>CSV</a>
        </p>
      </section>
      {rows.length === 0 ? (
        <div className="card empty"><strong>没有符合条件的合同</strong>调整筛选条件，或登记、导入新的合同。</div>
      ) : (
        <div className="table-wrap card" style={{ padding: 0 }}>
          <table className="responsive">
            <thead>
              <tr><th>登记号</th><th>项目名称</th><th>类型</th><th>登记日期</th><th>卖方</th><th>买方</th><th className="num">成交额（元）</th><th className="num">技术交易额（元）</th><th>流向</th><th>来源</th><th>状态</th></tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td data-label="登记号"><Link to={`/bureau/contracts/${r.id}`}>{r.reg_no}</Link></td>
                  <td data-label="项目名称">{r.title}</td>
                  <td data-label="类型">{contractTypeLabels[r.type]}</td>
                  <td data-label="登记日期">{r.registered_on}</td>
                  <td data-label="卖方">{r.seller_name}</td>
                  <td data-label="买方">{r.buyer_name}</td>
                  <td data-label="成交额（元）" className="num">{fenToYuan(r.total_fen)}</td>
                  <td data-label="技术交易额（元）" className="num">{fenToYuan(r.tech_fen)}</td>
                  <td data-label="流向">{flowShortLabels[r.flow]}</td>
                  <td data-label="来源">{originKindLabels[r.origin_kind]}</td>
                  <td data-label="状态">{contractStatusLabels[r.status]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={page} pageSize={pageSize} total={totals.n} />
    </>
  );
}
