import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field, PostForm, SubmitButton, isFormAnswer } from "../components/ui/form";
import { listTechFields } from "../models/shared";
import { applyAsExpert, getOwnProfile, hasProfileRole, saveProfile } from "../models/account";
import { profileSchema } from "../schemas/result";
import { parse } from "../schemas/parse";
import { getDb } from "../utils/db.server";
import { attempt, invalid, readForm } from "../web/form.server";
import { redirectWithNotice } from "../utils/flash.server";
import { httpError } from "../utils/http.server";
import { expertStatusLabels } from "../utils/labels";
import { requireUser } from "../web/session.server";

export const meta: MetaFunction = () => [{ title: "我的专家画像 · 利州技术转移对接平台" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  if (!hasProfileRole(user)) throw httpError(403, "专家画像供科研人员和专家填写。");
  const db = getDb();
  return json({ profile: await getOwnProfile(db, user), fields: await listTechFields(db), userId: user.id, role: user.role });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const values = await readForm(request);
  if (values.intent === "apply") {
    const r = await attempt(() => applyAsExpert(getDb(), user), values);
    return r.ok ? redirectWithNotice("/me/profile", "expertApplied") : r.response;
  }
  const p = parse(profileSchema, values);
  if (!p.ok) return invalid(p.errors, values);
  const r = await attempt(() => saveProfile(getDb(), user, p.data), values);
  return r.ok ? redirectWithNotice("/me/profile", "saved") : r.response;
}

export default function MyProfile() {
  const { profile, fields, userId, role } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const a = isFormAnswer(answer) ? answer : undefined;
  const chosen = a ? [a.values.fieldCodes ?? []].flat() : (profile?.field_codes.split(",") ?? []);
  return (
    <div className="card narrow" style={{ maxWidth: 760 }}>
      <h1>我的专家画像</h1>
      <p className="muted">画像公开展示（联系方式除外），企业和区科技局据此找到合适的合作者和评审专家。{profile ? <Link to={`/experts/${userId}`}>查看公开页面</Link> : null}</p>
      <PostForm noValidate>
        <Field name="title" label="职称" answer={a} required maxLength={30} defaultValue={profile?.title} hint="如 教授、研究员、高级工程师" />
        <fieldset>
          <legend>研究领域（1–4 个）<span className="req" aria-hidden="true">*</span></legend>
          <div className="choices">
            {fields.map((f) => (
              <label key={f.code}><input type="checkbox" name="fieldCodes" value={f.code} defaultChecked={chosen.includes(f.code)} /> {f.name}</label>
            ))}
          </div>
          {a?.errors.fieldCodes ? <div className="error" role="alert">{a.errors.fieldCodes.join("；")}</div> : null}
        </fieldset>
        <Field name="keywords" label="专长关键词" answer={a} required maxLength={200} defaultValue={profile?.keywords} hint="1–8 个，用顿号或逗号分隔" />
        <Field name="bio" label="个人简介" answer={a} multiline maxLength={2000} defaultValue={profile?.bio} />
        <Field name="achievements" label="代表性成果" answer={a} multiline maxLength={3000} defaultValue={profile?.achievements} />
        <Field name="patents" label="代表性专利" answer={a} multiline maxLength={2000} defaultValue={profile?.patents} />
        <Field name="contactPhone" label="联系电话" type="tel" answer={a} maxLength={20} defaultValue={profile?.contact_phone} hint="仅向已认证机构的用户和区科技局展示" />
        <Field name="contactEmail" label="联系邮箱" type="email" answer={a} maxLength={254} defaultValue={profile?.contact_email} />
        <SubmitButton busyWhen="save">保存画像</SubmitButton>
        <input type="hidden" name="intent" value="save" />
      </PostForm>
      {profile && role !== "expert" ? (
        <section style={{ marginTop: 24 }} aria-labelledby="expert-pool">
          <h2 id="expert-pool">加入专家库</h2>
          <p>当前状态：{expertStatusLabels[profile.expert_status]}{profile.expert_note ? `（${profile.expert_note}）` : ""}</p>
          {profile.expert_status === "none" || profile.expert_status === "rejected" ? (
            <PostForm>
              <input type="hidden" name="intent" value="apply" />
              <SubmitButton className="btn secondary" busyWhen="apply">申请担任评审专家</SubmitButton>
            </PostForm>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
