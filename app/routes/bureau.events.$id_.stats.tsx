import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { eventStatistics } from "../models/event-outcome.server";
import { getDb } from "../utils/db.server";
import { attempt } from "../utils/form.server";
import { notFound, paramId } from "../utils/http.server";
import { MEETING_RATINGS, meetingRatingLabels, requestStatusLabels, scheduleStateLabels } from "../utils/labels";
import { fenToWan } from "../utils/money";
import { requireBureau } from "../utils/session.server";

export const meta: MetaFunction = () => [{ title: "对接会统计 · 区科技局 · 利州技术转移对接平台" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = paramId(params.id);
  const user = await requireBureau(request);
  const r = await attempt(() => eventStatistics(getDb(), user, id));
  if (!r.ok) throw notFound();
  return json(r.value);
}

function Stat({ n, label }: { n: number | string; label: string }) {
  return <div className="stat"><div className="num">{n}</div><div className="label">{label}</div></div>;
}

export default function EventStats() {
  const s = useLoaderData<typeof loader>();
  return (
    <>
      <p className="muted small">区科技局 / <Link to={`/events/${s.event.id}`}>{s.event.title}</Link></p>
      <h1>对接会统计</h1>
      <p className="muted">日程：{scheduleStateLabels[s.event.schedule_state]}</p>
      <h2>报名</h2>
      <section className="card grid stats">
        <Stat n={s.registrations.validated} label="已确认参会" />
        <Stat n={s.registrations.pending} label="待审核" />
        <Stat n={s.registrations.refused} label="未通过" />
        <Stat n={s.registrations.checkedIn} label="已签到" />
      </section>
      <h2>约谈请求</h2>
      <section className="card grid stats">
        {(Object.keys(requestStatusLabels) as (keyof typeof requestStatusLabels)[]).map((k) => <Stat key={k} n={s.requests[k]} label={requestStatusLabels[k]} />)}
      </section>
      <h2>会谈</h2>
      <section className="card grid stats">
        <Stat n={s.meetings.scheduled} label="已安排" />
        <Stat n={s.meetings.fromRequests} label="其中双方约谈" />
        <Stat n={s.meetings.held} label="已举行（有一方评价为已进行）" />
        <Stat n={s.meetings.cancelled} label="已取消" />
      </section>
      <h2>会谈评价</h2>
      <section className="card grid stats">
        {MEETING_RATINGS.map((k) => <Stat key={k} n={s.ratings[k] ?? 0} label={meetingRatingLabels[k]} />)}
      </section>
      <h2>合作成果</h2>
      <section className="card grid stats">
        <Stat n={s.followUps.yes + s.followUps.no} label="回访已答复" />
        <Stat n={s.contracts.registrationNumbers} label="登记的技术合同（登记号）" />
        <Stat n={s.contracts.linked} label="已关联合同登记记录" />
        <Stat n={s.attributedAmountFen == null ? "—" : `${fenToWan(s.attributedAmountFen)} 万元`} label="归因技术交易额（待接入合同登记）" />
      </section>
    </>
  );
}
