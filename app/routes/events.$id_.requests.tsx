import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { RequestBadge } from "../components/event/badges";
import { PostForm, SubmitButton, isFormAnswer } from "../components/ui/form";
import { answerMeetingRequest, listRequests, listUnavailable, sendMeetingRequest, setUnavailable } from "../models/event-request.server";
import { listParticipants, loadEvent, requireValidatedParticipant } from "../models/event.server";
import { meetingRequestSchema, requestAnswerSchema, unavailableSchema } from "../schemas/event";
import { parse } from "../schemas/parse";
import { getDb } from "../utils/db.server";
import { hhmm, formatDateTime } from "../utils/time";
import { attempt, invalid, readForm, load } from "../web/form.server";
import { createOnce } from "../web/form-key.server";
import { redirectWithNotice } from "../utils/flash.server";
import { paramId } from "../utils/http.server";
import { requireUser } from "../web/session.server";

export const meta: MetaFunction = () => [{ title: "约谈管理 · 对接会 · 利州技术转移对接平台" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = paramId(params.id);
  const user = await requireUser(request);
  const db = getDb();
  const e = await load(() => loadEvent(db, id));
  const own = await load(() => requireValidatedParticipant(db, id, user));
  const others = (await listParticipants(db, id, user)).filter((p) => p.id !== own.id).map((p) => ({ id: p.id, name: p.org_name }));
  return json({
    event: { id, title: e.title, slots: e.slots, slotMinutes: e.slot_minutes, state: e.schedule_state },
    ownId: own.id,
    others,
    requests: await listRequests(db, user, id),
    unavailable: await listUnavailable(db, own.id),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const id = paramId(params.id);
  const user = await requireUser(request);
  const values = await readForm(request);
  const db = getDb();
  const fail = (errors: Record<string, string[]>) => invalid(errors, values, Object.values(errors).flat()[0]);
  if (values.intent === "request") {
    const p = parse(meetingRequestSchema, values);
    if (!p.ok) return fail(p.errors);
    const r = await attempt(() => createOnce(user, values, async () => (await sendMeetingRequest(db, user, id, p.data), `/events/${id}/requests`)), values);
    return r.ok ? redirectWithNotice(`/events/${id}/requests`, "meetingRequested") : r.response;
  }
  if (values.intent === "unavailable") {
    const p = parse(unavailableSchema, values);
    if (!p.ok) return fail(p.errors);
    const r = await attempt(() => setUnavailable(db, user, id, p.data.slot), values);
    return r.ok ? redirectWithNotice(`/events/${id}/requests`, "unavailableSaved") : r.response;
  }
  const p = parse(requestAnswerSchema, values);
  if (!p.ok) return fail(p.errors);
  const { requestId, ...answer } = p.data;
  const r = await attempt(() => answerMeetingRequest(db, user, id, requestId, answer), values);
  return r.ok ? redirect(`/events/${id}/requests`) : r.response;
}

export default function MeetingRequests() {
  const { event: e, ownId, others, requests, unavailable } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const a = isFormAnswer(answer) ? answer : undefined;
  const [params] = useSearchParams();
  const incoming = requests.filter((r) => r.to_participant_id === ownId);
  const outgoing = requests.filter((r) => r.from_participant_id === ownId);
  const off = new Set(unavailable);
  return (
    <>
      <p className="muted small"><Link to="/events">对接会</Link> / <Link to={`/events/${e.id}`}>{e.title}</Link></p>
      <h1>约谈管理</h1>

      <section className="card" aria-labelledby="incoming">
        <h2 id="incoming">收到的约谈（{incoming.length}）</h2>
        {incoming.length === 0 ? <p className="muted">暂无。其他参会单位向贵单位发出约谈后会出现在这里。</p> : null}
        {incoming.map((r) => (
          <div key={r.id} className="review-item" style={{ borderTop: "1px solid var(--border)", paddingTop: 12, marginTop: 12 }}>
            <div>
              <strong>{r.from_name}</strong> <RequestBadge status={r.status} />
              <p style={{ margin: "4px 0", whiteSpace: "pre-line" }}>{r.message}</p>
              <p className="small muted" style={{ margin: 0 }}>发送于 {formatDateTime(r.created_at)}{r.status === "pending" ? ` · 请在 ${formatDateTime(r.expires_at)} 前回复` : ""}{r.reason ? ` · 婉拒理由：${r.reason}` : ""}</p>
            </div>
            {r.status === "pending" ? (
              <div className="review-actions">
                <PostForm>
                  <input type="hidden" name="requestId" value={r.id} />
                  <SubmitButton name="intent" value="accept">接受</SubmitButton>
                </PostForm>
                <PostForm>
                  <input type="hidden" name="requestId" value={r.id} />
                  <label className="small" htmlFor={`decline-${r.id}`}>婉拒理由</label>
                  <textarea id={`decline-${r.id}`} name="reason" required maxLength={500} />
                  <SubmitButton className="btn danger" name="intent" value="decline">婉拒</SubmitButton>
                </PostForm>
              </div>
            ) : null}
          </div>
        ))}
      </section>

      <section className="card" aria-labelledby="outgoing">
        <h2 id="outgoing">发出的约谈（{outgoing.length}）</h2>
        {outgoing.map((r) => (
          <div key={r.id} className="row" style={{ borderTop: "1px solid var(--border)", paddingTop: 8, marginTop: 8 }}>
            <strong>{r.to_name}</strong> <RequestBadge status={r.status} />
            <span className="muted small">{formatDateTime(r.created_at)}{r.reason ? ` · 婉拒理由：${r.reason}` : ""}</span>
            <span className="spacer" />
            {r.status === "pending" ? (
              <PostForm>
                <input type="hidden" name="requestId" value={r.id} />
                <SubmitButton className="btn small secondary" name="intent" value="withdraw">撤回</SubmitButton>
              </PostForm>
            ) : null}
          </div>
        ))}
        <h3 style={{ marginTop: 16 }}>发起约谈</h3>
        {others.length === 0 ? (
          <p className="muted">还没有其他已确认参会的单位。</p>
        ) : (
          <PostForm creates>
            <input type="hidden" name="intent" value="request" />
            <div className="field">
              <label htmlFor="f-toParticipantId">约谈单位</label>
              <select id="f-toParticipantId" name="toParticipantId" required defaultValue={params.get("to") ?? ""}>
                <option value="" disabled>请选择</option>
                {others.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
              </select>
            </div>
            <div className="field">
              <label htmlFor="f-message">留言</label>
              <textarea id="f-message" name="message" required maxLength={500} placeholder="希望洽谈的成果或需求、合作设想" />
              {a?.errors.message ? <div className="error">{a.errors.message.join("；")}</div> : null}
            </div>
            <SubmitButton busyWhen="request">发送约谈请求</SubmitButton>
          </PostForm>
        )}
      </section>

      <section className="card" aria-labelledby="unavailable">
        <h2 id="unavailable">不可参会时段</h2>
        <p className="muted small">勾选贵单位无法参加洽谈的时段，排程时会避开。</p>
        <PostForm>
          <input type="hidden" name="intent" value="unavailable" />
          <div className="choices">
            {e.slots.map((s) => (
              <label key={s}><input type="checkbox" name="slot" value={s} defaultChecked={off.has(s)} />{hhmm(s)}–{hhmm(s + e.slotMinutes)}</label>
            ))}
          </div>
          <SubmitButton className="btn secondary" busyWhen="unavailable">保存</SubmitButton>
        </PostForm>
      </section>
    </>
  );
}
