import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { listPublicChallenges } from "../models/challenge-queries.server";
import { CONTRACT_INDICATOR_ID, CONTRACT_TARGET_PATH } from "../models/contract-target";
import { homeOverview } from "../models/overview.server";
import { ChallengeStatusBadge } from "../components/challenge/status";
import { formatBounty } from "../utils/money";
import { formatDate } from "../utils/time";
import { useRootData } from "../root";
import { getDb } from "../utils/db.server";

export async function loader() {
  const db = getDb();
  const [overview, open] = await Promise.all([homeOverview(db), listPublicChallenges(db, { status: "published" }, 1)]);
  return json({ ...overview, open: open.rows.slice(0, 3), openTotal: open.total });
}

const sectors = ["工业", "农业", "民生"] as const;

function RoleEntry() {
  const user = useRootData()?.user;
  if (!user) {
    return (
      <div className="row">
        <Link className="btn" to="/challenges">浏览揭榜榜单</Link>
        <Link className="btn ghost" to="/register">注册账号</Link>
        <Link className="btn ghost" to="/login">已有账号，登录</Link>
      </div>
    );
  }
  return (
    <div className="row">
      <Link className="btn" to="/challenges">浏览揭榜榜单</Link>
      {user.role === "enterprise" ? <Link className="btn ghost" to="/challenges/new">发布技术难题</Link> : null}
      {user.isBureau ? <Link className="btn ghost" to="/bureau/challenges">榜单审核</Link> : null}
      {user.isBureau ? <Link className="btn ghost" to="/bureau/orgs">处理机构认证</Link> : null}
    </div>
  );
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
            {open.map((c) => (
              <li key={c.id}>
                <Link to={`/challenges/${c.id}`}><strong>{c.title}</strong></Link> <ChallengeStatusBadge status={c.status} />
                <div className="muted small">{c.org_name} · 榜额 {formatBounty(c.bounty_fen)}{c.deadline ? ` · ${formatDate(c.deadline)} 截止` : ""}</div>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="roles">
        <h2 id="roles">我是……</h2>
        <div className="grid">
          <div className="card">
            <h3>企业</h3>
            <p>把生产中卡脖子的技术难题写成榜单，经区科技局审核发布后，由高校院所揭榜攻关。</p>
            <p className="small muted">注册时选择“企业用户”，并登记或加入本单位。</p>
          </div>
          <div className="card">
            <h3>高校与科研院所</h3>
            <p>发布可转化的科技成果，维护专家画像，对企业榜单提交揭榜方案。</p>
            <p className="small muted">注册时选择“科研人员”或“专家”。</p>
          </div>
          <div className="card">
            <h3>区科技局</h3>
            <p>认证机构、形式审查与专家论证、发布榜单、组织对接会、登记技术合同并跟踪规划目标。</p>
            <p className="small muted">工作人员账号由管理员开通或经本局管理员审核加入。</p>
          </div>
        </div>
      </section>

      <section aria-labelledby="focus" className="card">
        <h2 id="focus">规划重点领域</h2>
        <p className="muted small">《利州区“十四五”科技创新和知识产权规划》专栏 2、3 的重点领域，及其对应的国家技术领域分类。</p>
        {sectors.map((sector) => (
          <div key={sector} style={{ marginBottom: 12 }}>
            <h3>{sector}</h3>
            <ul className="chips">
              {focus.filter((f) => f.sector === sector).map((f) => (
                <li key={f.name} title={`技术领域：${f.field_name}`}>{f.name}</li>
              ))}
            </ul>
          </div>
        ))}
      </section>

      <section aria-labelledby="targets" className="card">
        <h2 id="targets">规划目标（表1）</h2>
        <div className="table-wrap">
          <table>
            <caption className="muted small" style={{ textAlign: "left", paddingBottom: 8 }}>
              广元市利州区“十四五”及 2035 年科技创新发展指标（＊为翻番指标）
            </caption>
            <thead>
              <tr><th>指标</th><th>单位</th><th className="num">2020 年</th><th className="num">2025 年</th><th className="num">2035 年</th><th>属性</th></tr>
            </thead>
            <tbody>
              {indicators.map((i) => (
                <tr key={i.id}>
                  <td data-label="指标">{i.name}{i.doubling ? "＊" : ""}</td>
                  <td data-label="单位">{i.unit}</td>
                  <td data-label="2020 年" className="num">{i.v2020 ?? "—"}</td>
                  <td data-label="2025 年" className="num">{i.v2025}</td>
                  <td data-label="2035 年" className="num">{i.v2035}</td>
                  <td data-label="属性">{i.nature}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
