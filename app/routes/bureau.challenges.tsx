import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ChallengeStatusBadge } from "../components/challenge/status";
import { Pagination } from "../components/ui/pagination";
import { listBureauQueue } from "../models/challenge";
import { MailStatusNote } from "../components/bureau/mail-status";
import { mailStatus } from "../models/shared";
import { env } from "../utils/env.server";
import { getDb } from "../utils/db.server";
import { pageParam } from "../utils/http.server";
import { BUREAU_TABS, type BureauTab } from "../models/challenge";
import { formatBounty } from "../utils/money";
import { requireBureau } from "../web/session.server";
import { formatDate, formatDateTime } from "../utils/time";

export const meta: MetaFunction = () => [{ title: "榜单审核 · 区科技局 · 利州技术转移对接平台" }];

const tabLabels: Record<BureauTab, string> = {
  submitted: "待形式审查",
  under_review: "专家论证中",
  published: "揭榜中",
  evaluating: "待评审定榜",
  delivery: "签约与攻关",
  ended: "已结束",
};

export async function loader({ request }: LoaderFunctionArgs) {
  await requireBureau(request);
  const url = new URL(request.url);
  const tab = z.enum(BUREAU_TABS).catch("submitted").parse(url.searchParams.get("tab") ?? undefined);
  return json({ tab, ...(await listBureauQueue(getDb(), tab, pageParam(url))), mail: await mailStatus(getDb(), Boolean(env.SMTP_URL)) });
}

export default function BureauChallenges() {
  const { tab, rows, total, page, pageSize, tabCounts, mail } = useLoaderData<typeof loader>();
  return (
    <>
      <p className="muted small">区科技局</p>
      <h1>榜单审核</h1>
      <p className="muted">形式审查、专家论证、发布立题，揭榜截止后组织评审定榜，并跟踪签约、攻关、验收与兑现。</p>
      <MailStatusNote {...mail} />
      <nav className="tabs" aria-label="办理阶段">
        {BUREAU_TABS.map((t) => (
          <Link key={t} to={`?tab=${t}`} aria-current={t === tab ? "page" : undefined}>{tabLabels[t]}（{tabCounts[t]}）</Link>
        ))}
      </nav>
      {rows.length === 0 ? (
        <div className="card empty"><strong>“{tabLabels[tab]}”下没有榜单</strong>企业提交的榜单会先出现在“待形式审查”。</div>
      ) : (
        <div className="table-wrap card" style={{ padding: 0 }}>
          <table className="responsive">
            <thead><tr><th>榜单</th><th>发榜企业</th><th>状态</th><th className="num">榜额</th><th>截止</th><th className="num">揭榜</th><th>等待自</th></tr></thead>
            <tbody>
              {rows.map((c) => (
                <tr key={c.id}>
                  <td data-label="榜单"><Link to={`/challenges/${c.id}`}>{c.title}</Link></td>
                  <td data-label="发榜企业">{c.org_name}</td>
                  <td data-label="状态"><ChallengeStatusBadge status={c.status} /></td>
                  <td data-label="榜额" className="num">{formatBounty(c.bounty_fen)}</td>
                  <td data-label="截止">{c.deadline ? formatDate(c.deadline) : "—"}</td>
                  <td data-label="揭榜" className="num">{c.bid_count}</td>
                  <td data-label="等待自">{formatDateTime(c.updated_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={page} pageSize={pageSize} total={total} />
    </>
  );
}
