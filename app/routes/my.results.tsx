import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { listOrgResults } from "../models/result";
import { getDb } from "../utils/db.server";
import { resultStatusLabels, trlStage } from "../utils/labels";
import { fenToWan } from "../utils/money";
import { requireUser } from "../web/session.server";
import { formatDateTime } from "../utils/time";

export const meta: MetaFunction = () => [{ title: "我的成果 · 利州技术转移对接平台" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return json({ rows: await listOrgResults(getDb(), user) });
}

export default function MyResults() {
  const { rows } = useLoaderData<typeof loader>();
  return (
    <>
      <div className="row">
        <h1 style={{ margin: 0 }}>我的成果</h1>
        <span className="spacer" />
        <Link className="btn" to="/results/new">发布科技成果</Link>
      </div>
      <p className="muted">本单位登记的全部科技成果，含草稿和已下架的。</p>
      {rows.length === 0 ? (
        <div className="card empty"><strong>还没有成果</strong><Link to="/results/new">登记第一项科技成果</Link>，企业就能在成果库中找到它。</div>
      ) : (
        <div className="table-wrap card" style={{ padding: 0 }}>
          <table className="responsive">
            <thead><tr><th>成果</th><th>状态</th><th>成熟度</th><th className="num">参考价格</th><th className="num">意向企业</th><th>更新</th></tr></thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td data-label="成果"><Link to={`/results/${r.id}`}>{r.title}</Link></td>
                  <td data-label="状态">{resultStatusLabels[r.status]}</td>
                  <td data-label="成熟度">TRL {r.trl} · {trlStage(r.trl)}</td>
                  <td data-label="参考价格" className="num">{r.price_fen == null ? "面议" : `${fenToWan(r.price_fen)} 万元`}</td>
                  <td data-label="意向企业" className="num">{r.interest_count}</td>
                  <td data-label="更新">{formatDateTime(r.updated_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
