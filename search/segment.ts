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
/** Words added to the dictionary, with the pieces jieba cut them into before: still searchable. */
const added = new Map<string, string[]>();

/**
 * Our term dictionary: the keywords people give their records (高盐废水, 多肽螯合钙 …) become
 * jieba words, so they are kept whole as index terms and keywords; their parts stay searchable
 * through the sub-words.
 */
export function addTerms(words: Iterable<string>, known: (w: string) => boolean): void {
  const fresh = [...words].map((w) => w.normalize("NFKC").toLowerCase().trim()).filter((w) => /^\p{Script=Han}{3,12}$/u.test(w) && !added.has(w) && !known(w));
  if (fresh.length === 0) return;
  for (const w of fresh) added.set(w, segmenter().cutForSearch(w, true).filter((p) => p !== w));
  segmenter().loadDict(Buffer.from(fresh.map((w) => `${w} 1000 nz`).join("\n")));
}

/**
 * Text for the index: the words (for ranking and snippets), the finer pieces search also wants,
 * and every token normalised as queries see them (for keyword extraction, without cutting twice).
 */
export function indexText(text: string): { words: string; subwords: string; tokens: string[] } {
  const words = segmenter().cut(text, true);
  const seen = new Set(words);
  const tokens = searchWords(text);
  return { words: words.join(JOIN), subwords: tokens.filter((w) => !seen.has(w)).join(JOIN), tokens };
}

/** Every word and sub-word of a text, normalised (全角 → 半角, lower case), without punctuation or search syntax. */
export function searchWords(text: string): string[] {
  return withParts(segmenter().cutForSearch(text.normalize("NFKC").toLowerCase(), true)).filter((t) => WORD.test(t) && t.trim() === t);
}

function withParts(tokens: string[]): string[] {
  if (added.size === 0) return tokens;
  return tokens.flatMap((t) => {
    const parts = added.get(t);
    return parts ? [t, ...parts] : [t];
  });
}

const HAN_TERM = /^\p{Script=Han}{3,12}$/u;

/**
 * The parts of our terms a person may type: every run of two or more characters of a keyword of
 * three to twelve 汉字 (脱氮 and 氮除磷 of 脱氮除磷, 盐废水 of 高盐废水), whether or not jieba
 * knows them as words. Indexed as sub-words, so a part finds the record; no single characters.
 */
export function termParts(keywords: string[]): string[] {
  const out = new Set<string>();
  for (const k of keywords) {
    const chars = [...k.normalize("NFKC").toLowerCase().trim()];
    if (!HAN_TERM.test(chars.join(""))) continue;
    for (let i = 0; i < chars.length; i++) for (let j = i + 2; j <= chars.length && j - i < chars.length; j++) out.add(chars.slice(i, j).join(""));
  }
  return [...out];
}

/**
 * The distinct words of a query, at most 32, without the pieces of a longer query word: 锂电池
 * asks for 锂电池, not for everything that says 电池 (the index's sub-words still let 电池 find
 * 锂电池). Each extra piece widens the OR the engine has to rank. A run of two to eight 汉字 that
 * jieba cut into pieces is asked for whole as well, to meet a term's part (脱氮 → 脱氮除磷).
 */
export function queryTerms(q: string): string[] {
  const words = wholeWords([...new Set(searchWords(q))]);
  const runs = q.normalize("NFKC").match(/\p{Script=Han}{2,8}/gu) ?? [];
  return [...new Set([...words, ...runs])].slice(0, 32);
}

/** A word as the index's words, space-separated: quoted, FTS5 reads it as a phrase (无人驾驶 航空器). */
export function asPhrase(word: string): string {
  return segmenter().cut(word.normalize("NFKC").toLowerCase(), true).filter((w) => WORD.test(w)).join(" ");
}

/** Words without those that are pieces of another (高盐废水, not also 高盐 and 废水), in their order. */
export function wholeWords(words: string[]): string[] {
  return words.filter((w) => !words.some((o) => o !== w && o.includes(w)));
}
