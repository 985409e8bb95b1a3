import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { AwardStateBadge } from "../components/award/award-notice";
import { Pagination } from "../components/ui/pagination";
import { listPublicAwards } from "../models/challenge";
import { getDb } from "../utils/db.server";
import { pageParam } from "../utils/http.server";
import { formatDate } from "../utils/time";
import { sharedPage } from "../web/shared-pages.server";

export const meta: MetaFunction = () => [
  { title: "中选公示 · 揭榜挂帅 · 利州技术转移对接平台" },
  { name: "description", content: "揭榜挂帅榜单的定榜结果公示：中选单位、团队负责人和异议期。" },
];

// The same for every anonymous visitor: rendered once for all of them (Decision 67).
export const headers = sharedPage;

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  return json(await listPublicAwards(getDb(), pageParam(url)));
}

export default function Awards() {
  const { rows, total, page, pageSize } = useLoaderData<typeof loader>();
  return (
    <>
      <p className="muted small"><Link to="/challenges">揭榜挂帅</Link> / 中选公示</p>
      <h1>中选公示</h1>
      <p className="muted">
        榜单定榜后，中选单位和团队负责人在此公示。公示期内，通过认证的机构对结果有异议的，可在公示页面向区科技局提出；期满且无待处理异议后方可签约。
      </p>
      <p className="muted small">共 {total} 条公示</p>
      {rows.length === 0 ? (
        <div className="card empty">
          <strong>暂无中选公示</strong>
          榜单定榜后会在这里公示。可以先看看<Link to="/challenges">正在揭榜的榜单</Link>。
        </div>
      ) : (
        <ul className="stack" style={{ listStyle: "none", padding: 0 }}>
          {rows.map((a) => (
            <li key={a.id} className="card">
              <div className="row">
                <h2 style={{ fontSize: "1.1rem", margin: 0 }}><Link to={`/awards/${a.id}`}>{a.challengeTitle}</Link></h2>
                <AwardStateBadge state={a.state} />
              </div>
              <p className="muted small" style={{ margin: "6px 0 0" }}>
                中选单位 {a.winnerName} · 挂帅人 {a.leaderName} · 发榜企业 {a.ownerName}
              </p>
              <p className="muted small" style={{ margin: 0 }}>
                {formatDate(a.publishedAt)} 公示，异议期至 {formatDate(a.lastDay)}
              </p>
            </li>
          ))}
        </ul>
      )}
      <Pagination page={page} pageSize={pageSize} total={total} />
    </>
  );
}
