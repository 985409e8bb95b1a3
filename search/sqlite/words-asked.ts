import { sql, type Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { asPhrase } from "../segment";
import { synonymsOf } from "../thesaurus";

const quoted = (t: string) => `"${t.replace(/"/g, '""')}"`;

/**
 * What the embedded engine asks FTS5 for. Each word of a query may be any word of its thesaurus
 * groups, as a phrase of its indexed words (污水 → ("污水" OR "废水")). Every alternative is
 * quoted, so search syntax typed by a person (" * - ( ) : ^ NEAR AND OR) is plain text.
 * `any` is every word OR-ed, as matching asks. `all` holds one clause per word the page's search
 * requires: a run of 汉字 asked for whole stands with its pieces, either of which will do
 * (盐废水 → ("盐废水" OR ("盐" AND "废水"))), because a record may hold the run only as a sub-word
 * of its keyword (高盐废水) and not the pieces, or the pieces and not the run; in the order typed.
 */
export async function wordsAsked(db: Kysely<Database>, terms: string[]): Promise<{ any: string; all: string[] }> {
  const fellows = await synonymsOf(db, terms);
  const one = (t: string) => {
    const alternatives = [t, ...fellows.get(t)!.map(asPhrase)].map(quoted);
    return alternatives.length === 1 ? alternatives[0] : `(${alternatives.join(" OR ")})`;
  };
  const piecesOf = (t: string) => terms.filter((p) => p !== t && t.includes(p));
  const all = terms
    .filter((t) => !terms.some((o) => o !== t && o.includes(t)))
    .map((t) => ({ at: Math.min(...[t, ...piecesOf(t)].map((w) => terms.indexOf(w))), pieces: piecesOf(t), t }))
    .sort((a, b) => a.at - b.at)
    .map(({ t, pieces }) => (pieces.length ? `(${one(t)} OR (${pieces.map(one).join(" AND ")}))` : one(t)));
  return { any: terms.map(one).join(" OR "), all };
}

/** The page's search relaxes below this many documents having every word. */
const ENOUGH = 10;

interface PageQuery {
  /** The FTS5 expression whose matches are the results, counted and faceted. */
  match: string;
  /** Documents having more of the query's words than `match` asks for: rowid → how many leading words. */
  tiers: Map<number, number>;
}

/**
 * The words a page's search requires, as Meilisearch's `matchingStrategy: "last"` does: every word
 * first; while fewer than ENOUGH documents have them all, the last word is let go, and the
 * documents that had more words stay first. Words no document has are let go before anything, so
 * a typo does not empty the page. Each probe stops at ENOUGH rows, and an AND with a rare word is
 * a short walk, so a ten-word title costs a few small reads instead of ranking and grouping every
 * document that has any one of its words (the cost of OR-ing them).
 */
export async function pageQuery(db: Kysely<Database>, clauses: string[]): Promise<PageQuery | null> {
  const probe = async (match: string, limit: number) =>
    (await sql<{ rowid: number }>`select rowid from search_fts where search_fts match ${match} limit ${limit}`.execute(db)).rows;
  const found: string[] = [];
  for (const c of clauses) if ((await probe(c, 1)).length > 0) found.push(c);
  const tiers = new Map<number, number>();
  for (let k = found.length; k >= 1; k--) {
    const match = found.slice(0, k).join(" AND ");
    if (k === 1) return { match, tiers };
    const rows = await probe(match, ENOUGH);
    if (rows.length >= ENOUGH) return { match, tiers };
    for (const r of rows) if (!tiers.has(r.rowid)) tiers.set(r.rowid, k);
  }
  return null;
}

/** The first ORDER BY terms: the documents with more of the words first (none when all had all). */
export function tierOrder(tiers: Map<number, number>) {
  if (tiers.size === 0) return sql``;
  return sql`case f.rowid ${sql.join([...tiers].map(([rowid, k]) => sql`when ${rowid} then ${k}`), sql` `)} else 0 end desc,`;
}
