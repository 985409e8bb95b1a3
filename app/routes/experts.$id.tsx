import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getProfilePage } from "../models/account";
import { getDb } from "../utils/db.server";
import { load } from "../web/form.server";
import { paramId } from "../utils/http.server";
import { trlStage } from "../utils/labels";
import { getUser } from "../web/session.server";
import { sharedPage } from "../web/shared-pages.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.profile.name} · 专家 · 利州技术转移对接平台` : "专家" }];

// The same for every anonymous visitor: rendered once for all of them (Decision 67).
export const headers = sharedPage;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = paramId(params.id);
  const r = await load(async () => getProfilePage(getDb(), await getUser(request), id));
  return json(r);
}

export default function ExpertProfile() {
  const { profile: p, contact, results } = useLoaderData<typeof loader>();
  return (
    <>
      <p className="muted small"><Link to="/experts">专家与科研人员</Link> / 画像</p>
      <div className="row">
        <h1 style={{ margin: 0 }}>{p.name}</h1>
        <span className="muted">{p.title}</span>
        {p.role === "expert" ? <span className="badge info">专家库</span> : null}
      </div>
      <p className="muted"><Link to={`/orgs/${p.org_id}`}>{p.org_name}</Link> · {p.fields.join("、")}</p>
      <section className="card" aria-labelledby="about">
        <h2 id="about">研究方向</h2>
        <ul className="chips">{p.keywords.map((k) => <li key={k}>{k}</li>)}</ul>
        {p.bio ? <p style={{ whiteSpace: "pre-line", marginTop: 12 }}>{p.bio}</p> : null}
      </section>
      {p.achievements ? <section className="card"><h2>代表性成果</h2><p style={{ whiteSpace: "pre-line" }}>{p.achievements}</p></section> : null}
      {p.patents ? <section className="card"><h2>代表性专利</h2><p style={{ whiteSpace: "pre-line" }}>{p.patents}</p></section> : null}
      <section className="card" aria-labelledby="listed">
        <h2 id="listed">在平台发布的成果</h2>
        {results.length === 0 ? <p className="muted">暂无。</p> : (
          <ul>{results.map((r) => <li key={r.id}><Link to={`/results/${r.id}`}>{r.title}</Link> · TRL {r.trl}（{trlStage(r.trl)}）</li>)}</ul>
        )}
      </section>
      <section className="card" aria-labelledby="contact">
        <h2 id="contact">联系方式</h2>
        {contact ? (
          contact.phone || contact.email ? (
            <dl className="facts">
              {contact.phone ? (<><dt>电话</dt><dd>{contact.phone}</dd></>) : null}
              {contact.email ? (<><dt>邮箱</dt><dd>{contact.email}</dd></>) : null}
            </dl>
          ) : <p className="muted">未填写。</p>
        ) : <p className="muted">联系方式仅向已认证机构的用户展示。</p>}
      </section>
    </>
  );
}
