import type { DB } from "../../db/client.server";
import { searchEngine } from "../../search";
import type { SearchQuery } from "../../search/engine";

export const SEARCH_PAGE_SIZE = 20;

/** Site search over published challenges, results and researcher profiles (public fields only). */
export async function searchSite(db: DB, q: Omit<SearchQuery, "pageSize" | "lean">) {
  return searchEngine().search(db, { ...q, pageSize: SEARCH_PAGE_SIZE });
}
