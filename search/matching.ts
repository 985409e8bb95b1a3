import type { Kysely } from "kysely";
import type { Database, DocKind } from "../db/schema";
import { stageOfTrl } from "../db/vocabulary";
import type { SearchEngine, SearchHit } from "./engine";
import { documentTerms, learnKeywords, type Term } from "./keywords";
import { wholeWords } from "./segment";

/**
 * Two-way matching on top of any search engine: retrieve with a record's own key terms, then
 * blend text relevance with structured signals (技术领域, 产业领域, 成熟度, price vs bounty) and say why.
 */
export interface MatchSource {
  title: string;
  keywords: string[];
  fieldCode: string;
  /** 产业领域 (focus_fields.code), when the record carries one. */
  industryCode?: string | null;
  /** 榜额 of a challenge, or 参考价格 of a result, in 分 (0 or null: 面议). */
  amountFen: number | null;
  /** The public description (摘要, 需求概述), read for its terms. */
  description?: string;
  /** A result's TRL, when the source is a result. */
  trl?: number | null;
}

export interface Match {
  hit: SearchHit;
  /** 0–100 */
  score: number;
  reasons: string[];
}

/** What a shared 技术领域 or a shared 产业领域 adds to a match's score (of 1). */
const SHARED_CLASS = 0.15;

/** How many candidates each retrieval brings: 100 for the evaluation's recall@100, fewer for a page's top five. */
const DEPTH = 100;
const PAGE_DEPTH = 40;
/**
 * How many of the source's strongest terms the first query asks for. A whole abstract's twenty did
 * better than ten (abs2field nDCG@10 .364 → .383) and changed nothing for titles and keywords,
 * which have fewer.
 */
const QUERY_TERMS = 20;
/** Terms the best hit adds to the second query ("more like this"). */
const FEEDBACK_TERMS = 10;
/** Weight of the second query against the first. */
const FEEDBACK_WEIGHT = 1;
/** How many of the best candidates vote in the re-ranking, and how much their vote counts. */
const NEIGHBOURS = 10;
const NEIGHBOUR_SHARE = 0.5;

/** The first hits of the word search keep their places: a searched-for title must stay on top. */
const KEEP = 3;

type Vector = Map<string, number>;

function unit(terms: Term[]): Vector {
  const norm = Math.hypot(...terms.map((t) => t.weight)) || 1;
  return new Map(terms.map((t) => [t.term, t.weight / norm]));
}

function cosine(a: Vector, b: Vector): number {
  let dot = 0;
  for (const [t, w] of a) dot += w * (b.get(t) ?? 0);
  return dot;
}

/**
 * Text relevance for matching, the same on every engine, in three steps:
 * 1. retrieve with the source's strongest terms;
 * 2. retrieve again with the strongest terms of the best hit (pseudo-relevance feedback), which
 *    finds work on the same subject that words of the query alone miss;
 * 3. re-rank the pool by how close each candidate is to the best candidates (they are about the
 *    subject; a document that only shares a word with the query is not close to them).
 * The first three hits of step 1 keep their places: a search for a known title must still find it.
 * Tuned on ../shared/eval (npm run search:eval); see search/README.md for the figures.
 */
