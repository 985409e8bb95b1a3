import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { OrgFields } from "../components/org-fields";
import { Attachments } from "../components/ui/attachments";
import { PostForm, SubmitButton, isFormAnswer } from "../components/ui/form";
import { attachmentSlots, listDocuments } from "../models/shared";
import { getOrgPage, updateOrg } from "../models/account";
import { orgEditSchema } from "../schemas/org";
import { parse } from "../schemas/parse";
import { getDb } from "../utils/db.server";
import { attempt, invalid } from "../web/form.server";
import { notFound, paramId } from "../utils/http.server";
import { requireUser } from "../web/session.server";
import { readFormWithFiles } from "../web/upload.server";

export const meta: MetaFunction = () => [{ title: "编辑机构资料 · 利州技术转移对接平台" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = paramId(params.id);
  const user = await requireUser(request);
  if (user.orgId !== id || user.orgRole !== "admin" || user.membershipStatus !== "active") throw notFound();
  const page = await getOrgPage(getDb(), id, user);
  return json({ org: page.org, slots: attachmentSlots("org"), files: await listDocuments(getDb(), user, "org", id) });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const id = paramId(params.id);
  const user = await requireUser(request);
  const form = await readFormWithFiles(request, "org");
  if (!form.ok) return form.response;
  const { values, changes } = form;
  const parsed = parse(orgEditSchema, values);
  if (!parsed.ok) return invalid(parsed.errors, values);
  const r = await attempt(() => updateOrg(getDb(), user, id, parsed.data, changes), values);
  return r.ok ? redirect(`/orgs/${id}`) : r.response;
}

export default function EditOrg() {
  const { org, slots, files } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const a = isFormAnswer(answer) ? answer : undefined;
  return (
    <div className="card narrow">
      <h1>编辑机构资料</h1>
      {org.status === "verified" ? (
        <p className="alert info">修改机构名称或统一社会信用代码后，需要区科技局重新认证。</p>
      ) : org.status === "rejected" ? (
        <p className="alert warn">上次认证未通过：{org.review_note}。保存后将重新提交认证。</p>
      ) : null}
      <PostForm noValidate encType="multipart/form-data">
        <OrgFields answer={a} withKind={false} defaults={org} />
        <Attachments slots={slots} existing={files} title="认证材料（营业执照或法人证书，仅区科技局和本机构可见）" />
        <div className="row">
          <SubmitButton>保存</SubmitButton>
          <Link to={`/orgs/${org.id}`}>取消</Link>
        </div>
      </PostForm>
    </div>
  );
}
