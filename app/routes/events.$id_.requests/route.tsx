import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { IncomingRequests, OutgoingRequests, UnavailableSlots } from "../../components/event/meeting-requests";
import { isFormAnswer } from "../../components/ui/form";
import { listRequests, listUnavailable, listParticipants, loadEvent, requireValidatedParticipant } from "../../models/event";
import { parseQuery } from "../../schemas/parse";
import { meetingRequestQuerySchema } from "../../schemas/query";
import { getDb } from "../../utils/db.server";
import { load, readForm } from "../../web/form.server";
import { paramId } from "../../utils/http.server";
import { requireUser } from "../../web/session.server";
import { runRequestIntent } from "./intents.server";

export const meta: MetaFunction = () => [{ title: "约谈管理 · 对接会 · 利州技术转移对接平台" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = paramId(params.id);
  const user = await requireUser(request);
  const db = getDb();
  const event = await load(() => loadEvent(db, id));
  const own = await load(() => requireValidatedParticipant(db, id, user));
  const others = (await listParticipants(db, id, user)).filter((p) => p.id !== own.id).map((p) => ({ id: p.id, name: p.org_name }));
  return json({
    event: { id, title: event.title, slots: event.slots, slotMinutes: event.slot_minutes, state: event.schedule_state },
    ownId: own.id,
    others,
    // ?to= comes from a 约谈 link on the event page: that participant is chosen in the form.
    preselect: parseQuery(meetingRequestQuerySchema, request).to,
    requests: await listRequests(db, user, id),
    unavailable: await listUnavailable(db, own.id),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const id = paramId(params.id);
  const user = await requireUser(request);
  return runRequestIntent(user, id, await readForm(request));
}

export default function MeetingRequests() {
  const { event, ownId, others, preselect, requests, unavailable } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <p className="muted small"><Link to="/events">对接会</Link> / <Link to={`/events/${event.id}`}>{event.title}</Link></p>
      <h1>约谈管理</h1>
      <IncomingRequests incoming={requests.filter((r) => r.to_participant_id === ownId)} />
      <OutgoingRequests outgoing={requests.filter((r) => r.from_participant_id === ownId)} others={others} preselect={preselect} answer={isFormAnswer(actionData) ? actionData : undefined} />
      <UnavailableSlots slots={event.slots} slotMinutes={event.slotMinutes} unavailable={unavailable} />
    </>
  );
}
