import { Field, SelectField, type FormAnswer } from "../ui/form";
import { CONTRACT_TYPES, PARTY_KINDS, PAYMENTS, REGIONS } from "../../../db/vocabulary";
import { contractSubtypeLabels, contractTypeLabels, orgKindLabels, partyKindLabels, paymentLabels, regionLabels } from "../../utils/labels";
import { subtypesOf } from "../../models/contract";
import type { OrgKind, Region } from "../../../db/schema";
import { IndustryField, type IndustryOption } from "../ui/industry-select";

export interface ContractFormOptions {
  orgs: { id: number; name: string; kind: OrgKind; region: Region }[];
  challenges: { id: number; title: string }[];
  results: { id: number; title: string }[];
  fields: { code: string; name: string }[];
  industries: IndustryOption[];
}

/** Starting values of the form (a contract being amended, or a draft from a challenge). */
export type ContractDefaults = Partial<Record<string, string>>;

function PartyFields({ side, label, options, answer, d }: { side: "seller" | "buyer"; label: string; options: ContractFormOptions; answer?: FormAnswer; d: ContractDefaults }) {
  return (
    <fieldset>
      <legend>{label}</legend>
      <SelectField
        name={`${side}OrgId`}
        label="平台机构"
        placeholder="不是平台机构：在下方填写外部单位"
        emptyChoice
        hint="选择平台上已认证的机构时，名称、信用代码、地区和类型按机构资料登记，下方无需填写。"
        answer={answer}
        defaultValue={d[`${side}OrgId`]}
        options={options.orgs.map((o) => [String(o.id), `${o.name}（${orgKindLabels[o.kind]} · ${regionLabels[o.region]}）`])}
      />
      <div className="grid">
        <Field name={`${side}Name`} label={`${label}名称`} answer={answer} defaultValue={d[`${side}Name`]} maxLength={100} />
        <Field name={`${side}CreditCode`} label="统一社会信用代码" answer={answer} defaultValue={d[`${side}CreditCode`]} maxLength={24} hint="18 位，校验位会被核对" />
        <SelectField name={`${side}Region`} label="所在地区" emptyChoice answer={answer} defaultValue={d[`${side}Region`]} options={REGIONS.map((r) => [r, regionLabels[r]])} />
        <SelectField name={`${side}Kind`} label="单位类型" emptyChoice answer={answer} defaultValue={d[`${side}Kind`]} options={PARTY_KINDS.map((k) => [k, partyKindLabels[k]])} />
      </div>
    </fieldset>
  );
}

/** Every field of a technology contract; the same for registering and amending. */
export function ContractFields({ answer, options, defaults: d, regNoLocked }: { answer?: FormAnswer; options: ContractFormOptions; defaults: ContractDefaults; regNoLocked?: boolean }) {
  return (
    <>
      <fieldset>
        <legend>合同基本信息</legend>
        <div className="grid">
          {regNoLocked ? (
            <div className="field">
              <span className="label">登记号</span>
              <input type="hidden" name="regNo" value={d.regNo} />
              <div>{d.regNo}（登记号不能更正）</div>
            </div>
          ) : (
            <Field name="regNo" label="登记号" required answer={answer} defaultValue={d.regNo} maxLength={20} inputMode="numeric" hint="登记机构编制的 16 位数字" />
          )}
          <SelectField name="typeSubtype" label="合同类型" required answer={answer} defaultValue={d.type && d.subtype ? `${d.type}/${d.subtype}` : undefined} errorNames={["type", "subtype"]}>
            {CONTRACT_TYPES.map((t) => (
              <optgroup key={t} label={contractTypeLabels[t]}>
                {subtypesOf[t].map((s) => <option key={s} value={`${t}/${s}`}>{contractTypeLabels[t]} · {contractSubtypeLabels[s]}</option>)}
              </optgroup>
            ))}
          </SelectField>
        </div>
        <Field name="title" label="项目名称" required answer={answer} defaultValue={d.title} maxLength={100} />
        <div className="grid">
          <Field name="signedOn" label="签订日期" type="date" required answer={answer} defaultValue={d.signedOn} />
          <Field name="registeredOn" label="登记日期" type="date" required answer={answer} defaultValue={d.registeredOn} hint="按登记日期计入年度统计" />
          <Field name="validFrom" label="有效期起" type="date" required answer={answer} defaultValue={d.validFrom} />
          <Field name="validUntil" label="有效期止" type="date" required answer={answer} defaultValue={d.validUntil} />
        </div>
        <div className="grid">
          <SelectField name="fieldCode" label="技术领域" required answer={answer} defaultValue={d.fieldCode} options={options.fields.map((f) => [f.code, f.name] as const)} />
          <IndustryField industries={options.industries} answer={answer} defaultValue={d.industryCode} />
          <SelectField name="payment" label="支付方式" required answer={answer} defaultValue={d.payment} options={PAYMENTS.map((p) => [p, paymentLabels[p]] as const)} />
        </div>
      </fieldset>
      <PartyFields side="seller" label="卖方" options={options} answer={answer} d={d} />
      <PartyFields side="buyer" label="买方" options={options} answer={answer} d={d} />
      <fieldset>
        <legend>金额</legend>
        <div className="grid">
          <Field name="total" label="合同成交额（元）" required answer={answer} defaultValue={d.total} maxLength={24} inputMode="text" hint="精确到分，如 1250000.00；也可写 125万" />
          <Field name="tech" label="技术交易额（元）" required answer={answer} defaultValue={d.tech} maxLength={24} inputMode="text" hint="成交额扣除设备、材料等非技术性费用后的金额" />
        </div>
        <Field name="nonTechItems" label="非技术性费用明细" multiline answer={answer} defaultValue={d.nonTechItems} maxLength={2000} hint="每行一项：名称 金额（元），如“设备购置 120000.00”；合计须等于成交额减技术交易额" />
      </fieldset>
      <fieldset>
        <legend>来源（可选）</legend>
        <div className="grid">
          <SelectField name="originChallengeId" label="来源榜单（揭榜挂帅）" placeholder="无" emptyChoice answer={answer} defaultValue={d.originChallengeId} hint="中选的揭榜申请自动作为来源" options={options.challenges.map((c) => [String(c.id), `#${c.id} ${c.title}`])} />
          <SelectField name="originResultId" label="来源科技成果" placeholder="无" emptyChoice answer={answer} defaultValue={d.originResultId} options={options.results.map((r) => [String(r.id), `#${r.id} ${r.title}`])} />
        </div>
      </fieldset>
    </>
  );
}
