import type { SearchHit } from "../engine";
import { termCount } from "../keywords";

/** BM25's usual constants (FTS5's too): term-frequency saturation and length normalisation. */
const K1 = 1.2;
const B = 0.75;

/**
 * Ranks the documents Meilisearch brought for matching by BM25 over each one's stored terms, with
 * the term statistics of the pool itself (how many of these documents hold the word, how long they
 * are). Meilisearch's own order counts how many query words a document has before how rare they
 * are, so a document with two rare words of a title lost to one with three common ones; this is
 * the rarity-weighted order the embedded engine gets from FTS5 (search/README.md, Decision 75).
 * A document none of whose stored terms was asked for scores 0 and comes last, in Meilisearch's order.
 */
export function rankPool(hits: SearchHit[], words: string[]): SearchHit[] {
  const asked = new Set(words);
  // Each hit's length (the counts of all its stored terms) and the asked terms it holds, counted once.
  const docs = hits.map((hit) => {
    const counts = hit.terms.map((t) => ({ term: t.term, count: termCount(t) }));
    return { hit, length: counts.reduce((sum, c) => sum + c.count, 0), matched: counts.filter((c) => asked.has(c.term)) };
  });
  const held = new Map<string, number>();
  for (const { matched } of docs) for (const { term } of matched) held.set(term, (held.get(term) ?? 0) + 1);
  const averageLength = docs.reduce((sum, d) => sum + d.length, 0) / (docs.length || 1) || 1;
  const idf = (term: string) => {
    const n = held.get(term) ?? 0;
    return Math.max(1e-6, Math.log((docs.length - n + 0.5) / (n + 0.5)));
  };
  const bm25 = ({ length, matched }: (typeof docs)[number]) =>
    matched.reduce((score, { term, count }) => score + (idf(term) * count * (K1 + 1)) / (count + K1 * (1 - B + (B * length) / averageLength)), 0);
  return docs
    .map((d) => ({ hit: { ...d.hit, score: bm25(d) }, engineScore: d.hit.score }))
    .sort((a, b) => b.hit.score - a.hit.score || b.engineScore - a.engineScore || a.hit.key.localeCompare(b.hit.key))
    .map(({ hit }) => hit);
}
