import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ChallengeQueueTable } from "../components/challenge/queue-table";
import { listOrgChallenges } from "../models/challenge";
import { getDb } from "../utils/db.server";
import { httpError } from "../utils/http.server";
import { requireUser } from "../web/session.server";

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
        <ChallengeQueueTable rows={rows} sinceLabel="更新" />
      )}
    </>
  );
}
