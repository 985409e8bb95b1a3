import type { Kysely } from "kysely";
import type { Database, DocKind, Region } from "../db/schema";
import type { SearchDocument } from "./documents";
import type { Stage } from "../db/vocabulary";
import type { Term } from "./keywords";

export interface SearchQuery {
  q: string;
  kind?: DocKind;
  field?: string;
  /** 产业领域 (focus_fields.code), challenges and results only. */
  industry?: string;
  /**
   * A challenge status (published, evaluating, …) or, for profiles, expert/researcher. Results are
   * always "published", so a status filter and the status facet cover challenges and profiles only.
   */
  status?: string;
  /** 成熟度: results whose TRL is in the stage's range (challenges and profiles have no TRL). */
  stage?: Stage;
  /** Bounty (challenges) or price (results) in 分, inclusive; 面议 (null or 0) is excluded once either is set. */
  amountMin?: number;
  amountMax?: number;
  /** The organisation's region. */
  region?: Region;
  page: number;
  pageSize: number;
  /** For matching: hits and their terms only, no facets or highlighting. */
  lean?: boolean;
}

/** Text split into plain and matched runs, so pages can mark matches without injecting HTML. */
export type Highlighted = { text: string; mark: boolean }[];

export interface SearchHit {
  key: string;
  kind: DocKind;
  id: number;
  title: Highlighted;
  snippet: Highlighted;
  fieldCode: string | null;
  industryCode: string | null;
  status: string | null;
  trl: number | null;
  amountFen: number | null;
  orgName: string;
  orgRegion: Region | null;
  /** The document's extracted terms, best first (see keywords.ts). */
  terms: Term[];
  /** Text relevance, higher is better; comparable only within one result list. */
  score: number;
}

export interface SearchResults {
  hits: SearchHit[];
  total: number;
  /** Each facet counts the matches under every other active filter, not its own (disjunctive). */
  facets: SearchFacets;
  /** The words the query was understood as. */
  terms: string[];
}

export interface SearchFacets {
  kind: Record<DocKind, number>;
  field: Record<string, number>;
  industry: Record<string, number>;
  status: Record<string, number>;
  stage: Record<Stage, number>;
  region: Record<Region, number>;
}

export function emptyFacets(): SearchFacets {
  return {
    kind: { challenge: 0, result: 0, expert: 0 },
    field: {},
    industry: {},
    status: {},
    stage: { lab: 0, pilot: 0, scale: 0, industry: 0 },
    region: { lizhou: 0, guangyuan_other: 0, sichuan_other: 0, outside: 0 },
  };
}

/** Whether any filter that narrows by amount is set (面议 then drops out). */
export const hasAmountRange = (q: SearchQuery) => q.amountMin != null || q.amountMax != null;

/**
 * The search port. The embedded engine (SQLite FTS5, ./sqlite) is the default; a Meilisearch
 * adapter can stand behind the same interface. `sync` runs inside the caller's transaction.
 */
export interface SearchEngine {
  /** Bring one record's document up to date (or remove it when it is no longer searchable). */
  sync(trx: Kysely<Database>, kind: DocKind, id: number): Promise<void>;
  search(db: Kysely<Database>, query: SearchQuery): Promise<SearchResults>;
  /** Rebuild every document from the database. */
  reindex(db: Kysely<Database>): Promise<number>;
  /** Replace the whole index with these documents (a rebuild, or the evaluation's corpus). */
  replaceAll(db: Kysely<Database>, docs: SearchDocument[]): Promise<number>;
  /**
   * Engines that index outside the database (Meilisearch) apply committed outbox rows here, after
   * commit; the server runs it in the background. Returns how many rows were applied.
   */
  relay?(db: Kysely<Database>, now?: Date): Promise<number>;
  /** Engines that keep synonyms themselves (Meilisearch) take the bureau's edited thesaurus here; the embedded engine reads it per query. */
  thesaurusChanged?(db: Kysely<Database>): Promise<void>;
}

export const MARK_START = "\uE000";
export const MARK_END = "\uE001";

/** Split engine output with MARK_START/MARK_END into runs; drop the invisible word joiners. */
export function toHighlighted(s: string): Highlighted {
  const out: Highlighted = [];
  for (const [i, part] of s.replaceAll("\u200B", "").split(new RegExp(`[${MARK_START}${MARK_END}]`)).entries()) {
    if (part) out.push({ text: part, mark: i % 2 === 1 });
  }
  return out;
}

/** The search engine cannot be reached: pages degrade (a message), writes are unaffected. */
export class SearchUnavailableError extends Error {
  constructor(cause?: unknown) {
    super("搜索服务暂时不可用，请稍后再试。", { cause });
    this.name = "SearchUnavailableError";
  }
}
