import type { Kysely } from "kysely";
import type { Database, DocKind } from "../db/schema";
import type { SearchDocument } from "./documents";
import type { Term } from "./keywords";

/**
 * The search port. The embedded engine (SQLite FTS5, ./sqlite) is the default; a Meilisearch
 * adapter can stand behind the same interface. `sync` runs inside the caller's transaction.
 */
export interface SearchQuery {
  q: string;
  kind?: DocKind;
  field?: string;
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
  status: string | null;
  trl: number | null;
  amountFen: number | null;
  orgName: string;
  /** The document's extracted terms, best first (see keywords.ts). */
  terms: Term[];
  /** Text relevance, higher is better; comparable only within one result list. */
  score: number;
}

export interface SearchResults {
  hits: SearchHit[];
  total: number;
  facets: { kind: Record<DocKind, number>; field: Record<string, number> };
  /** The words the query was understood as. */
  terms: string[];
}

export interface SearchEngine {
  /** Bring one record's document up to date (or remove it when it is no longer searchable). */
  sync(trx: Kysely<Database>, kind: DocKind, id: number): Promise<void>;
  search(db: Kysely<Database>, query: SearchQuery): Promise<SearchResults>;
  /** Rebuild every document from the database. */
  reindex(db: Kysely<Database>): Promise<number>;
  /** Replace the whole index with these documents (a rebuild, or the evaluation's corpus). */
  replaceAll(db: Kysely<Database>, docs: SearchDocument[]): Promise<number>;
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
