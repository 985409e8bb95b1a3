import { createHash, randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";

/** A blob's name in the store: the SHA-256 of its bytes (hex), so identical uploads are stored once. */
export type BlobHash = string;

/**
 * Where uploaded bytes live. Deliberately small so an S3-compatible object store can stand behind
 * it later (put = upload to a temporary key, then copy to the hash key; open = GetObject stream;
 * remove = DeleteObject; blobs = ListObjects). Metadata (names, owners, records) is the database's.
 */
export interface FileStore {
  /**
   * Stream `source` into the store. `beforeCommit` runs once every byte is written and hashed but
   * before the blob becomes visible under its hash; if it (or the source) throws, nothing is kept.
   */
  put(source: AsyncIterable<Uint8Array>, beforeCommit?: (blob: { hash: BlobHash; size: number }) => void | Promise<void>): Promise<{ hash: BlobHash; size: number }>;
  /** The blob's bytes as a stream; null when the store does not hold it. */
  open(hash: BlobHash): Promise<Readable | null>;
  remove(hash: BlobHash): Promise<void>;
  /** Every stored blob with when it was written, and every unfinished upload (for the sweeper). */
  list(): AsyncIterable<{ hash: BlobHash | null; key: string; modifiedAt: Date }>;
  /** Forget an unfinished upload found by `list`. */
  discard(key: string): Promise<void>;
}

const HASH = /^[0-9a-f]{64}$/;
const TEMP_PREFIX = ".upload-";

/**
 * Local disk under `root`: `ab/cd/abcdef…` (two levels of fan-out keep folders small). Uploads
 * are written to a temporary file in the root (same file system, so the final rename is atomic)
 * while they are hashed.
 */
export function diskStore(root: string): FileStore {
  const blobPath = (hash: BlobHash) => {
    if (!HASH.test(hash)) throw new Error(`not a blob hash: ${hash.slice(0, 80)}`);
    return path.join(root, hash.slice(0, 2), hash.slice(2, 4), hash);
  };
  return {
    async put(source, beforeCommit) {
      await fs.mkdir(root, { recursive: true });
      const temp = path.join(root, `${TEMP_PREFIX}${randomBytes(12).toString("hex")}`);
      const hasher = createHash("sha256");
      let size = 0;
      const file = await fs.open(temp, "wx");
      try {
        try {
          for await (const chunk of source) {
            hasher.update(chunk);
            size += chunk.byteLength;
            await file.write(chunk);
          }
        } finally {
          await file.close();
        }
        const blob = { hash: hasher.digest("hex"), size };
        await beforeCommit?.(blob);
        const final = blobPath(blob.hash);
        await fs.mkdir(path.dirname(final), { recursive: true });
        // Same bytes already stored: the existing blob serves both uploads.
        await fs.rename(temp, final);
        return blob;
      } catch (e) {
        await fs.rm(temp, { force: true });
        throw e;
      }
    },
    async open(hash) {
      const p = blobPath(hash);
      try {
        await fs.access(p);
      } catch {
        return null;
      }
      return createReadStream(p);
    },
    async remove(hash) {
      await fs.rm(blobPath(hash), { force: true });
    },
    async *list() {
      let top: string[];
      try {
        top = await fs.readdir(root);
      } catch {
        return;
      }
      for (const name of top) {
        const p = path.join(root, name);
        if (name.startsWith(TEMP_PREFIX)) {
          yield { hash: null, key: name, modifiedAt: (await fs.stat(p)).mtime };
          continue;
        }
        if (!/^[0-9a-f]{2}$/.test(name)) continue;
        for (const sub of await fs.readdir(p)) {
          for (const file of await fs.readdir(path.join(p, sub))) {
            if (!HASH.test(file)) continue;
            yield { hash: file, key: file, modifiedAt: (await fs.stat(path.join(p, sub, file))).mtime };
          }
        }
      }
    },
    async discard(key) {
      if (!key.startsWith(TEMP_PREFIX) || key.includes("/") || key.includes("\\")) throw new Error(`not an upload key: ${key.slice(0, 80)}`);
      await fs.rm(path.join(root, key), { force: true });
    },
  };
}
