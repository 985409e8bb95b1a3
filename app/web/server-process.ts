/**
 * How the web server process is started, in one place for start:pg, start:meili, the e2e
 * harnesses and bench:pages (`npm start` spells the same flags out; tests/unit/server-process.test.ts
 * keeps them equal). README Decision 72:
 * - the built entry (`npm run build` bundles app/serve.server.ts into build/server.js) on plain
 *   Node, not through tsx, whose loader thread alone holds 30 MB;
 * - a bounded heap: V8 otherwise grows it to gigabytes under load before it collects, and the
 *   pages' live data is under 100 MB. The ledger's workbooks, the one big job, run in a process
 *   with a heap of its own (models/contract/xlsx.server.ts).
 */
export const SERVER_ENTRY = "build/server.js";
export const SERVER_HEAP_FLAGS = ["--max-old-space-size=160", "--max-semi-space-size=8"];

/** Node's arguments for the server, with any extra Node flags (a profiler) before the entry. */
export function serverArgs(extra: string[] = []): string[] {
  return [...SERVER_HEAP_FLAGS, ...extra, SERVER_ENTRY];
}
