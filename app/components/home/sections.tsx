import type { SerializeFrom } from "@remix-run/node";
import { Link } from "@remix-run/react";
import type { homeOverview } from "../../models/shared";
import { useRootData } from "../../root";

type Overview = SerializeFrom<Awaited<ReturnType<typeof homeOverview>>>;

const sectors = ["工业", "农业", "民生"] as const;

/** The first buttons: what this visitor (anonymous, an enterprise, the bureau) would do first. */
export function RoleEntry() {
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

/** 我是……: what the platform offers each kind of user. */
export function RoleCards() {
  return (
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
  );
}

/** 规划重点领域 by sector, each with its national technical field. */
export function FocusAreas({ focus }: { focus: Overview["focus"] }) {
  return (
    <section aria-labelledby="focus" className="card">
      <h2 id="focus">规划重点领域</h2>
      <p className="muted small">《利州区“十四五”科技创新和知识产权规划》专栏 2、3 的重点领域，及其对应的国家技术领域分类。</p>
      {sectors.map((sector) => (
        <div key={sector} style={{ marginBottom: 12 }}>
          <h3>{sector}</h3>
          <ul className="chips">
            {focus.filter((area) => area.sector === sector).map((area) => (
              <li key={area.name} title={`技术领域：${area.field_name}`}>{area.name}</li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}

/** 规划目标（表1）. */
export function PlanTargets({ indicators }: { indicators: Overview["indicators"] }) {
  return (
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
            {indicators.map((indicator) => (
              <tr key={indicator.id}>
                <td data-label="指标">{indicator.name}{indicator.doubling ? "＊" : ""}</td>
                <td data-label="单位">{indicator.unit}</td>
                <td data-label="2020 年" className="num">{indicator.v2020 ?? "—"}</td>
                <td data-label="2025 年" className="num">{indicator.v2025}</td>
                <td data-label="2035 年" className="num">{indicator.v2035}</td>
                <td data-label="属性">{indicator.nature}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
