import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROUTES_DIR, routeModules } from "../support/route-modules";

/** Routes stay thin (README Decision 58): a page's parts live in components, its intents beside it. */
const MAX_LINES = 150;

/** Every module under app/routes: route files, folder routes and the helpers beside them. */
const modules = fs
  .readdirSync(ROUTES_DIR, { recursive: true })
  .map(String)
  .filter((f) => /\.tsx?$/.test(f))
  .sort();

const lines = (file: string) => fs.readFileSync(path.join(ROUTES_DIR, file), "utf8").split("\n").length - 1;

describe("route modules", () => {
  it("are all found, folder routes and their helpers included", () => {
    expect(modules.length).toBeGreaterThanOrEqual(routeModules().length);
    expect(modules).toEqual(expect.arrayContaining(["me.tsx", path.join("challenges.$id", "route.tsx"), path.join("challenges.$id", "intents.server.ts")]));
  });

  it(`are at most ${MAX_LINES} lines each`, () => {
    const over = modules.map((file) => ({ file, lines: lines(file) })).filter((m) => m.lines > MAX_LINES);
    expect(over).toEqual([]);
  });
});
