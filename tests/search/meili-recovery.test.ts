import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createResult, moveResult } from "../../app/models/result.server";
import { loadActor } from "../../app/models/session.server";
import { setSearchEngine } from "../../search";
import { allDocuments } from "../../search/documents";
import { INDEX, meilisearchEngine } from "../../search/meilisearch/engine";
import { startMeilisearch } from "../../search/meilisearch/local-server";
import type { DB } from "../../db/client.server";
import { freshDb, userIdByEmail } from "../support/db";

/**
 * The promise of the outbox: Meilisearch may die in the middle of people's writes, and nothing is
 * lost. The writes succeed while it is down; once it is back, the relay catches up and the index
 * holds exactly what a fresh rebuild from the database would.
 */
describe("Meilisearch killed during writes", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "techmatch-meili-recovery-"));
  afterEach(() => {
    setSearchEngine(undefined);
  });

  async function publish(db: DB, title: string): Promise<number> {
    const researcher = await loadActor(db, await userIdByEmail(db, "researcher@demo.test"));
    const id = await createResult(db, researcher, {
      title,
      abstract: `${title}：停机期间写入的成果摘要，用于检查索引恢复。`,
      fieldCode: "07",
      keywords: ["恢复测试"],
      trl: 5,
      transferModes: ["license"],
      price: null,
      team: "测试团队。",
      contactName: "林老师",
      contactPhone: "13800007777",
      contactEmail: null,
      patents: [],
    });
    await moveResult(db, researcher, id, "publish");
    return id;
  }

  it("loses nothing: the relay catches up and the index equals a fresh reindex", async () => {
    const port = 19000 + Math.floor(Math.random() * 900);
    let server = await startMeilisearch({ dataDir: dir, port });
    const engine = meilisearchEngine({ host: server.url, apiKey: server.key });
    setSearchEngine(engine);
    const db = await freshDb({ demo: true });
    const researcher = await loadActor(db, await userIdByEmail(db, "researcher@demo.test"));
    await engine.reindex(db);
    const before = await publish(db, "停机前发布的成果");
    await engine.relay(db);

    await server.stop();
    const during = [await publish(db, "停机期间发布的成果甲"), await publish(db, "停机期间发布的成果乙")];
    await moveResult(db, researcher, before, "archive");
    expect(await engine.relay(db)).toBe(0); // nothing applied while it is down, and the writes stood
    expect(await db.selectFrom("search_outbox").select("id").execute()).toHaveLength(3);

    server = await startMeilisearch({ dataDir: dir, port });
    try {
      const later = new Date(Date.now() + 3_600_000); // past every backoff
      while ((await db.selectFrom("search_outbox").select("id").limit(1).execute()).length > 0) {
        expect(await engine.relay(db, later)).toBeGreaterThan(0);
      }
      const stored = await engine.client.index(INDEX).getDocuments({ limit: 1000, fields: ["id", "title", "body"] });
      const indexed = stored.results.map((d) => `${d.id}|${d.title}|${d.body}`).sort();
      const fresh = (await allDocuments(db)).map((d) => `${d.key.replace(":", "-")}|${d.title}|${d.body}`).sort();
      expect(indexed).toEqual(fresh);
      for (const id of during) expect(indexed.some((d) => d.startsWith(`result-${id}|`))).toBe(true);
      expect(indexed.some((d) => d.startsWith(`result-${before}|`))).toBe(false);
    } finally {
      await server.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
