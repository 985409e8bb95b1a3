import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ParticipantBadge } from "../components/event/badges";
import { PostForm, SubmitButton } from "../components/ui/form";
import { countParticipants, listParticipants, loadEvent, reviewParticipant } from "../models/event";
import { participantReviewSchema } from "../schemas/event";
import { parse } from "../schemas/parse";
import { getDb } from "../utils/db.server";
import { attempt, invalid, readForm, load } from "../web/form.server";
import { paramId } from "../utils/http.server";
import { requireBureau } from "../web/session.server";
import { formatDateTime } from "../utils/time";

export const meta: MetaFunction = () => [{ title: "报名审核与签到 · 区科技局 · 利州技术转移对接平台" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = paramId(params.id);
  const user = await requireBureau(request);
  const db = getDb();
  const r = await load(() => loadEvent(db, id));
  return json({ event: { id, title: r.title }, counts: await countParticipants(db, id), participants: await listParticipants(db, id, user, { all: true }) });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const id = paramId(params.id);
  const user = await requireBureau(request);
  const values = await readForm(request);
  const parsed = parse(participantReviewSchema, values);
  if (!parsed.ok) return invalid(parsed.errors, values, Object.values(parsed.errors).flat()[0]);
  const { participantId, ...decision } = parsed.data;
  const r = await attempt(() => reviewParticipant(getDb(), user, id, participantId, decision), values);
  return r.ok ? redirect(`/bureau/events/${id}`) : r.response;
}

export default function EventParticipantsReview() {
  const { event: e, counts, participants } = useLoaderData<typeof loader>();
  return (
    <>
      <p className="muted small">区科技局 / <Link to={`/events/${e.id}`}>{e.title}</Link></p>
      <h1>报名审核与签到</h1>
      <p className="muted">待审核 {counts.pending} · 已确认 {counts.validated} · 未通过 {counts.refused} · 已签到 {counts.checkedIn}</p>
      {participants.length === 0 ? (
        <div className="card empty"><strong>还没有单位报名</strong>已认证机构在报名时间内报名后会出现在这里。</div>
      ) : (
        participants.map((p) => (
          <article key={p.id} className="card review-item" aria-labelledby={`p-${p.id}`}>
            <div>
              <h2 id={`p-${p.id}`} style={{ fontSize: "1.1rem" }}>{p.org_name} <ParticipantBadge status={p.status} /></h2>
              <p className="small" style={{ margin: 0 }}>参会代表：{p.representatives.map((r) => `${r.name}（${r.title}）`).join("、")}</p>
              <p className="small muted" style={{ margin: 0 }}>
                报名时间 {formatDateTime(p.created_at)} · 成果 {p.offers.length} 项 · 揭榜中的榜单 {p.requests.length} 个
                {p.checked_in_at ? ` · 已签到 ${formatDateTime(p.checked_in_at)}` : ""}
              </p>
              {p.status_reason ? <p className="small">未通过理由：{p.status_reason}</p> : null}
            </div>
            <div className="review-actions">
              {p.status === "pending" ? (
                <>
                  <PostForm>
                    <input type="hidden" name="participantId" value={p.id} />
                    <SubmitButton name="intent" value="validate">确认参会</SubmitButton>
                  </PostForm>
                  <PostForm>
                    <input type="hidden" name="participantId" value={p.id} />
                    <label htmlFor={`reason-${p.id}`} className="small">不予确认的理由</label>
                    <textarea id={`reason-${p.id}`} name="reason" required maxLength={500} />
                    <SubmitButton className="btn danger" name="intent" value="refuse">不予确认</SubmitButton>
                  </PostForm>
                </>
              ) : null}
              {p.status === "validated" && !p.checked_in_at ? (
                <PostForm>
                  <input type="hidden" name="participantId" value={p.id} />
                  <SubmitButton className="btn secondary" name="intent" value="check_in">签到</SubmitButton>
                </PostForm>
              ) : null}
            </div>
          </article>
        ))
      )}
    </>
  );
}
