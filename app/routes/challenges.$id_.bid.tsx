import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Attachments } from "../components/ui/attachments";
import { Field, PostForm, SubmitButton, isFormAnswer } from "../components/ui/form";
import { closedMessage, submitBid, updateBid, withdrawBid, getChallengePage, wasClosedEarly } from "../models/challenge";
import { attachmentSlots, listDocuments } from "../models/shared";
import { bidSchema } from "../schemas/challenge";
import { idSchema } from "../schemas/fields";
import { parse } from "../schemas/parse";
import { getDb } from "../utils/db.server";
import { attempt, invalid, load } from "../web/form.server";
import { redirectWithNotice } from "../utils/flash.server";
import { httpError, notFound, paramId } from "../utils/http.server";
import { fenToWanInput, formatBounty } from "../utils/money";
import { requireUser } from "../web/session.server";
import { readFormWithFiles } from "../web/upload.server";
import { clock, formatDateTime } from "../utils/time";

export const meta: MetaFunction = () => [{ title: "揭榜申请 · 利州技术转移对接平台" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = paramId(params.id);
  const user = await requireUser(request);
  const { challenge, details, actions } = await load(() => getChallengePage(getDb(), user, id));
  if (!details) throw notFound();
  const own = details.ownBid;
  // After the deadline the page still answers, so a bid sent too late keeps its text on screen.
  const closed = challenge.status === "evaluating" ? closedMessage(challenge.deadline, await wasClosedEarly(getDb(), id)) : null;
  if (!closed && challenge.status !== "published") throw httpError(409, "该榜单已不在揭榜期。");
  if (!closed && !actions.includes("bid") && !own) throw notFound();
  const current = own && own.status === "submitted" ? own : null;
  return json({
    challenge,
    own: current,
    orgName: user.org?.name ?? "",
    closed,
    slots: attachmentSlots("bid"),
    files: current ? await listDocuments(getDb(), user, "bid", current.id) : [],
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const id = paramId(params.id);
  const user = await requireUser(request);
  const form = await readFormWithFiles(request, "bid");
  if (!form.ok) return form.response;
  const { values, changes } = form;
  const db = getDb();
  const bidId = idSchema.safeParse(values.bidId);
  if (values.intent === "withdraw") {
    const r = await attempt(() => withdrawBid(db, user, bidId.success ? bidId.data : -1), values);
    return r.ok ? redirectWithNotice(`/challenges/${id}`, "bidWithdrawn") : r.response;
  }
  const parsed = parse(bidSchema, values);
  if (!parsed.ok) return invalid(parsed.errors, values);
  const version = idSchema.safeParse(values.version);
  const r = await attempt(
    async () => {
      if (values.intent === "update") await updateBid(db, user, bidId.success ? bidId.data : -1, version.success ? version.data : -1, parsed.data, clock.now(), changes);
      else await submitBid(db, user, id, parsed.data, clock.now(), changes);
    },
    values,
  );
  return r.ok ? redirectWithNotice(`/challenges/${id}`, "bidSaved") : r.response;
}

export default function BidForm() {
  const { challenge, own, orgName, closed, slots, files } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const a = isFormAnswer(answer) ? answer : undefined;
  if (closed && !a && !own) {
    return (
      <div className="card narrow">
        <h1>揭榜申请</h1>
        <p className="alert warn">{closed}</p>
        <Link to={`/challenges/${challenge.id}`}>返回榜单</Link>
      </div>
    );
  }
  return (
    <div className="card narrow" style={{ maxWidth: 760 }}>
      <p className="muted small"><Link to={`/challenges/${challenge.id}`}>{challenge.title}</Link> / 揭榜</p>
      <h1>{own ? "修改揭榜申请" : "揭榜申请"}</h1>
      <p className="muted">
        揭榜单位：{orgName} · 榜额 {formatBounty(challenge.bountyFen)} · 截止 {challenge.deadline ? formatDateTime(challenge.deadline) : "—"}。
        揭榜申请仅发榜企业、区科技局和受邀评审专家可见；截止前可以修改或撤回。
      </p>
      <PostForm noValidate encType="multipart/form-data">
        <input type="hidden" name="intent" value={own ? "update" : "submit"} />
        {own ? <input type="hidden" name="bidId" value={own.id} /> : null}
        {own ? <input type="hidden" name="version" value={own.version} /> : null}
        <Field readOnly={!!closed} name="leaderName" label="团队负责人（挂帅人）" answer={a} required maxLength={30} defaultValue={own?.leader_name} />
        <Field readOnly={!!closed} name="solution" label="技术方案" answer={a} required multiline maxLength={8000} defaultValue={own?.solution} hint="技术路线、关键创新点、如何达到榜单的技术指标" />
        <Field readOnly={!!closed} name="team" label="团队与业绩" answer={a} required multiline maxLength={4000} defaultValue={own?.team} />
        <Field readOnly={!!closed} name="price" label="报价（万元）" answer={a} required maxLength={16} defaultValue={own ? fenToWanInput(own.price_fen) : undefined} />
        <Field readOnly={!!closed} name="durationMonths" label="周期（月）" answer={a} required maxLength={3} inputMode="numeric" defaultValue={own ? String(own.duration_months) : undefined} />
        <Field readOnly={!!closed} name="milestonePlan" label="里程碑计划" answer={a} required multiline maxLength={4000} defaultValue={own?.milestone_plan} hint="按阶段列出时间节点和交付物" />
        {closed ? null : <Attachments slots={slots} existing={files} title="申报材料（仅揭榜单位、区科技局，以及截止后的发榜企业和评审专家可见）" />}
        <div className="field">
          <label className="row" style={{ fontWeight: 400, alignItems: "flex-start" }}>
            <input type="checkbox" name="ownership" value="yes" defaultChecked={!!own} style={{ width: 20, height: 20, marginTop: 4 }} aria-describedby={a?.errors.ownership ? "f-ownership-error" : undefined} />
            <span>我单位郑重声明：团队拥有或有权使用本方案所涉及的技术，不侵犯他人知识产权。<span className="req" aria-hidden="true">*</span></span>
          </label>
          {a?.errors.ownership ? <div className="error" id="f-ownership-error">{a.errors.ownership.join("；")}</div> : null}
        </div>
        {closed ? (
          <p className="muted">揭榜已截止，以上内容不能再提交；您填写的内容仍在页面上，可复制保存。<Link to={`/challenges/${challenge.id}`}>返回榜单</Link></p>
        ) : (
          <div className="row">
            <SubmitButton>{own ? "保存修改" : "提交揭榜申请"}</SubmitButton>
            <Link to={`/challenges/${challenge.id}`}>取消</Link>
          </div>
        )}
      </PostForm>
    </div>
  );
}
