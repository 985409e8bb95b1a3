import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { searchSite } from "../models/result";
import { searchTextSchema } from "../schemas/fields";
import { getDb } from "../utils/db.server";

/** At most this many terms lead the list; titles fill it up to eight. */
const TERMS = 4;

/**
 * Suggestions while typing: first the terms of the public records found that contain what was
 * typed, as its start or as a part (高盐 → 高盐废水, 脱氮 → 脱氮除磷), then their titles. The
 * search page works without this.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const q = searchTextSchema.parse(new URL(request.url).searchParams.get("q") ?? undefined);
  if (!q) return json({ suggestions: [] });
  try {
    const r = await searchSite(getDb(), { q, page: 1 });
    const typed = q.normalize("NFKC").toLowerCase();
    const terms = [...new Set(r.hits.flatMap((h) => h.terms.map((t) => t.term)))]
      .filter((t) => t !== typed && t.includes(typed))
      .sort((a, b) => Number(b.startsWith(typed)) - Number(a.startsWith(typed)) || a.length - b.length)
      .slice(0, TERMS);
    const titles = r.hits.map((h) => h.title.map((t) => t.text).join(""));
    return json({ suggestions: [...new Set([...terms, ...titles])].slice(0, 8) }, { headers: { "Cache-Control": "private, max-age=30" } });
  } catch (e) {
    // Suggestions are a convenience: the page's own search says what is wrong.
    console.warn(`[search] 输入提示失败：${e instanceof Error ? e.message : e}`);
    return json({ suggestions: [] });
  }
}
