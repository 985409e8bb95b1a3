import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData } from "@remix-run/react";
import { EventFields } from "../components/event/event-fields";
import { PostForm, SubmitButton, isFormAnswer } from "../components/ui/form";
import { createEvent } from "../models/event";
import { eventSchema } from "../schemas/event";
import { parse } from "../schemas/parse";
import { getDb } from "../utils/db.server";
import { attempt, invalid, readForm } from "../web/form.server";
import { redirectWithNotice } from "../utils/flash.server";
import { createOnce } from "../web/form-key.server";
import { requireBureau } from "../web/session.server";

export const meta: MetaFunction = () => [{ title: "新建对接会 · 利州技术转移对接平台" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireBureau(request);
  return json({});
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireBureau(request);
  const values = await readForm(request);
  const parsed = parse(eventSchema, values);
  if (!parsed.ok) return invalid(parsed.errors, values);
  const r = await attempt(() => createOnce(user, values, async () => `/events/${await createEvent(getDb(), user, parsed.data)}`), values);
  return r.ok ? redirectWithNotice(r.value, "saved") : r.response;
}

export default function NewEvent() {
  const answer = useActionData<typeof action>();
  const a = isFormAnswer(answer) ? answer : undefined;
  return (
    <div className="card narrow" style={{ maxWidth: 820 }}>
      <p className="muted small"><Link to="/events">对接会</Link> / 新建</p>
      <h1>新建对接会</h1>
      <p className="muted">发布后即在“对接会”栏目公开；已认证机构可在报名时间内报名，经区科技局确认后预约一对一洽谈。</p>
      <PostForm creates noValidate>
        <EventFields answer={a} />
        <SubmitButton>发布对接会</SubmitButton>
      </PostForm>
    </div>
  );
}
