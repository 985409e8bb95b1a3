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

describe("who someone is, asked in one place (app/models/shared/access.ts)", () => {
  it("no model, file rule or request helper reads membership, org role or the agenda state by hand", () => {
    const readers = ["app/models", "app/files", "app/web"]
      .flatMap((dir) => sources(dir))
      .filter(([path]) => !/models\/shared\/(access|session\.server)\.ts$/.test(path))
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
    expect(defs).toEqual(["app/models/shared/access.ts"]);
  });
});

describe("the environment is read through the env schema (app/utils/env.server.ts)", () => {
  // Not configuration: the server entry defaults NODE_ENV for Remix before the build loads; the
  // server and its build share one in-process flag; the CLI and the PostgreSQL launcher hand their
  // environment to the commands they start.
  const NOT_CONFIG = ["app/utils/env.server.ts", "app/serve.server.ts", "app/utils/client-source.server.ts", "app/cli.server.ts", "app/start-pg.server.ts"];

  it("no other module of app, db, search or seeds reads process.env (benchmarks and evaluations aside)", () => {
    const readers = ["app", "db", "search", "seeds"]
      .flatMap((dir) => sources(dir))
      .filter(([path]) => !NOT_CONFIG.includes(path) && !/(^|\/)bench[^/]*\.ts$|search\/eval\.ts$/.test(path))
      .filter(([, text]) => /process\.env\b/.test(text))
      .map(([path]) => path);
    expect(readers).toEqual([]);
  });
});

describe("models live in domain folders, each with one public surface", () => {
  const domainOf = (path: string) => /^app\/models\/([^/]+)\//.exec(path)?.[1];
  /** A relative import of `path`, resolved to a path from the repository root. */
  const resolved = (path: string, spec: string) => (spec.startsWith(".") ? join(path, "..", spec) : spec);

  it("app/models holds only domain folders, each with an index.ts", () => {
    const entries = readdirSync("app/models");
    expect(entries.filter((name) => !statSync(join("app/models", name)).isDirectory())).toEqual([]);
    expect(entries.filter((name) => !readdirSync(join("app/models", name)).includes("index.ts"))).toEqual([]);
    expect(entries.sort()).toEqual(["account", "challenge", "contract", "event", "notice", "result", "shared"]);
  });

  it("outside a domain, app code imports the domain's index, never a file inside it", () => {
    const bad = sources("app").flatMap(([path, text]) =>
      importsOf(text)
        .map((spec) => resolved(path, spec))
        .filter((target) => {
          const inside = /^app\/models\/([^/]+)\/.+/.exec(target);
          return inside && domainOf(path) !== inside[1];
        })
        .map((target) => `${path} → ${target}`),
    );
    expect(bad).toEqual([]);
    // The check sees imports at all: routes do import the models.
    expect(sources("app/routes").some(([path, text]) => importsOf(text).some((spec) => resolved(path, spec).startsWith("app/models/")))).toBe(true);
  });

  it("labels only map values to words: app/utils/labels.ts imports no search code, search/ no seeds", () => {
    expect(offenders("app/utils", /(^|\/)search\//).filter((line) => line.startsWith("app/utils/labels.ts"))).toEqual([]);
    expect(offenders("search", /(^|\/)seeds\//)).toEqual([]);
  });

  it("no benchmark or fixture lives in production code (they are under tests/bench)", () => {
    const files = [...sources("app"), ...sources("search"), ...sources("db")].map(([path]) => path);
    // One exception by design: bench:pages needs a page inside the real document shell, so it is a
    // route, answered only when the benchmark starts the server with BENCH_REFERENCE_PAGE=1.
    const yardstick = "app/routes/bench.reference.tsx";
    expect(readFileSync(yardstick, "utf8")).toContain("if (!env.BENCH_REFERENCE_PAGE) throw notFound(");
    expect(files.filter((path) => path !== yardstick && /(^|[/.-])bench|sample|synthetic/.test(path))).toEqual([]);
    // The pattern does not take the 工作台 (workbench) for a benchmark.
    expect(files).toContain("app/routes/workbench.tsx");
  });
});
