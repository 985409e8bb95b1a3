import { Link } from "@remix-run/react";
import { awardStateLabels, awardStateTone } from "../../utils/labels";
import type { AwardState } from "../../../db/vocabulary";
import { formatDate } from "../../utils/time";

/** What a 中选公示 discloses (app/models/challenge/award.server.ts, publicAwards): nothing more reaches the browser. */
export interface AwardView {
  id: number;
  challengeId: number;
  challengeTitle: string;
  ownerName: string;
  winnerOrgId: number;
  winnerName: string;
  leaderName: string;
  publishedAt: string;
  objectionDays: number;
  lastDay: string;
  state: AwardState;
  /** Objections are still accepted (the period runs and the notice stands). */
  objectionsOpen: boolean;
  revokedReason: string | null;
  revokedAt: string | null;
}

export function AwardStateBadge({ state }: { state: AwardState }) {
  return <span className={`badge ${awardStateTone[state]}`}>{awardStateLabels[state]}</span>;
}

/** The notice itself, as on a notice board: the same on the 榜单 page, the list and its own page. */
export function AwardFacts({ a, withTitle = false }: { a: AwardView; withTitle?: boolean }) {
  return (
    <dl className="facts">
      {withTitle ? (
        <>
          <dt>榜单</dt>
          <dd><Link to={`/challenges/${a.challengeId}`}>{a.challengeTitle}</Link>（发榜企业 {a.ownerName}）</dd>
        </>
      ) : null}
      <dt>中选单位</dt>
      <dd><Link to={`/orgs/${a.winnerOrgId}`}>{a.winnerName}</Link></dd>
      <dt>团队负责人（挂帅人）</dt>
      <dd>{a.leaderName}</dd>
      <dt>公示日期</dt>
      <dd>{formatDate(a.publishedAt)}</dd>
      <dt>异议期</dt>
      <dd>{a.objectionDays} 个工作日，至 {formatDate(a.lastDay)} 止（北京时间）</dd>
      <dt>状态</dt>
      <dd><AwardStateBadge state={a.state} /></dd>
      {a.state === "revoked" ? (
        <>
          <dt>撤销</dt>
          <dd>{a.revokedAt ? formatDate(a.revokedAt) : ""} 经区科技局复核，异议成立：{a.revokedReason}</dd>
        </>
      ) : null}
    </dl>
  );
}

/** The 公示 card on the 榜单 page, linking to the notice's own page (where objections are lodged). */
export function AwardCard({ a }: { a: AwardView }) {
  return (
    <section className="card" aria-labelledby="award">
      <div className="row">
        <h2 id="award" style={{ margin: 0 }}>中选公示</h2>
        <span className="spacer" />
        <Link to={`/awards/${a.id}`}>{a.objectionsOpen ? "查看公示 / 提出异议" : "查看公示"}</Link>
      </div>
      <AwardFacts a={a} />
    </section>
  );
}
