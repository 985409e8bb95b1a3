import type { ReactNode } from "react";
import { milestoneExample } from "../../utils/time";
import { ACCEPTANCE_LEVELS } from "../../../db/vocabulary";
import { acceptanceLabels, recommendationLabels } from "../../utils/labels";
import { Attachments, type SlotView } from "../ui/attachments";
import { Field, FieldGroupError, PostForm, SelectField, SubmitButton, type FormAnswer } from "../ui/form";

/** Only the form that was submitted shows its errors again. */
export function answerFor(answer: FormAnswer | undefined, intent: string) {
  return answer?.values.intent === intent ? answer : undefined;
}

export function IntentForm({ intent, title, children, answer, files }: { intent: string; title: string; children: ReactNode; answer?: FormAnswer; files?: SlotView[] }) {
  const a = answerFor(answer, intent);
  return (
    <PostForm noValidate className="card" aria-label={title} encType={files ? "multipart/form-data" : undefined}>
      <h3>{title}</h3>
      <FieldGroupError errors={[...(a?.errors.reasons ?? []), ...(a?.errors.expertIds ?? [])]} />
      <input type="hidden" name="intent" value={intent} />
      {children}
    </PostForm>
  );
}

export function ReasonForm({ intent, title, label, button, danger, answer, hint, files }: { intent: string; title: string; label: string; button: string; danger?: boolean; answer?: FormAnswer; hint?: string; files?: SlotView[] }) {
  return (
    <IntentForm intent={intent} title={title} answer={answer} files={files}>
      <Field name="reason" label={label} multiline required maxLength={1000} answer={answerFor(answer, intent)} hint={hint} />
      {files ? <Attachments slots={files} scope={intent} title="附件（仅当事双方和区科技局可见）" /> : null}
      <SubmitButton className={danger ? "btn danger" : "btn"} busyWhen={intent}>{button}</SubmitButton>
    </IntentForm>
  );
}

export function SubmitForm() {
  return (
    <PostForm className="card" aria-label="提交审核">
      <h3>提交区科技局审核</h3>
      <p className="muted small">提交后不能再修改，除非区科技局退回。</p>
      <input type="hidden" name="intent" value="submit" />
      <SubmitButton busyWhen="submit">提交审核</SubmitButton>
    </PostForm>
  );
}

export interface ExpertOption {
  id: number;
  name: string;
  org_name: string | null;
  fields: string[];
  keywords: string[];
  conflict: "owner" | "bidder" | null;
  openReviews: number;
  recommended: string[] | null;
}

const conflictLabels = { owner: "与发榜企业同属一个机构", bidder: "所在机构已揭榜" } as const;

/**
 * One checkbox per pool expert, recommended ones first with why. A conflicted expert is shown with
 * the reason but cannot be ticked: assignment would refuse him anyway (assertNoConflict).
 */
export function ExpertsForm({ intent, title, experts, assigned, matchingAvailable, answer }: { intent: string; title: string; experts: ExpertOption[]; assigned: number[]; matchingAvailable: boolean; answer?: FormAnswer }) {
  const choices = experts.filter((e) => !assigned.includes(e.id));
  return (
    <IntentForm intent={intent} title={title} answer={answer}>
      {choices.length === 0 ? (
        <p className="muted">专家库中没有可指派的专家。</p>
      ) : (
        <fieldset>
          <legend>选择论证 / 评审专家</legend>
          <p className="hint">
            {matchingAvailable ? "标“推荐”的专家按关键词和技术领域与本榜单匹配，排在前面。" : "匹配推荐暂时不可用，专家按姓名排列。"}
            与发榜企业或揭榜单位同属一个机构的专家存在利益冲突，不能指派。
          </p>
          <ul className="expert-picker">
            {choices.map((e) => {
              const id = `expert-${intent}-${e.id}`;
              return (
                <li key={e.id}>
                  <input type="checkbox" id={id} name="expertIds" value={e.id} disabled={e.conflict != null} aria-describedby={`${id}-about`} />
                  <div>
                    <label htmlFor={id}>
                      {e.name}（{e.org_name ?? "未加入机构"}）
                      {e.recommended ? <span className="badge ok">推荐</span> : null}
                      {e.conflict ? <span className="badge danger">利益冲突</span> : null}
                    </label>
                    <div className="small muted" id={`${id}-about`}>
                      {e.conflict ? <div className="error">利益冲突：{conflictLabels[e.conflict]}，不能指派</div> : null}
                      {e.recommended ? <div>推荐理由：{e.recommended.join("；")}</div> : null}
                      <div>技术领域：{e.fields.join("、") || "未填写"} · 关键词：{e.keywords.join("、") || "未填写"}</div>
                      <div>在办评审：{e.openReviews} 项</div>
                    </div>
                  </div>
                </li>
              );
            })}
          </ul>
        </fieldset>
      )}
      <SubmitButton busyWhen={intent}>{intent === "send_to_review" ? "送专家论证" : "指派"}</SubmitButton>
    </IntentForm>
  );
}

