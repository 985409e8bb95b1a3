import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { PostForm, SubmitButton, isFormAnswer } from "../components/ui/form";
import { answerFollowUp, getMeetingPage, rateMeeting } from "../models/event";
import { followUpSchema, ratingSchema } from "../schemas/event";
import { parse } from "../schemas/parse";
import { getDb } from "../utils/db.server";
import { hhmm, formatDate, formatDateTime } from "../utils/time";
import { attempt, invalid, readForm, load } from "../web/form.server";
import { redirectWithNotice } from "../utils/flash.server";
import { paramId } from "../utils/http.server";
import { MEETING_RATINGS } from "../../db/vocabulary";
import { meetingRatingLabels, meetingSourceLabels } from "../utils/labels";
import { requireUser } from "../web/session.server";

export const meta: MetaFunction = () => [{ title: "会谈与成果 · 对接会 · 利州技术转移对接平台" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = paramId(params.id);
  const mid = paramId(params.mid);
  const user = await requireUser(request);
  const r = await load(() => getMeetingPage(getDb(), user, id, mid));
  return json(r);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const values = await readForm(request); // the CSRF check comes before anything about the ids
  const id = paramId(params.id);
  const mid = paramId(params.mid);
  const db = getDb();
  const rating = values.intent === "rate";
  const parsed = rating ? parse(ratingSchema, values) : parse(followUpSchema, values);
  if (!parsed.ok) return invalid(parsed.errors, values, Object.values(parsed.errors).flat()[0]);
  const d = parsed.data;
  const r = await attempt(
    () => ("rating" in d ? rateMeeting(db, user, id, mid, d) : answerFollowUp(db, user, id, mid, d)),
    values,
  );
  return r.ok ? redirectWithNotice(`/events/${id}/meetings/${mid}`, rating ? "ratingSaved" : "followUpSaved") : r.response;
}

export default function MeetingPage() {
  const { event: e, meeting: m, parties, ratings, followUps, viewer, canRate, followUp } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const a = isFormAnswer(answer) ? answer : undefined;
  const nameOf = (pid: number) => parties.find((p) => p.id === pid)?.name ?? "";
  const ownRating = ratings.find((r) => r.participant_id === viewer.participantId);
  return (
    <>
      <p className="muted small"><Link to="/events">对接会</Link> / <Link to={`/events/${e.id}`}>{e.title}</Link> / 会谈</p>
      <h1>{parties.map((p) => p.name).join(" ↔ ")}</h1>
      <p className="muted">
        {formatDate(m.startsAt)} {hhmm(m.start_min)}–{hhmm(m.start_min + e.slot_minutes)} · {e.venue} 第 {m.table_no} 桌 · {meetingSourceLabels[m.source]}
        {m.status === "cancelled" ? ` · 已取消：${m.cancel_reason}` : ""}
      </p>

      <section className="card" aria-labelledby="ratings">
        <h2 id="ratings">会谈评价</h2>
        {ratings.length === 0 ? <p className="muted">暂无评价。</p> : (
          <ul>
            {ratings.map((r) => (
              <li key={r.participant_id}>{nameOf(r.participant_id)}：<strong>{meetingRatingLabels[r.rating]}</strong>{r.note ? `（${r.note}）` : ""} <span className="muted small">{formatDateTime(r.rated_at)}</span></li>
            ))}
          </ul>
        )}
        {canRate ? (
          <PostForm>
            <input type="hidden" name="intent" value="rate" />
            <fieldset>
              <legend>{ownRating ? "修改本单位的评价" : "本单位的评价"}</legend>
              <div className="choices">
                {MEETING_RATINGS.map((k) => (
                  <label key={k}><input type="radio" name="rating" value={k} required defaultChecked={ownRating?.rating === k} />{meetingRatingLabels[k]}</label>
                ))}
              </div>
            </fieldset>
            <div className="field"><label htmlFor="f-note">评价备注</label><textarea id="f-note" name="note" maxLength={1000} defaultValue={ownRating?.note ?? ""} /></div>
            <SubmitButton busyWhen="rate">保存评价</SubmitButton>
          </PostForm>
        ) : viewer.participantId && m.status === "scheduled" ? <p className="muted small">正式日程发布且会谈开始后可以评价。</p> : null}
      </section>

      <section className="card" aria-labelledby="followups">
        <h2 id="followups">合作跟踪</h2>
        {followUps.length === 0 ? <p className="muted">会后 1、3、6 个月回访是否签订了技术合同；签订后也可以随时登记。</p> : (
          <ul>
            {followUps.map((f) => (
              <li key={`${f.participant_id}-${f.months}`}>
                {viewer.bureau ? `${nameOf(f.participant_id)} · ` : ""}{f.months} 个月回访：
                {f.answer === "yes" ? <><strong>已签订技术合同</strong>，登记号 <strong className="regno">{f.reg_no}</strong>{f.contract_id ? (viewer.bureau ? <> · <Link to={`/bureau/contracts/${f.contract_id}`}>合同登记记录</Link></> : " · 已与合同登记记录关联") : " · 待与合同登记记录关联"}</> : "暂未签订"}
                {f.note ? `（${f.note}）` : ""} <span className="muted small">{formatDateTime(f.answered_at)}</span>
              </li>
            ))}
          </ul>
        )}
        {followUp && followUp.months != null ? (
          <PostForm>
            <input type="hidden" name="intent" value="follow_up" />
            <fieldset>
              <legend>{followUp.due ? `${followUp.months} 个月回访：这场会谈之后是否签订了技术合同？` : "已签订技术合同？现在即可登记"}</legend>
              <div className="choices">
                <label><input type="radio" name="answer" value="yes" required />已签订</label>
                {followUp.due ? <label><input type="radio" name="answer" value="no" />暂未签订</label> : null}
              </div>
            </fieldset>
            <div className="field">
              <label htmlFor="f-regNo">技术合同登记号</label>
              <input type="text" id="f-regNo" name="regNo" inputMode="numeric" maxLength={24} aria-describedby="f-regNo-hint" />
              <div className="hint" id="f-regNo-hint">16 位数字，见技术合同认定登记证明</div>
              {a?.errors.regNo ? <div className="error">{a.errors.regNo.join("；")}</div> : null}
            </div>
            <div className="field"><label htmlFor="f-fnote">回访备注</label><textarea id="f-fnote" name="note" maxLength={1000} /></div>
            <SubmitButton busyWhen="follow_up">提交回访</SubmitButton>
          </PostForm>
        ) : null}
      </section>
    </>
  );
}
