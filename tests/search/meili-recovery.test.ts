import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createResult, moveResult } from "../../app/models/result/result.server";
import { loadActor } from "../../app/models/shared/session.server";
import { setSearchEngine } from "../../search";
import { allDocuments } from "../../search/documents";
import { INDEX, meilisearchEngine } from "../../search/meilisearch/engine";
import { startMeilisearch } from "../../search/meilisearch/local-server";
import type { DB } from "../../db/client.server";
import { freshDb, userIdByEmail } from "../support/db";
import { driveTo } from "../support/challenges";

/**
 * The promise of the outbox: Meilisearch may die in the middle of people's writes, and nothing is
 * lost. The writes succeed while it is down; once it is back, the relay catches up and the index
 * holds exactly what a fresh rebuild from the database would.
 */
describe("Meilisearch killed during writes", () => {
  const dirs: string[] = [];
  /** The engine's data folder, kept across its restart within one test. */
  const scratch = () => {
    dirs.push(fs.mkdtempSync(path.join(os.tmpdir(), "techmatch-meili-recovery-")));
    return dirs.at(-1)!;
  };
  afterEach(() => {
    setSearchEngine(undefined);
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
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

  /** What the index holds, and what a fresh rebuild from the database would hold, as comparable lines. */
  async function indexAndRebuild(db: DB, engine: ReturnType<typeof meilisearchEngine>) {
    const stored = await engine.client.index(INDEX).getDocuments({ limit: 10_000, fields: ["id", "title", "body", "status", "updated_at"] });
    const indexed = stored.results.map((d) => `${d.id}|${d.title}|${d.body}|${d.status}|${d.updated_at}`).sort();
    const fresh = (await allDocuments(db)).map((d) => `${d.key.replace(":", "-")}|${d.title}|${d.body}|${d.status}|${d.updatedAt}`).sort();
    return { indexed, fresh };
  }

  /** A real Meilisearch with the demo database indexed. */
  async function indexedDemo() {
    const dir = scratch();
    const server = await startMeilisearch({ dataDir: dir });
    const port = Number(new URL(server.url).port);
    const engine = meilisearchEngine({ host: server.url, apiKey: server.key });
    setSearchEngine(engine);
    const db = await freshDb({ demo: true });
    const researcher = await loadActor(db, await userIdByEmail(db, "researcher@demo.test"));
    await engine.reindex(db);
    return { dir, server, port, engine, db, researcher };
  }

  it("keeps each document's rows in order across an outage: published-then-archived is gone, submitted-then-published is found", async () => {
    const demo = await indexedDemo();
    const { dir, port, engine, db, researcher } = demo;
    let server = demo.server;

    await server.stop();
    const archived = await publish(db, "停机期间发布后又下架的成果");
    const { id: challenge } = await driveTo(db, "published");
    await moveResult(db, researcher, archived, "archive");
    // The server's loop keeps trying every second while the engine is down; each try fails.
    const t0 = Date.now();
    for (let s = 0; s < 10; s++) expect(await engine.relay(db, new Date(t0 + s * 1000))).toBe(0);

    server = await startMeilisearch({ dataDir: dir, port });
    try {
      // Back up: the loop goes on, second by second, until every row is applied.
      for (let s = 10; s < 1000; s++) {
        if ((await db.selectFrom("search_outbox").select("id").limit(1).execute()).length === 0) break;
        await engine.relay(db, new Date(t0 + s * 1000));
      }
      expect(await db.selectFrom("search_outbox").select("id").execute()).toEqual([]);
      const { indexed, fresh } = await indexAndRebuild(db, engine);
      expect(indexed.some((d) => d.startsWith(`result-${archived}|`))).toBe(false);
      expect(indexed.some((d) => d.startsWith(`challenge-${challenge}|`))).toBe(true);
      expect(indexed).toEqual(fresh);
    } finally {
      await server.stop();
    }
  });

  it("loses nothing: the relay catches up and the index equals a fresh reindex", async () => {
    const demo = await indexedDemo();
    const { dir, port, engine, db, researcher } = demo;
    let server = demo.server;
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
      const { indexed, fresh } = await indexAndRebuild(db, engine);
      expect(indexed).toEqual(fresh);
      for (const id of during) expect(indexed.some((d) => d.startsWith(`result-${id}|`))).toBe(true);
      expect(indexed.some((d) => d.startsWith(`result-${before}|`))).toBe(false);
    } finally {
      await server.stop();
    }
  });
});
