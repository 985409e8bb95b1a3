import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { ChallengeFields } from "../components/challenge/challenge-fields";
import { Attachments } from "../components/ui/attachments";
import { PostForm, SubmitButton, isFormAnswer } from "../components/ui/form";
import { createDraft } from "../models/challenge";
import { attachmentSlots, listTechFields, listIndustries } from "../models/shared";
import { challengeSchema } from "../schemas/challenge";
import { parse } from "../schemas/parse";
import { getDb } from "../utils/db.server";
import { attempt, invalid } from "../web/form.server";
import { redirectWithNotice } from "../utils/flash.server";
import { createOnce } from "../web/form-key.server";
import { httpError } from "../utils/http.server";
import { requireUser } from "../web/session.server";
import { readFormWithFiles } from "../web/upload.server";

export const meta: MetaFunction = () => [{ title: "发布技术难题 · 利州技术转移对接平台" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  if (user.role !== "enterprise") throw httpError(403, "只有企业用户可以发布技术难题。");
  return json({ fields: await listTechFields(getDb()), industries: await listIndustries(getDb()), verified: user.org?.status === "verified", slots: attachmentSlots("challenge") });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await readFormWithFiles(request, "challenge");
  if (!form.ok) return form.response;
  const { values, changes } = form;
  const parsed = parse(challengeSchema, values);
  if (!parsed.ok) return invalid(parsed.errors, values);
  const r = await attempt(() => createOnce(user, values, async () => `/challenges/${await createDraft(getDb(), user, parsed.data, changes)}`), values);
  return r.ok ? redirectWithNotice(r.value, "draftSaved") : r.response;
}

export default function NewChallenge() {
  const { fields, industries, verified, slots } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const a = isFormAnswer(answer) ? answer : undefined;
  return (
    <div className="card narrow" style={{ maxWidth: 760 }}>
      <p className="muted small"><Link to="/my/challenges">我的榜单</Link> / 新建</p>
      <h1>发布技术难题</h1>
      <p className="muted">先保存为草稿，确认无误后提交区科技局审核。审核、专家论证通过后由区科技局发布揭榜。</p>
      {!verified ? <p className="alert warn">贵单位尚未通过认证：可以先起草，认证通过后才能提交审核。</p> : null}
      <PostForm creates noValidate encType="multipart/form-data">
        <ChallengeFields answer={a} fields={fields} industries={industries} />
        <Attachments slots={slots} title="附件（需求说明）" />
        <SubmitButton>保存草稿</SubmitButton>
      </PostForm>
    </div>
  );
}
