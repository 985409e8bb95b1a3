import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useFetcher, useLoaderData, useSearchParams } from "@remix-run/react";
import { Pagination } from "../components/ui/pagination";
import { listTechFields, listIndustries } from "../models/shared";
import { SEARCH_PAGE_SIZE, searchSite } from "../models/result";
import { parseSearchParams } from "../schemas/search";
import { FILTER_KEYS, SearchFilters } from "../components/search/filters";
import { getDb } from "../utils/db.server";
import { pageParam } from "../utils/http.server";
import { regionLabels, trlStage } from "../utils/labels";
import { fenToWan } from "../utils/money";
import { emptyFacets, SearchUnavailableError, type Highlighted, type SearchResults } from "../../search/engine";
import { sharedPage } from "../web/shared-pages.server";

export const meta: MetaFunction = () => [{ title: "搜索 · 利州技术转移对接平台" }];

const KIND_LABELS = { challenge: "榜单", result: "科技成果", expert: "专家" } as const;
const KIND_LINKS = { challenge: "/challenges/", result: "/results/", expert: "/experts/" } as const;

// The same for every anonymous visitor: rendered once for all of them (Decision 67).
export const headers = sharedPage;

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  // Anything malformed in the address is ignored (with a note for a mistyped amount), never an error.
  const { filters, note } = parseSearchParams(url.searchParams);
  const db = getDb();
  const [fields, industries] = await Promise.all([listTechFields(db), listIndustries(db)]);
  const answer = (results: SearchResults, unavailable: boolean) => json({ ...filters, results, fields, industries, note, pageSize: SEARCH_PAGE_SIZE, unavailable });
  try {
    return answer(await searchSite(db, { ...filters, page: pageParam(url) }), false);
  } catch (e) {
    // A search engine that is down degrades this page; it does not crash it.
    if (!(e instanceof SearchUnavailableError)) throw e;
    return answer({ hits: [], total: 0, facets: emptyFacets(), terms: [] }, true);
  }
}

function Marked({ runs }: { runs: Highlighted }) {
  return <>{runs.map((r, i) => (r.mark ? <mark key={i}>{r.text}</mark> : <span key={i}>{r.text}</span>))}</>;
}

export default function Search() {
  const { q, kind, field, industry, status, stage, region, amountMin, amountMax, note, results, fields, industries, pageSize, unavailable } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  // With JavaScript, titles are suggested while typing; without it the box is a plain GET form.
  const suggest = useFetcher<{ suggestions: string[] }>();
  const fieldName = (code: string | null) => fields.find((f) => f.code === code)?.name ?? "";
  const withParam = (key: string, value: string | null) => {
    const p = new URLSearchParams(params);
    if (value == null) p.delete(key);
    else p.set(key, value);
    p.delete("page");
    return `/search?${p}`;
  };
  const totalAll = results.facets.kind.challenge + results.facets.kind.result + results.facets.kind.expert;
  return (
    <>
      <h1>搜索</h1>
      <Form method="get" role="search" className="card row" aria-label="搜索榜单、成果和专家">
        <label htmlFor="search-q" className="visually-hidden">关键词</label>
        <input
          id="search-q"
          type="search"
          name="q"
          defaultValue={q}
          maxLength={200}
          placeholder="如 高盐废水、低盐发酵、阵列天线"
          style={{ flex: 1, minWidth: 200 }}
          list="search-suggestions"
          autoComplete="off"
          onChange={(e) => {
            const v = e.currentTarget.value.trim();
            if (v.length >= 2) suggest.load(`/search/suggest?q=${encodeURIComponent(v)}`);
          }}
        />
        <datalist id="search-suggestions">
          {(suggest.data?.suggestions ?? []).map((s) => <option key={s} value={s} />)}
        </datalist>
        {/* A new keyword keeps the tab and the filters. */}
        {[...params.entries()].filter(([k]) => k === "kind" || (FILTER_KEYS as readonly string[]).includes(k)).map(([k, v]) => <input key={k} type="hidden" name={k} value={v} />)}
        <button className="btn" type="submit">搜索</button>
      </Form>
      {note ? <p className="alert info" role="status">{note}</p> : null}
      {unavailable ? <p className="alert warn" role="status">搜索服务暂时不可用，请稍后再试；也可以在“揭榜挂帅”“科技成果”列表中按条件筛选。</p> : null}
      {q === "" ? (
        <div className="card empty"><strong>输入关键词，同时搜索榜单、科技成果和专家</strong>例如“高盐废水”“泡菜 发酵”“伺服转台”。</div>
      ) : (
        <>
          <nav className="tabs" aria-label="类别">
            <Link to={withParam("kind", null)} aria-current={kind == null ? "page" : undefined}>全部（{totalAll}）</Link>
            {(Object.keys(KIND_LABELS) as (keyof typeof KIND_LABELS)[]).map((k) => (
              <Link key={k} to={withParam("kind", k)} aria-current={kind === k ? "page" : undefined}>{KIND_LABELS[k]}（{results.facets.kind[k]}）</Link>
            ))}
          </nav>
          <SearchFilters
            params={params}
            facets={results.facets}
            fields={fields}
            industries={industries}
            active={{ kind: kind ?? null, field: field ?? null, industry: industry ?? null, status: status ?? null, stage: stage ?? null, region: region ?? null, amountMin: amountMin ?? null, amountMax: amountMax ?? null }}
            withParam={withParam}
          />
          {results.hits.length === 0 ? (
            <div className="card empty">
              <strong>没有找到与“{q}”相关的内容</strong>
              换个说法试试，例如用更短的词（“废水”而不是“废水处理工艺”），或去掉筛选条件。
            </div>
          ) : (
            <ul className="stack" style={{ listStyle: "none", padding: 0 }}>
              {results.hits.map((h) => (
                <li key={h.key} className="card">
                  <p className="muted small" style={{ margin: 0 }}>
                    <span className="badge info">{KIND_LABELS[h.kind]}</span> {h.orgName}
                    {h.orgRegion ? `（${regionLabels[h.orgRegion]}）` : ""}
                    {h.fieldCode ? ` · ${fieldName(h.fieldCode)}` : ""}
                    {h.industryCode ? ` · ${industries.find((i) => i.code === h.industryCode)?.name ?? ""}` : ""}
                    {h.trl != null ? ` · TRL ${h.trl}（${trlStage(h.trl)}）` : ""}
                    {h.kind !== "expert" ? ` · ${h.amountFen == null ? "面议" : h.amountFen === 0 && h.kind === "challenge" ? "榜额面议" : `${fenToWan(h.amountFen)} 万元`}` : ""}
                  </p>
                  <h2 style={{ fontSize: "1.1rem", margin: "4px 0" }}>
                    <Link to={`${KIND_LINKS[h.kind]}${h.id}`}><Marked runs={h.title} /></Link>
                  </h2>
                  <p style={{ margin: 0 }} className="small"><Marked runs={h.snippet} /></p>
                </li>
              ))}
            </ul>
          )}
          <Pagination page={Number(params.get("page") ?? 1) || 1} pageSize={pageSize} total={results.total} />
        </>
      )}
    </>
  );
}
