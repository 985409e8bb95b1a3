import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { PostForm } from "../components/ui/form";
import { Pagination } from "../components/ui/pagination";
import { listInbox, markAllRead } from "../models/notice";
import { getDb } from "../utils/db.server";
import { attempt, readForm } from "../web/form.server";
import { pageParam } from "../utils/http.server";
import { requireUser } from "../web/session.server";
import { formatDateTime } from "../utils/time";

export const meta: MetaFunction = () => [{ title: "消息 · 利州技术转移对接平台" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  // Reminders are written by the scheduler (app/web/scheduler.server.ts), never on reading.
  return json(await listInbox(getDb(), user.id, pageParam(new URL(request.url))));
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  await readForm(request);
  const r = await attempt(() => markAllRead(getDb(), user.id));
  return r.ok ? redirect("/inbox") : r.response;
}

export default function Inbox() {
  const { rows, total, page, pageSize } = useLoaderData<typeof loader>();
  const unread = rows.some((r) => !r.read_at);
  return (
    <>
      <div className="row">
        <h1 style={{ margin: 0 }}>消息</h1>
        <span className="spacer" />
        {unread ? (
          <PostForm>
            <button className="btn secondary small" type="submit">全部标为已读</button>
          </PostForm>
        ) : null}
      </div>
      {rows.length === 0 ? (
        <div className="card empty" style={{ marginTop: 16 }}><strong>暂无消息</strong>收到揭榜申请、审核结果、定榜结果时会在这里通知您。</div>
      ) : (
        <ul className="stack" style={{ listStyle: "none", padding: 0, marginTop: 16 }}>
          {rows.map((n) => (
            <li key={n.id} className="card" style={{ borderLeft: n.read_at ? undefined : "4px solid var(--primary)" }}>
              <div className="row">
                <strong>{n.link ? <Link to={n.link}>{n.title}</Link> : n.title}</strong>
                {!n.read_at ? <span className="badge info">未读</span> : null}
                <span className="spacer" />
                <span className="muted small">{formatDateTime(n.created_at)}</span>
              </div>
              {n.body ? <p style={{ margin: "4px 0 0", whiteSpace: "pre-line" }}>{n.body}</p> : null}
            </li>
          ))}
        </ul>
      )}
      <Pagination page={page} pageSize={pageSize} total={total} />
    </>
  );
}
