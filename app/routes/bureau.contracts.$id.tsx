import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { FileList } from "../components/ui/attachments";
import { PostForm, SubmitButton, isFormAnswer } from "../components/ui/form";
import { listDocuments } from "../models/shared";
import { cancelContract, getContract } from "../models/contract";
import { cancelSchema } from "../schemas/contract";
import { parse } from "../schemas/parse";
import { getDb } from "../utils/db.server";
import { attempt, invalid, readForm, load } from "../web/form.server";
import { paramId } from "../utils/http.server";
import {
  contractStatusLabels,
  contractSubtypeLabels,
  contractTypeLabels,
  flowLabels,
  originKindLabels,
  partyKindLabels,
  paymentLabels,
  regionLabels,
} from "../utils/labels";
import { fenToWan, fenToYuan } from "../utils/money";
import { requireBureau } from "../web/session.server";
import { formatDateTime } from "../utils/time";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.contract.reg_no ?? "技术合同"} · 技术合同 · 利州技术转移对接平台` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const officer = await requireBureau(request);
  const found = await load(() => getContract(getDb(), paramId(params.id)));
  const { contract, revisions } = found;
  return json({
    contract,
    files: await listDocuments(getDb(), officer, "contract", contract.id),
    revisions: revisions.map((r) => ({ id: r.id, action: r.action, reason: r.reason, created_at: r.created_at, actor_name: r.actor_name, changes: r.changes })),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const officer = await requireBureau(request);
  const values = await readForm(request);
  const id = paramId(params.id);
  const parsed = parse(cancelSchema, values);
  if (!parsed.ok) return invalid(parsed.errors, values);
  const r = await attempt(() => cancelContract(getDb(), officer, id, parsed.data.version, parsed.data.reason), values);
  return r.ok ? redirect(`/bureau/contracts/${id}`) : r.response;
}

const actionLabels = { register: "登记", import: "导入登记", amend: "更正", cancel: "撤销" } as const;
const money = (fen: number) => `${fenToYuan(fen)} 元（${fenToWan(fen)} 万元）`;

export default function ContractPage() {
  const { contract: c, revisions, files } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const a = isFormAnswer(answer) ? answer : undefined;
  const cancelled = c.status === "cancelled";
  return (
    <>
      <p className="muted small"><Link to="/bureau/contracts">技术合同</Link> / {c.reg_no}</p>
      <h1>{c.title}</h1>
      <p className="row">
        <span className={`badge ${cancelled ? "danger" : c.status === "amended" ? "warn" : "ok"}`}>{contractStatusLabels[c.status]}</span>
        <span className="muted">登记号 {c.reg_no}</span>
        {!cancelled ? <Link className="btn secondary small" to="edit">更正</Link> : null}
      </p>
      {cancelled ? <p className="alert warn">已撤销：{c.cancel_reason}。撤销的合同保留在台账中，但不计入任何统计。</p> : null}
      <section className="card" aria-labelledby="facts">
        <h2 id="facts">合同信息</h2>
        <dl className="facts">
          <dt>合同类型</dt><dd>{contractTypeLabels[c.type]} · {contractSubtypeLabels[c.subtype]}</dd>
          <dt>签订日期</dt><dd>{c.signed_on}</dd>
          <dt>登记日期</dt><dd>{c.registered_on}</dd>
          <dt>有效期</dt><dd>{c.valid_from} 至 {c.valid_until}</dd>
          <dt>卖方</dt><dd>{c.seller_org_id ? <Link to={`/orgs/${c.seller_org_id}`}>{c.seller_name}</Link> : c.seller_name}（{partyKindLabels[c.seller_kind]} · {regionLabels[c.seller_region]} · {c.seller_credit_code}）</dd>
          <dt>买方</dt><dd>{c.buyer_org_id ? <Link to={`/orgs/${c.buyer_org_id}`}>{c.buyer_name}</Link> : c.buyer_name}（{partyKindLabels[c.buyer_kind]} · {regionLabels[c.buyer_region]} · {c.buyer_credit_code}）</dd>
          <dt>流向</dt><dd>{flowLabels[c.flow]}</dd>
          <dt>合同成交额</dt><dd>{money(c.total_fen)}</dd>
          <dt>技术交易额</dt><dd>{money(c.tech_fen)}</dd>
          <dt>非技术性费用</dt>
          <dd>{c.non_tech_items.length ? c.non_tech_items.map((i) => `${i.name} ${fenToYuan(i.fen)} 元`).join("；") : "无"}</dd>
          <dt>技术领域</dt><dd>{c.field_name}</dd>
          <dt>产业领域</dt><dd>{c.industry_name ?? "未标注"}</dd>
          <dt>支付方式</dt><dd>{paymentLabels[c.payment]}</dd>
          <dt>来源</dt>
          <dd>
            {originKindLabels[c.origin_kind]}
            {c.origin_challenge_id ? <> · 榜单 <Link to={`/challenges/${c.origin_challenge_id}`}>#{c.origin_challenge_id} {c.challenge_title}</Link>{c.origin_bid_id ? `（中选揭榜申请 #${c.origin_bid_id}）` : ""}</> : null}
            {c.origin_result_id ? <> · 成果 <Link to={`/results/${c.origin_result_id}`}>#{c.origin_result_id} {c.result_title}</Link></> : null}
            {c.origin_meeting_id ? <> · 对接会洽谈 #{c.origin_meeting_id}</> : null}
          </dd>
        </dl>
      </section>
      <section className="card" aria-labelledby="scans">
        <h2 id="scans">合同文本扫描件</h2>
        <FileList files={files} empty="尚未上传。可在“更正”中上传扫描件。" />
      </section>
      <section className="card" aria-labelledby="history">
        <h2 id="history">修改记录</h2>
        <ol className="timeline">
          {revisions.map((r) => (
            <li key={r.id}>
              <strong>{actionLabels[r.action]}</strong> · {r.actor_name} · <span className="muted">{formatDateTime(r.created_at)}</span>
              {r.reason ? <div>理由：{r.reason}</div> : null}
              {r.changes.length ? (
                <div className="table-wrap">
                  <table className="responsive small">
                    <thead><tr><th>项目</th><th>修改前</th><th>修改后</th></tr></thead>
                    <tbody>
                      {r.changes.map((ch) => (
                        <tr key={ch.field}>
                          <td data-label="项目">{ch.label}</td>
                          <td data-label="修改前">{ch.before}</td>
                          <td data-label="修改后">{ch.after}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              ) : null}
            </li>
          ))}
        </ol>
      </section>
      {!cancelled ? (
        <section className="card" aria-labelledby="cancel">
          <h2 id="cancel">撤销登记</h2>
          <p className="muted small">撤销后合同仍保留在台账和修改记录中，但不再计入任何统计。撤销不可恢复。</p>
          <PostForm>
            <input type="hidden" name="version" value={c.version} />
            <label htmlFor="cancel-reason">撤销理由</label>
            <textarea id="cancel-reason" name="reason" required maxLength={500} placeholder="例如：与另一登记号重复录入" aria-invalid={a?.errors.reason ? true : undefined} aria-describedby={a?.errors.reason ? "cancel-reason-error" : undefined} />
            {a?.errors.reason ? <div className="error" id="cancel-reason-error">{a.errors.reason.join("；")}</div> : null}
            <p style={{ marginTop: 12 }}><SubmitButton className="btn danger">撤销登记</SubmitButton></p>
          </PostForm>
        </section>
      ) : null}
    </>
  );
}
