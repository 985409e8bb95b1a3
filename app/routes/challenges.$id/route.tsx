import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { AwardCard } from "../../components/award/award-notice";
import { BidList, SelectionForm } from "../../components/challenge/bids";
import { DeadlineForms } from "../../components/challenge/deadline-forms";
import { DeliveryCard, ExpertPanel, OwnBidCard } from "../../components/challenge/delivery";
import { ChallengeOverview } from "../../components/challenge/overview";
import { Timeline } from "../../components/challenge/timeline";
import { AcceptanceForm, ExpertsForm, OpinionForm, PaymentForm, PublishForm, ReasonForm, SigningForm, SubmitForm } from "../../components/challenge/workflow-forms";
import { LinkedContracts } from "../../components/contract/linked-contracts";
import { MatchList, MatchesCard } from "../../components/match-list";
import { FilesSection } from "../../components/ui/attachments";
import { isFormAnswer } from "../../components/ui/form";
import { paramId } from "../../utils/http.server";
import { PRE_PUBLICATION } from "../../models/challenge";
import { getUser, requireUser } from "../../web/session.server";
import { readFormWithFiles } from "../../web/upload.server";
import { runChallengeIntent } from "./intents.server";
import { challengePageData } from "./page.server";
import { sharedPage } from "../../web/shared-pages.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.challenge.title} · 揭榜挂帅 · 利州技术转移对接平台` : "榜单 · 利州技术转移对接平台" },
  { name: "description", content: data?.challenge.summary ?? "" },
];

// The same for every anonymous visitor: rendered once for all of them (Decision 67).
export const headers = sharedPage;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = paramId(params.id);
  return json(await challengePageData(await getUser(request), id));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const id = paramId(params.id);
  const user = await requireUser(request);
  const form = await readFormWithFiles(request, "milestone_report", "acceptance_report", "acceptance_opinion");
  if (!form.ok) return form.response;
  return runChallengeIntent(user, id, form.values, form.changes);
}

export default function ChallengePage() {
  const { challenge, details, actions, viewer, picker, follow, signedIn, matches, contracts, award, files, bidFiles, contractFiles, slots } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const answer = isFormAnswer(actionData) ? actionData : undefined;
  const can = (step: (typeof actions)[number]) => actions.includes(step);
  const experts = { experts: picker?.experts ?? [], matchingAvailable: picker?.matchingAvailable ?? false };
  const leads = viewer?.bureau || viewer?.owner || false;
  return (
    <>
      <ChallengeOverview challenge={challenge} details={details} signedIn={signedIn} follow={follow} />
      <FilesSection files={files} />

      {can("edit") ? <p><Link className="btn secondary" to={`/challenges/${challenge.id}/edit`}>修改草稿</Link></p> : null}
      {can("submit") ? <SubmitForm /> : null}
      {can("return") ? <ReasonForm intent="return" title="退回修改（形式审查）" label="退回理由" button="退回修改" answer={answer} /> : null}
      {can("send_to_review") ? <ExpertsForm intent="send_to_review" title="送专家论证" {...experts} assigned={[]} answer={answer} /> : null}
      {can("give_opinion") ? <OpinionForm answer={answer} /> : null}
      {can("publish") ? <PublishForm answer={answer} missingOpinions={details?.experts.filter((e) => e.opinion_at == null).map((e) => e.name) ?? []} /> : null}
      {can("reject") ? <ReasonForm intent="reject" title="论证驳回" label="驳回理由" button="驳回" danger answer={answer} /> : null}
      {can("assign_experts") ? <ExpertsForm intent="assign_experts" title="增派评审专家" {...experts} assigned={details?.experts.map((e) => e.id) ?? []} answer={answer} /> : null}
      {can("bid") && !details?.ownBid ? <p><Link className="btn" to={`/challenges/${challenge.id}/bid`}>我要揭榜</Link></p> : null}
      {can("extend_deadline") ? <DeadlineForms deadline={challenge.deadline} version={challenge.version} answer={answer} /> : null}
      {can("withdraw") ? <ReasonForm intent="withdraw" title="撤榜" label="撤榜理由" button="撤榜" danger answer={answer} hint="撤榜后所有揭榜单位都会收到通知" /> : null}

      {details?.ownBid ? <OwnBidCard challenge={challenge} bid={details.ownBid} files={bidFiles[details.ownBid.id] ?? []} /> : null}

      {details && details.seesAllBids && !PRE_PUBLICATION.includes(challenge.status) ? (
        <section aria-labelledby="bids">
          <h2 id="bids">揭榜申请（{details.bids.length}）</h2>
          <p className="muted small">揭榜申请内容保密，仅发榜企业、区科技局和受邀评审专家可见。</p>
          <BidList bids={details.bids} scores={details.scores} canScore={can("score_bids")} showAverages={leads} files={bidFiles} />
          {can("select") ? <SelectionForm bids={details.bids} answer={answer} /> : null}
          {can("fail") ? <ReasonForm intent="fail" title="流标" label="流标理由" button="宣布流标" danger answer={answer} hint="没有合格的揭榜方案时使用；所有揭榜单位都会读到理由，请勿写入某个单位的报价或方案内容" /> : null}
        </section>
      ) : null}

      {details ? <ExpertPanel experts={details.experts} /> : null}
      {award ? <AwardCard a={award} /> : null}
      {challenge.status === "selected" && leads && !can("sign") && details?.signingGate ? <p className="alert info">{details.signingGate}</p> : null}
      {can("sign") ? <SigningForm answer={answer} /> : null}
      {details ? <DeliveryCard details={details} party={viewer?.party ?? false} canReport={can("report_milestone")} canReview={can("review_report")} answer={answer} reportSlots={slots.report} /> : null}
      {contracts && details?.signedOn ? <LinkedContracts challengeId={challenge.id} {...contracts} files={contractFiles} /> : null}
      {can("confirm") ? <ReasonForm intent="confirm" title="确认考核指标已达成" label="达成情况说明" button="确认达成，申请验收" answer={answer} hint="逐项说明榜单考核指标的完成情况；确认后区科技局组织验收" files={slots.confirm} /> : null}
      {challenge.status === "in_progress" && viewer?.bureau && !can("accept") ? <p className="alert info">等待发榜企业确认考核指标已达成后，即可登记验收。</p> : null}
      {can("accept") ? <AcceptanceForm answer={answer} files={slots.accept} /> : null}
      {can("terminate") ? <ReasonForm intent="terminate" title="终止项目" label="终止理由" button="终止" danger answer={answer} /> : null}
      {can("pay") ? <PaymentForm answer={answer} /> : null}

      <MatchesCard title="可能解决此难题的成果与专家" note="按关键词相关度、技术领域、成熟度和价格综合排序，仅供参考。" available={matches != null}>
        <h3>科技成果</h3>
        <MatchList items={matches?.results ?? []} empty="成果库中暂未找到相关成果。" />
        <h3>专家</h3>
        <MatchList items={matches?.experts ?? []} empty="专家库中暂未找到相关专家。" />
      </MatchesCard>

      {details ? (
        <section className="card" aria-labelledby="timeline">
          <h2 id="timeline">办理记录</h2>
          <Timeline events={details.events} />
        </section>
      ) : null}
    </>
  );
}
