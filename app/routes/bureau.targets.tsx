import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { IndicatorTable } from "../components/dashboard/indicators";
import { Field, PostForm, SubmitButton, isFormAnswer } from "../components/ui/form";
import { targetsPage, saveIndicatorActual, saveSettings, lastPublication, publishPublicSnapshot } from "../models/contract";
import { indicatorActualSchema, settingsSchema } from "../schemas/contract";
import { parse } from "../schemas/parse";
import { getDb } from "../utils/db.server";
import { attempt, invalid, readForm } from "../web/form.server";
import { redirectWithNotice } from "../utils/flash.server";
import { AMOUNT_BASES, FLOWS } from "../../db/vocabulary";
import { amountBasisLabels, flowLabels } from "../utils/labels";
import { requireBureau } from "../web/session.server";
import { formatDateTime } from "../utils/time";

export const meta: MetaFunction = () => [{ title: "统计口径与指标 · 区科技局 · 利州技术转移对接平台" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireBureau(request);
  return json({ ...(await targetsPage(getDb())), published: await lastPublication(getDb()) });
}

export async function action({ request }: ActionFunctionArgs) {
  const officer = await requireBureau(request);
  const values = await readForm(request);
  if (values.intent === "publish") {
    const r = await attempt(() => publishPublicSnapshot(getDb(), officer));
    return r.ok ? redirectWithNotice("/bureau/targets", "snapshotPublished") : r.response;
  }
  if (values.intent === "settings") {
    const parsed = parse(settingsSchema, values);
    if (!parsed.ok) return invalid(parsed.errors, values);
    const r = await attempt(() => saveSettings(getDb(), officer, parsed.data), values);
    return r.ok ? redirectWithNotice("/bureau/targets", "settingsSaved") : r.response;
  }
  const parsed = parse(indicatorActualSchema, values);
  if (!parsed.ok) return invalid(parsed.errors, values);
  const r = await attempt(() => saveIndicatorActual(getDb(), officer, parsed.data), values);
  return r.ok ? redirectWithNotice("/bureau/targets", "indicatorSaved") : r.response;
}

export default function Targets() {
  const { settings, indicators, currentYear, published } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const a = isFormAnswer(answer) ? answer : undefined;
  const editable = indicators.filter((i) => !i.fromLedger);
  return (
    <>
      <p className="muted small">区科技局 · <Link to="/dashboard">数据看板</Link></p>
      <h1>统计口径与指标</h1>
      <section className="card" aria-labelledby="basis">
        <h2 id="basis">计入规划目标的口径</h2>
        <p className="muted small">决定数据看板和年度目标比较使用哪一个金额、哪些流向。默认：技术交易额，卖方在利州区的合同（输出与区内），按登记日期。</p>
        <PostForm>
          <input type="hidden" name="intent" value="settings" />
          <fieldset>
            <legend>计入金额</legend>
            <div className="choices">
              {AMOUNT_BASES.map((b) => (
                <label key={b}><input type="radio" name="amountBasis" value={b} defaultChecked={settings.amountBasis === b} /> {amountBasisLabels[b]}</label>
              ))}
            </div>
          </fieldset>
          <fieldset>
            <legend>计入流向</legend>
            <div className="choices">
              {FLOWS.map((f) => (
                <label key={f}><input type="checkbox" name="flows" value={f} defaultChecked={settings.flows.includes(f)} /> {flowLabels[f]}</label>
              ))}
            </div>
            {a?.errors.flows ? <div className="error">{a.errors.flows.join("；")}</div> : null}
          </fieldset>
          <SubmitButton busyWhen="settings">保存口径</SubmitButton>
        </PostForm>
      </section>
      <section className="card" aria-labelledby="publish">
        <h2 id="publish">公开数据</h2>
        <p className="muted small">
          公开的数据看板不读实时台账，只显示这里发布的快照（建议每月发布一次，口径修改后也请发布）。发布时逐年合并不足 3 份合同的类别，并核查本次与以往发布的全部公开数字相加减都得不出 1–2 份合同的金额；某年度自上次发布以来变化的合同太少时沿用上次的数字。
        </p>
        <p data-testid="last-publication">
          {published
            ? <>最近一次发布：{formatDateTime(published.publishedAt)}，{published.by}。{published.carried.length ? `沿用以往数字的年度：${published.carried.join("、")}。` : ""}</>
            : "尚未发布，公开页面目前显示“尚未发布公开数据”。"}
        </p>
        <PostForm>
          <input type="hidden" name="intent" value="publish" />
          <SubmitButton busyWhen="publish">发布公开数据</SubmitButton>
        </PostForm>
      </section>
      <section className="card" aria-labelledby="actuals">
        <h2 id="actuals">表1 指标年度实际值</h2>
        <p className="muted small">技术合同登记交易额由台账自动汇总；其他指标按统计部门公布的数据逐年填写，同一指标同一年度再次填写即为更正。</p>
        <PostForm>
          <input type="hidden" name="intent" value="indicator" />
          <div className="grid">
            <div className="field">
              <label htmlFor="f-indicatorId">指标</label>
              <select id="f-indicatorId" name="indicatorId" required defaultValue="">
                <option value="" disabled>请选择</option>
                {editable.map((i) => <option key={i.id} value={i.id}>{i.name}（{i.unit}）</option>)}
              </select>
            </div>
            <Field name="year" label="年度" required answer={a} defaultValue={String(currentYear - 1)} inputMode="numeric" maxLength={4} />
            <Field name="value" label="实际值" required answer={a} maxLength={16} hint="只填数字，如 1.52" />
            <Field name="note" label="说明" answer={a} maxLength={200} hint="数据来源等（可选）" />
          </div>
          <SubmitButton busyWhen="indicator">保存实际值</SubmitButton>
        </PostForm>
        <div style={{ marginTop: 16 }}>
          <IndicatorTable indicators={indicators} allYears />
        </div>
      </section>
    </>
  );
}
