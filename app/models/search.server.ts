import type { DB } from "../../db/client.server";
import type { DocKind } from "../../db/schema";
import { searchEngine } from "../../search";

export const SEARCH_PAGE_SIZE = 20;

/** Site search over published challenges, results and researcher profiles (public fields only). */
export async function searchSite(db: DB, q: { q: string; kind?: DocKind; field?: string; page: number }) {
  return searchEngine().search(db, { ...q, pageSize: SEARCH_PAGE_SIZE });
}
