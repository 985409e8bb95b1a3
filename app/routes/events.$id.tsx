import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ParticipantBadge, ScheduleBadge } from "../components/event/badges";
import { PostForm, SubmitButton } from "../components/ui/form";
import { listParticipants, loadEvent, ownParticipant, registerForEvent, windowOpen } from "../models/event.server";
import { registrationSchema } from "../schemas/event";
import { parse } from "../schemas/parse";
import { getDb } from "../utils/db.server";
import { clock, formatDateTime, formatDay, hhmm } from "../utils/time";
import { attempt, invalid, readForm, load } from "../web/form.server";
import { redirectWithNotice } from "../utils/flash.server";
import { paramId } from "../utils/http.server";
import { eventKindLabels, orgKindLabels } from "../utils/labels";
import { getUser, requireUser } from "../web/session.server";
import { actsForOrg, agendaPublished, isBureauStaff } from "../models/access";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.event.title} · 对接会 · 利州技术转移对接平台` : "对接会 · 利州技术转移对接平台" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = paramId(params.id);
  const viewer = await getUser(request);
  const db = getDb();
  const r = await load(() => loadEvent(db, id));
  const e = r;
  const now = clock.now();
  const own = await ownParticipant(db, id, viewer);
  const bureau = isBureauStaff(viewer);
  // Who created it is internal, and so is an agenda draft the bureau has not published.
  const { created_by: _createdBy, ...event } = e;
  return json({
    event: { ...event, schedule_state: bureau || e.schedule_state !== "draft" ? e.schedule_state : ("none" as const) },
    participants: await listParticipants(db, id, viewer),
    own: own && { id: own.id, status: own.status, reason: own.status_reason },
    bureau,
    signedIn: viewer != null,
    canRegister: actsForOrg(viewer) && !own && windowOpen(e.registration_opens_at, e.registration_closes_at, now),
    registrationOpen: windowOpen(e.registration_opens_at, e.registration_closes_at, now),
    bookingOpen: windowOpen(e.booking_opens_at, e.booking_closes_at, now),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const id = paramId(params.id);
  const user = await requireUser(request);
  const values = await readForm(request);
  const parsed = parse(registrationSchema, values);
  if (!parsed.ok) return invalid(parsed.errors, values, Object.values(parsed.errors).flat()[0]);
  const r = await attempt(() => registerForEvent(getDb(), user, id, parsed.data), values);
  return r.ok ? redirectWithNotice(`/events/${id}`, "eventRegistered") : r.response;
}

export default function EventPage() {
  const { event: e, participants, own, bureau, signedIn, canRegister, registrationOpen, bookingOpen } = useLoaderData<typeof loader>();
  const published = agendaPublished(e.schedule_state);
  const insider = bureau || own?.status === "validated";
  return (
    <>
      <p className="muted small"><Link to="/events">对接会</Link> / {eventKindLabels[e.kind]}</p>
      <div className="row" style={{ marginBottom: 8 }}>
        <h1 style={{ margin: 0 }}>{e.title}</h1>
        {published || bureau ? <ScheduleBadge state={e.schedule_state} /> : null}
      </div>
      <section className="card grid stats" aria-label="对接会要点">
        <div className="stat"><div className="num" style={{ fontSize: "1.3rem" }}>{formatDay(e.event_date)}</div><div className="label">举办日期</div></div>
        <div className="stat"><div className="num" style={{ fontSize: "1.3rem" }}>{e.venue}</div><div className="label">地点</div></div>
        <div className="stat"><div className="num">{participants.length}<small className="small"> 家</small></div><div className="label">已确认参会单位</div></div>
        <div className="stat"><div className="num">{e.slot_minutes}<small className="small"> 分钟</small></div><div className="label">每场洽谈 · 共 {e.tables_count} 桌</div></div>
      </section>
      <section className="card" aria-labelledby="about">
        <h2 id="about">对接会介绍</h2>
        <p style={{ whiteSpace: "pre-line" }}>{e.description}</p>
        <dl className="facts small">
          <dt>报名时间</dt><dd>{formatDateTime(e.registration_opens_at)} 至 {formatDateTime(e.registration_closes_at)}{registrationOpen ? "（报名中）" : ""}</dd>
          <dt>约谈预约</dt><dd>{formatDateTime(e.booking_opens_at)} 至 {formatDateTime(e.booking_closes_at)}{bookingOpen ? "（预约中）" : ""}</dd>
          <dt>洽谈时段</dt><dd>{e.blocks.map((b) => `${hhmm(b.start_min)}–${hhmm(b.end_min)}`).join("，")}（北京时间）</dd>
          <dt>每家单位</dt><dd>最多 {e.max_meetings} 场一对一洽谈；约谈请求 {e.request_expiry_hours} 小时内未回复即过期</dd>
        </dl>
      </section>

      {bureau ? (
        <p className="row">
          <Link className="btn" to={`/bureau/events/${e.id}`}>报名审核与签到</Link>
          <Link className="btn secondary" to={`/events/${e.id}/schedule`}>会谈日程</Link>
          <Link className="btn secondary" to={`/bureau/events/${e.id}/stats`}>统计</Link>
          <Link className="btn secondary" to={`/events/${e.id}/edit`}>修改</Link>
        </p>
      ) : null}

      {own ? (
        <section className="card" aria-labelledby="own">
          <h2 id="own">本单位报名 <ParticipantBadge status={own.status} /></h2>
          {own.status === "pending" ? <p>报名已提交，等待区科技局确认。</p> : null}
          {own.status === "refused" ? <p className="alert warn">未通过理由：{own.reason}</p> : null}
          {own.status === "validated" ? (
            <div className="row">
              <Link className="btn" to={`/events/${e.id}/requests`}>约谈管理</Link>
              {published ? <Link className="btn secondary" to={`/events/${e.id}/agenda`}>我的会谈日程</Link> : <span className="muted">会谈日程发布后可在这里查看。</span>}
              {published ? <Link className="btn secondary" to={`/events/${e.id}/schedule`}>全场日程</Link> : null}
            </div>
          ) : null}
        </section>
      ) : canRegister ? (
        <section className="card" aria-labelledby="register">
          <h2 id="register">报名参会</h2>
          <p className="muted small">以本单位名义报名，填写 1–5 位参会代表。经区科技局确认后即可预约一对一洽谈；本单位已发布的科技成果和揭榜中的榜单会列为参会的“供给”和“需求”。</p>
          <PostForm>
            {[0, 1, 2].map((i) => (
              <div className="grid" key={i}>
                <div className="field"><label htmlFor={`rep-name-${i}`}>代表 {i + 1} 姓名</label><input type="text" id={`rep-name-${i}`} name="repName" maxLength={30} required={i === 0} /></div>
                <div className="field"><label htmlFor={`rep-title-${i}`}>代表 {i + 1} 职务</label><input type="text" id={`rep-title-${i}`} name="repTitle" maxLength={40} required={i === 0} /></div>
              </div>
            ))}
            <SubmitButton>提交报名</SubmitButton>
          </PostForm>
        </section>
      ) : registrationOpen && !bureau ? (
        <p className="alert info">{signedIn ? "已认证机构的成员可以为本单位报名。" : <>报名请先<Link to={`/login?redirectTo=/events/${e.id}`}>登录</Link>。</>}</p>
      ) : null}

      <section aria-labelledby="participants">
        <h2 id="participants">参会单位（{participants.length}）</h2>
        {participants.length === 0 ? (
          <div className="card empty"><strong>暂无已确认的参会单位</strong>报名经区科技局确认后会列在这里。</div>
        ) : (
          participants.map((p) => (
            <article key={p.id} className="card" aria-labelledby={`p-${p.id}`}>
              <div className="row">
                <h3 id={`p-${p.id}`} style={{ margin: 0 }}><Link to={`/orgs/${p.org_id}`}>{p.org_name}</Link></h3>
                <span className="muted small">{orgKindLabels[p.org_kind]}</span>
                <span className="spacer" />
                {own?.status === "validated" && own.id !== p.id && bookingOpen ? <Link className="btn small secondary" to={`/events/${e.id}/requests?to=${p.id}`}>约谈</Link> : null}
              </div>
              {insider && p.representatives.length > 0 ? <p className="small muted" style={{ margin: "4px 0" }}>参会代表：{p.representatives.map((r) => `${r.name}（${r.title}）`).join("、")}</p> : null}
              <div className="grid small" style={{ marginTop: 8 }}>
                <div>
                  <strong>供给（科技成果）</strong>
                  {p.offers.length ? <ul>{p.offers.map((o) => <li key={o.id}><Link to={`/results/${o.id}`}>{o.title}</Link></li>)}</ul> : <p className="muted">暂无已发布成果</p>}
                </div>
                <div>
                  <strong>需求（揭榜中的榜单）</strong>
                  {p.requests.length ? <ul>{p.requests.map((c) => <li key={c.id}><Link to={`/challenges/${c.id}`}>{c.title}</Link></li>)}</ul> : <p className="muted">暂无揭榜中的榜单</p>}
                </div>
              </div>
            </article>
          ))
        )}
      </section>
    </>
  );
}
