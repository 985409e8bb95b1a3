import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { PostForm, SubmitButton } from "../components/ui/form";
import { decideExpert, listExpertApplications } from "../models/account";
import { idSchema, optionalText } from "../schemas/fields";
import { getDb } from "../utils/db.server";
import { attempt, readForm } from "../web/form.server";
import { httpError } from "../utils/http.server";
import { requireBureau } from "../web/session.server";
import { formatDateTime } from "../utils/time";

export const meta: MetaFunction = () => [{ title: "专家库审核 · 区科技局 · 利州技术转移对接平台" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireBureau(request);
  return json({ rows: await listExpertApplications(getDb()) });
}

export async function action({ request }: ActionFunctionArgs) {
  const officer = await requireBureau(request);
  const values = await readForm(request);
  const userId = idSchema.safeParse(values.userId);
  const note = optionalText("说明", 200).safeParse(values.note);
  if (!userId.success || !note.success || (values.intent !== "approve" && values.intent !== "reject")) {
    throw httpError(400, "提交的内容有误，请刷新页面后重试。");
  }
  const r = await attempt(() => decideExpert(getDb(), officer, userId.data, values.intent === "approve", note.data), values);
  return r.ok ? redirect("/bureau/experts") : r.response;
}

export default function ExpertApplications() {
  const { rows } = useLoaderData<typeof loader>();
  return (
    <>
      <p className="muted small">区科技局</p>
      <h1>专家库审核</h1>
      <p className="muted">科研人员申请担任榜单论证和揭榜评审专家。通过后，其角色变为“专家”，可被指派评审。</p>
      {rows.length === 0 ? (
        <div className="card empty"><strong>没有待审核的申请</strong>科研人员在“我的专家画像”中提交申请后会出现在这里。</div>
      ) : (
        rows.map((p) => (
          <article key={p.id} className="card review-item" aria-label={p.name}>
            <div>
              <h2 style={{ fontSize: "1.1rem" }}><Link to={`/experts/${p.id}`}>{p.name}</Link> <span className="muted small">{p.title}</span></h2>
              <p className="muted small">{p.org_name} · {p.keywords} · 申请于 {formatDateTime(p.updated_at)}</p>
            </div>
            <div className="review-actions">
              <PostForm>
                <input type="hidden" name="userId" value={p.id} />
                <input type="hidden" name="intent" value="approve" />
                <SubmitButton busyWhen="approve">同意入库</SubmitButton>
              </PostForm>
              <PostForm>
                <input type="hidden" name="userId" value={p.id} />
                <input type="hidden" name="intent" value="reject" />
                <label htmlFor={`note-${p.id}`} className="small">不同意的理由</label>
                <input id={`note-${p.id}`} type="text" name="note" maxLength={200} />
                <SubmitButton className="btn danger" busyWhen="reject">不同意</SubmitButton>
              </PostForm>
            </div>
          </article>
        ))
      )}
    </>
  );
}
