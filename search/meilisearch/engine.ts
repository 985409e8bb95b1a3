import { Meilisearch, type Index } from "meilisearch";
import type { Kysely, Selectable } from "kysely";
import type { Database, Region, SearchDocTable } from "../../db/schema";
import { allDocuments, documentBuilders, type SearchDocument } from "../documents";
import { DOC_KINDS, STAGE_TRL, stageOfTrl } from "../../db/vocabulary";
import { emptyFacets, hasAmountRange, MARK_END, MARK_START, SearchUnavailableError, toHighlighted, type SearchEngine, type SearchHit, type SearchFacets, type SearchQuery, type SearchResults } from "../engine";
import { describeFault, meilisearchHttpClient } from "./http-client";
import { enqueue, meiliId, relayOutbox } from "./outbox";
import { rankPool } from "./pool-ranking";
import { documentTerms, GENERIC, learnKeywords } from "../keywords";
import { queryTerms } from "../segment";
import { synonymMap } from "../thesaurus";
import { noteSearchChange } from "../changes";

/**
 * Meilisearch behind the search port. Writes go through the transactional outbox (search_outbox,
 * see outbox.ts): `sync` only adds a row inside the caller's transaction; `relay` applies rows after commit.
 */
export const INDEX = "docs";
/** Meilisearch reads only the first ten words of a query. */
const QUERY_WORDS = 10;
const WAIT = { timeout: 120_000 };
/**
 * Every request has a deadline: a page's search gives up after 2 s and the page says search is
 * unavailable (a frozen engine must not hold a page); indexing calls may legitimately take longer.
 */
export const PAGE_TIMEOUT_MS = 2_000;
const WRITE_TIMEOUT_MS = 30_000;

/** The search_docs columns as Meilisearch stores them, with the body and the weighted terms. */
type MeiliDoc = Omit<Selectable<SearchDocTable>, "doc_key"> & {
  id: string;
  body: string;
  /** Extracted terms, best first, and their weights (see keywords.ts). */
  terms: string[];
  term_weights: number[];
};

export function toMeili(d: SearchDocument): MeiliDoc {
  learnKeywords(d.keywords);
  const terms = documentTerms(d);
  return {
    id: meiliId(d.key), kind: d.kind, ref_id: d.id, title: d.title, body: d.body, field_code: d.fieldCode, industry_code: d.industryCode ?? null, status: d.status, trl: d.trl, amount_fen: d.amountFen, org_name: d.orgName, region: d.orgRegion ?? null, updated_at: d.updatedAt,
    terms: terms.map((t) => t.term), term_weights: terms.map((t) => t.weight),
  };
}

/**
 * Synonyms from our own keywords: Meilisearch re-splits a long Chinese word (锂电池 → 锂电/池), so a
 * search for its shorter part (电池) would miss it; each part is made a synonym of the whole.
 * Then the bureau's thesaurus (search/thesaurus.ts): each word of a group for each other.
 */
function synonymsFrom(docs: SearchDocument[], thesaurus: Record<string, string[]>): Record<string, string[]> {
  const out: Record<string, Set<string>> = {};
  for (const d of docs) {
    for (const k of d.keywords) {
      if ([...k].length < 3) continue;
      for (const part of queryTerms(k)) if (part !== k && [...part].length >= 2) (out[part] ??= new Set()).add(k);
    }
  }
  const merged: Record<string, Set<string>> = Object.fromEntries(Object.entries(out).map(([k, v]) => [k, new Set([...v].slice(0, 20))]));
  for (const [word, fellows] of Object.entries(thesaurus)) for (const f of fellows) (merged[word] ??= new Set()).add(f);
  return Object.fromEntries(Object.entries(merged).map(([k, v]) => [k, [...v]]));
}

/** Our technical terms (高盐废水, 多肽螯合钙 …), kept whole by Meilisearch's segmenter. */
function dictionaryFrom(docs: SearchDocument[]): string[] {
  const words = new Set(docs.flatMap((d) => d.keywords).map((k) => k.trim()).filter((k) => /^\p{Script=Han}{3,12}$/u.test(k)));
  return [...words].sort();
}

async function configure(index: Index, docs: SearchDocument[], thesaurus: Record<string, string[]>) {
  await index
    .updateSettings({
      // Attribute order is rank: a word in the title or the extracted terms outweighs one in the body.
      searchableAttributes: ["title", "terms", "body"],
      filterableAttributes: ["kind", "field_code", "industry_code", "status", "trl", "amount_fen", "region"],
      sortableAttributes: ["updated_at", "amount_fen"],
      localizedAttributes: [{ attributePatterns: ["*"], locales: ["cmn"] }],
      synonyms: synonymsFrom(docs, thesaurus),
      dictionary: dictionaryFrom(docs),
      stopWords: [...GENERIC],
    })
    .waitTask(WAIT);
}

const LEAN_ATTRIBUTES = ["id", "kind", "ref_id", "title", "field_code", "industry_code", "status", "trl", "amount_fen", "org_name", "region", "terms", "term_weights"];

