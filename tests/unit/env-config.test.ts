import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";

/** Runs a snippet in a fresh process with exactly these variables, as the server would start. */
function inFreshProcess(code: string, vars: Record<string, string>): string {
  return execFileSync("node_modules/.bin/tsx", ["-e", code], { env: { PATH: process.env.PATH, NODE_ENV: "test", ...vars }, encoding: "utf8" }).trim();
}

const whichEngine = `import("./app/utils/search.server.ts").then((m) => console.log(typeof m.searchEngine().relay === "function" ? "meilisearch" : "sqlite"))`;
const databaseOptions = `import("./app/utils/db.server.ts").then(async (m) => {
  const { databaseState } = await import("./db/client.server.ts");
  console.log(databaseState(m.getDb()).mode);
})`;

describe("configuration reaches db/ and search/ through the app's env schema", () => {
  it("MEILI_URL chooses Meilisearch; without it the embedded engine", () => {
    expect(inFreshProcess(whichEngine, { MEILI_URL: "http://127.0.0.1:9" })).toBe("meilisearch");
    expect(inFreshProcess(whichEngine, {})).toBe("sqlite");
  });

  it("DATABASE_READONLY=1 opens DATABASE_PATH read-only", () => {
    const file = `${process.env.FILES_DIR}/env-config.sqlite`;
    expect(inFreshProcess(databaseOptions, { DATABASE_PATH: file })).toBe("read-write");
    expect(inFreshProcess(databaseOptions, { DATABASE_PATH: file, DATABASE_READONLY: "1" })).toBe("readonly");
  });
});
