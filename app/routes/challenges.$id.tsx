import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { BidList, SelectionForm } from "../components/challenge/bids";
import { ChallengeStatusBadge } from "../components/challenge/status";
import { Milestones } from "../components/challenge/milestones";
import { Timeline } from "../components/challenge/timeline";
import {
  AcceptanceForm,
  ExpertsForm,
  OpinionForm,
  PaymentForm,
  PublishForm,
  ReasonForm,
  SigningForm,
  SubmitForm,
} from "../components/challenge/workflow-forms";
import { FileList, FilesSection } from "../components/ui/attachments";
import { PostForm, isFormAnswer } from "../components/ui/form";
import { getChallengePage } from "../models/challenge-queries.server";
import { listExpertsFor } from "../models/expert-picker.server";
import { followState } from "../models/challenge-follow.server";
import { DeadlineForms, FollowForm } from "../components/challenge/deadline-forms";
import { matchesForChallenge } from "../models/matching.server";
import { contractsOnChallenge } from "../models/contract.server";
import { attachmentSlots, documentsByRecord, listDocuments } from "../models/document.server";
import { LinkedContracts } from "../components/contract/linked-contracts";
import { AwardCard } from "../components/award/award-notice";
import { latestAwardFor } from "../models/award.server";
import { MatchList, MatchesUnavailable } from "../components/match-list";
import { getDb } from "../utils/db.server";
import { runChallengeIntent } from "../web/challenge-intents.server";
import { load } from "../web/form.server";
import { readFormWithFiles } from "../web/upload.server";
import { paramId } from "../utils/http.server";
import { PRE_PUBLICATION } from "../models/challenge-visibility";
import { acceptanceLabels, bidStatusLabels, cooperationLabels, recommendationLabels } from "../utils/labels";
import { fenToWan, formatBounty } from "../utils/money";
import { getUser, requireUser } from "../web/session.server";
import { formatDate, formatDateTime } from "../utils/time";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.challenge.title} · 揭榜挂帅 · 利州技术转移对接平台` : "榜单 · 利州技术转移对接平台" },
  { name: "description", content: data?.challenge.summary ?? "" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = paramId(params.id);
  const viewer = await getUser(request);
  const r = await load(() => getChallengePage(getDb(), viewer, id));
  const needsExperts = r.actions.includes("send_to_review") || r.actions.includes("assign_experts");
  const contracts = r.details ? await contractsOnChallenge(getDb(), viewer, id) : null;
  return json({
    ...r,
    picker: needsExperts ? await listExpertsFor(getDb(), id) : null,
    follow: r.actions.includes("follow") ? await followState(getDb(), viewer, id) : null,
    matches: await matchesForChallenge(getDb(), id),
    contracts,
    signedIn: viewer != null,
    award: await latestAwardFor(getDb(), id),
    files: await listDocuments(getDb(), viewer, "challenge", id),
    bidFiles: await documentsByRecord(getDb(), viewer, "bid", [...new Set([...(r.details?.bids.map((b) => b.id) ?? []), ...(r.details?.ownBid ? [r.details.ownBid.id] : [])])]),
    contractFiles: await documentsByRecord(getDb(), viewer, "contract", contracts?.rows.map((k) => k.id) ?? []),
    // The file inputs of the steps that take files: a milestone report and the two 验收 steps.
    slots: { report: attachmentSlots("milestone_report"), confirm: attachmentSlots("acceptance_report"), accept: attachmentSlots("acceptance_opinion") },
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const id = paramId(params.id);
  const user = await requireUser(request);
  const form = await readFormWithFiles(request, "milestone_report", "acceptance_report", "acceptance_opinion");
  if (!form.ok) return form.response;
  return runChallengeIntent(user, id, form.values, form.changes);
}

/** States whose last reason a person needs to read (why it came back, why it ended). */
const reasonLabels: Partial<Record<string, string>> = {
  draft: "退回修改意见",
  rejected: "论证驳回理由",
  failed: "流标理由",
  withdrawn: "撤榜理由",
  terminated: "终止理由",
};

export default function ChallengePage() {
  const { challenge: c, details: d, actions, viewer, picker, follow, signedIn, matches, contracts, award, files, bidFiles, contractFiles, slots } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const a = isFormAnswer(answer) ? answer : undefined;
  const has = (x: (typeof actions)[number]) => actions.includes(x);
  return (
    <>
      <p className="muted small"><Link to="/challenges">揭榜挂帅</Link> / 榜单</p>
      <div className="row" style={{ marginBottom: 8 }}>
        <h1 style={{ margin: 0 }}>{c.title}</h1>
        <ChallengeStatusBadge status={c.status} />
      </div>
      <p className="muted">
        发榜企业 <Link to={`/orgs/${c.orgId}`}>{c.orgName}</Link> · {c.fieldName}{c.industryName ? <> · 产业领域 {c.industryName}</> : null} · 期望{cooperationLabels[c.cooperation]}
      </p>
      {c.statusReason && reasonLabels[c.status] ? <p className="alert warn">{reasonLabels[c.status]}：{c.statusReason}</p> : null}
      {follow ? <FollowForm {...follow} /> : null}
      {!signedIn ? <p className="muted small"><Link to={`/login?redirectTo=/challenges/${c.id}`}>登录</Link>后可关注此榜单，截止时间变化时会收到通知。</p> : null}

      <section className="card grid stats" aria-label="榜单要点">
        <div className="stat"><div className="num">{formatBounty(c.bountyFen)}</div><div className="label">榜额</div></div>
        <div className="stat"><div className="num" style={{ fontSize: "1.2rem" }}>{c.deadline ? formatDateTime(c.deadline) : "发布时确定"}</div><div className="label">揭榜截止（北京时间）</div></div>
        <div className="stat"><div className="num">{c.durationMonths}<small className="small"> 个月</small></div><div className="label">期望完成期限</div></div>
      </section>

      <section className="card" aria-labelledby="summary">
        <h2 id="summary">需求摘要</h2>
        <p style={{ whiteSpace: "pre-line" }}>{c.summary}</p>
        <ul className="chips" aria-label="关键词">{c.keywords.map((k) => <li key={k}>{k}</li>)}</ul>
      </section>

      {d ? (
        <section className="card" aria-labelledby="details">
          <h2 id="details">详细需求</h2>
          <h3>主要技术难点</h3><p style={{ whiteSpace: "pre-line" }}>{d.difficulties}</p>
          <h3>主要技术指标（考核指标）</h3><p style={{ whiteSpace: "pre-line" }}>{d.indicators}</p>
          <h3>主要研究内容</h3><p style={{ whiteSpace: "pre-line" }}>{d.researchContent}</p>
          <h3>揭榜条件</h3><p style={{ whiteSpace: "pre-line" }}>{d.eligibility}</p>
          {d.investmentFen != null ? <p>企业预期投入：{fenToWan(d.investmentFen)} 万元</p> : null}
        </section>
      ) : (
        <p className="alert info">
          详细需求（技术难点、指标、研究内容、揭榜条件）仅向已认证机构的用户公开。
          {signedIn ? "贵单位通过认证后即可查看。" : <> 请<Link to={`/login?redirectTo=/challenges/${c.id}`}>登录</Link>。</>}
        </p>
      )}

      <FilesSection files={files} />

      {has("edit") ? <p><Link className="btn secondary" to={`/challenges/${c.id}/edit`}>修改草稿</Link></p> : null}
      {has("submit") ? <SubmitForm /> : null}
      {has("return") ? <ReasonForm intent="return" title="退回修改（形式审查）" label="退回理由" button="退回修改" answer={a} /> : null}
      {has("send_to_review") ? <ExpertsForm intent="send_to_review" title="送专家论证" experts={picker?.experts ?? []} matchingAvailable={picker?.matchingAvailable ?? false} assigned={[]} answer={a} /> : null}
      {has("give_opinion") ? <OpinionForm answer={a} /> : null}
      {has("publish") ? <PublishForm answer={a} missingOpinions={d?.experts.filter((e) => e.opinion_at == null).map((e) => e.name) ?? []} /> : null}
      {has("reject") ? <ReasonForm intent="reject" title="论证驳回" label="驳回理由" button="驳回" danger answer={a} /> : null}
      {has("assign_experts") ? <ExpertsForm intent="assign_experts" title="增派评审专家" experts={picker?.experts ?? []} matchingAvailable={picker?.matchingAvailable ?? false} assigned={d?.experts.map((e) => e.id) ?? []} answer={a} /> : null}
      {has("bid") && !d?.ownBid ? <p><Link className="btn" to={`/challenges/${c.id}/bid`}>我要揭榜</Link></p> : null}
      {has("extend_deadline") ? <DeadlineForms deadline={c.deadline} version={c.version} answer={a} /> : null}
      {has("withdraw") ? <ReasonForm intent="withdraw" title="撤榜" label="撤榜理由" button="撤榜" danger answer={a} hint="撤榜后所有揭榜单位都会收到通知" /> : null}

      {d?.ownBid ? (
        <section className="card" aria-labelledby="own-bid">
          <h2 id="own-bid">本单位的揭榜申请</h2>
          <p>
            状态：{bidStatusLabels[d.ownBid.status]} · 报价 {fenToWan(d.ownBid.price_fen)} 万元 · 周期 {d.ownBid.duration_months} 个月
          </p>
          <FileList files={bidFiles[d.ownBid.id] ?? []} />
          {c.status === "published" && (d.ownBid.status === "submitted" || d.ownBid.status === "withdrawn") ? (
            <div className="row">
              <Link className="btn secondary" to={`/challenges/${c.id}/bid`}>{d.ownBid.status === "withdrawn" ? "重新提交" : "修改揭榜申请"}</Link>
              {d.ownBid.status === "submitted" ? (
                <PostForm action={`/challenges/${c.id}/bid`}>
                  <input type="hidden" name="intent" value="withdraw" />
                  <input type="hidden" name="bidId" value={d.ownBid.id} />
                  <button className="btn danger" type="submit">撤回揭榜申请</button>
                </PostForm>
              ) : null}
            </div>
          ) : null}
        </section>
      ) : null}

      {d && d.seesAllBids && !PRE_PUBLICATION.includes(c.status) ? (
        <section aria-labelledby="bids">
          <h2 id="bids">揭榜申请（{d.bids.length}）</h2>
          <p className="muted small">揭榜申请内容保密，仅发榜企业、区科技局和受邀评审专家可见。</p>
          <BidList bids={d.bids} scores={d.scores} canScore={has("score_bids")} showAverages={viewer?.bureau || viewer?.owner || false} files={bidFiles} />
          {has("select") ? <SelectionForm bids={d.bids} answer={a} /> : null}
          {has("fail") ? <ReasonForm intent="fail" title="流标" label="流标理由" button="宣布流标" danger answer={a} hint="没有合格的揭榜方案时使用；所有揭榜单位都会读到理由，请勿写入某个单位的报价或方案内容" /> : null}
        </section>
      ) : null}

      {d && (d.experts.length > 0) ? (
        <section className="card" aria-labelledby="experts">
          <h2 id="experts">论证与评审专家</h2>
          <ul>
            {d.experts.map((e) => (
              <li key={e.id}>
                {e.name}（{e.org_name ?? "—"}）
                {e.recommendation ? <> · <strong>{recommendationLabels[e.recommendation]}</strong>：{e.opinion}</> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {award ? <AwardCard a={award} /> : null}
      {c.status === "selected" && (viewer?.bureau || viewer?.owner) && !has("sign") && d?.signingGate ? <p className="alert info">{d.signingGate}</p> : null}
      {has("sign") ? <SigningForm answer={a} /> : null}
      {d && d.signedOn ? (
        <section className="card" aria-labelledby="delivery">
          <h2 id="delivery">签约与攻关</h2>
          <p>签约日期 {formatDate(d.signedOn)}{d.contractAmountFen != null ? ` · 合同金额 ${fenToWan(d.contractAmountFen)} 万元` : ""}</p>
          {viewer?.party ? (
            <>
              <h3 id="milestones">里程碑与报告</h3>
              <Milestones milestones={d.milestones} canReport={has("report_milestone")} canReview={has("review_report")} answer={a} slots={slots.report} />
            </>
          ) : (
            <p className="muted">里程碑、进展报告、验收意见和金额仅当事双方和区科技局可见。</p>
          )}
          {d.acceptedOn ? (
            <p>验收：{d.acceptanceLevel ? `${acceptanceLabels[d.acceptanceLevel]}（${d.acceptanceScore} 分），` : ""}{formatDate(d.acceptedOn)}</p>
          ) : null}
          <FileList files={d.acceptanceFiles} />
          {d.paidOn ? <p>兑现：{formatDate(d.paidOn)}{d.paidAmountFen != null ? ` · ${fenToWan(d.paidAmountFen)} 万元` : ""}</p> : null}
        </section>
      ) : null}
      {contracts && d?.signedOn ? <LinkedContracts challengeId={c.id} {...contracts} files={contractFiles} /> : null}
      {has("confirm") ? <ReasonForm intent="confirm" title="确认考核指标已达成" label="达成情况说明" button="确认达成，申请验收" answer={a} hint="逐项说明榜单考核指标的完成情况；确认后区科技局组织验收" files={slots.confirm} /> : null}
      {c.status === "in_progress" && viewer?.bureau && !has("accept") ? <p className="alert info">等待发榜企业确认考核指标已达成后，即可登记验收。</p> : null}
      {has("accept") ? <AcceptanceForm answer={a} files={slots.accept} /> : null}
      {has("terminate") ? <ReasonForm intent="terminate" title="终止项目" label="终止理由" button="终止" danger answer={a} /> : null}
      {has("pay") ? <PaymentForm answer={a} /> : null}

      <section className="card" aria-labelledby="matches">
        <h2 id="matches">可能解决此难题的成果与专家</h2>
        <p className="muted small">按关键词相关度、技术领域、成熟度和价格综合排序，仅供参考。</p>
        {matches ? (
          <>
            <h3>科技成果</h3>
            <MatchList items={matches.results} empty="成果库中暂未找到相关成果。" />
            <h3>专家</h3>
            <MatchList items={matches.experts} empty="专家库中暂未找到相关专家。" />
          </>
        ) : (
          <MatchesUnavailable />
        )}
      </section>

      {d ? (
        <section className="card" aria-labelledby="timeline">
          <h2 id="timeline">办理记录</h2>
          <Timeline events={d.events} />
        </section>
      ) : null}
    </>
  );
}
