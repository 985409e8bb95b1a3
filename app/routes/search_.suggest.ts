import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { searchSite } from "../models/result";
import { searchTextSchema } from "../schemas/fields";
import { getDb } from "../utils/db.server";

/** Suggestions while typing: titles of public documents. The search page works without this. */
export async function loader({ request }: LoaderFunctionArgs) {
  const q = searchTextSchema.parse(new URL(request.url).searchParams.get("q") ?? undefined);
  if (!q) return json({ suggestions: [] });
  try {
    const r = await searchSite(getDb(), { q, page: 1 });
    const titles = r.hits.map((h) => h.title.map((t) => t.text).join(""));
    return json({ suggestions: [...new Set(titles)].slice(0, 8) }, { headers: { "Cache-Control": "private, max-age=30" } });
  } catch {
    return json({ suggestions: [] });
  }
}
