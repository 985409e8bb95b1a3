import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

/** Source files below a folder of the repository, as [path from the repository root, text]. */
function sources(dir: string): [string, string][] {
  const out: [string, string][] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sources(path));
    else if (/\.(ts|tsx)$/.test(name)) out.push([relative(".", path), readFileSync(path, "utf8")]);
  }
  return out;
}

/** The module paths a file imports (static imports and re-exports). */
const importsOf = (text: string) => [...text.matchAll(/(?:import|export)[^"';]*?from\s+"([^"]+)"/g)].map((m) => m[1]);

/** Files of `dir` that import something matching `forbidden`, with what they import. */
function offenders(dir: string, forbidden: RegExp): string[] {
  return sources(dir).flatMap(([path, text]) => importsOf(text).filter((i) => forbidden.test(i)).map((i) => `${path} → ${i}`));
}

describe("arrows point one way (routes → web → models → utils, db, search)", () => {
  it("app/utils imports neither models nor the request side", () => {
    expect(offenders("app/utils", /(^|\/)(models|web|routes)\//)).toEqual([]);
  });

  it("app/models does not import the request side or routes", () => {
    expect(offenders("app/models", /(^|\/)(web|routes)\//)).toEqual([]);
  });

  it("db/ and search/ import nothing from app/", () => {
    expect([...offenders("db", /(^|\/)app\//), ...offenders("search", /(^|\/)app\//)]).toEqual([]);
  });
});

describe("who someone is, asked in one place (app/models/access.ts)", () => {
  it("no model, file rule or request helper reads membership, org role or the agenda state by hand", () => {
    const readers = ["app/models", "app/files", "app/web"]
      .flatMap((dir) => sources(dir))
      .filter(([path]) => !/models\/(access|session\.server)\.ts$/.test(path))
      .flatMap(([path, text]) =>
        text
          .split("\n")
          .filter((line) => /\.membershipStatus\b|\.orgRole\b|schedule_state === "preliminary" \|\|/.test(line))
          .map((line) => `${path}: ${line.trim()}`),
      );
    expect(readers).toEqual([]);
  });

  it("requireBureau is defined once among the models", () => {
    const defs = sources("app/models").filter(([, text]) => /function requireBureau\b/.test(text)).map(([path]) => path);
    expect(defs).toEqual(["app/models/access.ts"]);
  });
});

describe("the environment is read through the env schema (app/utils/env.server.ts)", () => {
  // Not configuration: the server entry defaults NODE_ENV for Remix before the build loads; the
  // server and its build share one in-process flag; the CLI hands its environment to the site it starts.
  const NOT_CONFIG = ["app/utils/env.server.ts", "app/serve.server.ts", "app/utils/client-source.server.ts", "app/cli.server.ts"];

  it("no other module of app, db, search or seeds reads process.env (benchmarks and evaluations aside)", () => {
    const readers = ["app", "db", "search", "seeds"]
      .flatMap((dir) => sources(dir))
      .filter(([path]) => !NOT_CONFIG.includes(path) && !/(^|\/)bench[^/]*\.ts$|search\/eval\.ts$/.test(path))
      .filter(([, text]) => /process\.env\b/.test(text))
      .map(([path]) => path);
    expect(readers).toEqual([]);
  });
});
