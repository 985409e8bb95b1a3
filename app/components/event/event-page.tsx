import type { SerializeFrom } from "@remix-run/node";
import { Link } from "@remix-run/react";
import type { listParticipants } from "../../models/event";
import { orgKindLabels } from "../../utils/labels";
import { PostForm, SubmitButton } from "../ui/form";
import { ParticipantBadge } from "./badges";

type ParticipantView = SerializeFrom<Awaited<ReturnType<typeof listParticipants>>>[number];
type OwnRegistration = { id: number; status: Parameters<typeof ParticipantBadge>[0]["status"]; reason: string | null } | null;

/** 本单位报名: the organisation's registration and its next steps, the form to register, or how to. */
export function RegistrationCard({ eventId, own, canRegister, registrationOpen, bureau, signedIn, published }: {
  eventId: number;
  own: OwnRegistration;
  canRegister: boolean;
  registrationOpen: boolean;
  bureau: boolean;
  signedIn: boolean;
  published: boolean;
}) {
  return (
    own ? (
      <section className="card" aria-labelledby="own">
        <h2 id="own">本单位报名 <ParticipantBadge status={own.status} /></h2>
        {own.status === "pending" ? <p>报名已提交，等待区科技局确认。</p> : null}
        {own.status === "refused" ? <p className="alert warn">未通过理由：{own.reason}</p> : null}
        {own.status === "validated" ? (
          <div className="row">
            <Link className="btn" to={`/events/${eventId}/requests`}>约谈管理</Link>
            {published ? <Link className="btn secondary" to={`/events/${eventId}/agenda`}>我的会谈日程</Link> : <span className="muted">会谈日程发布后可在这里查看。</span>}
            {published ? <Link className="btn secondary" to={`/events/${eventId}/schedule`}>全场日程</Link> : null}
          </div>
        ) : null}
      </section>
    ) : canRegister ? (
      <section className="card" aria-labelledby="register">
        <h2 id="register">报名参会</h2>
        <p className="muted small">以本单位名义报名，填写 1–5 位参会代表。经区科技局确认后即可预约一对一洽谈；本单位已发布的科技成果和揭榜中的榜单会列为参会的“供给”和“需求”。</p>
        <PostForm>
          {[0, 1, 2].map((row) => (
            <div className="grid" key={row}>
              <div className="field"><label htmlFor={`rep-name-${row}`}>代表 {row + 1} 姓名</label><input type="text" id={`rep-name-${row}`} name={`representatives[${row}].name`} maxLength={30} required={row === 0} /></div>
              <div className="field"><label htmlFor={`rep-title-${row}`}>代表 {row + 1} 职务</label><input type="text" id={`rep-title-${row}`} name={`representatives[${row}].title`} maxLength={40} required={row === 0} /></div>
            </div>
          ))}
          <SubmitButton>提交报名</SubmitButton>
        </PostForm>
      </section>
    ) : registrationOpen && !bureau ? (
      <p className="alert info">{signedIn ? "已认证机构的成员可以为本单位报名。" : <>报名请先<Link to={`/login?redirectTo=/events/${eventId}`}>登录</Link>。</>}</p>
    ) : null
  );
}

/** 参会单位: each confirmed participant with what it offers and seeks, and a 约谈 link while booking is open. */
export function ParticipantList({ eventId, participants, own, insider, bookingOpen }: { eventId: number; participants: ParticipantView[]; own: OwnRegistration; insider: boolean; bookingOpen: boolean }) {
  return (
      <section aria-labelledby="participants">
        <h2 id="participants">参会单位（{participants.length}）</h2>
        {participants.length === 0 ? (
          <div className="card empty"><strong>暂无已确认的参会单位</strong>报名经区科技局确认后会列在这里。</div>
        ) : (
          participants.map((participant) => (
            <article key={participant.id} className="card" aria-labelledby={`p-${participant.id}`}>
              <div className="row">
                <h3 id={`p-${participant.id}`} style={{ margin: 0 }}><Link to={`/orgs/${participant.org_id}`}>{participant.org_name}</Link></h3>
                <span className="muted small">{orgKindLabels[participant.org_kind]}</span>
                <span className="spacer" />
                {own?.status === "validated" && own.id !== participant.id && bookingOpen ? <Link className="btn small secondary" to={`/events/${eventId}/requests?to=${participant.id}`}>约谈</Link> : null}
              </div>
              {insider && participant.representatives.length > 0 ? <p className="small muted" style={{ margin: "4px 0" }}>参会代表：{participant.representatives.map((rep) => `${rep.name}（${rep.title}）`).join("、")}</p> : null}
              <div className="grid small" style={{ marginTop: 8 }}>
                <div>
                  <strong>供给（科技成果）</strong>
                  {participant.offers.length ? <ul className="link-list">{participant.offers.map((offer) => <li key={offer.id}><Link to={`/results/${offer.id}`}>{offer.title}</Link></li>)}</ul> : <p className="muted">暂无已发布成果</p>}
                </div>
                <div>
                  <strong>需求（揭榜中的榜单）</strong>
                  {participant.requests.length ? <ul className="link-list">{participant.requests.map((challenge) => <li key={challenge.id}><Link to={`/challenges/${challenge.id}`}>{challenge.title}</Link></li>)}</ul> : <p className="muted">暂无揭榜中的榜单</p>}
                </div>
              </div>
            </article>
          ))
        )}
      </section>
  );
}
