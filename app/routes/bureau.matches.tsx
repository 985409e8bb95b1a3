import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { MatchList, MatchesUnavailable } from "../components/match-list";
import { listPublicChallenges } from "../models/challenge";
import { matchesForChallenge } from "../models/result";
import { getDb } from "../utils/db.server";
import { formatBounty } from "../utils/money";
import { requireBureau } from "../web/session.server";
import { formatDate } from "../utils/time";

export const meta: MetaFunction = () => [{ title: "候选对接 · 区科技局 · 利州技术转移对接平台" }];

/** For each 榜单 open for bids, the results and researchers most likely to solve it: who to call. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireBureau(request);
  const db = getDb();
  const open = await listPublicChallenges(db, { status: "published" }, 1);
  const rows = [];
  let unavailable = false;
  for (const c of open.rows) {
    // Once search is unavailable, don't wait out its timeout again for every challenge on the page.
    const matches: Awaited<ReturnType<typeof matchesForChallenge>> = unavailable ? null : await matchesForChallenge(db, c.id);
    unavailable = matches === null;
    rows.push({ challenge: c, matches });
  }
  return json({ rows, total: open.total });
}

export default function CandidatePairs() {
  const { rows, total } = useLoaderData<typeof loader>();
  return (
    <>
      <p className="muted small">区科技局</p>
      <h1>候选对接</h1>
      <p className="muted">揭榜中的榜单与可能解决它的成果、专家，按匹配度排序，附匹配理由。可据此邀请成果团队揭榜，或安排对接会。搜索和匹配把同一事物的不同叫法视为一词，见<Link to="/bureau/synonyms">同义词表</Link>。</p>
      {rows.length === 0 ? (
        <div className="card empty"><strong>目前没有揭榜中的榜单</strong>榜单发布后，这里会列出候选的成果和专家。</div>
      ) : (
        rows.map(({ challenge: c, matches }) => (
          <section key={c.id} className="card" aria-labelledby={`c-${c.id}`}>
            <h2 id={`c-${c.id}`} style={{ fontSize: "1.15rem" }}><Link to={`/challenges/${c.id}`}>{c.title}</Link></h2>
            <p className="muted small">{c.org_name} · 榜额 {formatBounty(c.bounty_fen)}{c.deadline ? ` · ${formatDate(c.deadline)} 截止` : ""}</p>
            {matches ? (
              <>
                <h3>科技成果</h3>
                <MatchList items={matches.results.slice(0, 3)} empty="暂未找到相关成果。" />
                <h3>专家</h3>
                <MatchList items={matches.experts.slice(0, 2)} empty="暂未找到相关专家。" />
              </>
            ) : (
              <MatchesUnavailable />
            )}
          </section>
        ))
      )}
      {total > rows.length ? <p className="muted small">仅显示最近发布的 {rows.length} 个，共 {total} 个揭榜中的榜单。</p> : null}
    </>
  );
}
