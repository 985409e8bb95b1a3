import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { eventStatistics } from "../models/event";
import { getDb } from "../utils/db.server";
import { load } from "../web/form.server";
import { paramId } from "../utils/http.server";
import { MEETING_RATINGS } from "../../db/vocabulary";
import { meetingRatingLabels, requestStatusLabels, scheduleStateLabels } from "../utils/labels";
import { fenToWan } from "../utils/money";
import { requireBureau } from "../web/session.server";

export const meta: MetaFunction = () => [{ title: "对接会统计 · 区科技局 · 利州技术转移对接平台" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = paramId(params.id);
  const user = await requireBureau(request);
  const r = await load(() => eventStatistics(getDb(), user, id));
  return json(r);
}

/** One group of figures: a heading and a row of big numbers with their labels. */
function Figures({ title, items }: { title: string; items: [number | string, string][] }) {
  return (
    <>
      <h2>{title}</h2>
      <section className="card grid stats" aria-label={title}>
        {items.map(([n, label]) => <div key={label} className="stat"><div className="num">{n}</div><div className="label">{label}</div></div>)}
      </section>
    </>
  );
}

export default function EventStats() {
  const s = useLoaderData<typeof loader>();
  return (
    <>
      <p className="muted small">区科技局 / <Link to={`/events/${s.event.id}`}>{s.event.title}</Link></p>
      <h1>对接会统计</h1>
      <p className="muted">日程：{scheduleStateLabels[s.event.schedule_state]}</p>
      <Figures title="报名" items={[[s.registrations.validated, "已确认参会"], [s.registrations.pending, "待审核"], [s.registrations.refused, "未通过"], [s.registrations.checkedIn, "已签到"]]} />
      <Figures title="约谈请求" items={(Object.keys(requestStatusLabels) as (keyof typeof requestStatusLabels)[]).map((k) => [s.requests[k], requestStatusLabels[k]])} />
      <Figures title="会谈" items={[[s.meetings.scheduled, "已安排"], [s.meetings.fromRequests, "其中双方约谈"], [s.meetings.held, "已举行（有一方评价为已进行）"], [s.meetings.cancelled, "已取消"]]} />
      <Figures title="会谈评价" items={MEETING_RATINGS.map((k) => [s.ratings[k] ?? 0, meetingRatingLabels[k]])} />
      <Figures
        title="合作成果"
        items={[
          [s.followUps.yes + s.followUps.no, "回访已答复"],
          [s.contracts.registrationNumbers, "登记的技术合同（登记号）"],
          [s.contracts.linked, "已关联合同登记记录"],
          [`${fenToWan(s.attributedAmountFen)} 万元`, "会谈促成的已登记合同技术交易额"],
        ]}
      />
    </>
  );
}
