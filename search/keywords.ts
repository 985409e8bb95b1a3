import { idfTable } from "./idf";
import { addTerms, searchWords } from "./segment";

/**
 * Keyword extraction by TF-IDF over jieba's words, with jieba's IDF table (a general Chinese
 * corpus). Documents carry their extracted terms from the moment they are written, and matching
 * queries with a record's strongest terms rather than its raw text: a long text read word by
 * word drowns its subject in boilerplate, and Meilisearch only reads ten query words anyway.
 */
export interface Term {
  term: string;
  weight: number;
}

/** Words every technical text uses; as keywords they explain nothing and match everything. */
export const GENERIC = new Set(
  (
    "技术 研究 开发 应用 利用 方法 工艺 系统 提高 关键 关键技术 综合 综合利用 资源 加工 设计 装置 产品 项目 企业 需求 成果 实现 基于 及其 以及 新型 高效 问题 解决 优化 控制 提升 示范 " +
    "本文 我们 通过 进行 采用 结果 表明 研究 分析 提出 具有 一种 一个 可以 能够 对于 其中 主要 不同 相关 之间 影响 作用 情况 方面 寻求 方案 解决方案 需要 要求 目前 显著 发现 并且 同时 因此 以及 根据 然后 此外 为了 已经"
  ).split(" "),
);

/** How informative a word is; a word jieba's corpus never saw counts as moderately rare. */
function idf(word: string): number {
  const table = idfTable();
  return table.get(word) ?? table.median;
}

const CJK = /\p{Script=Han}/u;

/** A word worth matching on: two or more characters (or a Latin/number token of three), not generic. */
function informative(w: string): boolean {
  const n = [...w].length;
  return !GENERIC.has(w) && (CJK.test(w) ? n >= 2 : n >= 3);
}

/**
 * The `limit` strongest terms of a text's tokens (from `searchWords` or `indexText`), best first.
 * Parts carry a weight: a title or the author's own keywords count more than a body.
 */
function extractTerms(parts: { tokens: string[]; weight: number }[], limit = 20): Term[] {
  const tf = new Map<string, number>();
  for (const { tokens, weight } of parts) {
    for (const w of tokens) if (informative(w)) tf.set(w, (tf.get(w) ?? 0) + weight);
  }
  return [...tf]
    .map(([term, n]) => ({ term, weight: Math.round((1 + Math.log(n)) * idf(term) * 10) / 10 }))
    .sort((a, b) => b.weight - a.weight || a.term.localeCompare(b.term))
    .slice(0, limit);
}

/**
 * How often a document uses a term (title and keywords counted more, as in `documentTerms`), read
 * back from its stored weight, which is (1 + ln count) × idf: what a term-frequency score needs.
 */
export function termCount({ term, weight }: Term): number {
  return Math.exp(weight / idf(term) - 1);
}

/** The strongest terms of a plain text (a query, or a record being matched). */
export function termsOf(text: string, limit = 20): Term[] {
  return extractTerms([{ tokens: searchWords(text), weight: 1 }], limit);
}

/** A record's own keywords join our term dictionary before its text is segmented (see segment.ts). */
export function learnKeywords(keywords: string[]): void {
  addTerms(keywords, (w) => idfTable().has(w));
}

/** Enough terms per document for re-ranking to compare documents (fewer lost field precision on the eval). */
const DOCUMENT_TERMS = 40;

/**
 * A document's terms, computed when it is written: its title and own keywords count more than
 * its body. An engine that has already segmented the text passes its tokens.
 */
export function documentTerms(
  d: { title: string; keywords: string[]; body: string },
  tokens: { title: string[]; body: string[] } = { title: searchWords(d.title), body: searchWords(d.body) },
): Term[] {
  return extractTerms([
    { tokens: tokens.title, weight: 3 },
    { tokens: searchWords(d.keywords.join(" ")), weight: 2 },
    { tokens: tokens.body, weight: 1 },
  ], DOCUMENT_TERMS);
}
