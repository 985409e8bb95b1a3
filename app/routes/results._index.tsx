import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { FieldFilter, FilterForm, IndustryFilter, KeywordFilter, MoneyRangeFilter } from "../components/ui/filters";
import { Pagination } from "../components/ui/pagination";
import { listTechFields, listIndustries } from "../models/shared";
import { listPublishedResults } from "../models/result";
import { resultFiltersSchema } from "../schemas/result";
import { useRootData } from "../root";
import { getDb } from "../utils/db.server";
import { pageParam } from "../utils/http.server";
import { TRANSFER_MODES } from "../../db/vocabulary";
import { TRL_STAGES, transferModeLabels, trlStage } from "../utils/labels";
import { fenToWan, wanToFen } from "../utils/money";
import type { TransferMode } from "../../db/schema";
import { sharedPage } from "../web/shared-pages.server";

export const meta: MetaFunction = () => [{ title: "科技成果 · 利州技术转移对接平台" }];

// The same for every anonymous visitor: rendered once for all of them (Decision 67).
export const headers = sharedPage;

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const f = resultFiltersSchema.parse(Object.fromEntries(url.searchParams));
  const stage = TRL_STAGES.find((s) => s[0] === f.stage);
  const db = getDb();
  const [list, fields, industries] = await Promise.all([
    listPublishedResults(
      db,
      {
        field: f.field,
        industry: f.industry,
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
    listIndustries(db),
  ]);
  return json({ ...list, fields, industries, filters: Object.fromEntries(url.searchParams) });
}

export default function Results() {
  const { rows, total, page, pageSize, fields, industries, filters } = useLoaderData<typeof loader>();
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
      <FilterForm label="筛选成果" clearTo="/results">
        <KeywordFilter value={filters.q} placeholder="如 发酵、天线" />
        <FieldFilter fields={fields} value={filters.field} />
        <IndustryFilter industries={industries} value={filters.industry} />
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
        <MoneyRangeFilter what="价格" min={filters.min} max={filters.max} />
      </FilterForm>
      <p className="muted small">共 {total} 项成果{filters.min || filters.max ? "（按价格筛选时不含面议的成果）" : ""}</p>
      {rows.length === 0 ? (
        <div className="card empty"><strong>没有符合条件的成果</strong>试试放宽筛选条件，或<Link to="/results">查看全部成果</Link>。</div>
      ) : (
        <ul className="stack" style={{ listStyle: "none", padding: 0 }}>
          {rows.map((r) => (
            <li key={r.id} className="card">
              <h2 style={{ fontSize: "1.15rem", margin: 0 }}><Link to={`/results/${r.id}`}>{r.title}</Link></h2>
              <p className="muted small" style={{ margin: "4px 0 8px" }}>
                {r.org_name} · {r.field_name}{r.industry_name ? ` · ${r.industry_name}` : ""} · TRL {r.trl}（{trlStage(r.trl)}）· {r.transfer_modes.split(",").map((m) => transferModeLabels[m as TransferMode]).join("、")} ·{" "}
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
