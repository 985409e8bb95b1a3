/**
 * The bureau's thesaurus (issue 17 §1): /bureau/synonyms edits groups of words that stand for each
 * other in search, on whichever engine the suite runs (embedded on SQLite, Meilisearch on PostgreSQL).
 */
import { describe, expect, it } from "vitest";
import type { DB } from "../../db/client.server";
import { action, loader } from "../../app/routes/bureau.synonyms";
import { loader as searchLoader } from "../../app/routes/search";
import { seedReference } from "../../seeds";
import { thesaurus } from "../../seeds/reference";
import { everyRow, freshDb, userIdByEmail } from "../support/db";
import { anonymous, body, call, get, post, redirectedWith, signedIn, type Browser } from "../support/http";

const CALCIUM = "多肽螯合钙制备技术研究与应用";

async function as(db: DB, email: string): Promise<Browser> {
  return signedIn(await userIdByEmail(db, email));
}

async function found(b: Browser, q: string): Promise<string[]> {
  const data = await body(await call(searchLoader, get(`/search?q=${encodeURIComponent(q)}`, b)));
  return data.results.hits.map((h: { title: { text: string }[] }) => h.title.map((t) => t.text).join(""));
}

const groupsOf = async (b: Browser) => (await body(await call(loader, get("/bureau/synonyms", b)))).groups as { id: number; words: string[] }[];
const save = (b: Browser, fields: Record<string, string>) => call(action, post("/bureau/synonyms", { intent: "save", ...fields }, b));

describe("同义词表", () => {
  it("starts with the plan's thesaurus; 污水 finds the 废水 records", async () => {
    const db = await freshDb({ demo: true });
    const bureau = await as(db, "bureau@demo.test");
    const groups = await groupsOf(bureau);
    expect(groups.map((g) => g.words.join("、"))).toContain("废水、污水");
    expect(groups).toHaveLength(thesaurus.length);
    expect(await found(bureau, "污水")).toContain("肠衣加工高盐废水综合利用关键技术");
  });

  it("a group the bureau adds works at once, an edit replaces it, and a deleted one stops", async () => {
    const db = await freshDb({ demo: true });
    const bureau = await as(db, "bureau@demo.test");
    // Words no record contains, so only the thesaurus can lead from them to the record.
    expect(await found(bureau, "calcium")).toEqual([]);

    const added = await save(bureau, { words: "Calcium，多肽螯合钙" });
    expect(redirectedWith(added)).toEqual({ to: "/bureau/synonyms", notice: "thesaurusSaved" });
    expect(await found(bureau, "calcium")).toContain(CALCIUM);

    const group = (await groupsOf(bureau)).find((g) => g.words.includes("calcium"))!;
    expect(group.words).toEqual(["calcium", "多肽螯合钙"]);
    await save(bureau, { groupId: String(group.id), words: "chelate 多肽螯合钙" });
    expect(await found(bureau, "calcium")).toEqual([]);
    expect(await found(bureau, "chelate")).toContain(CALCIUM);

    const deleted = await call(action, post("/bureau/synonyms", { intent: "delete", groupId: String(group.id) }, bureau));
    expect(redirectedWith(deleted).notice).toBe("thesaurusSaved");
    expect(await found(bureau, "chelate")).toEqual([]);
    const trail = await db.selectFrom("audit_events").select("action").where("entity", "=", "synonym_group").where("entity_id", "=", group.id).orderBy("id").execute();
    expect(trail.map((t) => t.action)).toEqual(["create", "update", "delete"]);
  });

  it.each([
    ["one word", { words: "补钙剂" }, 400, /至少 2 个词/],
    ["a single 汉字", { words: "钙、补钙剂" }, 400, /至少 2 个字/],
    ["a word over 20 characters", { words: `${"长".repeat(21)}、补钙剂` }, 400, /不超过 20 个字/],
    ["control characters", { words: "补钙\u0007剂、钙片" }, 400, /无法识别的字符/],
    ["markup", { words: "<script>、补钙剂" }, 400, /无法识别的字符/],
    ["nothing", { words: "  、 ，" }, 400, /至少 2 个词/],
    ["a word of another group", { words: "废水、工业排水" }, 409, /“废水”已在同义词组“废水、污水”中/],
    ["a forged group id", { groupId: "999999", words: "补钙剂、钙片" }, 404, /已被删除/],
    ["a group id that is not a number", { groupId: "1 or 1=1", words: "补钙剂、钙片" }, 400, /./],
  ])("refuses %s with a clear message and changes nothing", async (_what, fields, status, message) => {
    const db = await freshDb({ demo: true });
    const bureau = await as(db, "bureau@demo.test");
    const before = await everyRow(db);
    const res = await save(bureau, fields);
    expect(res.status).toBe(status);
    const answer = await body(res);
    expect(answer.message + JSON.stringify(answer.errors)).toMatch(message);
    expect(answer.values.words).toBe(fields.words); // what was typed comes back
    expect(await everyRow(db)).toEqual(before);
  });

  it("is the bureau's alone: others are refused and nothing changes", async () => {
    const db = await freshDb({ demo: true });
    const others = await Promise.all(["enterprise@demo.test", "researcher@demo.test", "expert@demo.test"].map((email) => as(db, email)));
    const before = await everyRow(db);
    for (const b of others) {
      expect((await call(loader, get("/bureau/synonyms", b))).status).toBe(403);
      expect((await save(b, { words: "补钙剂、多肽螯合钙" })).status).toBe(403);
    }
    const visitor = await anonymous();
    expect((await call(loader, get("/bureau/synonyms", visitor))).status).toBe(302);
    expect((await call(action, post("/bureau/synonyms", { intent: "delete", groupId: "1" }, visitor))).status).toBe(302);
    expect(await everyRow(db)).toEqual(before);
  });

  it("seeding reference data again keeps the bureau's edits", async () => {
    const db = await freshDb({ demo: true });
    const bureau = await as(db, "bureau@demo.test");
    const first = (await groupsOf(bureau))[0];
    await call(action, post("/bureau/synonyms", { intent: "delete", groupId: String(first.id) }, bureau));
    await seedReference(db);
    expect((await groupsOf(bureau)).map((g) => g.id)).not.toContain(first.id);
    expect(await groupsOf(bureau)).toHaveLength(thesaurus.length - 1);
  });
});
