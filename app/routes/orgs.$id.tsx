import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { FileList } from "../components/ui/attachments";
import { DemoBadge, OrgStatusBadge } from "../components/ui/badges";
import { OrgHistory, OrgMembers } from "../components/org/org-sections";
import { listDocuments } from "../models/shared";
import { decideMembership, getOrgPage } from "../models/account";
import { memberDecisionSchema } from "../schemas/org";
import { parse } from "../schemas/parse";
import { getDb } from "../utils/db.server";
import { attempt, readForm, load } from "../web/form.server";
import { httpError, notFound, paramId } from "../utils/http.server";
import { orgKindLabels, regionLabels } from "../utils/labels";
import { getUser, requireUser } from "../web/session.server";
import { formatDate } from "../utils/time";
import { sharedPage } from "../web/shared-pages.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.org.name} · 利州技术转移对接平台` : "机构 · 利州技术转移对接平台" },
];

// The same for every anonymous visitor: rendered once for all of them (Decision 67).
export const headers = sharedPage;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = paramId(params.id);
  const viewer = await getUser(request);
  const r = await load(() => getOrgPage(getDb(), id, viewer));
  return json({ ...r, files: await listDocuments(getDb(), viewer, "org", id) });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const orgId = paramId(params.id);
  const user = await requireUser(request);
  const values = await readForm(request);
  if (user.orgId !== orgId) throw notFound();
  const parsed = parse(memberDecisionSchema, values);
  if (!parsed.ok) throw httpError(400, Object.values(parsed.errors).flat()[0] ?? "提交的内容有误");
  const decision = parsed.data;
  const r = await attempt(() =>
    decideMembership(getDb(), user, decision.userId, decision.intent === "approve" ? { approve: true } : { approve: false, reason: decision.reason }),
  );
  return r.ok ? redirect(`/orgs/${orgId}`) : r.response;
}

export default function OrgPage() {
  const { org, isMember, isAdmin, members, history, files } = useLoaderData<typeof loader>();
  return (
    <>
      <div className="row" style={{ marginBottom: 12 }}>
        <h1 style={{ margin: 0 }}>{org.name}</h1>
        <OrgStatusBadge status={org.status} />
        {org.is_demo ? <DemoBadge /> : null}
        <span className="spacer" />
        {isAdmin ? <Link className="btn secondary small" to={`/orgs/${org.id}/edit`}>编辑机构资料</Link> : null}
      </div>
      {org.status === "rejected" && org.review_note ? (
        <p className="alert error-box">认证未通过：{org.review_note}</p>
      ) : null}
      {org.status === "unverified" && isMember ? <p className="alert warn">本机构正在等待区科技局认证。</p> : null}

      <section className="card" aria-labelledby="profile">
        <h2 id="profile">机构信息</h2>
        <dl className="facts">
          <dt>机构类型</dt><dd>{orgKindLabels[org.kind]}</dd>
          <dt>统一社会信用代码</dt><dd>{org.credit_code}</dd>
          <dt>所在地区</dt><dd>{regionLabels[org.region]}</dd>
          {org.address ? (<><dt>地址</dt><dd>{org.address}</dd></>) : null}
          {org.reviewed_at && org.status === "verified" ? (<><dt>认证时间</dt><dd>{formatDate(org.reviewed_at)}</dd></>) : null}
        </dl>
        {org.intro ? <p style={{ marginTop: 12, whiteSpace: "pre-line" }}>{org.intro}</p> : null}
      </section>

      <section className="card" aria-labelledby="contact">
        <h2 id="contact">联系方式</h2>
        {org.contact ? (
          <dl className="facts">
            <dt>联系人</dt><dd>{org.contact.name}</dd>
            <dt>电话</dt><dd>{org.contact.phone}</dd>
            {org.contact.email ? (<><dt>邮箱</dt><dd>{org.contact.email}</dd></>) : null}
          </dl>
        ) : (
          <p className="muted">联系方式仅向已认证机构的用户展示。<Link to="/login">登录</Link>后查看。</p>
        )}
      </section>

      {isMember ? <OrgMembers members={members} isAdmin={isAdmin} /> : null}

      {files.length ? (
        <section className="card" aria-labelledby="files">
          <h2 id="files">认证材料</h2>
          <p className="muted small">仅区科技局和本机构成员可见。</p>
          <FileList files={files} />
        </section>
      ) : null}

      <OrgHistory history={history} />
    </>
  );
}
