import { Form, Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { SelectField } from "./form";
import { IndustryOptions, type IndustryOption } from "./industry-select";

/**
 * A GET filter form: works without JavaScript and keeps its values in the address, so a filtered
 * list can be shared and paginated; two columns on a phone.
 */
export function FilterForm({ label, clearTo, children }: { label: string; clearTo: string; children: ReactNode }) {
  return (
    <Form method="get" className="card" aria-label={label}>
      <div className="grid filter-grid">{children}</div>
      <div className="row" style={{ marginTop: 12 }}>
        <button className="btn" type="submit">筛选</button>
        <Link to={clearTo}>清除条件</Link>
      </div>
    </Form>
  );
}

export function KeywordFilter({ value, placeholder, label = "关键词" }: { value?: string; placeholder?: string; label?: string }) {
  return (
    <div>
      <label htmlFor="q">{label}</label>
      <input id="q" type="search" name="q" defaultValue={value ?? ""} maxLength={50} placeholder={placeholder} />
    </div>
  );
}

export function FieldFilter({ fields, value, label = "技术领域" }: { fields: { code: string; name: string }[]; value?: string; label?: string }) {
  return <SelectField plain id="field" name="field" label={label} defaultValue={value} placeholder="全部领域" emptyChoice options={fields.map((f) => [f.code, f.name] as const)} />;
}

/** 产业领域 (the plan's industries, grouped by sector) as a list filter named `industry`. */
export function IndustryFilter({ industries, value }: { industries: IndustryOption[]; value?: string }) {
  return (
    <SelectField plain id="industry" name="industry" label="产业领域" defaultValue={value} placeholder="全部产业" emptyChoice>
      <IndustryOptions industries={industries} />
    </SelectField>
  );
}

/** A 万元 range as two boxes named min and max. */
export function MoneyRangeFilter({ what, min, max }: { what: string; min?: string; max?: string }) {
  return (
    <>
      <div>
        <label htmlFor="min">{what}下限（万元）</label>
        <input id="min" type="text" inputMode="decimal" name="min" defaultValue={min ?? ""} maxLength={12} />
      </div>
      <div>
        <label htmlFor="max">{what}上限（万元）</label>
        <input id="max" type="text" inputMode="decimal" name="max" defaultValue={max ?? ""} maxLength={12} />
      </div>
    </>
  );
}
