import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { AgendaTable } from "../components/event/agenda-table";
import { ScheduleBadge } from "../components/event/badges";
import { PostForm, SubmitButton } from "../components/ui/form";
import { editMeeting, generateSchedule, getAgenda, listUnplaced, publishSchedule } from "../models/event";
import { scheduleActionSchema } from "../schemas/event";
import { parse, parseQuery } from "../schemas/parse";
import { getDb } from "../utils/db.server";
import { hhmm } from "../utils/time";
import { attempt, invalid, readForm, load } from "../web/form.server";
import { paramId } from "../utils/http.server";
import { meetingSourceLabels } from "../utils/labels";
import { requireBureau, requireUser } from "../web/session.server";
import { isBureauStaff } from "../models/shared";
import { scheduleQuerySchema } from "../schemas/query";

export const meta: MetaFunction = () => [{ title: "会谈日程 · 对接会 · 利州技术转移对接平台" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = paramId(params.id);
  const user = await requireUser(request);
  const { table } = parseQuery(scheduleQuerySchema, request);
  const db = getDb();
  const r = await load(() => getAgenda(db, user, id, { kind: "event", table }));
  const bureau = isBureauStaff(user);
  const e = r.event;
  return json({
    event: { id, title: e.title, state: e.schedule_state, slots: e.slots, tables: e.tables_count, venue: e.venue },
    table: table ?? null,
    meetings: r.meetings,
    bureau,
    unplaced: bureau ? await listUnplaced(db, id) : [],
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const id = paramId(params.id);
  const user = await requireBureau(request);
  const values = await readForm(request);
  const parsed = parse(scheduleActionSchema, values);
  if (!parsed.ok) return invalid(parsed.errors, values, Object.values(parsed.errors).flat()[0]);
  const d = parsed.data;
  const db = getDb();
  const r = await attempt(async () => {
    if (d.intent === "generate") await generateSchedule(db, user, id);
    else if (d.intent === "publish_preliminary") await publishSchedule(db, user, id, "preliminary");
    else if (d.intent === "publish_final") await publishSchedule(db, user, id, "final");
    else if (d.intent === "move") await editMeeting(db, user, id, d.meetingId, { intent: "move", slot: d.slot, table: d.table });
    else await editMeeting(db, user, id, d.meetingId, { intent: "cancel", reason: d.reason });
  }, values);
  return r.ok ? redirect(`/events/${id}/schedule`) : r.response;
}

function MeetingSelect({ id, meetings }: { id: string; meetings: { id: number; start_min: number; table_no: number; a_name: string; b_name: string }[] }) {
  return (
    <div className="field">
      <label htmlFor={id}>会谈</label>
      <select id={id} name="meetingId" required defaultValue="">
        <option value="" disabled>请选择</option>
        {meetings.map((m) => <option key={m.id} value={m.id}>{hhmm(m.start_min)} 第{m.table_no}桌 {m.a_name} ↔ {m.b_name}</option>)}
      </select>
    </div>
  );
}

export default function EventSchedule() {
  const { event: e, table, meetings, bureau, unplaced } = useLoaderData<typeof loader>();
  const live = meetings.filter((m) => m.status === "scheduled");
  return (
    <>
      <p className="muted small"><Link to="/events">对接会</Link> / <Link to={`/events/${e.id}`}>{e.title}</Link></p>
      <div className="row" style={{ marginBottom: 8 }}>
        <h1 style={{ margin: 0 }}>{table ? `第 ${table} 桌会谈日程` : "全场会谈日程"}</h1>
        <ScheduleBadge state={e.state} />
        <span className="spacer" />
        <button type="button" className="btn secondary small no-print" onClick={() => window.print()}>打印</button>
      </div>
      <p className="muted">{e.venue} · 共 {live.length} 场{e.state === "preliminary" ? " · 预排日程，可能调整" : ""}</p>
      <nav className="tabs no-print" aria-label="按洽谈桌查看">
        <Link to="?" aria-current={table == null ? "page" : undefined}>全部</Link>
        {Array.from({ length: Math.min(e.tables, 60) }, (_, i) => i + 1).map((t) => (
          <Link key={t} to={`?table=${t}`} aria-current={table === t ? "page" : undefined}>{t} 桌</Link>
        ))}
      </nav>
      {bureau ? (
        <section className="card no-print" aria-labelledby="manage">
          <h2 id="manage">排程</h2>
          <p className="muted small">先排已接受的约谈，再按匹配度排平台推荐的洽谈；同一单位、同一桌在同一时段只排一场，避开不可参会时段和每家上限。结果确定：同样的报名与约谈总得到同样的日程。</p>
          <div className="row">
            {e.state !== "final" ? (
              <PostForm><SubmitButton name="intent" value="generate">{e.state === "none" ? "生成会谈日程" : "重新生成"}</SubmitButton></PostForm>
            ) : null}
            {e.state === "draft" ? <PostForm><SubmitButton className="btn secondary" name="intent" value="publish_preliminary">发布预排日程</SubmitButton></PostForm> : null}
            {e.state === "draft" || e.state === "preliminary" ? <PostForm><SubmitButton className="btn secondary" name="intent" value="publish_final">发布正式日程</SubmitButton></PostForm> : null}
          </div>
        </section>
      ) : null}
      <AgendaTable eventId={e.id} rows={meetings} empty={bureau ? "点击“生成会谈日程”排程。" : "暂无会谈。"} />
      {bureau && live.length > 0 && e.state !== "none" ? (
        <section className="card no-print" aria-labelledby="edit" style={{ marginTop: 20 }}>
          <h2 id="edit">手工调整</h2>
          <div className="grid">
            <PostForm>
              <input type="hidden" name="intent" value="move" />
              <MeetingSelect id="move-meeting" meetings={live} />
              <div className="field"><label htmlFor="move-slot">调整到时段</label>
                <select id="move-slot" name="slot" required defaultValue="">
                  <option value="" disabled>请选择</option>
                  {e.slots.map((s) => <option key={s} value={s}>{hhmm(s)}</option>)}
                </select>
              </div>
              <div className="field"><label htmlFor="move-table">桌号</label><input id="move-table" type="text" inputMode="numeric" name="table" required /></div>
              <SubmitButton className="btn secondary" busyWhen="move">调整</SubmitButton>
            </PostForm>
            <PostForm>
              <input type="hidden" name="intent" value="cancel" />
              <MeetingSelect id="cancel-meeting" meetings={live} />
              <div className="field"><label htmlFor="cancel-reason">取消理由</label><textarea id="cancel-reason" name="reason" required maxLength={500} /></div>
              <SubmitButton className="btn danger" busyWhen="cancel">取消会谈</SubmitButton>
            </PostForm>
          </div>
        </section>
      ) : null}
      {bureau && unplaced.length > 0 ? (
        <section className="card no-print" aria-labelledby="unplaced" style={{ marginTop: 20 }}>
          <h2 id="unplaced">未能排入（{unplaced.length}）</h2>
          <div className="table-wrap">
            <table className="responsive">
              <thead><tr><th>洽谈双方</th><th>来源</th><th>原因</th></tr></thead>
              <tbody>
                {unplaced.map((u) => (
                  <tr key={u.id}>
                    <td data-label="洽谈双方">{u.a_name} ↔ {u.b_name}</td>
                    <td data-label="来源">{meetingSourceLabels[u.source]}{u.source === "match" ? `（匹配度 ${u.score}）` : ""}</td>
                    <td data-label="原因">{u.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
    </>
  );
}
