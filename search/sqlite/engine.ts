import { sql, type Kysely, type Selectable } from "kysely";
import type { Database, DocKind, Region, SearchDocTable } from "../../db/schema";
import { allDocuments, documentBuilders, type SearchDocument } from "../documents";
import { DOC_KINDS, STAGE_TRL, stageOfTrl } from "../../db/vocabulary";
import { emptyFacets, hasAmountRange, MARK_END, MARK_START, toHighlighted, type SearchEngine, type SearchFacets, type SearchHit, type SearchQuery, type SearchResults } from "../engine";
import { documentTerms, learnKeywords } from "../keywords";
import { indexText, queryTerms, termParts } from "../segment";
import { noteSearchChange } from "../changes";
import { pageQuery, tierOrder, wordsAsked } from "./words-asked";

// Column weights for bm25(): doc_key (unindexed), title, body, finer sub-words.
const WEIGHTS = sql`0, 10.0, 1.0, 0.3`;

/** A document as its two rows: what hits show and facets count, and the segmented text FTS5 indexes. */
function rowsOf(d: SearchDocument) {
  learnKeywords(d.keywords);
  const clean = (s: string) => s.replace(/[\uE000-\uF8FF]/g, "");
  const title = indexText(clean(d.title));
  const body = indexText(clean(d.body));
  const terms = JSON.stringify(documentTerms(d, { title: title.tokens, body: body.tokens }).map((t) => [t.term, t.weight]));
  const subwords = [title.subwords, body.subwords, ...termParts(d.keywords)].filter(Boolean).join("\u200B");
  return {
    doc: sql`${d.key}, ${d.kind}, ${d.id}, ${d.title}, ${d.fieldCode}, ${d.industryCode ?? null}, ${d.status}, ${d.trl}, ${d.amountFen}, ${d.orgName}, ${d.orgRegion ?? null}, ${d.updatedAt}`,
    fts: sql`${d.key}, ${title.words}, ${body.words}, ${subwords}`,
    terms,
  };
}

/**
 * A document's rowid says its kind (id × 3 + the kind's place in DOC_KINDS), so a search for one
 * kind filters on the rowid FTS5 already has instead of joining search_docs for every match:
 * matching's ranked statement at 100k documents took p95 13.6 ms with the join, 6.9 without.
 */
const rowidOf = (kind: DocKind, id: number) => id * DOC_KINDS.length + DOC_KINDS.indexOf(kind);

const DOC_COLUMNS = sql`doc_key, kind, ref_id, title, field_code, industry_code, status, trl, amount_fen, org_name, region, updated_at`;

/** Write one document. Its FTS row and its terms share the rowid of its search_docs row. */
async function indexDocument(trx: Kysely<Database>, d: SearchDocument): Promise<void> {
  const { doc, fts, terms } = rowsOf(d);
  const rowid = rowidOf(d.kind, d.id);
  await sql`insert into search_docs (rowid, ${DOC_COLUMNS}) values (${rowid}, ${doc})
      on conflict (doc_key) do update set title = excluded.title, field_code = excluded.field_code, industry_code = excluded.industry_code, status = excluded.status, trl = excluded.trl,
        amount_fen = excluded.amount_fen, org_name = excluded.org_name, region = excluded.region, updated_at = excluded.updated_at`.execute(trx);
  await sql`delete from search_fts where rowid = ${rowid}`.execute(trx);
  await sql`insert into search_fts (rowid, doc_key, title, body, subwords) values (${rowid}, ${fts})`.execute(trx);
  await sql`insert or replace into search_terms (id, terms) values (${rowid}, ${terms})`.execute(trx);
}

/** Rows per statement in a rebuild: one statement per document was most of a rebuild's time. */
const BATCH = 200;

async function remove(trx: Kysely<Database>, key: string): Promise<void> {
  await sql`delete from search_fts where rowid = (select rowid from search_docs where doc_key = ${key})`.execute(trx);
  await sql`delete from search_terms where id = (select rowid from search_docs where doc_key = ${key})`.execute(trx);
  await trx.deleteFrom("search_docs").where("doc_key", "=", key).execute();
}

/** A search_docs row as read back, with its terms. */
type DocRow = Omit<Selectable<SearchDocTable>, "updated_at"> & { terms: string };

