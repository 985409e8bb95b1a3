import type { LoaderFunctionArgs } from "@remix-run/node";
import { agendaIcs } from "../models/event-agenda.server";
import { getDb } from "../utils/db.server";
import { attempt } from "../utils/form.server";
import { httpError, paramId } from "../utils/http.server";
import { requireUser } from "../utils/session.server";

/** The participant's own agenda as an iCalendar file (RFC 5545). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = paramId(params.id);
  const user = await requireUser(request);
  const r = await attempt(() => agendaIcs(getDb(), user, id));
  if (!r.ok) throw httpError(404, "会谈日程尚未发布，或您无权查看。");
  return new Response(r.value.body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="${r.value.filename}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
