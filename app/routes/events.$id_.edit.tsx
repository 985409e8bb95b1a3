import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { EventFields } from "../components/event/event-fields";
import { PostForm, SubmitButton, isFormAnswer } from "../components/ui/form";
import { loadEvent, updateEvent } from "../models/event";
import { eventSchema } from "../schemas/event";
import { parse } from "../schemas/parse";
import { getDb } from "../utils/db.server";
import { beijingDate, hhmm } from "../utils/time";
import { attempt, invalid, readForm, load } from "../web/form.server";
import { paramId } from "../utils/http.server";
import { requireBureau } from "../web/session.server";

export const meta: MetaFunction = () => [{ title: "修改对接会 · 利州技术转移对接平台" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = paramId(params.id);
  await requireBureau(request);
  const r = await load(() => loadEvent(getDb(), id));
  const e = r;
  const day = (iso: string) => beijingDate(new Date(iso));
  return json({
    id,
    d: {
      kind: e.kind,
      title: e.title,
      eventDate: e.event_date,
      venue: e.venue,
      description: e.description,
      registrationOpens: day(e.registration_opens_at),
      registrationCloses: day(e.registration_closes_at),
      bookingOpens: day(e.booking_opens_at),
      bookingCloses: day(e.booking_closes_at),
      blocks: e.blocks.map((b) => `${hhmm(b.start_min)}-${hhmm(b.end_min)}`).join("\n"),
      slotMinutes: String(e.slot_minutes),
      tables: String(e.tables_count),
      maxMeetings: String(e.max_meetings),
      requestExpiryHours: String(e.request_expiry_hours),
    },
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const id = paramId(params.id);
  const user = await requireBureau(request);
  const values = await readForm(request);
  const parsed = parse(eventSchema, values);
  if (!parsed.ok) return invalid(parsed.errors, values);
  const r = await attempt(() => updateEvent(getDb(), user, id, parsed.data), values);
  return r.ok ? redirect(`/events/${id}`) : r.response;
}

export default function EditEvent() {
  const { id, d } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const a = isFormAnswer(answer) ? answer : undefined;
  return (
    <div className="card narrow" style={{ maxWidth: 820 }}>
      <p className="muted small"><Link to="/events">对接会</Link> / <Link to={`/events/${id}`}>{d.title}</Link> / 修改</p>
      <h1>修改对接会</h1>
      <PostForm noValidate>
        <EventFields answer={a} d={d} />
        <SubmitButton>保存修改</SubmitButton>
      </PostForm>
    </div>
  );
}