export function OpinionForm({ answer }: { answer?: FormAnswer }) {
  const a = answerFor(answer, "give_opinion");
  return (
    <IntentForm intent="give_opinion" title="提交论证意见" answer={answer}>
      <SelectField name="recommendation" label="论证结论" answer={a} required options={Object.entries(recommendationLabels) as [string, string][]} />
      <Field name="opinion" label="论证意见" multiline required maxLength={3000} answer={a} hint="问题是否真实、指标是否合理、榜额是否适当" />
      <SubmitButton busyWhen="give_opinion">提交意见</SubmitButton>
    </IntentForm>
  );
}

/** `missingOpinions`: assigned experts who have not given an opinion; publishing then needs an override with a reason. */
export function PublishForm({ answer, missingOpinions }: { answer?: FormAnswer; missingOpinions: string[] }) {
  const a = answerFor(answer, "publish");
  return (
    <IntentForm intent="publish" title="发布揭榜（政府立题）" answer={answer}>
      <Field type="date" name="deadline" label="揭榜截止日期" required answer={a} hint="截止到所选日期 24 时（北京时间），不能早于今天" />
      <Field name="indicators" label="调整后的技术指标（可不填）" multiline maxLength={3000} answer={a} hint="专家论证后需要修订考核指标时填写，将替换原指标" />
      <Field name="bounty" label="调整后的榜额（万元，可不填）" maxLength={16} answer={a} />
      <Field name="note" label="立题意见" multiline maxLength={1000} answer={a} />
      {missingOpinions.length > 0 ? (
        <fieldset>
          <legend>未收齐专家意见</legend>
          <p className="alert warn">论证专家 {missingOpinions.join("、")} 尚未提交论证意见。</p>
          <label className="row" style={{ fontWeight: 400 }}>
            <input type="checkbox" name="overrideMissing" value="yes" defaultChecked={a?.values.overrideMissing === "yes"} style={{ width: 18, height: 18 }} />
            未收齐专家意见仍发布
          </label>
          <Field name="overrideReason" label="仍发布的理由" multiline maxLength={1000} answer={a} hint="勾选后必填；记入审计日志，仅区科技局可见" />
        </fieldset>
      ) : null}
      <SubmitButton busyWhen="publish">发布</SubmitButton>
    </IntentForm>
  );
}

export function SigningForm({ answer }: { answer?: FormAnswer }) {
  const a = answerFor(answer, "sign");
  return (
    <IntentForm intent="sign" title="登记签约" answer={answer}>
      <Field type="date" name="signedOn" label="签约日期" required answer={a} />
      <Field name="amount" label="合同金额（万元）" required maxLength={16} answer={a} />
      <Field name="milestones" label="里程碑" multiline required maxLength={4000} answer={a} hint={`每行一个：年-月-日 名称，如 ${milestoneExample()}`} />
      <SubmitButton busyWhen="sign">登记签约</SubmitButton>
    </IntentForm>
  );
}

export function AcceptanceForm({ answer, files }: { answer?: FormAnswer; files: SlotView[] }) {
  const a = answerFor(answer, "accept");
  return (
    <IntentForm intent="accept" title="验收" answer={answer} files={files}>
      <Field type="date" name="acceptedOn" label="验收日期" required answer={a} />
      <Field name="score" label="验收得分（0–100）" required maxLength={3} inputMode="numeric" answer={a} />
      <SelectField name="level" label="验收等级" required answer={a} options={ACCEPTANCE_LEVELS.map((l) => [l, acceptanceLabels[l]] as const)} hint="不合格将终止项目" />
      <Field name="note" label="验收意见" multiline maxLength={2000} answer={a} />
      <Attachments slots={files} scope="accept" title="验收意见等附件（仅当事双方和区科技局可见）" />
      <SubmitButton busyWhen="accept">登记验收</SubmitButton>
    </IntentForm>
  );
}

export function PaymentForm({ answer }: { answer?: FormAnswer }) {
  const a = answerFor(answer, "pay");
  return (
    <IntentForm intent="pay" title="登记兑现" answer={answer}>
      <Field type="date" name="paidOn" label="兑现日期" required answer={a} />
      <Field name="amount" label="兑现金额（万元）" required maxLength={16} answer={a} />
      <p className="hint">兑现后将关联技术合同登记记录（技术合同登记功能上线后可补登）。</p>
      <SubmitButton busyWhen="pay">登记兑现</SubmitButton>
    </IntentForm>
  );
}
