import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { ResultFields } from "../components/result/result-fields";
import { Attachments } from "../components/ui/attachments";
import { PostForm, SubmitButton, isFormAnswer } from "../components/ui/form";
import { listTechFields, listIndustries, attachmentSlots } from "../models/shared";
import { createResult } from "../models/result";
import { getDb } from "../utils/db.server";
import { attempt } from "../web/form.server";
import { redirectWithNotice } from "../utils/flash.server";
import { createOnce } from "../web/form-key.server";
import { httpError } from "../utils/http.server";
import { readResultForm } from "../web/result-form.server";
import { requireUser } from "../web/session.server";

export const meta: MetaFunction = () => [{ title: "发布科技成果 · 利州技术转移对接平台" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  if (!(user.role === "researcher" || user.role === "expert") || !["university", "institute"].includes(user.org?.kind ?? "")) {
    throw httpError(403, "科技成果由高校和科研院所的科研人员、专家发布。");
  }
  return json({ fields: await listTechFields(getDb()), industries: await listIndustries(getDb()), verified: user.org?.status === "verified", slots: attachmentSlots("result") });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await readResultForm(request);
  if (!form.ok) return form.response;
  const { values, changes, input } = form;
  const r = await attempt(() => createOnce(user, values, async () => `/results/${await createResult(getDb(), user, input, changes)}`), values);
  return r.ok ? redirectWithNotice(r.value, "resultSaved") : r.response;
}

export default function NewResult() {
  const { fields, industries, verified, slots } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const a = isFormAnswer(answer) ? answer : undefined;
  return (
    <div className="card narrow" style={{ maxWidth: 760 }}>
      <p className="muted small"><Link to="/my/results">我的成果</Link> / 新建</p>
      <h1>发布科技成果</h1>
      <p className="muted">先保存为草稿，核对无误后发布。发布后企业可以在成果库中找到它并表达合作意向。</p>
      {!verified ? <p className="alert warn">贵单位尚未通过认证：可以先起草，认证通过后才能发布。</p> : null}
      <PostForm creates noValidate encType="multipart/form-data">
        <ResultFields answer={a} fields={fields} industries={industries} />
        <Attachments slots={slots} title="附件（发布后公开）" />
        <SubmitButton>保存草稿</SubmitButton>
      </PostForm>
    </div>
  );
}
