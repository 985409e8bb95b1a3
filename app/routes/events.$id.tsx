import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ScheduleBadge } from "../components/event/badges";
import { ParticipantList, RegistrationCard } from "../components/event/event-page";
import { KeyFigures } from "../components/ui/record";
import { listParticipants, loadEvent, ownParticipant, registerForEvent, windowOpen } from "../models/event";
import { registrationSchema } from "../schemas/event";
import { formObject, parse } from "../schemas/parse";
import { getDb } from "../utils/db.server";
import { clock, formatDateTime, formatDay, hhmm } from "../utils/time";
import { attempt, invalid, readForm, load } from "../web/form.server";
import { redirectWithNotice } from "../utils/flash.server";
import { paramId } from "../utils/http.server";
import { eventKindLabels } from "../utils/labels";
import { getUser, requireUser } from "../web/session.server";
import { actsForOrg, agendaPublished, isBureauStaff } from "../models/shared";
import { sharedPage } from "../web/shared-pages.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.event.title} · 对接会 · 利州技术转移对接平台` : "对接会 · 利州技术转移对接平台" }];

// The same for every anonymous visitor: rendered once for all of them (Decision 67).
export const headers = sharedPage;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = paramId(params.id);
  const viewer = await getUser(request);
  const db = getDb();
  const stored = await load(() => loadEvent(db, id));
  const now = clock.now();
  const own = await ownParticipant(db, id, viewer);
  const bureau = isBureauStaff(viewer);
  // Who created it is internal, and so is an agenda draft the bureau has not published.
  const { created_by: _createdBy, ...event } = stored;
  return json({
    event: { ...event, schedule_state: bureau || stored.schedule_state !== "draft" ? stored.schedule_state : ("none" as const) },
    participants: await listParticipants(db, id, viewer),
    own: own && { id: own.id, status: own.status, reason: own.status_reason },
    bureau,
    signedIn: viewer != null,
    canRegister: actsForOrg(viewer) && !own && windowOpen(stored.registration_opens_at, stored.registration_closes_at, now),
    registrationOpen: windowOpen(stored.registration_opens_at, stored.registration_closes_at, now),
    bookingOpen: windowOpen(stored.booking_opens_at, stored.booking_closes_at, now),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const id = paramId(params.id);
  const user = await requireUser(request);
  const values = await readForm(request);
  const parsed = parse(registrationSchema, formObject(values));
  if (!parsed.ok) return invalid(parsed.errors, values, Object.values(parsed.errors).flat()[0]);
  const r = await attempt(() => registerForEvent(getDb(), user, id, parsed.data), values);
  return r.ok ? redirectWithNotice(`/events/${id}`, "eventRegistered") : r.response;
}

export default function EventPage() {
  const { event, participants, own, bureau, signedIn, canRegister, registrationOpen, bookingOpen } = useLoaderData<typeof loader>();
  const published = agendaPublished(event.schedule_state);
  const insider = bureau || own?.status === "validated";
  return (
    <>
      <p className="muted small"><Link to="/events">对接会</Link> / {eventKindLabels[event.kind]}</p>
      <div className="row" style={{ marginBottom: 8 }}>
        <h1 style={{ margin: 0 }}>{event.title}</h1>
        {published || bureau ? <ScheduleBadge state={event.schedule_state} /> : null}
      </div>
      <KeyFigures
        label="对接会要点"
        figures={[
          { label: "举办日期", value: formatDay(event.event_date), fontSize: "1.3rem" },
          { label: "地点", value: event.venue, fontSize: "1.3rem" },
          { label: "已确认参会单位", value: <>{participants.length}<small className="small"> 家</small></> },
          { label: `每场洽谈 · 共 ${event.tables_count} 桌`, value: <>{event.slot_minutes}<small className="small"> 分钟</small></> },
        ]}
      />
      <section className="card" aria-labelledby="about">
        <h2 id="about">对接会介绍</h2>
        <p style={{ whiteSpace: "pre-line" }}>{event.description}</p>
        <dl className="facts small">
          <dt>报名时间</dt><dd>{formatDateTime(event.registration_opens_at)} 至 {formatDateTime(event.registration_closes_at)}{registrationOpen ? "（报名中）" : ""}</dd>
          <dt>约谈预约</dt><dd>{formatDateTime(event.booking_opens_at)} 至 {formatDateTime(event.booking_closes_at)}{bookingOpen ? "（预约中）" : ""}</dd>
          <dt>洽谈时段</dt><dd>{event.blocks.map((block) => `${hhmm(block.start_min)}–${hhmm(block.end_min)}`).join("，")}（北京时间）</dd>
          <dt>每家单位</dt><dd>最多 {event.max_meetings} 场一对一洽谈；约谈请求 {event.request_expiry_hours} 小时内未回复即过期</dd>
        </dl>
      </section>

      {bureau ? (
        <p className="row">
          <Link className="btn" to={`/bureau/events/${event.id}`}>报名审核与签到</Link>
          <Link className="btn secondary" to={`/events/${event.id}/schedule`}>会谈日程</Link>
          <Link className="btn secondary" to={`/bureau/events/${event.id}/stats`}>统计</Link>
          <Link className="btn secondary" to={`/events/${event.id}/edit`}>修改</Link>
        </p>
      ) : null}

      <RegistrationCard eventId={event.id} own={own} canRegister={canRegister} registrationOpen={registrationOpen} bureau={bureau} signedIn={signedIn} published={published} />

      <ParticipantList eventId={event.id} participants={participants} own={own} insider={insider} bookingOpen={bookingOpen} />
    </>
  );
}
