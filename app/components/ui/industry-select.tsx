import { useState } from "react";
import type { FormAnswer } from "./form";

/** A 产业领域 as the browser sees it (focus_fields). */
export interface IndustryOption {
  code: string;
  name: string;
  sector: string;
  field_code: string;
}

const SECTORS = ["工业", "农业", "民生"] as const;

/** The plan's industries as <optgroup>s by sector (工业/农业/民生). */
export function IndustryOptions({ industries }: { industries: IndustryOption[] }) {
  return (
    <>
      {SECTORS.map((sector) => (
        <optgroup key={sector} label={sector}>
          {industries.filter((i) => i.sector === sector).map((i) => <option key={i.code} value={i.code}>{i.name}</option>)}
        </optgroup>
      ))}
    </>
  );
}

const answered = (answer: FormAnswer | undefined, name: string) => (typeof answer?.values[name] === "string" ? (answer.values[name] as string) : undefined);

function Errors({ id, answer, name }: { id: string; answer?: FormAnswer; name: string }) {
  const errors = answer?.errors[name];
  return errors ? <div className="error" id={`${id}-error`}>{errors.join("；")}</div> : null;
}

/** The optional 产业领域 select (contracts, where the 技术领域 stays a required field of its own). */
export function IndustryField({ industries, answer, defaultValue }: { industries: IndustryOption[]; answer?: FormAnswer; defaultValue?: string | null }) {
  const errors = answer?.errors.industryCode;
  return (
    <div className="field">
      <label htmlFor="f-industryCode">产业领域</label>
      <select id="f-industryCode" name="industryCode" defaultValue={answered(answer, "industryCode") ?? defaultValue ?? ""} aria-invalid={errors ? true : undefined} aria-describedby={errors ? "f-industryCode-error" : "f-industryCode-hint"}>
        <option value="">未标注</option>
        <IndustryOptions industries={industries} />
      </select>
      <div className="hint" id="f-industryCode-hint">区“十四五”规划专栏中的重点产业，可不填</div>
      <Errors id="f-industryCode" answer={answer} name="industryCode" />
    </div>
  );
}

/**
 * 产业领域 then 技术领域. Choosing an industry fills an empty 技术领域 with its mapped national field
 * (with JavaScript); without JavaScript the server does the same when 技术领域 is left empty.
 */
export function ClassificationFields({ fields, industries, answer, d }: { fields: { code: string; name: string }[]; industries: IndustryOption[]; answer?: FormAnswer; d: { fieldCode?: string; industryCode?: string | null } }) {
  const [field, setField] = useState(answered(answer, "fieldCode") ?? d.fieldCode ?? "");
  const fieldErrors = answer?.errors.fieldCode;
  const industryErrors = answer?.errors.industryCode;
  return (
    <>
      <div className="field">
        <label htmlFor="f-industryCode">产业领域</label>
        <select
          id="f-industryCode"
          name="industryCode"
          defaultValue={answered(answer, "industryCode") ?? d.industryCode ?? ""}
          aria-invalid={industryErrors ? true : undefined}
          aria-describedby={industryErrors ? "f-industryCode-error" : "f-industryCode-hint"}
          onChange={(e) => {
            const mapped = industries.find((i) => i.code === e.currentTarget.value)?.field_code;
            if (mapped && !field) setField(mapped);
          }}
        >
          <option value="">未标注</option>
          <IndustryOptions industries={industries} />
        </select>
        <div className="hint" id="f-industryCode-hint">区“十四五”规划专栏中的重点产业，如食品饮料、茶树品种；可不填</div>
        <Errors id="f-industryCode" answer={answer} name="industryCode" />
      </div>
      <div className="field">
        <label htmlFor="f-fieldCode">技术领域（国家分类）<span className="req" aria-hidden="true">*</span></label>
        <select id="f-fieldCode" name="fieldCode" value={field} onChange={(e) => setField(e.currentTarget.value)} aria-invalid={fieldErrors ? true : undefined} aria-describedby={fieldErrors ? "f-fieldCode-error" : "f-fieldCode-hint"}>
          <option value="">{industries.length ? "按产业领域对应" : "请选择"}</option>
          {fields.map((f) => <option key={f.code} value={f.code}>{f.name}</option>)}
        </select>
        <div className="hint" id="f-fieldCode-hint">已选产业领域时可不填，系统按产业领域对应的国家技术领域填写</div>
        <Errors id="f-fieldCode" answer={answer} name="fieldCode" />
      </div>
    </>
  );
}
