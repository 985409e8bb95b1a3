import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { ContractFields, type ContractDefaults } from "../components/contract/contract-fields";
import { Attachments } from "../components/ui/attachments";
import { PostForm, SubmitButton, isFormAnswer } from "../components/ui/form";
import { attachmentSlots } from "../models/shared";
import { contractFormOptions, draftFromChallenge, registerContract, cooperationDefaults } from "../models/contract";
import { contractSchema } from "../schemas/contract";
import { parse, parseQuery } from "../schemas/parse";
import { getDb } from "../utils/db.server";
import { attempt, invalid } from "../web/form.server";
import { redirectWithNotice } from "../utils/flash.server";
import { createOnce } from "../web/form-key.server";
import { fenToYuanPlain } from "../utils/money";
import { requireBureau } from "../web/session.server";
import { readFormWithFiles } from "../web/upload.server";
import { beijingDate } from "../utils/time";
import { contractDraftQuerySchema } from "../schemas/query";

export const meta: MetaFunction = () => [{ title: "登记技术合同 · 区科技局 · 利州技术转移对接平台" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireBureau(request);
  const db = getDb();
  const from = parseQuery(contractDraftQuerySchema, request).challenge;
  const draft = from != null ? await draftFromChallenge(db, from) : null;
  const today = beijingDate();
  const defaults: ContractDefaults = { registeredOn: today, validFrom: today };
  if (draft) {
    // A contract that came out of 揭榜挂帅: the winner sells, the enterprise buys, the signed amount is the start.
    const [type, subtype] = cooperationDefaults[draft.cooperation];
    Object.assign(defaults, {
      title: draft.title,
      type,
      subtype,
      fieldCode: draft.field_code,
      industryCode: draft.industry_code ?? undefined,
      signedOn: draft.signed_on ?? "",
      validFrom: draft.signed_on ?? today,
      sellerOrgId: draft.winner_org_id != null ? String(draft.winner_org_id) : "",
      buyerOrgId: String(draft.org_id),
      total: draft.contract_amount_fen != null ? fenToYuanPlain(draft.contract_amount_fen) : "",
      tech: draft.contract_amount_fen != null ? fenToYuanPlain(draft.contract_amount_fen) : "",
      originChallengeId: String(draft.id),
    });
  }
  return json({ options: await contractFormOptions(db), defaults, fromChallenge: draft ? { id: draft.id, title: draft.title } : null, slots: attachmentSlots("contract") });
}

export async function action({ request }: ActionFunctionArgs) {
  const officer = await requireBureau(request);
  const form = await readFormWithFiles(request, "contract");
  if (!form.ok) return form.response;
  const { values, changes } = form;
  const parsed = parse(contractSchema, values);
  if (!parsed.ok) return invalid(parsed.errors, values);
  const r = await attempt(() => createOnce(officer, values, async () => `/bureau/contracts/${await registerContract(getDb(), officer, parsed.data, changes)}`), values);
  return r.ok ? redirectWithNotice(r.value, "contractSaved") : r.response;
}

export default function NewContract() {
  const { options, defaults, fromChallenge, slots } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const a = isFormAnswer(answer) ? answer : undefined;
  return (
    <div className="card" style={{ maxWidth: 900, margin: "0 auto" }}>
      <p className="muted small"><Link to="/bureau/contracts">技术合同</Link> / 登记</p>
      <h1>登记技术合同</h1>
      {fromChallenge ? (
        <p className="alert info">
          已按榜单 <Link to={`/challenges/${fromChallenge.id}`}>#{fromChallenge.id} {fromChallenge.title}</Link> 的定榜和签约信息预填，请按合同原件核对。
        </p>
      ) : (
        <p className="muted">按合同原件和认定登记表填写。带 * 的为必填项；卖方或买方可选平台机构，也可填写外部单位。</p>
      )}
      <PostForm creates noValidate encType="multipart/form-data">
        <ContractFields answer={a} options={options} defaults={defaults} />
        <Attachments slots={slots} title="合同文本扫描件（区科技局和合同双方可见）" />
        <SubmitButton>登记</SubmitButton>
      </PostForm>
    </div>
  );
}
