import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { FieldFilter, FilterForm, IndustryFilter, KeywordFilter, MoneyRangeFilter } from "../components/ui/filters";
import { ChallengeStatusBadge } from "../components/challenge/status";
import { Pagination } from "../components/ui/pagination";
import { listPublicChallenges, PUBLIC_STATUSES } from "../models/challenge";
import { listTechFields, listIndustries } from "../models/shared";
import { challengeFiltersSchema } from "../schemas/challenge";
import { useRootData } from "../root";
import { getDb } from "../utils/db.server";
import { pageParam } from "../utils/http.server";
import { challengeStatusLabels } from "../utils/labels";
import { formatBounty } from "../utils/money";
import { formatDate } from "../utils/time";
import { sharedPage } from "../web/shared-pages.server";

export const meta: MetaFunction = () => [{ title: "揭榜挂帅 · 利州技术转移对接平台" }];


// The same for every anonymous visitor: rendered once for all of them (Decision 67).
export const headers = sharedPage;

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const f = challengeFiltersSchema.parse(Object.fromEntries(url.searchParams));
  const status = f.status === "all" ? undefined : (f.status ?? "published");
  const db = getDb();
  const [list, fields, industries] = await Promise.all([
    listPublicChallenges(db, { field: f.field, industry: f.industry, bountyMinFen: f.min, bountyMaxFen: f.max, withinDays: f.within, status, q: f.q }, pageParam(url)),
    listTechFields(db),
    listIndustries(db),
  ]);
  return json({ ...list, fields, industries, filters: Object.fromEntries(url.searchParams) });
}

export default function Challenges() {
  const { rows, total, page, pageSize, fields, industries, filters } = useLoaderData<typeof loader>();
  const user = useRootData()?.user;
  return (
    <>
      <div className="row">
        <div>
          <h1 style={{ marginBottom: 4 }}>揭榜挂帅</h1>
          <p className="muted">企业出题、政府立题、协同破题：经区科技局审核发布的技术难题，欢迎高校、院所和企业揭榜攻关。</p>
        </div>
        <span className="spacer" />
        {user?.role === "enterprise" ? <Link className="btn" to="/challenges/new">发布技术难题</Link> : null}
      </div>

      <FilterForm label="筛选榜单" clearTo="/challenges">
        <KeywordFilter value={filters.q} placeholder="如 废水、发酵" />
        <FieldFilter fields={fields} value={filters.field} />
        <IndustryFilter industries={industries} value={filters.industry} />
        <div>
          <label htmlFor="status">状态</label>
          <select id="status" name="status" defaultValue={filters.status ?? "published"}>
            {PUBLIC_STATUSES.map((s) => <option key={s} value={s}>{challengeStatusLabels[s]}</option>)}
            <option value="all">全部状态</option>
          </select>
        </div>
        <MoneyRangeFilter what="榜额" min={filters.min} max={filters.max} />
        <div>
          <label htmlFor="within">截止时间</label>
          <select id="within" name="within" defaultValue={filters.within ?? ""}>
            <option value="">不限</option>
            <option value="7">7 天内截止</option>
            <option value="30">30 天内截止</option>
            <option value="90">90 天内截止</option>
          </select>
        </div>
      </FilterForm>

      <p className="muted small">共 {total} 个榜单</p>
      {rows.length === 0 ? (
        <div className="card empty">
          <strong>没有符合条件的榜单</strong>
          试试放宽筛选条件，或<Link to="/challenges?status=all">查看全部状态的榜单</Link>。
        </div>
      ) : (
        <ul className="stack" style={{ listStyle: "none", padding: 0 }}>
          {rows.map((c) => (
            <li key={c.id} className="card">
              <div className="row">
                <h2 style={{ fontSize: "1.15rem", margin: 0 }}><Link to={`/challenges/${c.id}`}>{c.title}</Link></h2>
                <ChallengeStatusBadge status={c.status} />
              </div>
              <p className="muted small" style={{ margin: "4px 0 8px" }}>
                {c.org_name} · {c.field_name}{c.industry_name ? ` · ${c.industry_name}` : ""} · 榜额 <strong>{formatBounty(c.bounty_fen)}</strong>
                {c.deadline ? <> · 截止 {formatDate(c.deadline)}</> : null}
              </p>
              <p style={{ margin: 0 }}>{c.summary.length > 120 ? `${c.summary.slice(0, 120)}…` : c.summary}</p>
            </li>
          ))}
        </ul>
      )}
      <Pagination page={page} pageSize={pageSize} total={total} />
    </>
  );
}
