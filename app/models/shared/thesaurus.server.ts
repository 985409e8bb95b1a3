import type { DB } from "../../../db/client.server";
import { searchEngine } from "../../../search";
import { noteSearchChange } from "../../../search/changes";
import type { SynonymGroupInput } from "../../schemas/thesaurus";
import { ConflictError, NotFoundError, isUniqueViolation } from "../../utils/errors";
import { clock } from "../../utils/time";
import { requireBureau } from "./access";
import { recordAudit } from "./audit.server";
import type { CurrentUser } from "./session.server";

/** The search thesaurus as the bureau edits it (/bureau/synonyms); the engines read it in search/thesaurus.ts. */
export interface SynonymGroup {
  id: number;
  words: string[];
  updatedAt: string;
  updatedBy: string | null;
}

export async function listSynonymGroups(db: DB): Promise<SynonymGroup[]> {
  const rows = await db
    .selectFrom("synonym_groups as g")
    .innerJoin("synonyms as s", "s.group_id", "g.id")
    .leftJoin("users as u", "u.id", "g.updated_by")
    .select(["g.id", "g.updated_at", "u.name", "s.word"])
    .orderBy("g.id")
    .orderBy("s.word")
    .execute();
  const groups = new Map<number, SynonymGroup>();
  for (const r of rows) {
    const g = groups.get(r.id) ?? { id: r.id, words: [], updatedAt: r.updated_at, updatedBy: r.name };
    g.words.push(r.word);
    groups.set(r.id, g);
  }
  return [...groups.values()];
}

/** A word already in another group: one word, one group, or two groups would pull each other in. */
const taken = (word: string, fellows: string[]) =>
  new ConflictError(`“${word}”已在同义词组“${fellows.join("、")}”中。一个词只能属于一组，请修改那一组，或先从那一组中删去它。`);

/** Add a group, or replace a group's words. Returns whether the search engine took the change at once. */
export async function saveSynonymGroup(db: DB, officer: CurrentUser, input: SynonymGroupInput, now = clock.now()): Promise<boolean> {
  requireBureau(officer);
  await db.transaction().execute(async (trx) => {
    const stamp = { updated_at: now.toISOString(), updated_by: officer.id };
    let id = input.groupId;
    if (id != null) {
      const r = await trx.updateTable("synonym_groups").set(stamp).where("id", "=", id).executeTakeFirst();
      if (r.numUpdatedRows === 0n) throw new NotFoundError("该同义词组已被删除，请刷新页面后重新添加。");
      await trx.deleteFrom("synonyms").where("group_id", "=", id).execute();
    } else {
      id = (await trx.insertInto("synonym_groups").values(stamp).returning("id").executeTakeFirstOrThrow()).id;
    }
    const clash = await trx.selectFrom("synonyms").select(["word", "group_id"]).where("word", "in", input.words).executeTakeFirst();
    if (clash) {
      const fellows = await trx.selectFrom("synonyms").select("word").where("group_id", "=", clash.group_id).orderBy("word").execute();
      throw taken(clash.word, fellows.map((f) => f.word));
    }
    try {
      await trx.insertInto("synonyms").values(input.words.map((word) => ({ word, group_id: id }))).execute();
    } catch (e) {
      // Another officer put one of these words into a group at the same moment.
      if (isUniqueViolation(e)) throw new ConflictError("其中的词刚被他人加入了另一组同义词，请刷新页面后再试。");
      throw e;
    }
    await recordAudit(trx, { entity: "synonym_group", entityId: id, action: input.groupId == null ? "create" : "update", reason: input.words.join("、"), actorId: officer.id });
  });
  return thesaurusChanged(db);
}

export async function deleteSynonymGroup(db: DB, officer: CurrentUser, groupId: number): Promise<boolean> {
  requireBureau(officer);
  await db.transaction().execute(async (trx) => {
    const words = await trx.selectFrom("synonyms").select("word").where("group_id", "=", groupId).orderBy("word").execute();
    const r = await trx.deleteFrom("synonym_groups").where("id", "=", groupId).executeTakeFirst();
    if (r.numDeletedRows === 0n) throw new NotFoundError("该同义词组已被删除。");
    await recordAudit(trx, { entity: "synonym_group", entityId: groupId, action: "delete", reason: words.map((w) => w.word).join("、"), actorId: officer.id });
  });
  return thesaurusChanged(db);
}

/**
 * After commit, an engine that keeps synonyms itself (Meilisearch) is told. The edit is saved
 * either way; if the engine cannot take it now, the page says so and the next rebuild applies it.
 */
async function thesaurusChanged(db: DB): Promise<boolean> {
  noteSearchChange(); // the embedded engine reads the thesaurus at each search: kept matches are stale
  try {
    await searchEngine().thesaurusChanged?.(db);
    return true;
  } catch (e) {
    console.error(`[search] 同义词表已保存，但搜索引擎未能更新：${e instanceof Error ? e.message : e}`);
    return false;
  }
}
