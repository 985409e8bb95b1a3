import type { SerializeFrom } from "@remix-run/node";
import { Link } from "@remix-run/react";
import type { getChallengePage } from "../../models/challenge";
import { cooperationLabels } from "../../utils/labels";
import { fenToWan, formatBounty } from "../../utils/money";
import { formatDateTime } from "../../utils/time";
import { KeyFigures, RecordHeading, SummaryCard } from "../ui/record";
import { FollowForm } from "./deadline-forms";
import { ChallengeStatusBadge } from "./status";

/** The 榜单 page as the model gives it to one viewer (after the trip through JSON). */
export type ChallengePageView = SerializeFrom<Awaited<ReturnType<typeof getChallengePage>>>;
export type ChallengeView = ChallengePageView["challenge"];
export type ChallengeDetailsView = NonNullable<ChallengePageView["details"]>;

/** States whose last reason a person needs to read (why it came back, why it ended). */
const reasonLabels: Partial<Record<string, string>> = {
  draft: "退回修改意见",
  rejected: "论证驳回理由",
  failed: "流标理由",
  withdrawn: "撤榜理由",
  terminated: "终止理由",
};

/** Title, who posted it, why it stopped (if it did), following, and the key figures and texts. */
export function ChallengeOverview({ challenge, details, signedIn, follow }: {
  challenge: ChallengeView;
  details: ChallengeDetailsView | null;
  signedIn: boolean;
  follow: { following: boolean; count: number } | null;
}) {
  const signInTo = `/login?redirectTo=/challenges/${challenge.id}`;
  return (
    <>
      <RecordHeading listTo="/challenges" listName="揭榜挂帅" kind="榜单" title={challenge.title} badge={<ChallengeStatusBadge status={challenge.status} />} />
      <p className="muted">
        发榜企业 <Link to={`/orgs/${challenge.orgId}`}>{challenge.orgName}</Link> · {challenge.fieldName}
        {challenge.industryName ? <> · 产业领域 {challenge.industryName}</> : null} · 期望{cooperationLabels[challenge.cooperation]}
      </p>
      {challenge.statusReason && reasonLabels[challenge.status] ? <p className="alert warn">{reasonLabels[challenge.status]}：{challenge.statusReason}</p> : null}
      {follow ? <FollowForm {...follow} /> : null}
      {!signedIn ? <p className="muted small"><Link to={signInTo}>登录</Link>后可关注此榜单，截止时间变化时会收到通知。</p> : null}

      <KeyFigures
        label="榜单要点"
        figures={[
          { label: "榜额", value: formatBounty(challenge.bountyFen) },
          { label: "揭榜截止（北京时间）", value: challenge.deadline ? formatDateTime(challenge.deadline) : "发布时确定", fontSize: "1.2rem" },
          { label: "期望完成期限", value: <>{challenge.durationMonths}<small className="small"> 个月</small></> },
        ]}
      />
      <SummaryCard id="summary" title="需求摘要" text={challenge.summary} keywords={challenge.keywords} />

      {details ? (
        <section className="card" aria-labelledby="details">
          <h2 id="details">详细需求</h2>
          <h3>主要技术难点</h3><p style={{ whiteSpace: "pre-line" }}>{details.difficulties}</p>
          <h3>主要技术指标（考核指标）</h3><p style={{ whiteSpace: "pre-line" }}>{details.indicators}</p>
          <h3>主要研究内容</h3><p style={{ whiteSpace: "pre-line" }}>{details.researchContent}</p>
          <h3>揭榜条件</h3><p style={{ whiteSpace: "pre-line" }}>{details.eligibility}</p>
          {details.investmentFen != null ? <p>企业预期投入：{fenToWan(details.investmentFen)} 万元</p> : null}
        </section>
      ) : (
        <p className="alert info">
          详细需求（技术难点、指标、研究内容、揭榜条件）仅向已认证机构的用户公开。
          {signedIn ? "贵单位通过认证后即可查看。" : <> 请<Link to={signInTo}>登录</Link>。</>}
        </p>
      )}
    </>
  );
}
