import { sql, type Kysely } from "kysely";
import type { Database, DocKind } from "../../db/schema";
import { allDocuments, documentBuilders, type SearchDocument } from "../documents";
import { MARK_END, MARK_START, toHighlighted, type SearchEngine, type SearchQuery, type SearchResults } from "../engine";
import { indexText, queryTerms } from "../segment";

// Column weights for bm25(): doc_key (unindexed), title, body, finer sub-words.
const WEIGHTS = sql`0, 10.0, 1.0, 0.3`;

/**
 * Write one document. The FTS row shares the rowid of its search_docs row: doc_key is unindexed
 * in FTS5, so finding an FTS row by it would scan the whole table.
 */
async function indexDocument(trx: Kysely<Database>, d: SearchDocument): Promise<void> {
  const clean = (s: string) => s.replace(/[\uE000-\uF8FF]/g, "");
  const title = indexText(clean(d.title));
  const body = indexText(clean(d.body));
  await trx
    .insertInto("search_docs")
    .values({ doc_key: d.key, kind: d.kind, ref_id: d.id, title: d.title, field_code: d.fieldCode, status: d.status, trl: d.trl, amount_fen: d.amountFen, org_name: d.orgName, updated_at: d.updatedAt })
    .onConflict((oc) =>
      oc.column("doc_key").doUpdateSet({ title: d.title, field_code: d.fieldCode, status: d.status, trl: d.trl, amount_fen: d.amountFen, org_name: d.orgName, updated_at: d.updatedAt }),
    )
    .execute();
  const { rows } = await sql<{ rowid: number }>`select rowid from search_docs where doc_key = ${d.key}`.execute(trx);
  const rowid = rows[0].rowid;
  await sql`delete from search_fts where rowid = ${rowid}`.execute(trx);
  const subwords = [title.subwords, body.subwords].filter(Boolean).join("\u200B");
  await sql`insert into search_fts (rowid, doc_key, title, body, subwords) values (${rowid}, ${d.key}, ${title.words}, ${body.words}, ${subwords})`.execute(trx);
}

async function remove(trx: Kysely<Database>, key: string): Promise<void> {
  await sql`delete from search_fts where rowid = (select rowid from search_docs where doc_key = ${key})`.execute(trx);
  await trx.deleteFrom("search_docs").where("doc_key", "=", key).execute();
}

/** Each term quoted: search syntax typed by a person (" * - ( ) : ^ NEAR AND OR) is just text. */
function matchExpression(terms: string[]): string {
  return terms.map((t) => `"${t.replace(/"/g, '""')}"`).join(" OR ");
}

export const sqliteEngine: SearchEngine = {
  async sync(trx, kind, id) {
    const doc = await documentBuilders[kind](trx, id);
    if (doc) await indexDocument(trx, doc);
    else await remove(trx, `${kind}:${id}`);
  },

  async search(db, q: SearchQuery): Promise<SearchResults> {
    const terms = queryTerms(q.q);
    const empty: SearchResults = { hits: [], total: 0, facets: { kind: { challenge: 0, result: 0, expert: 0 }, field: {} }, terms };
    if (terms.length === 0) return empty;
    const match = matchExpression(terms);
    const kindCond = q.kind ? sql`and d.kind = ${q.kind}` : sql``;
    const fieldCond = q.field ? sql`and d.field_code = ${q.field}` : sql``;
    const base = sql`from search_fts f join search_docs d on d.rowid = f.rowid where search_fts match ${match}`;

    const rows = await sql<{
      doc_key: string;
      kind: DocKind;
      ref_id: number;
      field_code: string | null;
      status: string | null;
      trl: number | null;
      amount_fen: number | null;
      org_name: string;
      title_hl: string;
      snip: string;
      score: number;
    }>`select d.doc_key, d.kind, d.ref_id, d.field_code, d.status, d.trl, d.amount_fen, d.org_name,
          -bm25(search_fts, ${WEIGHTS}) as score,
          highlight(search_fts, 1, ${MARK_START}, ${MARK_END}) as title_hl,
          snippet(search_fts, 2, ${MARK_START}, ${MARK_END}, '…', 28) as snip
        ${base} ${kindCond} ${fieldCond}
        order by bm25(search_fts, ${WEIGHTS}), d.doc_key
        limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`.execute(db);
    const byKind = await sql<{ kind: DocKind; n: number }>`select d.kind, count(*) as n ${base} ${fieldCond} group by d.kind`.execute(db);
    const byField = await sql<{ field_code: string; n: number }>`select d.field_code, count(*) as n ${base} ${kindCond} and d.field_code is not null group by d.field_code`.execute(db);

    const kindFacet = { ...empty.facets.kind };
    for (const r of byKind.rows) kindFacet[r.kind] = Number(r.n);
    return {
      hits: rows.rows.map((r) => ({
        key: r.doc_key,
        kind: r.kind,
        id: r.ref_id,
        title: toHighlighted(r.title_hl),
        snippet: toHighlighted(r.snip),
        fieldCode: r.field_code,
        status: r.status,
        trl: r.trl,
        amountFen: r.amount_fen,
        orgName: r.org_name,
        score: Number(r.score),
      })),
      // The kind facet is counted with the field filter only, so the total follows from it.
      total: q.kind ? kindFacet[q.kind] : kindFacet.challenge + kindFacet.result + kindFacet.expert,
      facets: { kind: kindFacet, field: Object.fromEntries(byField.rows.map((r) => [r.field_code, Number(r.n)])) },
      terms,
    };
  },

  async reindex(db) {
    return sqliteEngine.replaceAll(db, await allDocuments(db));
  },

  async replaceAll(db, docs) {
    await db.transaction().execute(async (trx) => {
      await trx.deleteFrom("search_fts").execute();
      await trx.deleteFrom("search_docs").execute();
      for (const d of docs) await indexDocument(trx, d);
    });
    return docs.length;
  },
};

