import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { ObjectionItem } from "../components/award/objections";
import { Field, PostForm, SubmitButton, isFormAnswer, type FormAnswer } from "../components/ui/form";
import { Pagination } from "../components/ui/pagination";
import { decideObjection, objectionDays, objectionQueue, saveObjectionDays } from "../models/challenge";
import { awardSettingsSchema, objectionDecisionSchema } from "../schemas/award";
import { OBJECTION_STATUSES } from "../../db/vocabulary";
import type { ObjectionStatus } from "../../db/schema";
import { parse, parseQuery } from "../schemas/parse";
import { objectionQuerySchema } from "../schemas/query";
import { getDb } from "../utils/db.server";
import { redirectWithNotice } from "../utils/flash.server";
import { attempt, invalid, load, readForm } from "../web/form.server";
import { httpError, pageParam } from "../utils/http.server";
import { objectionStatusLabels } from "../utils/labels";
import { requireBureau } from "../web/session.server";

export const meta: MetaFunction = () => [{ title: "异议处理 · 区科技局 · 利州技术转移对接平台" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const officer = await requireBureau(request);
  const url = new URL(request.url);
  const tab: ObjectionStatus = parseQuery(objectionQuerySchema, url).status;
  const db = getDb();
  const queue = await load(() => objectionQueue(db, officer, tab, pageParam(url)));
  return json({ ...queue, tab, objectionDays: await objectionDays(db) });
}

export async function action({ request }: ActionFunctionArgs) {
  const officer = await requireBureau(request);
  const values = await readForm(request);
  if (values.intent === "settings") {
    const p = parse(awardSettingsSchema, values);
    if (!p.ok) return invalid(p.errors, values);
    const r = await attempt(() => saveObjectionDays(getDb(), officer, p.data.objectionDays), values);
    return r.ok ? redirectWithNotice("/bureau/objections", "awardSettingsSaved") : r.response;
  }
  if (values.intent !== "decide") throw httpError(400, "未知操作，请刷新页面后重试。");
  const p = parse(objectionDecisionSchema, values);
  if (!p.ok) return invalid(p.errors, values);
  const r = await attempt(() => decideObjection(getDb(), officer, p.data.objectionId, p.data), values);
  return r.ok ? redirectWithNotice("/bureau/objections", "objectionDecided") : r.response;
}

function DecisionForm({ id, answer }: { id: number; answer?: FormAnswer }) {
  const mine = answer?.values.objectionId === String(id) ? answer : undefined;
  return (
    <PostForm noValidate aria-label="处理异议">
      <input type="hidden" name="intent" value="decide" />
      <input type="hidden" name="objectionId" value={id} />
      {/* One form per pending objection: each textarea needs its own id for its label to name it. */}
      <Field
        id={`reason-${id}`}
        name="reason"
        label="处理理由"
        multiline
        required
        maxLength={1000}
        answer={mine}
        hint="驳回：理由只发给异议单位。异议成立：理由随“已撤销”的公示公开，请勿写入异议单位名称、报价或方案内容。"
      />
      <div className="row">
        <SubmitButton className="btn secondary" name="decision" value="dismiss">驳回异议</SubmitButton>
        <SubmitButton className="btn danger" name="decision" value="uphold">异议成立，撤销定榜</SubmitButton>
      </div>
    </PostForm>
  );
}

export default function ObjectionQueue() {
  const { rows, total, page, pageSize, tab, objectionDays: days } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const a = isFormAnswer(answer) ? answer : undefined;
  return (
    <>
      <p className="muted small">区科技局</p>
      <h1>异议处理</h1>
      <p className="muted">对中选公示的异议。驳回时异议单位收到理由；异议成立时定榜撤销、榜单回到评审中重新定榜，公示标为“已撤销”并公开理由。</p>
      <nav className="tabs" aria-label="异议状态">
        {OBJECTION_STATUSES.map((t) => (
          <Link key={t} to={`/bureau/objections?status=${t}`} aria-current={t === tab ? "page" : undefined}>{objectionStatusLabels[t]}</Link>
        ))}
      </nav>
      <p className="muted small">共 {total} 件</p>
      {rows.length === 0 ? (
        <div className="card empty">
          <strong>{tab === "pending" ? "没有待处理的异议" : "暂无记录"}</strong>
          机构在公示期内提出的异议会出现在这里，同时通过“消息”提醒您。
        </div>
      ) : (
        rows.map((o) => (
          <div key={o.id}>
            <h2 style={{ fontSize: "1.05rem", marginBottom: 4 }}>
              <Link to={`/awards/${o.awardId}`}>{o.challengeTitle}</Link>
            </h2>
            <ObjectionItem o={o}>{o.status === "pending" ? <DecisionForm id={o.id} answer={a} /> : null}</ObjectionItem>
          </div>
        ))
      )}
      <Pagination page={page} pageSize={pageSize} total={total} />

      <PostForm noValidate className="card" aria-label="公示设置">
        <h2>公示设置</h2>
        <input type="hidden" name="intent" value="settings" />
        <Field
          name="objectionDays"
          label="异议期（工作日）"
          inputMode="numeric"
          required
          defaultValue={String(days)}
          answer={a?.values.intent === "settings" ? a : undefined}
          hint="1–30 个工作日，从定榜次日起算，周一至周五计；法定节假日不扣除。只影响此后发布的公示。"
        />
        <SubmitButton busyWhen="settings">保存</SubmitButton>
      </PostForm>
    </>
  );
}
