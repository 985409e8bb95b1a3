import { Jieba } from "@node-rs/jieba";
import { dict } from "@node-rs/jieba/dict.js";

/**
 * Chinese segmentation with jieba, the same at index and query time. Words are joined by U+200B:
 * FTS5's unicode61 tokenizer splits on it, and it is invisible when a snippet is shown.
 */
export const JOIN = "\u200B";

let jieba: Jieba | undefined;
function segmenter(): Jieba {
  return (jieba ??= Jieba.withDict(dict));
}

const WORD = /[\p{L}\p{N}]/u;

/** Text for the index: the words (for ranking and snippets) and the finer pieces search also wants. */
export function indexText(text: string): { words: string; subwords: string } {
  const s = segmenter();
  const words = s.cut(text, true);
  const seen = new Set(words);
  const pieces = s.cutForSearch(text, true).filter((w) => WORD.test(w) && !seen.has(w));
  return { words: words.join(JOIN), subwords: pieces.join(JOIN) };
}

/** The words of a query, normalised (全角 → 半角) and without search syntax; at most 32. */
export function queryTerms(q: string): string[] {
  const tokens = segmenter().cutForSearch(q.normalize("NFKC").toLowerCase(), true);
  return [...new Set(tokens.map((t) => t.trim()).filter((t) => WORD.test(t)))].slice(0, 32);
}
