import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ChallengeStatusBadge } from "../components/challenge/status";
import { listOrgChallenges } from "../models/challenge";
import { getDb } from "../utils/db.server";
import { httpError } from "../utils/http.server";
import { formatBounty } from "../utils/money";
import { requireUser } from "../web/session.server";
import { formatDate, formatDateTime } from "../utils/time";

export const meta: MetaFunction = () => [{ title: "我的榜单 · 利州技术转移对接平台" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  if (user.role !== "enterprise") throw httpError(403, "“我的榜单”供企业用户使用。");
  return json({ rows: await listOrgChallenges(getDb(), user), orgName: user.org?.name ?? null });
}

export default function MyChallenges() {
  const { rows, orgName } = useLoaderData<typeof loader>();
  return (
    <>
      <div className="row">
        <h1 style={{ margin: 0 }}>我的榜单</h1>
        <span className="spacer" />
        <Link className="btn" to="/challenges/new">发布技术难题</Link>
      </div>
      <p className="muted">{orgName ?? "加入机构后"}发布的全部榜单，含草稿和审核中的。</p>
      {rows.length === 0 ? (
        <div className="card empty"><strong>还没有榜单</strong>把生产中遇到的技术难题写下来，<Link to="/challenges/new">发布第一个榜单</Link>。</div>
      ) : (
        <div className="table-wrap card" style={{ padding: 0 }}>
          <table className="responsive">
            <thead><tr><th>榜单</th><th>状态</th><th className="num">榜额</th><th>截止</th><th className="num">揭榜</th><th>更新</th></tr></thead>
            <tbody>
              {rows.map((c) => (
                <tr key={c.id}>
                  <td data-label="榜单"><Link to={`/challenges/${c.id}`}>{c.title}</Link>{c.status === "draft" && c.status_reason ? <div className="small" style={{ color: "var(--warn)" }}>退回意见：{c.status_reason}</div> : null}</td>
                  <td data-label="状态"><ChallengeStatusBadge status={c.status} /></td>
                  <td data-label="榜额" className="num">{formatBounty(c.bounty_fen)}</td>
                  <td data-label="截止">{c.deadline ? formatDate(c.deadline) : "—"}</td>
                  <td data-label="揭榜" className="num">{c.bid_count}</td>
                  <td data-label="更新">{formatDateTime(c.updated_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
