import { redirect } from "@remix-run/node";
import { answerMeetingRequest, sendMeetingRequest, setUnavailable } from "../../models/event";
import type { CurrentUser } from "../../models/shared";
import { meetingRequestSchema, requestAnswerSchema, unavailableSchema } from "../../schemas/event";
import { parse } from "../../schemas/parse";
import { getDb } from "../../utils/db.server";
import { redirectWithNotice } from "../../utils/flash.server";
import { attempt, invalid, type FormValues } from "../../web/form.server";
import { createOnce } from "../../web/form-key.server";

/** A participant's meeting requests: send one, mark unavailable slots, answer or withdraw one. */
export async function runRequestIntent(user: CurrentUser, id: number, values: FormValues): Promise<Response> {
  const db = getDb();
  const back = `/events/${id}/requests`;
  const fail = (errors: Record<string, string[]>) => invalid(errors, values, Object.values(errors).flat()[0]);
  if (values.intent === "request") {
    const p = parse(meetingRequestSchema, values);
    if (!p.ok) return fail(p.errors);
    const r = await attempt(() => createOnce(user, values, async () => (await sendMeetingRequest(db, user, id, p.data), back)), values);
    return r.ok ? redirectWithNotice(back, "meetingRequested") : r.response;
  }
  if (values.intent === "unavailable") {
    const p = parse(unavailableSchema, values);
    if (!p.ok) return fail(p.errors);
    const r = await attempt(() => setUnavailable(db, user, id, p.data.slot), values);
    return r.ok ? redirectWithNotice(back, "unavailableSaved") : r.response;
  }
  const p = parse(requestAnswerSchema, values);
  if (!p.ok) return fail(p.errors);
  const { requestId, ...answer } = p.data;
  const r = await attempt(() => answerMeetingRequest(db, user, id, requestId, answer), values);
  return r.ok ? redirect(back) : r.response;
}
