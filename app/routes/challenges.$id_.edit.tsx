import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { ChallengeFields } from "../components/challenge/challenge-fields";
import { Attachments } from "../components/ui/attachments";
import { PostForm, SubmitButton, isFormAnswer } from "../components/ui/form";
import { getChallengePage, updateDraft } from "../models/challenge";
import { attachmentSlots, listDocuments, listTechFields, listIndustries } from "../models/shared";
import { challengeSchema } from "../schemas/challenge";
import { idSchema } from "../schemas/fields";
import { parse } from "../schemas/parse";
import { getDb } from "../utils/db.server";
import { attempt, invalid, load } from "../web/form.server";
import { notFound, paramId } from "../utils/http.server";
import { requireUser } from "../web/session.server";
import { readFormWithFiles } from "../web/upload.server";

export const meta: MetaFunction = () => [{ title: "修改榜单 · 利州技术转移对接平台" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = paramId(params.id);
  const user = await requireUser(request);
  const r = await load(() => getChallengePage(getDb(), user, id));
  if (!r.actions.includes("edit") || !r.details) throw notFound();
  const { challenge, details } = r;
  return json({
    challenge,
    details,
    fields: await listTechFields(getDb()),
    industries: await listIndustries(getDb()),
    slots: attachmentSlots("challenge"),
    files: await listDocuments(getDb(), user, "challenge", id),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const id = paramId(params.id);
  const user = await requireUser(request);
  const form = await readFormWithFiles(request, "challenge");
  if (!form.ok) return form.response;
  const { values, changes } = form;
  const parsed = parse(challengeSchema, values);
  const version = idSchema.safeParse(values.version);
  if (!parsed.ok) return invalid(parsed.errors, values);
  const r = await attempt(() => updateDraft(getDb(), user, id, version.success ? version.data : -1, parsed.data, changes), values);
  return r.ok ? redirect(`/challenges/${id}`) : r.response;
}

export default function EditChallenge() {
  const { challenge, details, fields, industries, slots, files } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const a = isFormAnswer(answer) ? answer : undefined;
  return (
    <div className="card narrow" style={{ maxWidth: 760 }}>
      <p className="muted small"><Link to={`/challenges/${challenge.id}`}>{challenge.title}</Link> / 修改</p>
      <h1>修改榜单</h1>
      {challenge.statusReason ? <p className="alert warn">区科技局退回意见：{challenge.statusReason}</p> : null}
      <PostForm noValidate encType="multipart/form-data">
        <input type="hidden" name="version" value={challenge.version} />
        <ChallengeFields
          answer={a}
          fields={fields}
          industries={industries}
          d={{ ...challenge, ...details, investmentFen: details.investmentFen }}
        />
        <Attachments slots={slots} existing={files} title="附件（需求说明）" />
        <div className="row">
          <SubmitButton>保存</SubmitButton>
          <Link to={`/challenges/${challenge.id}`}>取消</Link>
        </div>
      </PostForm>
    </div>
  );
}
