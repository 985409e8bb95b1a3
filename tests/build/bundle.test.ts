import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";

// Build with source maps into a scratch folder and read which files went into the browser bundle.
const out = path.resolve("tests/.tmp/bundle-check");
let sources: string[] = [];

beforeAll(() => {
  fs.rmSync(out, { recursive: true, force: true });
  execFileSync(path.resolve("node_modules/.bin/remix"), ["build", "--sourcemap"], {
    env: { ...process.env, REMIX_OUT_DIR: out, NODE_ENV: "production" },
    stdio: "pipe",
  });
  const assets = path.join(out, "public/build");
  const maps = fs.readdirSync(assets, { recursive: true }).map(String).filter((f) => f.endsWith(".js.map"));
  sources = maps.flatMap((f) => JSON.parse(fs.readFileSync(path.join(assets, f), "utf8")).sources as string[]);
}, 120_000);

describe("browser bundle", () => {
  it("is built from real sources (the check below can see packages)", () => {
    expect(sources.some((s) => s.includes("node_modules/react-dom"))).toBe(true);
    expect(sources.some((s) => s.includes("app/routes/register.tsx"))).toBe(true);
  });

  it.each(["better-sqlite3", "kysely", "@node-rs", "meilisearch", "exceljs"])("never contains the server package %s", (pkg) => {
    expect(sources.filter((s) => s.includes(`node_modules/${pkg}`))).toEqual([]);
  });

  it("keeps zod and its forty locales out of the phone's download: forms are validated on the server", () => {
    expect(sources.filter((s) => s.includes("node_modules/zod/"))).toEqual([]);
  });

  it("never contains server-only modules, the database layer or seeds", () => {
    // db/vocabulary.ts is the one exception: plain arrays of the domain's values, no imports (Decision 50).
    expect(sources.filter((s) => /\.server\.tsx?$|\/db\/(?!vocabulary\.ts$)|\/seeds\//.test(s))).toEqual([]);
  });
});
