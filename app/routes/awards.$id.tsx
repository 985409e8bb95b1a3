import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { AwardFacts } from "../components/award/award-notice";
import { Attachments } from "../components/ui/attachments";
import { ObjectionItem } from "../components/award/objections";
import { Field, PostForm, SubmitButton, isFormAnswer } from "../components/ui/form";
import { getAwardPage, lodgeObjection } from "../models/challenge";
import { attachmentSlots } from "../models/shared";
import { objectionSchema } from "../schemas/award";
import { parse } from "../schemas/parse";
import { getDb } from "../utils/db.server";
import { redirectWithNotice } from "../utils/flash.server";
import { attempt, invalid, load } from "../web/form.server";
import { paramId } from "../utils/http.server";
import { getUser, requireUser } from "../web/session.server";
import { readFormWithFiles } from "../web/upload.server";
import { clock, formatDate } from "../utils/time";
import { sharedPage } from "../web/shared-pages.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `中选公示：${data.award.challengeTitle} · 利州技术转移对接平台` : "中选公示 · 利州技术转移对接平台" },
];

// The same for every anonymous visitor: rendered once for all of them (Decision 67).
export const headers = sharedPage;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await getUser(request);
  return json({ ...(await load(() => getAwardPage(getDb(), viewer, paramId(params.id)))), signedIn: viewer != null, slots: attachmentSlots("objection") });
}

/** 提出异议: the one action here. */
export async function action({ request, params }: ActionFunctionArgs) {
  const id = paramId(params.id);
  const user = await requireUser(request);
  const form = await readFormWithFiles(request, "objection");
  if (!form.ok) return form.response;
  const { values, changes } = form;
  const p = parse(objectionSchema, values);
  if (!p.ok) return invalid(p.errors, values);
  const r = await attempt(() => lodgeObjection(getDb(), user, id, p.data, clock.now(), changes), values);
  return r.ok ? redirectWithNotice(`/awards/${id}`, "objectionLodged") : r.response;
}

export default function AwardPage() {
  const { award: a, objections, canObject, objectionNote, bureau, signedIn, slots } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  return (
    <>
      <p className="muted small"><Link to="/awards">中选公示</Link> / {a.challengeTitle}</p>
      <h1>中选公示：{a.challengeTitle}</h1>
      <section className="card" aria-label="公示内容">
        <AwardFacts a={a} withTitle />
      </section>

      {canObject ? (
        <PostForm noValidate encType="multipart/form-data" className="card" aria-label="提出异议">
          <h2>提出异议</h2>
          <p className="muted small">
            对中选结果有异议的，请在 {formatDate(a.lastDay)}（北京时间）前提出，写明事实和依据。异议仅区科技局和贵单位可见，区科技局处理后会通知贵单位。
          </p>
          <Field name="reasons" label="异议理由" multiline required maxLength={2000} answer={isFormAnswer(answer) ? answer : undefined} hint="20–2000 字。请勿填写与异议无关的个人信息。" />
          <Attachments slots={slots} title="证明材料（可选，仅区科技局和贵单位可见）" />
          <SubmitButton>提交异议</SubmitButton>
        </PostForm>
      ) : a.objectionsOpen && !signedIn ? (
        <p className="alert info">
          通过认证的机构用户可在公示期内提出异议，请<Link to={`/login?redirectTo=/awards/${a.id}`}>登录</Link>。
        </p>
      ) : objectionNote && a.objectionsOpen ? (
        <p className="alert info">{objectionNote}</p>
      ) : null}

      {objections.length > 0 ? (
        <section aria-labelledby="objections">
          <h2 id="objections">{bureau ? "收到的异议" : "本单位提出的异议"}</h2>
          {bureau ? <p className="muted small">在 <Link to="/bureau/objections">异议处理</Link> 中作出处理决定。</p> : null}
          {objections.map((o) => <ObjectionItem key={o.id} o={o} />)}
        </section>
      ) : null}
    </>
  );
}
