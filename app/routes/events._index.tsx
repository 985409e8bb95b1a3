import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ScheduleBadge } from "../components/event/badges";
import { agendaPublished } from "../models/shared";
import { listEvents } from "../models/event";
import { useRootData } from "../root";
import { getDb } from "../utils/db.server";
import { eventKindLabels } from "../utils/labels";
import { formatDay } from "../utils/time";
import { sharedPage } from "../web/shared-pages.server";

export const meta: MetaFunction = () => [{ title: "对接会 · 利州技术转移对接平台" }];

// The same for every anonymous visitor: rendered once for all of them (Decision 67).
export const headers = sharedPage;

export async function loader(_: LoaderFunctionArgs) {
  return json(await listEvents(getDb()));
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>["upcoming"][number];

function EventCard({ e }: { e: Row }) {
  return (
    <article className="card" aria-labelledby={`event-${e.id}`}>
      <p className="muted small" style={{ marginBottom: 4 }}>{eventKindLabels[e.kind]}</p>
      <h2 id={`event-${e.id}`} style={{ fontSize: "1.15rem" }}><Link to={`/events/${e.id}`}>{e.title}</Link></h2>
      <p className="muted" style={{ marginBottom: 0 }}>
        {formatDay(e.event_date)} · {e.venue} · 已确认参会 {e.participants} 家 {agendaPublished(e.schedule_state) ? <ScheduleBadge state={e.schedule_state} /> : null}
      </p>
    </article>
  );
}

export default function Events() {
  const { upcoming, past } = useLoaderData<typeof loader>();
  const user = useRootData()?.user;
  return (
    <>
      <div className="row">
        <div>
          <h1 style={{ marginBottom: 4 }}>对接会</h1>
          <p className="muted">区科技局组织的科技成果推介会、企业需求对接会和区校合作对接会：报名参会，预约一对一洽谈，会后跟踪合作成果。</p>
        </div>
        <span className="spacer" />
        {user?.isBureau ? <Link className="btn" to="/events/new">新建对接会</Link> : null}
      </div>
      <h2>即将举办</h2>
      {upcoming.length === 0 ? <div className="card empty"><strong>暂无即将举办的对接会</strong>区科技局发布对接会后会在这里公布。</div> : upcoming.map((e) => <EventCard key={e.id} e={e} />)}
      {past.length > 0 ? (
        <>
          <h2>往期对接会</h2>
          {past.map((e) => <EventCard key={e.id} e={e} />)}
        </>
      ) : null}
    </>
  );
}