/** A hit without its highlighting and score, which depend on the query. */
function toHit(r: DocRow): Omit<SearchHit, "title" | "snippet" | "score"> {
  return {
    key: r.doc_key,
    kind: r.kind,
    id: r.ref_id,
    fieldCode: r.field_code,
    industryCode: r.industry_code,
    status: r.status,
    trl: r.trl,
    amountFen: r.amount_fen,
    orgName: r.org_name,
    orgRegion: r.region,
    terms: (JSON.parse(r.terms) as [string, number][]).map(([term, weight]) => ({ term, weight })),
  };
}

interface FacetRow {
  kind: DocKind;
  field_code: string | null;
  industry_code: string | null;
  status: string | null;
  trl: number | null;
  region: Region | null;
  n: number;
}

type FacetName = keyof SearchFacets;

/** A grouped row counts toward a facet when it passes every filter except (perhaps) that facet's own. */
function countFacets(rows: FacetRow[], q: SearchQuery): { facets: SearchFacets; total: number } {
  const facets = emptyFacets();
  let total = 0;
  const checks: [FacetName, (r: FacetRow) => boolean][] = [];
  if (q.kind) checks.push(["kind", (r) => r.kind === q.kind]);
  if (q.field) checks.push(["field", (r) => r.field_code === q.field]);
  if (q.industry) checks.push(["industry", (r) => r.industry_code === q.industry]);
  if (q.status) checks.push(["status", (r) => r.kind !== "result" && r.status === q.status]);
  if (q.stage) checks.push(["stage", (r) => r.trl != null && stageOfTrl(r.trl) === q.stage]);
  if (q.region) checks.push(["region", (r) => r.region === q.region]);
  for (const r of rows) {
    const n = Number(r.n);
    const failed = checks.filter(([, pass]) => !pass(r)).map(([name]) => name);
    if (failed.length > 1) continue;
    const only = failed[0];
    const counts = (name: FacetName) => only === undefined || only === name;
    if (only === undefined) total += n;
    if (counts("kind")) facets.kind[r.kind] += n;
    if (counts("field") && r.field_code) facets.field[r.field_code] = (facets.field[r.field_code] ?? 0) + n;
    if (counts("industry") && r.industry_code) facets.industry[r.industry_code] = (facets.industry[r.industry_code] ?? 0) + n;
    if (counts("status") && r.status && r.kind !== "result") facets.status[r.status] = (facets.status[r.status] ?? 0) + n;
    if (counts("stage") && r.trl != null) facets.stage[stageOfTrl(r.trl)] += n;
    if (counts("region") && r.region) facets.region[r.region] += n;
  }
  return { facets, total };
}

