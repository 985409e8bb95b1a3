import { Link } from "@remix-run/react";
import { acceptanceLabels, bidStatusLabels, recommendationLabels } from "../../utils/labels";
import { fenToWan } from "../../utils/money";
import { formatDate } from "../../utils/time";
import { FileList, type FileView, type SlotView } from "../ui/attachments";
import { PostForm, type FormAnswer } from "../ui/form";
import { Milestones } from "./milestones";
import type { ChallengeDetailsView, ChallengeView } from "./overview";

/** The viewer's organisation's own bid: its state, its files, and changing or withdrawing it while open. */
export function OwnBidCard({ challenge, bid, files }: { challenge: ChallengeView; bid: NonNullable<ChallengeDetailsView["ownBid"]>; files: FileView[] }) {
  const open = challenge.status === "published" && (bid.status === "submitted" || bid.status === "withdrawn");
  return (
    <section className="card" aria-labelledby="own-bid">
      <h2 id="own-bid">本单位的揭榜申请</h2>
      <p>
        状态：{bidStatusLabels[bid.status]} · 报价 {fenToWan(bid.price_fen)} 万元 · 周期 {bid.duration_months} 个月
      </p>
      <FileList files={files} />
      {open ? (
        <div className="row">
          <Link className="btn secondary" to={`/challenges/${challenge.id}/bid`}>{bid.status === "withdrawn" ? "重新提交" : "修改揭榜申请"}</Link>
          {bid.status === "submitted" ? (
            <PostForm action={`/challenges/${challenge.id}/bid`}>
              <input type="hidden" name="intent" value="withdraw" />
              <input type="hidden" name="bidId" value={bid.id} />
              <button className="btn danger" type="submit">撤回揭榜申请</button>
            </PostForm>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

/** The experts of the 论证 and the bid review, with each one's recommendation once given. */
export function ExpertPanel({ experts }: { experts: ChallengeDetailsView["experts"] }) {
  if (experts.length === 0) return null;
  return (
    <section className="card" aria-labelledby="experts">
      <h2 id="experts">论证与评审专家</h2>
      <ul>
        {experts.map((expert) => (
          <li key={expert.id}>
            {expert.name}（{expert.org_name ?? "—"}）
            {expert.recommendation ? <> · <strong>{recommendationLabels[expert.recommendation]}</strong>：{expert.opinion}</> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** 签约与攻关: the signing, the milestones (the parties' only), 验收 and 兑现. */
export function DeliveryCard({ details, party, canReport, canReview, answer, reportSlots }: {
  details: ChallengeDetailsView;
  party: boolean;
  canReport: boolean;
  canReview: boolean;
  answer?: FormAnswer;
  reportSlots: SlotView[];
}) {
  if (!details.signedOn) return null;
  return (
    <section className="card" aria-labelledby="delivery">
      <h2 id="delivery">签约与攻关</h2>
      <p>签约日期 {formatDate(details.signedOn)}{details.contractAmountFen != null ? ` · 合同金额 ${fenToWan(details.contractAmountFen)} 万元` : ""}</p>
      {party ? (
        <>
          <h3 id="milestones">里程碑与报告</h3>
          <Milestones milestones={details.milestones} canReport={canReport} canReview={canReview} answer={answer} slots={reportSlots} />
        </>
      ) : (
        <p className="muted">里程碑、进展报告、验收意见和金额仅当事双方和区科技局可见。</p>
      )}
      {details.acceptedOn ? (
        <p>验收：{details.acceptanceLevel ? `${acceptanceLabels[details.acceptanceLevel]}（${details.acceptanceScore} 分），` : ""}{formatDate(details.acceptedOn)}</p>
      ) : null}
      <FileList files={details.acceptanceFiles} />
      {details.paidOn ? <p>兑现：{formatDate(details.paidOn)}{details.paidAmountFen != null ? ` · ${fenToWan(details.paidAmountFen)} 万元` : ""}</p> : null}
    </section>
  );
}
