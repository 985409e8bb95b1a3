import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { AgendaTable } from "../components/event/agenda-table";
import { ScheduleBadge } from "../components/event/badges";
import { getAgenda, dueFollowUps } from "../models/event";
import { getDb } from "../utils/db.server";
import { load } from "../web/form.server";
import { paramId } from "../utils/http.server";
import { requireUser } from "../web/session.server";
import { formatDay } from "../utils/time";
import { parseQuery } from "../schemas/parse";
import { agendaQuerySchema } from "../schemas/query";

export const meta: MetaFunction = () => [{ title: "我的会谈日程 · 对接会 · 利州技术转移对接平台" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = paramId(params.id);
  const user = await requireUser(request);
  const participantId = parseQuery(agendaQuerySchema, request).participant;
  const db = getDb();
  const r = await load(() => getAgenda(db, user, id, { kind: "own", participantId }));
  const due = await dueFollowUps(db, user.id);
  const { event: e, participant, meetings } = r;
  return json({
    event: { id, title: e.title, venue: e.venue, date: e.event_date, state: e.schedule_state },
    participant: participant!,
    meetings,
    followUps: due.filter((f) => f.eventId === id),
    own: participantId == null,
  });
}

export default function OwnAgenda() {
  const { event: e, participant: p, meetings, followUps, own } = useLoaderData<typeof loader>();
  return (
    <>
      <p className="muted small no-print"><Link to="/events">对接会</Link> / <Link to={`/events/${e.id}`}>{e.title}</Link></p>
      <div className="row" style={{ marginBottom: 8 }}>
        <h1 style={{ margin: 0 }}>{own ? "我的会谈日程" : `${p.name} 的会谈日程`}</h1>
        <ScheduleBadge state={e.state} />
      </div>
      <p>
        <strong>{p.name}</strong> · {e.title} · {formatDay(e.date)} · {e.venue}
        <br />
        <span className="muted small">参会代表：{p.representatives.map((r) => `${r.name}（${r.title}）`).join("、")}</span>
      </p>
      {e.state === "preliminary" ? <p className="alert info">这是预排日程，区科技局发布正式日程前可能调整。</p> : null}
      <div className="row no-print" style={{ marginBottom: 16 }}>
        {own ? <a className="btn secondary" href={`/events/${e.id}/agenda.ics`} download>下载日历文件（.ics）</a> : null}
        <button type="button" className="btn secondary" onClick={() => window.print()}>打印日程</button>
        <Link className="btn secondary" to={`/events/${e.id}/schedule`}>全场日程</Link>
      </div>
      {followUps.length > 0 ? (
        <section className="alert warn no-print" aria-labelledby="followups">
          <h2 id="followups" style={{ fontSize: "1.05rem" }}>待回复的会后回访</h2>
          <ul style={{ margin: 0 }}>
            {followUps.map((f) => <li key={`${f.meetingId}-${f.months}`}><Link to={`/events/${e.id}/meetings/${f.meetingId}`}>会谈 {f.months} 个月回访：是否已签订技术合同？</Link></li>)}
          </ul>
        </section>
      ) : null}
      <AgendaTable eventId={e.id} rows={meetings} ownId={p.id} empty="本单位暂未安排会谈。" />
    </>
  );
}
