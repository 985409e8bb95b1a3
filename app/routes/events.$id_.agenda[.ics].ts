import type { LoaderFunctionArgs } from "@remix-run/node";
import { agendaIcs } from "../models/event";
import { getDb } from "../utils/db.server";
import { load } from "../web/form.server";
import { paramId } from "../utils/http.server";
import { requireUser } from "../web/session.server";

/** The participant's own agenda as an iCalendar file (RFC 5545). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = paramId(params.id);
  const user = await requireUser(request);
  const r = await load(() => agendaIcs(getDb(), user, id));
  return new Response(r.body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="${r.filename}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
