import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { ResultFields } from "../components/result/result-fields";
import { Attachments } from "../components/ui/attachments";
import { PostForm, SubmitButton, isFormAnswer } from "../components/ui/form";
import { listTechFields, listIndustries, attachmentSlots, listDocuments } from "../models/shared";
import { getResultPage, updateResult } from "../models/result";
import { idSchema } from "../schemas/fields";
import { getDb } from "../utils/db.server";
import { attempt, load } from "../web/form.server";
import { notFound, paramId } from "../utils/http.server";
import { readResultForm } from "../web/result-form.server";
import { requireUser } from "../web/session.server";

export const meta: MetaFunction = () => [{ title: "修改科技成果 · 利州技术转移对接平台" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = paramId(params.id);
  const user = await requireUser(request);
  const r = await load(() => getResultPage(getDb(), user, id));
  if (!r.owner || r.result.status === "archived") throw notFound();
  return json({ result: r.result, fields: await listTechFields(getDb()), industries: await listIndustries(getDb()), slots: attachmentSlots("result"), files: await listDocuments(getDb(), user, "result", id) });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const id = paramId(params.id);
  const user = await requireUser(request);
  const form = await readResultForm(request);
  if (!form.ok) return form.response;
  const { values, changes, input } = form;
  const version = idSchema.safeParse(values.version);
  const r = await attempt(() => updateResult(getDb(), user, id, version.success ? version.data : -1, input, changes), values);
  return r.ok ? redirect(`/results/${id}`) : r.response;
}

export default function EditResult() {
  const { result, fields, industries, slots, files } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const a = isFormAnswer(answer) ? answer : undefined;
  return (
    <div className="card narrow" style={{ maxWidth: 760 }}>
      <p className="muted small"><Link to={`/results/${result.id}`}>{result.title}</Link> / 修改</p>
      <h1>修改科技成果</h1>
      <PostForm noValidate encType="multipart/form-data">
        <input type="hidden" name="version" value={result.version} />
        <ResultFields answer={a} fields={fields} industries={industries} d={result} />
        <Attachments slots={slots} existing={files} title="附件（发布后公开）" />
        <div className="row">
          <SubmitButton>保存</SubmitButton>
          <Link to={`/results/${result.id}`}>取消</Link>
        </div>
      </PostForm>
    </div>
  );
}
