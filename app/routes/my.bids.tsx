import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { listOrgBids } from "../models/challenge";
import { getDb } from "../utils/db.server";
import { bidStatusLabels, outcomeReasonLabels } from "../utils/labels";
import { fenToWan } from "../utils/money";
import { requireUser } from "../web/session.server";
import { formatDate } from "../utils/time";

export const meta: MetaFunction = () => [{ title: "我的揭榜 · 利州技术转移对接平台" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return json({ rows: await listOrgBids(getDb(), user) });
}

export default function MyBids() {
  const { rows } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>我的揭榜</h1>
      <p className="muted">本单位提交的全部揭榜申请。截止前可以修改或撤回；未中选的会写明原因。</p>
      {rows.length === 0 ? (
        <div className="card empty"><strong>还没有揭榜申请</strong>到<Link to="/challenges">揭榜挂帅</Link>看看哪些企业难题与本单位的研究方向相符。</div>
      ) : (
        <div className="table-wrap card" style={{ padding: 0 }}>
          <table className="responsive">
            <thead><tr><th>榜单</th><th className="num">报价（万元）</th><th>状态</th><th>截止</th></tr></thead>
            <tbody>
              {rows.map((b) => (
                <tr key={b.id}>
                  <td data-label="榜单"><Link to={`/challenges/${b.challenge_id}`}>{b.title}</Link></td>
                  <td data-label="报价" className="num">{fenToWan(b.price_fen)}</td>
                  <td data-label="状态">
                    {bidStatusLabels[b.status]}
                    {b.outcome_reason ? <div className="small muted">{outcomeReasonLabels[b.outcome_reason]}{b.outcome_note ? `：${b.outcome_note}` : ""}</div> : null}
                  </td>
                  <td data-label="截止">{b.deadline ? formatDate(b.deadline) : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
