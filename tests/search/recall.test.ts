import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { searchEngine, setSearchEngine } from "../../search";
import type { SearchEngine } from "../../search/engine";
import { meilisearchEngine } from "../../search/meilisearch/engine";
import { startMeilisearch } from "../../search/meilisearch/local-server";
import { sqliteEngine } from "../../search/sqlite/engine";
import type { DB } from "../../db/client.server";
import { createResult, moveResult } from "../../app/models/result/result.server";
import { loadActor } from "../../app/models/shared/session.server";
import { freshDb, onPostgres, userIdByEmail } from "../support/db";

const harnesses: [string, () => Promise<{ engine: SearchEngine; stop: () => Promise<void> }>][] = ([
  ["embedded (SQLite FTS5)", async () => ({ engine: sqliteEngine, stop: async () => {} })],
  ["Meilisearch", async () => {
    const server = await startMeilisearch();
    return { engine: meilisearchEngine({ host: server.url, apiKey: server.key }), stop: server.stop };
  }],
] as [string, () => Promise<{ engine: SearchEngine; stop: () => Promise<void> }>][]).filter(([name]) => !onPostgres || name === "Meilisearch");

describe.each(harnesses)("recall: %s", (_name, make) => {
  let h: { engine: SearchEngine; stop: () => Promise<void> };
  beforeAll(async () => { h = await make(); setSearchEngine(h.engine); }, 60_000);
  afterAll(async () => { setSearchEngine(undefined); await h?.stop(); });
  const titles = async (db: DB, q: string) => (await searchEngine().search(db, { q, page: 1, pageSize: 50 })).hits.map((x) => x.title.map((t) => t.text).join(""));
  it.each(["脱氮", "除磷", "氮除磷"])("%s finds a result whose keyword is 脱氮除磷", async (q) => {
    const db = await freshDb({ demo: true });
    await h.engine.reindex(db);
    const researcher = await loadActor(db, await userIdByEmail(db, "researcher@demo.test"));
    const id = await createResult(db, researcher, { title: "农村生活污染物一体化处理装置", abstract: "一体化设备处理农村生活排水，出水达到一级A标准。", fieldCode: "06", keywords: ["脱氮除磷", "一体化设备"], trl: 6, transferModes: ["license"], price: null, team: "测试团队五人。", contactName: "林老师", contactPhone: "13800007777", contactEmail: null, patents: [] });
    await moveResult(db, researcher, id, "publish");
    if (h.engine.relay) while ((await h.engine.relay(db, new Date("9999-01-01"))) > 0);
    const got = await titles(db, q);
    console.log(q, got);
    expect(got).toContain("农村生活污染物一体化处理装置");
  });
  it.each([["盐废水", "肠衣加工高盐废水综合利用关键技术"], ["螯合", "多肽螯合钙制备技术研究与应用"], ["螯合钙", "多肽螯合钙制备技术研究与应用"], ["污水", "肠衣加工高盐废水综合利用关键技术"]])("%s finds %s", async (q, title) => {
    const db = await freshDb({ demo: true });
    await h.engine.reindex(db);
    const got = await titles(db, q);
    console.log(q, got.length, got.slice(0, 5));
    expect(got).toContain(title);
  });
});
