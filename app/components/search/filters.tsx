import { Form, Link } from "@remix-run/react";
import type { SearchFacets } from "../../../search/engine";
import { challengeStatusLabels, regionLabels, TRL_STAGES } from "../../utils/labels";
import { REGIONS } from "../../../db/vocabulary";
import { fenToWanInput } from "../../utils/money";

/** The address of the current search with one parameter changed; any filter change goes back to page 1. */
export type WithParam = (key: string, value: string | null) => string;

const SEARCH_STATUS_LABELS: Record<string, string> = { ...challengeStatusLabels, expert: "入库专家", researcher: "科研人员" };
export const FILTER_KEYS = ["field", "industry", "status", "stage", "region", "amountMin", "amountMax"] as const;

/** One facet as links with counts: 不限 first, then the values that have matches (or are selected). */
function FacetLinks({ label, param, value, counts, names, withParam }: { label: string; param: string; value: string | null; counts: Record<string, number>; names: [string, string][]; withParam: WithParam }) {
  const shown = names.filter(([v]) => (counts[v] ?? 0) > 0 || v === value);
  if (shown.length === 0) return null;
  return (
    <div className="facet" role="group" aria-label={label}>
      <span className="muted facet-label">{label}</span>
      {value ? <Link to={withParam(param, null)}>不限</Link> : <strong>不限</strong>}
      {shown.map(([v, name]) =>
        v === value ? (
          <strong key={v} aria-current="true">{name}（{counts[v] ?? 0}）</strong>
        ) : (
          <Link key={v} to={withParam(param, v)}>{name}（{counts[v] ?? 0}）</Link>
        ),
      )}
    </div>
  );
}

interface Props {
  params: URLSearchParams;
  facets: SearchFacets;
  fields: { code: string; name: string }[];
  industries: { code: string; name: string }[];
  active: { kind: string | null; field: string | null; industry: string | null; status: string | null; stage: string | null; region: string | null; amountMin: number | null; amountMax: number | null };
  withParam: WithParam;
}

/** Facets for 技术领域, 产业领域, 状态, 成熟度 and 地区, a 万元 range form and 清除筛选; plain links and a GET form. */
export function SearchFilters({ params, facets, fields, industries, active, withParam }: Props) {
  const clear = new URLSearchParams(params);
  for (const k of [...FILTER_KEYS, "page"]) clear.delete(k);
  const anyActive = FILTER_KEYS.some((k) => params.get(k));
  // The amount form resends every other parameter except the page.
  const keep = [...params.entries()].filter(([k]) => k !== "page" && k !== "amountMin" && k !== "amountMax");
  const what = active.kind === "challenge" ? "榜额" : active.kind === "result" ? "参考价格" : "榜额/价格";
  return (
    <section className="card search-filters" aria-label="筛选">
      <FacetLinks label="技术领域" param="field" value={active.field} counts={facets.field} names={fields.map((f) => [f.code, f.name])} withParam={withParam} />
      {active.kind !== "expert" ? (
        <FacetLinks label={active.kind == null ? "产业领域（榜单、成果）" : "产业领域"} param="industry" value={active.industry} counts={facets.industry} names={industries.map((i) => [i.code, i.name])} withParam={withParam} />
      ) : null}
      {active.kind !== "result" ? (
        <FacetLinks label={active.kind == null ? "状态（榜单、专家）" : "状态"} param="status" value={active.status} counts={facets.status} names={Object.entries(SEARCH_STATUS_LABELS)} withParam={withParam} />
      ) : null}
      {active.kind == null || active.kind === "result" ? (
        <FacetLinks label={active.kind == null ? "成熟度（成果）" : "成熟度"} param="stage" value={active.stage} counts={facets.stage} names={TRL_STAGES.map(([s, label]) => [s, label])} withParam={withParam} />
      ) : null}
      <FacetLinks label="地区" param="region" value={active.region} counts={facets.region} names={REGIONS.map((r) => [r, regionLabels[r]])} withParam={withParam} />
      {active.kind !== "expert" ? (
        <Form method="get" className="facet amount-range" aria-label={`${what}范围`}>
          {keep.map(([k, v]) => <input key={k} type="hidden" name={k} value={v} />)}
          <label className="muted facet-label" htmlFor="amount-min">{what}</label>
          <input id="amount-min" name="amountMin" type="text" inputMode="decimal" maxLength={12} placeholder="最低" defaultValue={active.amountMin != null ? fenToWanInput(active.amountMin) : ""} aria-label={`${what}下限（万元）`} />
          <span aria-hidden="true">–</span>
          <input id="amount-max" name="amountMax" type="text" inputMode="decimal" maxLength={12} placeholder="最高" defaultValue={active.amountMax != null ? fenToWanInput(active.amountMax) : ""} aria-label={`${what}上限（万元）`} />
          <span className="muted">万元</span>
          <button className="btn small" type="submit">确定</button>
        </Form>
      ) : null}
      {anyActive ? (
        <p className="small" style={{ margin: 0 }}>
          <Link to={`/search?${clear}`}>清除筛选</Link>
          {active.amountMin != null || active.amountMax != null ? <span className="muted">　设定金额范围后，“面议”的不再列出。</span> : null}
        </p>
      ) : null}
    </section>
  );
}

