import { hhmm, formatDateTime } from "../../utils/time";
import { PostForm, SelectField, SubmitButton, type FormAnswer } from "../ui/form";
import { RequestBadge } from "./badges";

/** A meeting request as the participant's page lists it. */
export interface MeetingRequestView {
  id: number;
  status: Parameters<typeof RequestBadge>[0]["status"];
  from_name: string;
  to_name: string;
  message: string;
  reason: string | null;
  created_at: string;
  expires_at: string;
}

/** 收到的约谈: each with its answer (accept, or decline with a reason) while it waits. */
export function IncomingRequests({ incoming }: { incoming: MeetingRequestView[] }) {
  return (
    <section className="card" aria-labelledby="incoming">
      <h2 id="incoming">收到的约谈（{incoming.length}）</h2>
      {incoming.length === 0 ? <p className="muted">暂无。其他参会单位向贵单位发出约谈后会出现在这里。</p> : null}
      {incoming.map((request) => (
        <div key={request.id} className="review-item" style={{ borderTop: "1px solid var(--border)", paddingTop: 12, marginTop: 12 }}>
          <div>
            <strong>{request.from_name}</strong> <RequestBadge status={request.status} />
            <p style={{ margin: "4px 0", whiteSpace: "pre-line" }}>{request.message}</p>
            <p className="small muted" style={{ margin: 0 }}>发送于 {formatDateTime(request.created_at)}{request.status === "pending" ? ` · 请在 ${formatDateTime(request.expires_at)} 前回复` : ""}{request.reason ? ` · 婉拒理由：${request.reason}` : ""}</p>
          </div>
          {request.status === "pending" ? (
            <div className="review-actions">
              <PostForm>
                <input type="hidden" name="requestId" value={request.id} />
                <SubmitButton name="intent" value="accept">接受</SubmitButton>
              </PostForm>
              <PostForm>
                <input type="hidden" name="requestId" value={request.id} />
                <label className="small" htmlFor={`decline-${request.id}`}>婉拒理由</label>
                <textarea id={`decline-${request.id}`} name="reason" required maxLength={500} />
                <SubmitButton className="btn danger" name="intent" value="decline">婉拒</SubmitButton>
              </PostForm>
            </div>
          ) : null}
        </div>
      ))}
    </section>
  );
}

/** 发出的约谈 (withdrawable while they wait) and the form to send one. */
export function OutgoingRequests({ outgoing, others, preselect, answer }: { outgoing: MeetingRequestView[]; others: { id: number; name: string }[]; preselect?: number; answer?: FormAnswer }) {
  return (
    <section className="card" aria-labelledby="outgoing">
      <h2 id="outgoing">发出的约谈（{outgoing.length}）</h2>
      {outgoing.map((request) => (
        <div key={request.id} className="row" style={{ borderTop: "1px solid var(--border)", paddingTop: 8, marginTop: 8 }}>
          <strong>{request.to_name}</strong> <RequestBadge status={request.status} />
          <span className="muted small">{formatDateTime(request.created_at)}{request.reason ? ` · 婉拒理由：${request.reason}` : ""}</span>
          <span className="spacer" />
          {request.status === "pending" ? (
            <PostForm>
              <input type="hidden" name="requestId" value={request.id} />
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
          <SelectField name="toParticipantId" label="约谈单位" required defaultValue={preselect != null ? String(preselect) : undefined} options={others.map((other) => [String(other.id), other.name] as const)} />
          <div className="field">
            <label htmlFor="f-message">留言</label>
            <textarea id="f-message" name="message" required maxLength={500} placeholder="希望洽谈的成果或需求、合作设想" />
            {answer?.errors.message ? <div className="error">{answer.errors.message.join("；")}</div> : null}
          </div>
          <SubmitButton busyWhen="request">发送约谈请求</SubmitButton>
        </PostForm>
      )}
    </section>
  );
}

/** 不可参会时段: the slots the scheduler must avoid for this participant. */
export function UnavailableSlots({ slots, slotMinutes, unavailable }: { slots: number[]; slotMinutes: number; unavailable: number[] }) {
  const off = new Set(unavailable);
  return (
    <section className="card" aria-labelledby="unavailable">
      <h2 id="unavailable">不可参会时段</h2>
      <p className="muted small">勾选贵单位无法参加洽谈的时段，排程时会避开。</p>
      <PostForm>
        <input type="hidden" name="intent" value="unavailable" />
        <div className="choices">
          {slots.map((slot) => (
            <label key={slot}><input type="checkbox" name="slot" value={slot} defaultChecked={off.has(slot)} />{hhmm(slot)}–{hhmm(slot + slotMinutes)}</label>
          ))}
        </div>
        <SubmitButton className="btn secondary" busyWhen="unavailable">保存</SubmitButton>
      </PostForm>
    </section>
  );
}