type MeiliHit = MeiliDoc & { _formatted?: Partial<Record<keyof MeiliDoc, unknown>>; _rankingScore?: number };

/**
 * How many documents each word of a matching query brings: together about twice the candidates
 * asked for, at least ten a word. Half the page a word scored about the same on the eval (abs2field
 * nDCG@10 .378 against .370) and took 2.5 times as long at 100,000 documents (matching p95 49.6 ms
 * against 19.9): the reply carries every hit's terms.
 */
const perWord = (pageSize: number, words: number) => Math.max(10, Math.ceil((2 * pageSize) / words));

function quote(v: string) {
  return `"${v.replace(/["\\]/g, "")}"`;
}

type FacetName = keyof SearchFacets;
/** The Meilisearch attribute behind each facet (stage is counted on trl and mapped with stageOfTrl). */
const FACET_ATTRIBUTE: Record<FacetName, string> = { kind: "kind", field: "field_code", industry: "industry_code", status: "status", stage: "trl", region: "region" };

/** One filter expression per facet, so each facet can be counted without its own (disjunctive). */
function filterParts(q: SearchQuery): Partial<Record<FacetName, string>> {
  const stage = q.stage ? STAGE_TRL[q.stage] : null;
  return {
    kind: q.kind ? `kind = ${quote(q.kind)}` : undefined,
    field: q.field ? `field_code = ${quote(q.field)}` : undefined,
    industry: q.industry ? `industry_code = ${quote(q.industry)}` : undefined,
    status: q.status ? `(kind != "result" AND status = ${quote(q.status)})` : undefined,
    stage: stage ? `trl ${stage[0]} TO ${stage[1]}` : undefined,
    region: q.region ? `region = ${quote(q.region)}` : undefined,
  };
}

function amountFilter(q: SearchQuery): string | undefined {
  if (!hasAmountRange(q)) return undefined;
  return [`amount_fen > 0`, q.amountMin != null ? `amount_fen >= ${Math.trunc(q.amountMin)}` : "", q.amountMax != null ? `amount_fen <= ${Math.trunc(q.amountMax)}` : ""].filter(Boolean).join(" AND ");
}

