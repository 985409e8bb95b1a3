import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { listPublicChallenges } from "../models/challenge";
import { CONTRACT_INDICATOR_ID, CONTRACT_TARGET_PATH } from "../models/contract";
import { homeOverview } from "../models/shared";
import { ChallengeStatusBadge } from "../components/challenge/status";
import { FocusAreas, PlanTargets, RoleCards, RoleEntry } from "../components/home/sections";
import { formatBounty } from "../utils/money";
import { formatDate } from "../utils/time";
import { getDb } from "../utils/db.server";
import { sharedPage } from "../web/shared-pages.server";

// The same for every anonymous visitor: rendered once for all of them (Decision 67).
export const headers = sharedPage;

export async function loader() {
  const db = getDb();
  const [overview, open] = await Promise.all([homeOverview(db), listPublicChallenges(db, { status: "published" }, 1)]);
  return json({ ...overview, open: open.rows.slice(0, 3), openTotal: open.total });
}

export default function Home() {
  const { counts, indicators, focus, open, openTotal } = useLoaderData<typeof loader>();
  const contractTarget = indicators.find((i) => i.id === CONTRACT_INDICATOR_ID);
  const [[baseYear, baseWan], [doubledYear, doubledWan]] = CONTRACT_TARGET_PATH;
  return (
    <>
      <section className="hero">
        <h1>利州技术转移对接平台</h1>
        <p className="slogan">企业出题 · 政府立题 · 协同破题</p>
        <p>
          利州区企业在这里发布技术难题，高校和科研院所发布科技成果、揭榜攻关；区科技局审核立题、组织对接会、登记技术合同，
          推动技术合同登记交易额从 {baseYear} 年的 {baseWan} 万元翻番到 {doubledYear} 年的 {doubledWan} 万元。
        </p>
        <RoleEntry />
      </section>

      <section aria-labelledby="live-counts" className="card">
        <h2 id="live-counts">平台概况</h2>
        <div className="grid stats">
          <div className="stat"><div className="num">{counts.enterprises}</div><div className="label">已认证企业</div></div>
          <div className="stat"><div className="num">{counts.academia}</div><div className="label">已认证高校与科研院所</div></div>
          <div className="stat"><div className="num">{counts.services}</div><div className="label">已认证服务机构</div></div>
          <div className="stat"><div className="num">{counts.users}</div><div className="label">在册用户</div></div>
          {contractTarget ? (
            <div className="stat">
              <div className="num">{contractTarget.v2025}<small className="small"> 万元</small></div>
              <div className="label">2025 年技术合同登记交易额目标</div>
            </div>
          ) : null}
        </div>
      </section>

      <section aria-labelledby="open-challenges" className="card">
        <div className="row">
          <h2 id="open-challenges" style={{ margin: 0 }}>正在揭榜</h2>
          <span className="spacer" />
          <Link to="/challenges">全部 {openTotal} 个揭榜中的榜单 →</Link>
        </div>
        {open.length === 0 ? (
          <p className="muted">目前没有揭榜中的榜单。企业提交的难题经区科技局审核发布后会出现在这里。</p>
        ) : (
          <ul className="stack" style={{ listStyle: "none", padding: 0, marginTop: 12 }}>
            {open.map((challenge) => (
              <li key={challenge.id}>
                <Link to={`/challenges/${challenge.id}`}><strong>{challenge.title}</strong></Link> <ChallengeStatusBadge status={challenge.status} />
                <div className="muted small">{challenge.org_name} · 榜额 {formatBounty(challenge.bounty_fen)}{challenge.deadline ? ` · ${formatDate(challenge.deadline)} 截止` : ""}</div>
              </li>
            ))}
          </ul>
        )}
      </section>

      <RoleCards />
      <FocusAreas focus={focus} />
      <PlanTargets indicators={indicators} />
    </>
  );
}
