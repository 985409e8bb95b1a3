import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ChallengeQueueTable } from "../components/challenge/queue-table";
import { Pagination } from "../components/ui/pagination";
import { listBureauQueue, BUREAU_TABS, type BureauTab } from "../models/challenge";
import { MailStatusNote } from "../components/bureau/mail-status";
import { mailStatus } from "../models/shared";
import { env } from "../utils/env.server";
import { getDb } from "../utils/db.server";
import { pageParam } from "../utils/http.server";
import { requireBureau } from "../web/session.server";

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
        <ChallengeQueueTable rows={rows} showOrg sinceLabel="等待自" />
      )}
      <Pagination page={page} pageSize={pageSize} total={total} />
    </>
  );
}
