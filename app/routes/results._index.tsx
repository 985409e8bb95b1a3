import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Pagination } from "../components/ui/pagination";
import { listTechFields } from "../models/overview.server";
import { listPublishedResults } from "../models/result.server";
import { resultFiltersSchema } from "../schemas/result";
import { useRootData } from "../root";
import { getDb } from "../utils/db.server";
import { pageParam } from "../utils/http.server";
import { TRANSFER_MODES, TRL_STAGES, transferModeLabels, trlStage } from "../utils/labels";
import { fenToWan, wanToFen } from "../utils/money";
import type { TransferMode } from "../../db/schema";

export const meta: MetaFunction = () => [{ title: "科技成果 · 利州技术转移对接平台" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const f = resultFiltersSchema.parse(Object.fromEntries(url.searchParams));
  const stage = TRL_STAGES.find((s) => s[0] === f.stage);
  const db = getDb();
  const [list, fields] = await Promise.all([
    listPublishedResults(
      db,
      {
        field: f.field,
        trlMin: stage?.[2],
        trlMax: stage?.[3],
        mode: f.mode,
        priceMinFen: f.min ? (wanToFen(f.min) ?? undefined) : undefined,
        priceMaxFen: f.max ? (wanToFen(f.max) ?? undefined) : undefined,
        q: f.q,
      },
      pageParam(url),
    ),
    listTechFields(db),
  ]);
  return json({ ...list, fields, filters: Object.fromEntries(url.searchParams) });
}

export default function Results() {
  const { rows, total, page, pageSize, fields, filters } = useLoaderData<typeof loader>();
  const user = useRootData()?.user;
  return (
    <>
      <div className="row">
        <div>
          <h1 style={{ marginBottom: 4 }}>科技成果</h1>
          <p className="muted">高校、科研院所可转化的科技成果。已认证机构的用户可以查看联系方式并表达合作意向。</p>
        </div>
        <span className="spacer" />
        {user?.role === "researcher" || user?.role === "expert" ? <Link className="btn" to="/results/new">发布科技成果</Link> : null}
      </div>
      <Form method="get" className="card" aria-label="筛选成果">
        <div className="grid filter-grid">
          <div>
            <label htmlFor="q">关键词</label>
            <input id="q" type="search" name="q" defaultValue={filters.q ?? ""} maxLength={50} placeholder="如 发酵、天线" />
          </div>
          <div>
            <label htmlFor="field">技术领域</label>
            <select id="field" name="field" defaultValue={filters.field ?? ""}>
              <option value="">全部领域</option>
              {fields.map((f) => <option key={f.code} value={f.code}>{f.name}</option>)}
            </select>
          </div>
          <div>
            <label htmlFor="stage">成熟度</label>
            <select id="stage" name="stage" defaultValue={filters.stage ?? ""}>
              <option value="">不限</option>
              {TRL_STAGES.map(([v, label]) => <option key={v} value={v}>{label}</option>)}
            </select>
          </div>
          <div>
            <label htmlFor="mode">转化方式</label>
            <select id="mode" name="mode" defaultValue={filters.mode ?? ""}>
              <option value="">不限</option>
              {TRANSFER_MODES.map((m) => <option key={m} value={m}>{transferModeLabels[m]}</option>)}
            </select>
          </div>
          <div>
            <label htmlFor="min">价格下限（万元）</label>
            <input id="min" type="text" inputMode="decimal" name="min" defaultValue={filters.min ?? ""} maxLength={12} />
          </div>
          <div>
            <label htmlFor="max">价格上限（万元）</label>
            <input id="max" type="text" inputMode="decimal" name="max" defaultValue={filters.max ?? ""} maxLength={12} />
          </div>
        </div>
        <div className="row" style={{ marginTop: 12 }}>
          <button className="btn" type="submit">筛选</button>
          <Link to="/results">清除条件</Link>
        </div>
      </Form>
      <p className="muted small">共 {total} 项成果{filters.min || filters.max ? "（按价格筛选时不含面议的成果）" : ""}</p>
      {rows.length === 0 ? (
        <div className="card empty"><strong>没有符合条件的成果</strong>试试放宽筛选条件，或<Link to="/results">查看全部成果</Link>。</div>
      ) : (
        <ul className="stack" style={{ listStyle: "none", padding: 0 }}>
          {rows.map((r) => (
            <li key={r.id} className="card">
              <h2 style={{ fontSize: "1.15rem", margin: 0 }}><Link to={`/results/${r.id}`}>{r.title}</Link></h2>
              <p className="muted small" style={{ margin: "4px 0 8px" }}>
                {r.org_name} · {r.field_name} · TRL {r.trl}（{trlStage(r.trl)}）· {r.transfer_modes.split(",").map((m) => transferModeLabels[m as TransferMode]).join("、")} ·{" "}
                {r.price_fen == null ? "面议" : `${fenToWan(r.price_fen)} 万元`}
                {r.patent_count ? ` · 专利 ${r.patent_count} 件` : ""}
              </p>
              <p style={{ margin: 0 }}>{r.abstract.length > 120 ? `${r.abstract.slice(0, 120)}…` : r.abstract}</p>
            </li>
          ))}
        </ul>
      )}
      <Pagination page={page} pageSize={pageSize} total={total} />
    </>
  );
}