/** `index`: the index this engine reads and writes (several databases may share one Meilisearch: tests do). */
export function meilisearchEngine({ host, apiKey, index: INDEX_UID = INDEX }: { host: string; apiKey?: string; index?: string }): SearchEngine & { relay(db: Kysely<Database>, now?: Date): Promise<number>; client: Meilisearch } {
  /** For indexing, rebuilds and the relay. */
  const client = new Meilisearch({ host, apiKey, httpClient: meilisearchHttpClient(WRITE_TIMEOUT_MS) });
  /** For searches made while a person waits for a page. */
  const pageClient = new Meilisearch({ host, apiKey, httpClient: meilisearchHttpClient(PAGE_TIMEOUT_MS) });

  async function guarded<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      console.error(`搜索引擎不可用，页面降级显示：${describeFault(e)}`);
      throw new SearchUnavailableError(e);
    }
  }

  return {
    client,

    async sync(trx, kind, id) {
      const doc = await documentBuilders[kind](trx, id);
      await enqueue(trx, `${kind}:${id}`, doc ? toMeili(doc) : null, new Date());
    },

    relay(db, now = new Date()) {
      return relayOutbox(db, client, INDEX_UID, now);
    },

    async search(_db, q) {
      const terms = queryTerms(q.q);
      const empty: SearchResults = { hits: [], total: 0, facets: emptyFacets(), terms };
      if (terms.length === 0) return empty;
      const text = terms.slice(0, QUERY_WORDS).join(" ");
      const parts = filterParts(q);
      const amount = amountFilter(q);
      const filterWithout = (skip?: FacetName) =>
        [amount, ...Object.entries(parts).filter(([name, f]) => f && name !== skip).map(([, f]) => f)].filter(Boolean).join(" AND ") || undefined;
      const all = filterWithout();
      const toHit = (h: MeiliHit): SearchHit => ({
        key: `${h.kind}:${h.ref_id}`,
        kind: h.kind,
        id: h.ref_id,
        title: toHighlighted(String(h._formatted?.title ?? h.title)),
        snippet: toHighlighted(String(h._formatted?.body ?? "")),
        fieldCode: h.field_code,
        industryCode: h.industry_code ?? null,
        status: h.status,
        trl: h.trl,
        amountFen: h.amount_fen,
        orgName: h.org_name,
        orgRegion: h.region ?? null,
        terms: (h.terms ?? []).map((term, i) => ({ term, weight: h.term_weights?.[i] ?? 0 })),
        score: h._rankingScore ?? 0,
      });
      return guarded(async () => {
        if (q.lean) {
          // Matching: one query per word, in one round trip, each bringing the documents where that
          // word weighs most; so no word is dropped (a query of several words is read ten at most, and
          // "last" drops words from the end), and our BM25 then ranks what came back (pool-ranking.ts).
          // The pool is ranked whole, so it is not paged: matching asks for the first page only.
          // No body: matching needs the terms, and a hundred bodies per query were most of the reply.
          const opts = { indexUid: INDEX_UID, filter: all, limit: perWord(q.pageSize, terms.length), showRankingScore: true, attributesToRetrieve: LEAN_ATTRIBUTES };
          const { results } = await pageClient.multiSearch({ queries: terms.map((word) => ({ q: word, ...opts })) });
          const pool = new Map<string, SearchHit>();
          for (const hit of results.flatMap((r) => r.hits.map((h) => toHit(h as unknown as MeiliHit)))) {
            if ((pool.get(hit.key)?.score ?? -1) < hit.score) pool.set(hit.key, hit);
          }
          const hits = rankPool([...pool.values()], terms).slice(0, q.pageSize);
          return { ...empty, hits, total: hits.length };
        }
        // Facets whose own filter is not set share the page's filter, so they ride on the page
        // query; each active filter's facet needs one query without it. All in one round trip.
        // Results are always "published": the status facet counts challenges and profiles only,
        // so with only results asked for it is empty, and not asked.
        const names = (Object.keys(FACET_ATTRIBUTE) as FacetName[]).filter((name) => name !== "status" || q.kind !== "result");
        const facetFilter = (name: FacetName) => (name === "status" ? [filterWithout(name), `kind != "result"`].filter(Boolean).join(" AND ") : filterWithout(name));
        const own = names.filter((name) => parts[name] || name === "status");
        const shared = names.filter((name) => !own.includes(name));
        const { results } = await pageClient.multiSearch({
          queries: [
            {
              indexUid: INDEX_UID,
              q: text,
              filter: all,
              facets: shared.map((name) => FACET_ATTRIBUTE[name]),
              offset: (q.page - 1) * q.pageSize,
              limit: q.pageSize,
              attributesToHighlight: ["title"],
              attributesToCrop: ["body"],
              cropLength: 40,
              cropMarker: "…",
              highlightPreTag: MARK_START,
              highlightPostTag: MARK_END,
              showRankingScore: true,
            },
            ...own.map((name) => ({ indexUid: INDEX_UID, q: text, filter: facetFilter(name), facets: [FACET_ATTRIBUTE[name]], limit: 0 })),
          ],
        });
        const [page, ...rest] = results;
        const distribution = (name: FacetName): Record<string, number> => {
          if (!names.includes(name)) return {};
          const from = own.includes(name) ? rest[own.indexOf(name)] : page;
          return from.facetDistribution?.[FACET_ATTRIBUTE[name]] ?? {};
        };
        const facets = emptyFacets();
        for (const k of DOC_KINDS) facets.kind[k] = distribution("kind")[k] ?? 0;
        facets.field = distribution("field");
        facets.industry = distribution("industry");
        facets.status = distribution("status");
        for (const [trl, n] of Object.entries(distribution("stage"))) facets.stage[stageOfTrl(Number(trl))] += n;
        for (const [region, n] of Object.entries(distribution("region"))) if (region in facets.region) facets.region[region as Region] += n;
        return {
          hits: (page.hits as MeiliHit[]).map(toHit),
          total: page.estimatedTotalHits ?? page.hits.length,
          facets,
          terms,
        };
      });
    },

    /** The thesaurus changed: Meilisearch's synonyms are one setting, made again from the database. */
    async thesaurusChanged(db) {
      const synonyms = synonymsFrom(await allDocuments(db), await synonymMap(db));
      await client.index(INDEX_UID).updateSynonyms(synonyms).waitTask(WAIT);
      noteSearchChange();
    },

    /** Build a fresh index from the database, then swap it in: searches never see a half-built index. */
    async reindex(db) {
      // Outbox rows up to here are covered by the rebuild; later ones still need relaying.
      const last = await db.selectFrom("search_outbox").select((eb) => eb.fn.max("id").as("id")).executeTakeFirst();
      const n = await this.replaceAll(db, await allDocuments(db));
      if (last?.id != null) await db.deleteFrom("search_outbox").where("id", "<=", Number(last.id)).execute();
      return n;
    },

    async replaceAll(db, docs) {
      const fresh = `${INDEX_UID}_${Date.now()}`;
      await client.createIndex(fresh, { primaryKey: "id" }).waitTask(WAIT);
      const next = client.index<MeiliDoc>(fresh);
      await configure(next, docs, await synonymMap(db));
      for (let i = 0; i < docs.length; i += 5000) await next.addDocuments(docs.slice(i, i + 5000).map(toMeili)).waitTask(WAIT);
      const exists = await client.index(INDEX_UID).getRawInfo().then(() => true, () => false);
      if (exists) {
        await client.swapIndexes([{ indexes: [INDEX_UID, fresh], rename: false }]).waitTask(WAIT);
        await client.deleteIndex(fresh).waitTask(WAIT);
      } else {
        await client.swapIndexes([{ indexes: [fresh, INDEX_UID], rename: true }]).waitTask(WAIT);
      }
      noteSearchChange();
      return docs.length;
    },
  };
}
