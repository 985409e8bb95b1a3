import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { FilesSection } from "../components/ui/attachments";
import { Field, PostForm, SubmitButton, isFormAnswer } from "../components/ui/form";
import { listDocuments } from "../models/document.server";
import { getResultPage, markInterest, moveResult, replyToInterest } from "../models/result.server";
import { matchesForResult } from "../models/matching.server";
import { MatchList, MatchesUnavailable } from "../components/match-list";
import { interestSchema } from "../schemas/result";
import { idSchema } from "../schemas/fields";
import { parse } from "../schemas/parse";
import { getDb } from "../utils/db.server";
import { redirectWithNotice } from "../utils/flash.server";
import type { NoticeKey } from "../utils/notices";
import { attempt, invalid, readForm, load } from "../web/form.server";
import { createOnce } from "../web/form-key.server";
import { httpError, paramId } from "../utils/http.server";
import { patentKindLabels, patentStatusLabels, resultStatusLabels, transferModeLabels, trlStage } from "../utils/labels";
import { fenToWan } from "../utils/money";
import { getUser, requireUser } from "../web/session.server";
import { formatDate, formatDateTime } from "../utils/time";
import type { PatentKind, PatentStatus, TransferMode } from "../../db/schema";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.result.title} · 科技成果 · 利州技术转移对接平台` : "科技成果 · 利州技术转移对接平台" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = paramId(params.id);
  const viewer = await getUser(request);
  const r = await load(() => getResultPage(getDb(), viewer, id));
  return json({ ...r, matches: await matchesForResult(getDb(), id), signedIn: viewer != null, files: await listDocuments(getDb(), viewer, "result", id) });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const id = paramId(params.id);
  const user = await requireUser(request);
  const values = await readForm(request);
  const db = getDb();
  const back = (notice: NoticeKey) => redirectWithNotice(`/results/${id}`, notice);
  switch (values.intent) {
    case "publish":
    case "archive": {
      const move = values.intent;
      const r = await attempt(() => moveResult(db, user, id, move), values);
      return r.ok ? back(move === "publish" ? "resultPublished" : "resultArchived") : r.response;
    }
    case "interest": {
      const p = parse(interestSchema, values);
      if (!p.ok) return invalid(p.errors, values);
      const r = await attempt(() => createOnce(user, values, async () => (await markInterest(db, user, id, p.data.message), `/results/${id}`)), values);
      return r.ok ? back("interestSent") : r.response;
    }
    case "reply": {
      const p = parse(interestSchema, values);
      const interestId = idSchema.safeParse(values.interestId);
      if (!p.ok) return invalid(p.errors, values);
      const r = await attempt(() => replyToInterest(db, user, id, interestId.success ? interestId.data : -1, p.data.message), values);
      return r.ok ? back("replySent") : r.response;
    }
    default:
      throw httpError(400, "未知操作，请刷新页面后重试。");
  }
}


export default function ResultPage() {
  const { result: r, owner, bureau, interestCount, interests, canMarkInterest, signedIn, matches, files } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const a = isFormAnswer(answer) ? answer : undefined;
  return (
    <>
      <p className="muted small"><Link to="/results">科技成果</Link> / 成果</p>
      <div className="row" style={{ marginBottom: 8 }}>
        <h1 style={{ margin: 0 }}>{r.title}</h1>
        <span className={`badge ${r.status === "published" ? "ok" : "neutral"}`}>{resultStatusLabels[r.status]}</span>
      </div>
      <p className="muted">
        <Link to={`/orgs/${r.orgId}`}>{r.orgName}</Link> · {r.fieldName}{r.industryName ? <> · 产业领域 {r.industryName}</> : null}
        {r.publishedAt ? ` · ${formatDate(r.publishedAt)} 发布` : ""}
      </p>

      <section className="card grid stats" aria-label="成果要点">
        <div className="stat"><div className="num">TRL {r.trl}</div><div className="label">成熟度 · {trlStage(r.trl)}</div></div>
        <div className="stat"><div className="num">{r.priceFen == null ? "面议" : <>{fenToWan(r.priceFen)}<small className="small"> 万元</small></>}</div><div className="label">参考价格</div></div>
        <div className="stat"><div className="num" style={{ fontSize: "1.2rem" }}>{r.transferModes.map((m) => transferModeLabels[m as TransferMode]).join("、")}</div><div className="label">转化方式</div></div>
      </section>

      <section className="card" aria-labelledby="abstract">
        <h2 id="abstract">成果摘要</h2>
        <p style={{ whiteSpace: "pre-line" }}>{r.abstract}</p>
        <ul className="chips" aria-label="关键词">{r.keywords.map((k) => <li key={k}>{k}</li>)}</ul>
      </section>

      <section className="card" aria-labelledby="ip">
        <h2 id="ip">知识产权</h2>
        {r.patents.length === 0 ? <p className="muted">未登记专利。</p> : (
          <div className="table-wrap">
            <table className="responsive">
              <thead><tr><th>专利号</th><th>类型</th><th>状态</th></tr></thead>
              <tbody>
                {r.patents.map((p) => (
                  <tr key={p.number}>
                    <td data-label="专利号">{p.number}</td>
                    <td data-label="类型">{patentKindLabels[p.kind as PatentKind]}</td>
                    <td data-label="状态">{patentStatusLabels[p.status as PatentStatus]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <FilesSection files={files} />

      <section className="card" aria-labelledby="team">
        <h2 id="team">团队</h2>
        <p style={{ whiteSpace: "pre-line" }}>{r.team}</p>
        <h3>联系方式</h3>
        {r.contact ? (
          <dl className="facts">
            <dt>联系人</dt><dd>{r.contact.name}</dd>
            <dt>电话</dt><dd>{r.contact.phone}</dd>
            {r.contact.email ? (<><dt>邮箱</dt><dd>{r.contact.email}</dd></>) : null}
          </dl>
        ) : (
          <p className="muted">联系方式仅向已认证机构的用户展示。{signedIn ? "贵单位通过认证后即可查看。" : <><Link to={`/login?redirectTo=/results/${r.id}`}>登录</Link>后查看。</>}</p>
        )}
      </section>

      <section className="card" aria-labelledby="matches">
        <h2 id="matches">可能适用的揭榜榜单</h2>
        <p className="muted small">正在揭榜的榜单中与本成果相关的，按关键词相关度、技术领域、成熟度和价格综合排序。</p>
        {matches ? <MatchList items={matches} empty="目前没有与本成果相关的揭榜中榜单。" /> : <MatchesUnavailable />}
      </section>

      {owner ? (
        <section className="card" aria-label="管理成果">
          <div className="row">
            {r.status !== "archived" ? <Link className="btn secondary" to={`/results/${r.id}/edit`}>修改</Link> : null}
            {r.status === "draft" ? (
              <PostForm><input type="hidden" name="intent" value="publish" /><SubmitButton busyWhen="publish">发布成果</SubmitButton></PostForm>
            ) : null}
            {r.status === "published" ? (
              <PostForm><input type="hidden" name="intent" value="archive" /><SubmitButton className="btn danger" busyWhen="archive">下架</SubmitButton></PostForm>
            ) : null}
          </div>
        </section>
      ) : null}

      {canMarkInterest && interests.length === 0 ? (
        <PostForm creates className="card" aria-label="感兴趣" noValidate>
          <h2>对这项成果感兴趣</h2>
          <input type="hidden" name="intent" value="interest" />
          <Field name="message" label="留言" multiline required maxLength={1000} answer={a} hint="说明贵单位的应用场景和合作设想，成果团队会收到通知" />
          <SubmitButton busyWhen="interest">感兴趣，联系团队</SubmitButton>
        </PostForm>
      ) : null}

      {interests.length > 0 || interestCount != null ? (
        <section className="card" aria-labelledby="interests">
          <h2 id="interests">合作意向{interestCount != null ? `（${interestCount} 家企业）` : ""}</h2>
          {interests.length === 0 ? <p className="muted">还没有企业表达意向。</p> : null}
          {interests.map((t) => (
            <article key={t.id} className="card" aria-label={`${t.org_name} 的合作意向`}>
              <h3>{t.org_name}</h3>
              <ol className="timeline">
                {t.messages.map((m) => (
                  <li key={m.id}>
                    <strong>{m.author}</strong><span className="muted small">（{m.author_org}）· {formatDateTime(m.created_at)}</span>
                    <div style={{ whiteSpace: "pre-line" }}>{m.body}</div>
                  </li>
                ))}
              </ol>
              {!bureau ? (
                <PostForm noValidate>
                  <input type="hidden" name="intent" value="reply" />
                  <input type="hidden" name="interestId" value={t.id} />
                  <label htmlFor={`reply-${t.id}`}>回复</label>
                  <textarea id={`reply-${t.id}`} name="message" required maxLength={1000} />
                  <SubmitButton busyWhen="reply">发送回复</SubmitButton>
                </PostForm>
              ) : null}
            </article>
          ))}
        </section>
      ) : null}
    </>
  );
}