export const sqliteEngine: SearchEngine = {
  async sync(trx, kind, id) {
    noteSearchChange();
    const doc = await documentBuilders[kind](trx, id);
    if (doc) await indexDocument(trx, doc);
    else await remove(trx, `${kind}:${id}`);
  },

  async search(db, q: SearchQuery): Promise<SearchResults> {
    const terms = queryTerms(q.q);
    const empty: SearchResults = { hits: [], total: 0, facets: emptyFacets(), terms };
    if (terms.length === 0) return empty;
    const words = await wordsAsked(db, terms);
    // Matching ranks everything with any of the words; a person's search wants the documents with
    // all of them (see pageQuery), which is also what keeps its counts and facets cheap.
    const asked = q.lean ? { match: words.any, tiers: new Map<number, number>() } : await pageQuery(db, words.all);
    if (!asked) return empty;
    const { match, tiers } = asked;
    const stage = q.stage ? STAGE_TRL[q.stage] : null;
    const filters = sql.join(
      [
        q.kind ? sql`and f.rowid % ${DOC_KINDS.length} = ${DOC_KINDS.indexOf(q.kind)}` : sql``,
        q.field ? sql`and d.field_code = ${q.field}` : sql``,
        q.industry ? sql`and d.industry_code = ${q.industry}` : sql``,
        q.status ? sql`and d.kind <> 'result' and d.status = ${q.status}` : sql``,
        stage ? sql`and d.trl between ${stage[0]} and ${stage[1]}` : sql``,
        q.region ? sql`and d.region = ${q.region}` : sql``,
      ],
      sql` `,
    );
    // The amount range has no facet, so it narrows the facet counts too.
    const amount = hasAmountRange(q)
      ? sql`and d.amount_fen > 0 and d.amount_fen >= ${q.amountMin ?? 0} and d.amount_fen <= ${q.amountMax ?? Number.MAX_SAFE_INTEGER}`
      : sql``;
    const base = sql`from search_fts f join search_docs d on d.rowid = f.rowid where search_fts match ${match} ${amount}`;
    // Matching filters on the kind alone, which the rowid carries: no join for every match.
    const onlyKind = !hasAmountRange(q) && !q.field && !q.industry && !q.status && !stage && !q.region;

    // Rank on the narrow rows first; read the page's details, terms and highlights afterwards:
    // reading them (or running snippet()) for every match is what made searches slow.
    const ranked = await sql<{ rowid: number; score: number }>`select f.rowid, -bm25(search_fts, ${WEIGHTS}) as score
        ${onlyKind ? sql`from search_fts f where search_fts match ${match}` : base} ${filters}
        order by ${tierOrder(tiers)} score desc, f.rowid
        limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`.execute(db);
    const rowids = ranked.rows.map((r) => r.rowid);
    const details = new Map<number, DocRow>();
    const marked = new Map<number, { title_hl: string; snip: string }>();
    if (rowids.length > 0) {
      const page = await sql<DocRow & { rowid: number }>`select d.rowid, d.doc_key, d.title, d.kind, d.ref_id, d.field_code, d.industry_code, d.status, d.trl, d.amount_fen, d.org_name, d.region, t.terms
          from search_docs d join search_terms t on t.id = d.rowid where d.rowid in (${sql.join(rowids)})`.execute(db);
      for (const r of page.rows) details.set(r.rowid, r);
    }
    if (!q.lean && rowids.length > 0) {
      const hl = await sql<{ rowid: number; title_hl: string; snip: string }>`select rowid,
            highlight(search_fts, 1, ${MARK_START}, ${MARK_END}) as title_hl,
            snippet(search_fts, 2, ${MARK_START}, ${MARK_END}, '…', 28) as snip
          from search_fts where search_fts match ${words.any} and rowid in (${sql.join(rowids)})`.execute(db);
      for (const r of hl.rows) marked.set(r.rowid, r);
    }
    const hits = ranked.rows.map(({ rowid, score }) => {
      const r = details.get(rowid)!;
      return { ...toHit(r), title: toHighlighted(marked.get(rowid)?.title_hl ?? r.title), snippet: toHighlighted(marked.get(rowid)?.snip ?? ""), score: Number(score) };
    });
    if (q.lean) return { ...empty, hits, total: hits.length };

    // One grouped pass over the matches feeds every facet (disjunctive: each facet is counted under
    // all the other filters, not its own). Grouping by trl, not stage, keeps stageOfTrl the one mapping.
    const counts = await sql<FacetRow>`select d.kind, d.field_code, d.industry_code, d.status, d.trl, d.region, count(*) as n ${base}
        group by d.kind, d.field_code, d.industry_code, d.status, d.trl, d.region`.execute(db);
    const { facets, total } = countFacets(counts.rows, q);
    return { hits, total, facets, terms };
  },

  async reindex(db) {
    return sqliteEngine.replaceAll(db, await allDocuments(db));
  },

  async replaceAll(db, docs) {
    noteSearchChange();
    await db.transaction().execute(async (trx) => {
      await trx.deleteFrom("search_fts").execute();
      await trx.deleteFrom("search_terms").execute();
      await trx.deleteFrom("search_docs").execute();
      for (let i = 0; i < docs.length; i += BATCH) {
        const rows = docs.slice(i, i + BATCH).map((d) => ({ rowid: rowidOf(d.kind, d.id), ...rowsOf(d) }));
        await sql`insert into search_docs (rowid, ${DOC_COLUMNS}) values ${sql.join(rows.map((r) => sql`(${r.rowid}, ${r.doc})`))}`.execute(trx);
        await sql`insert into search_fts (rowid, doc_key, title, body, subwords) values ${sql.join(rows.map((r) => sql`(${r.rowid}, ${r.fts})`))}`.execute(trx);
        await sql`insert into search_terms (id, terms) values ${sql.join(rows.map((r) => sql`(${r.rowid}, ${r.terms})`))}`.execute(trx);
      }
    });
    noteSearchChange();
    return docs.length;
  },
};

