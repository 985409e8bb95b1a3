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
  const held = new Map<string, number>();
  for (const hit of hits) for (const { term } of hit.terms) if (asked.has(term)) held.set(term, (held.get(term) ?? 0) + 1);
  const lengths = hits.map((hit) => hit.terms.reduce((sum, t) => sum + termCount(t), 0));
  const averageLength = lengths.reduce((a, b) => a + b, 0) / (hits.length || 1) || 1;
  const idf = (term: string) => {
    const n = held.get(term) ?? 0;
    return Math.max(1e-6, Math.log((hits.length - n + 0.5) / (n + 0.5)));
  };
  return hits
    .map((hit, i) => {
      let score = 0;
      for (const t of hit.terms) {
        if (!asked.has(t.term)) continue;
        const f = termCount(t);
        score += (idf(t.term) * f * (K1 + 1)) / (f + K1 * (1 - B + (B * lengths[i]) / averageLength));
      }
      return { hit: { ...hit, score }, engineScore: hit.score };
    })
    .sort((a, b) => b.hit.score - a.hit.score || b.engineScore - a.engineScore || a.hit.key.localeCompare(b.hit.key))
    .map(({ hit }) => hit);
}