export async function rankByText(
  db: Kysely<Database>,
  engine: SearchEngine,
  query: Term[],
  { kind, depth = DEPTH }: { kind?: DocKind; depth?: number },
): Promise<{ hit: SearchHit; text: number }[]> {
  const asked = wholeWords(query.map((t) => t.term)).slice(0, QUERY_TERMS);
  const first = await engine.search(db, { q: asked.join(" "), kind, page: 1, pageSize: depth, lean: true });
  const top = first.hits[0];
  if (!top || top.score <= 0) return [];
  const pool = new Map(first.hits.map((hit) => [hit.key, { hit, text: hit.score / top.score }]));

  const fresh = top.terms.map((t) => t.term).filter((t) => !asked.includes(t)).slice(0, FEEDBACK_TERMS);
  if (fresh.length > 0) {
    const second = await engine.search(db, { q: [...asked.slice(0, 5), ...fresh].join(" "), kind, page: 1, pageSize: depth, lean: true });
    const best = second.hits[0]?.score || 1;
    for (const hit of second.hits) {
      const p = pool.get(hit.key) ?? { hit, text: 0 };
      p.text += (FEEDBACK_WEIGHT * hit.score) / best;
      pool.set(hit.key, p);
    }
  }

  const ranked = [...pool.values()].sort((a, b) => b.text - a.text || a.hit.key.localeCompare(b.hit.key));
  const maxText = ranked[0].text;
  const vectors = ranked.map((r) => unit(r.hit.terms));
  const voters = ranked.slice(0, NEIGHBOURS);
  const closeness = ranked.map((_, i) => {
    let sum = 0;
    let weight = 0;
    voters.forEach((v, j) => {
      if (j === i) return;
      sum += v.text * cosine(vectors[i], vectors[j]);
      weight += v.text;
    });
    return weight ? sum / weight : 0;
  });
  const maxCloseness = Math.max(...closeness) || 1;
  return ranked
    .map((r, i) => ({ hit: r.hit, text: i < KEEP ? 2 - i / 10 : (1 - NEIGHBOUR_SHARE) * (r.text / maxText) + (NEIGHBOUR_SHARE * closeness[i]) / maxCloseness }))
    .sort((a, b) => b.text - a.text || a.hit.key.localeCompare(b.hit.key))
    .slice(0, depth);
}

/** The terms a record is matched on: its own keywords and title count more than its description. */
function sourceTerms(s: MatchSource): Term[] {
  learnKeywords(s.keywords);
  return documentTerms({ title: s.title, keywords: s.keywords, body: s.description ?? "" });
}

export async function findMatches(
  db: Kysely<Database>,
  engine: SearchEngine,
  source: MatchSource,
  kind: DocKind,
  { limit = 5, fieldName, industryName }: { limit?: number; fieldName: (code: string) => string; industryName: (code: string) => string },
): Promise<Match[]> {
  const terms = sourceTerms(source);
  const ranked = await rankByText(db, engine, terms, { kind, depth: PAGE_DEPTH });
  if (ranked.length === 0) return [];
  const best = ranked[0].text;
  const mine = new Set(terms.map((t) => t.term));
  // A match needs textual evidence: field, maturity and price only rank what the words found.
  const withEvidence = ranked
    .map(({ hit, text }) => ({ hit, text, shared: wholeWords(hit.terms.filter((t) => mine.has(t.term)).map((t) => t.term)).slice(0, 5) }))
    .filter((x) => x.shared.length > 0);
  const matches = withEvidence.map(({ hit, text, shared }) => {
    const reasons: string[] = [`共同关键词：${shared.join("、")}`];
    let structure = 0;
    if (hit.fieldCode && hit.fieldCode === source.fieldCode) {
      structure += SHARED_CLASS;
      reasons.push(`同属技术领域“${fieldName(hit.fieldCode)}”`);
    }
    // The plan's industries are what a company recognises (食品饮料 rather than 农业): counted like the field.
    if (hit.industryCode && hit.industryCode === source.industryCode) {
      structure += SHARED_CLASS;
      reasons.push(`同属产业领域：${industryName(hit.industryCode)}`);
    }
    // A challenge wants something close to use; a result looks for a challenge it can meet.
    const trl = kind === "result" ? hit.trl : (source.trl ?? null);
    const stage = trl == null ? null : stageOfTrl(trl);
    if (stage === "scale" || stage === "industry") {
      structure += 0.1;
      reasons.push(`成熟度 TRL ${trl}，已到中试或产业化阶段`);
    } else if (stage === "lab") {
      reasons.push(`成熟度 TRL ${trl}，尚在实验室阶段，需继续开发`);
    }
    const price = kind === "result" ? hit.amountFen : source.amountFen;
    const bounty = kind === "result" ? source.amountFen : hit.amountFen;
    if (price != null && price > 0 && bounty != null && bounty > 0) {
      if (price <= bounty) {
        structure += 0.1;
        reasons.push("参考价格在榜额以内");
      } else if (price > bounty * 1.5) {
        structure -= 0.1;
        reasons.push("参考价格明显高于榜额");
      }
    }
    const score = Math.max(0, Math.min(100, Math.round((0.7 * (text / best) + structure) * 100)));
    return { hit, score, reasons };
  });
  return matches.sort((a, b) => b.score - a.score || a.hit.key.localeCompare(b.hit.key)).slice(0, limit);
}
