import { useState } from "react";
import { SelectField, type FormAnswer } from "./form";

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

/** The optional 产业领域 select (contracts, where the 技术领域 stays a required field of its own). */
export function IndustryField({ industries, answer, defaultValue }: { industries: IndustryOption[]; answer?: FormAnswer; defaultValue?: string | null }) {
  return (
    <SelectField name="industryCode" label="产业领域" answer={answer} defaultValue={defaultValue} placeholder="未标注" emptyChoice hint="区“十四五”规划专栏中的重点产业，可不填">
      <IndustryOptions industries={industries} />
    </SelectField>
  );
}

/**
 * 产业领域 then 技术领域. Choosing an industry fills an empty 技术领域 with its mapped national field
 * (with JavaScript); without JavaScript the server does the same when 技术领域 is left empty.
 */
export function ClassificationFields({ fields, industries, answer, d }: { fields: { code: string; name: string }[]; industries: IndustryOption[]; answer?: FormAnswer; d: { fieldCode?: string; industryCode?: string | null } }) {
  const echoedField = answer?.values.fieldCode;
  const [field, setField] = useState((typeof echoedField === "string" ? echoedField : undefined) ?? d.fieldCode ?? "");
  return (
    <>
      <SelectField
        name="industryCode"
        label="产业领域"
        answer={answer}
        defaultValue={d.industryCode}
        placeholder="未标注"
        emptyChoice
        hint="区“十四五”规划专栏中的重点产业，如食品饮料、茶树品种；可不填"
        onChange={(code) => {
          const mapped = industries.find((i) => i.code === code)?.field_code;
          if (mapped && !field) setField(mapped);
        }}
      >
        <IndustryOptions industries={industries} />
      </SelectField>
      <SelectField
        name="fieldCode"
        label="技术领域（国家分类）"
        required="mark"
        answer={answer}
        value={field}
        onChange={setField}
        placeholder={industries.length ? "按产业领域对应" : "请选择"}
        emptyChoice
        options={fields.map((f) => [f.code, f.name] as const)}
        hint="已选产业领域时可不填，系统按产业领域对应的国家技术领域填写"
      />
    </>
  );
}
