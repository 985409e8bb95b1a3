import type { Kysely } from "kysely";
import type { Database } from "../db/schema";

/**
 * The bureau's thesaurus (同义词: 污水/废水, 锂电/锂电池 …), reference data in the database
 * (tables synonym_groups and synonyms). Each word of a group stands for the others: the embedded
 * engine adds them to a query, Meilisearch gets them as its `synonyms` setting.
 */

/** A word as queries see it (全角 → 半角, lower case). */
export const normalWord = (w: string) => w.normalize("NFKC").toLowerCase().trim();

/**
 * For each of the query's terms, the other words of its groups that the query does not hold
 * already; a word two terms share goes to the first, so no word is asked for twice.
 */
export async function synonymsOf(db: Kysely<Database>, terms: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>(terms.map((t) => [t, []]));
  if (terms.length === 0) return out;
  const rows = await db
    .selectFrom("synonyms as s")
    .innerJoin("synonyms as other", "other.group_id", "s.group_id")
    .select(["s.word as term", "other.word as fellow"])
    .where("s.word", "in", terms)
    .where("other.word", "not in", terms)
    .orderBy("other.word")
    .execute();
  const given = new Set<string>();
  for (const t of terms)
    for (const r of rows)
      if (r.term === t && !given.has(r.fellow)) {
        given.add(r.fellow);
        out.get(t)!.push(r.fellow);
      }
  return out;
}

/** Every group, each word with its fellows, for an engine that keeps synonyms itself. */
export async function synonymMap(db: Kysely<Database>): Promise<Record<string, string[]>> {
  const rows = await db.selectFrom("synonyms").select(["word", "group_id"]).orderBy("group_id").orderBy("word").execute();
  const groups = new Map<number, string[]>();
  for (const r of rows) groups.set(r.group_id, [...(groups.get(r.group_id) ?? []), r.word]);
  const out: Record<string, string[]> = {};
  for (const words of groups.values()) for (const w of words) out[w] = words.filter((o) => o !== w);
  return out;
}
