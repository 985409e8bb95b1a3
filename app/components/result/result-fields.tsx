import { PATENT_KINDS, PATENT_STATUSES, TRANSFER_MODES } from "../../../db/vocabulary";
import { TRL_STAGES, patentKindLabels, patentStatusLabels, stageLabels, transferModeLabels, trlStage } from "../../utils/labels";
import { fenToWanInput } from "../../utils/money";
import { MAX_PATENTS } from "../../utils/patent-number";
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

const list = (v: string | string[] | undefined) => (v == null ? undefined : Array.isArray(v) ? v : [v]);

/** How many patent rows to offer: those saved (or posted, after a refusal) and two more. */
function patentRowCount(answer: FormAnswer | undefined, saved: number): number {
  const echoed = answer ? Object.keys(answer.values).filter((k) => /^patents\[\d+\]\.number$/.test(k)).length : 0;
  return Math.min(MAX_PATENTS, Math.max(MIN_PATENT_ROWS, (answer ? echoed : saved) + 2));
}

/** One patent: number, kind and status, posted as `patents[i].number/.kind/.status`. */
function PatentRow({ index, answer, saved }: { index: number; answer?: FormAnswer; saved?: { number: string; kind: string; status: string } }) {
  const name = (part: string) => `patents[${index}].${part}`;
  const echoed = answer?.values[name("number")];
  return (
    <div className="grid" style={{ gridTemplateColumns: "2fr 1fr 1fr", gap: 8, marginBottom: 8 }}>
      <div>
        <label htmlFor={`patentNumber-${index}`} className="small">专利号 {index + 1}</label>
        <input id={`patentNumber-${index}`} type="text" name={name("number")} maxLength={24} defaultValue={typeof echoed === "string" ? echoed : (saved?.number ?? "")} />
      </div>
      <SelectField plain id={`patentKind-${index}`} name={name("kind")} label="类型" labelClassName="small" answer={answer} defaultValue={saved?.kind ?? "invention"} placeholder={null} options={PATENT_KINDS.map((k) => [k, patentKindLabels[k]] as const)} />
      <SelectField plain id={`patentStatus-${index}`} name={name("status")} label="状态" labelClassName="small" answer={answer} defaultValue={saved?.status ?? "granted"} placeholder={null} options={PATENT_STATUSES.map((k) => [k, patentStatusLabels[k]] as const)} />
    </div>
  );
}

export function ResultFields({ answer, fields, industries, d = {} }: { answer?: FormAnswer; fields: { code: string; name: string }[]; industries: IndustryOption[]; d?: ResultDefaults }) {
  const modes = list(answer?.values.transferModes) ?? d.transferModes ?? [];
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
        {Array.from({ length: patentRowCount(answer, d.patents?.length ?? 0) }, (_, i) => (
          <PatentRow key={i} index={i} answer={answer} saved={answer ? undefined : d.patents?.[i]} />
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
