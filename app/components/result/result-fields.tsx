import { PATENT_KINDS, PATENT_STATUSES, TRANSFER_MODES } from "../../../db/vocabulary";
import { TRL_STAGES, patentKindLabels, patentStatusLabels, stageLabels, transferModeLabels, trlStage } from "../../utils/labels";
import { fenToWanInput } from "../../utils/money";
import { Field, SelectField, type FormAnswer } from "../ui/form";
import { ClassificationFields, type IndustryOption } from "../ui/industry-select";

export interface ResultDefaults {
  title?: string;
  abstract?: string;
  fieldCode?: string;
  industryCode?: string | null;
  keywords?: string[];
  trl?: number;
  transferModes?: string[];
  priceFen?: number | null;
  team?: string;
  contact?: { name: string; phone: string; email: string | null } | null;
  patents?: { number: string; kind: string; status: string }[];
}

/** Room for the existing patents plus a few blank rows, without JavaScript; blank rows are ignored. */
const MIN_PATENT_ROWS = 5;
const MAX_PATENT_ROWS = 20;

const list = (v: string | string[] | undefined) => (v == null ? undefined : Array.isArray(v) ? v : [v]);

export function ResultFields({ answer, fields, industries, d = {} }: { answer?: FormAnswer; fields: { code: string; name: string }[]; industries: IndustryOption[]; d?: ResultDefaults }) {
  const modes = list(answer?.values.transferModes) ?? d.transferModes ?? [];
  const numbers = list(answer?.values.patentNumber) ?? d.patents?.map((p) => p.number) ?? [];
  const kinds = list(answer?.values.patentKind) ?? d.patents?.map((p) => p.kind) ?? [];
  const statuses = list(answer?.values.patentStatus) ?? d.patents?.map((p) => p.status) ?? [];
  return (
    <>
      <Field name="title" label="成果名称" answer={answer} required maxLength={80} defaultValue={d.title} />
      <Field name="abstract" label="成果摘要" answer={answer} required multiline maxLength={3000} defaultValue={d.abstract} hint="技术原理、主要性能指标、应用场景（20 字以上），所有访客可见" />
      <ClassificationFields fields={fields} industries={industries} answer={answer} d={d} />
      <Field name="keywords" label="关键词" answer={answer} required maxLength={200} defaultValue={d.keywords?.join("、")} hint="1–8 个，用顿号或逗号分隔" />
      <SelectField
        name="trl"
        label="成熟度"
        answer={answer}
        required
        defaultValue={d.trl != null ? String(d.trl) : undefined}
        options={[1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => [String(n), `TRL ${n} · ${trlStage(n)}`] as const)}
        hint={TRL_STAGES.map(([s, , min, max]) => `${min}–${max} ${stageLabels[s]}`).join("，")}
      />
      <fieldset>
        <legend>转化方式<span className="req" aria-hidden="true">*</span></legend>
        <div className="choices">
          {TRANSFER_MODES.map((m) => (
            <label key={m}>
              <input type="checkbox" name="transferModes" value={m} defaultChecked={modes.includes(m)} /> {transferModeLabels[m]}
            </label>
          ))}
        </div>
        {answer?.errors.transferModes ? <div className="error" role="alert">{answer.errors.transferModes.join("；")}</div> : null}
      </fieldset>
      <Field name="price" label="参考价格（万元）" answer={answer} maxLength={16} defaultValue={d.priceFen != null ? fenToWanInput(d.priceFen) : undefined} hint="不填表示面议" />
      <Field name="team" label="团队" answer={answer} required multiline maxLength={2000} defaultValue={d.team} />
      <fieldset>
        <legend>知识产权（专利）</legend>
        <p className="hint">如 ZL201710601862.3；系统会核对校验位，并检查类型位与所选类型是否一致。没有可不填。</p>
        {answer?.errors.patents ? <div className="error" role="alert">{answer.errors.patents.join("；")}</div> : null}
        {Array.from({ length: Math.min(MAX_PATENT_ROWS, Math.max(MIN_PATENT_ROWS, numbers.length + 2)) }, (_, i) => (
          <div key={i} className="grid" style={{ gridTemplateColumns: "2fr 1fr 1fr", gap: 8, marginBottom: 8 }}>
            <div>
              <label htmlFor={`patentNumber-${i}`} className="small">专利号 {i + 1}</label>
              <input id={`patentNumber-${i}`} type="text" name="patentNumber" maxLength={24} defaultValue={numbers[i] ?? ""} />
            </div>
            <div>
              <label htmlFor={`patentKind-${i}`} className="small">类型</label>
              <select id={`patentKind-${i}`} name="patentKind" defaultValue={kinds[i] ?? "invention"}>
                {PATENT_KINDS.map((k) => <option key={k} value={k}>{patentKindLabels[k]}</option>)}
              </select>
            </div>
            <div>
              <label htmlFor={`patentStatus-${i}`} className="small">状态</label>
              <select id={`patentStatus-${i}`} name="patentStatus" defaultValue={statuses[i] ?? "granted"}>
                {PATENT_STATUSES.map((k) => <option key={k} value={k}>{patentStatusLabels[k]}</option>)}
              </select>
            </div>
          </div>
        ))}
      </fieldset>
      <fieldset>
        <legend>联系方式（仅对已认证机构的用户公开）</legend>
        <Field name="contactName" label="联系人" answer={answer} required maxLength={30} defaultValue={d.contact?.name} />
        <Field name="contactPhone" label="联系电话" type="tel" answer={answer} required maxLength={20} defaultValue={d.contact?.phone} />
        <Field name="contactEmail" label="联系邮箱" type="email" answer={answer} maxLength={254} defaultValue={d.contact?.email} />
      </fieldset>
    </>
  );
}
