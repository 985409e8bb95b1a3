import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { ContractFields } from "../components/contract/contract-fields";
import { Attachments } from "../components/ui/attachments";
import { Field, PostForm, SubmitButton, isFormAnswer } from "../components/ui/form";
import { attachmentSlots, listDocuments } from "../models/shared";
import { amendContract, contractFormOptions, contractForAmend } from "../models/contract";
import { amendSchema, contractSchema } from "../schemas/contract";
import { parse } from "../schemas/parse";
import { getDb } from "../utils/db.server";
import { attempt, invalid, load } from "../web/form.server";
import { httpError, paramId } from "../utils/http.server";
import { requireBureau } from "../web/session.server";
import { readFormWithFiles } from "../web/upload.server";

export const meta: MetaFunction = () => [{ title: "更正技术合同 · 区科技局 · 利州技术转移对接平台" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const officer = await requireBureau(request);
  const db = getDb();
  const contract = await load(() => contractForAmend(db, paramId(params.id)));
  if (contract.status === "cancelled") throw httpError(409, "该合同已撤销，不能再更正。");
  return json({ id: contract.id, version: contract.version, defaults: contract.values, options: await contractFormOptions(db), slots: attachmentSlots("contract"), files: await listDocuments(db, officer, "contract", contract.id) });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const officer = await requireBureau(request);
  const form = await readFormWithFiles(request, "contract");
  if (!form.ok) return form.response;
  const { values, changes } = form;
  const id = paramId(params.id);
  const meta = parse(amendSchema, values);
  const parsed = parse(contractSchema, values);
  if (!meta.ok || !parsed.ok) return invalid({ ...(parsed.ok ? {} : parsed.errors), ...(meta.ok ? {} : meta.errors) }, values);
  const r = await attempt(() => amendContract(getDb(), officer, id, meta.data.version, parsed.data, meta.data.reason, changes), values);
  return r.ok ? redirect(`/bureau/contracts/${id}`) : r.response;
}

export default function AmendContract() {
  const { id, version, defaults, options, slots, files } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const a = isFormAnswer(answer) ? answer : undefined;
  return (
    <div className="card" style={{ maxWidth: 900, margin: "0 auto" }}>
      <p className="muted small"><Link to="/bureau/contracts">技术合同</Link> / <Link to={`/bureau/contracts/${id}`}>{defaults.regNo}</Link> / 更正</p>
      <h1>更正技术合同</h1>
      <p className="muted">更正后的金额立即替换原金额计入统计；修改前后的内容、更正人和理由都记入修改记录。</p>
      <PostForm noValidate encType="multipart/form-data">
        <input type="hidden" name="version" value={version} />
        <ContractFields answer={a} options={options} defaults={defaults} regNoLocked />
        <Attachments slots={slots} existing={files} title="合同文本扫描件（区科技局和合同双方可见）" />
        <Field name="reason" label="更正理由" required multiline answer={a} maxLength={500} hint="例如：按合同补充协议调整技术交易额" />
        <SubmitButton>保存更正</SubmitButton>
      </PostForm>
    </div>
  );
}
