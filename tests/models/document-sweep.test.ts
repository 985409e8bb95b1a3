/**
 * The housekeeping sweep, on a real store folder and a real database: what it removes and what it
 * must never remove, with `now` given (no waiting for a day to pass).
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { fileStore, storeUpload } from "../../app/files/index.server";
import { attachDocuments, stageDocument, sweepFiles } from "../../app/models/shared/document.server";
import { freshDb } from "../support/db";
import { asUser, driveTo, EMAILS } from "../support/challenges";
import { filesIn, pdf, useTempFileStore } from "../support/files";

const storeDir = useTempFileStore();
const HOUR = 3600_000;
const once = (b: Buffer) => (async function* () { yield b; })();

describe("sweepFiles", () => {
  it("drops day-old staged uploads and unreferenced blobs and unfinished uploads, keeps attached ones", async () => {
    const db = await freshDb({ demo: true });
    const d = await driveTo(db, "draft");
    const owner = await asUser(db, EMAILS.owner);
    const now = new Date();
    const attached = await storeUpload(once(pdf("attached")), "a.pdf");
    await db.transaction().execute((trx) => attachDocuments(trx, owner, "challenge", d.id, { fresh: [{ ...attached, slot: "spec" }], staged: [], remove: [] }));
    const staleStaged = await stageDocument(db, owner, await storeUpload(once(pdf("stale")), "s.pdf"), new Date(now.getTime() - 25 * HOUR));
    await storeUpload(once(pdf("orphan: its record's transaction failed")), "o.pdf");
    const partial = path.join(storeDir(), ".upload-deadbeef");
    fs.writeFileSync(partial, "half a file");
    // Everything on disk was written "now"; sweeping a day later, nothing newer than the cutoff is touched.
    const t = (now.getTime() + 25 * HOUR) / 1000;
    for (const f of filesIn(storeDir())) fs.utimesSync(f, t - 26 * 3600, t - 26 * 3600);
    const report = await sweepFiles(db, fileStore(), new Date(now.getTime() + 25 * HOUR));
    expect(report).toEqual({ staged: 1, blobs: 2, partial: 1 });
    expect((await db.selectFrom("documents").select("id").execute()).map((r) => r.id)).not.toContain(staleStaged.id);
    expect(filesIn(storeDir()).map((f) => path.basename(f))).toEqual([attached.hash]);
  });

  it("leaves a staged upload younger than a day and a blob just written", async () => {
    const db = await freshDb({ demo: true });
    const owner = await asUser(db, EMAILS.owner);
    const staged = await storeUpload(once(pdf("staged")), "s.pdf");
    await storeUpload(once(pdf("about to be attached")), "b.pdf");
    // A blob's age is read from the file system's clock: "now" is the moment it was written there
    // (a shifted process clock, as under faketime, must not make a fresh blob look a month old).
    const now = new Date(Math.max(...filesIn(storeDir()).map((f) => fs.statSync(f).mtimeMs)));
    await stageDocument(db, owner, staged, new Date(now.getTime() - 23 * HOUR));
    expect(await sweepFiles(db, fileStore(), now)).toEqual({ staged: 0, blobs: 0, partial: 0 });
    expect(filesIn(storeDir())).toHaveLength(2);
  });
});
