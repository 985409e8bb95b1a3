import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { FileList } from "../components/ui/attachments";
import { DemoBadge } from "../components/ui/badges";
import { PostForm, SubmitButton } from "../components/ui/form";
import { Pagination } from "../components/ui/pagination";
import { listDocuments } from "../models/shared";
import { countOrgsByStatus, listOrgsForReview, reviewOrg } from "../models/account";
import { orgReviewSchema, reviewTabSchema } from "../schemas/org";
import { parse } from "../schemas/parse";
import { getDb } from "../utils/db.server";
import { attempt, invalid, readForm } from "../web/form.server";
import { pageParam } from "../utils/http.server";
import { ORG_STATUSES } from "../../db/vocabulary";
import { orgKindLabels, orgStatusLabels, regionLabels } from "../utils/labels";
import { requireBureau } from "../web/session.server";
import { formatDateTime } from "../utils/time";

export const meta: MetaFunction = () => [{ title: "机构认证 · 区科技局 · 利州技术转移对接平台" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const officer = await requireBureau(request);
  const url = new URL(request.url);
  const status = reviewTabSchema.parse(url.searchParams.get("status") ?? undefined);
  const db = getDb();
  const [list, counts] = await Promise.all([listOrgsForReview(db, status, pageParam(url)), countOrgsByStatus(db)]);
  const files = Object.fromEntries(await Promise.all(list.rows.map(async (o) => [o.id, await listDocuments(db, officer, "org", o.id)] as const)));
  return json({ status, counts, ...list, files });
}

export async function action({ request }: ActionFunctionArgs) {
  const officer = await requireBureau(request);
  const values = await readForm(request);
  const parsed = parse(orgReviewSchema, values);
  if (!parsed.ok) return invalid(parsed.errors, values, Object.values(parsed.errors).flat()[0]);
  const d = parsed.data;
  const r = await attempt(
    () => reviewOrg(getDb(), officer, d.orgId, d.intent === "verify" ? { verify: true } : { verify: false, reason: d.reason }),
    values,
  );
  if (!r.ok) return r.response;
  const url = new URL(request.url);
  return redirect(`/bureau/orgs${url.search}`);
}


export default function OrgReviewQueue() {
  const { status, counts, rows, total, page, pageSize, files } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <>
      <p className="muted small">区科技局</p>
      <h1>机构认证</h1>
      <p className="muted">核对机构名称、统一社会信用代码与所在地区。认证通过后，机构才能发布榜单、成果和揭榜；驳回须写明理由，机构修改后可重新提交。</p>
      <nav className="tabs" aria-label="认证状态">
        {ORG_STATUSES.map((t) => (
          <Link key={t} to={`?status=${t}`} aria-current={t === status ? "page" : undefined}>
            {t === "unverified" ? "待认证" : orgStatusLabels[t]}（{counts[t]}）
          </Link>
        ))}
      </nav>
      {rows.length === 0 ? (
        <div className="card empty">
          <strong>{status === "unverified" ? "没有待认证的机构" : `暂无${orgStatusLabels[status]}的机构`}</strong>
          {status === "unverified" ? "新机构注册后会出现在这里。" : null}
        </div>
      ) : (
        rows.map((o) => (
          <article key={o.id} className="card review-item" aria-labelledby={`org-${o.id}`}>
            <div>
              <h2 id={`org-${o.id}`} style={{ fontSize: "1.1rem" }}>
                <Link to={`/orgs/${o.id}`}>{o.name}</Link> {o.is_demo ? <DemoBadge /> : null}
              </h2>
              <dl className="facts small">
                <dt>类型</dt><dd>{orgKindLabels[o.kind]}</dd>
                <dt>统一社会信用代码</dt><dd>{o.credit_code}</dd>
                <dt>所在地区</dt><dd>{regionLabels[o.region]}</dd>
                <dt>联系人</dt><dd>{o.contact_name} · {o.contact_phone}</dd>
                <dt>成员</dt><dd>{o.member_count} 人</dd>
                <dt>提交时间</dt><dd>{formatDateTime(o.updated_at)}</dd>
                {o.review_note ? (<><dt>驳回理由</dt><dd>{o.review_note}</dd></>) : null}
                <dt>认证材料</dt><dd>{files[o.id]?.length ? <FileList files={files[o.id]} /> : "未上传"}</dd>
              </dl>
            </div>
            {status === "unverified" ? (
              <div className="review-actions">
                <PostForm action={`?${params}`}>
                  <input type="hidden" name="orgId" value={o.id} />
                  <SubmitButton name="intent" value="verify">认证通过</SubmitButton>
                </PostForm>
                <PostForm action={`?${params}`}>
                  <input type="hidden" name="orgId" value={o.id} />
                  <label htmlFor={`reason-${o.id}`} className="small">驳回理由</label>
                  <textarea id={`reason-${o.id}`} name="reason" required maxLength={500} placeholder="例如：统一社会信用代码与名称不符" />
                  <SubmitButton className="btn danger" name="intent" value="reject">驳回</SubmitButton>
                </PostForm>
              </div>
            ) : null}
          </article>
        ))
      )}
      <Pagination page={page} pageSize={pageSize} total={total} />
    </>
  );
}
