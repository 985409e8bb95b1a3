import { matchRoutes, type AgnosticRouteObject as RouteObject } from "@remix-run/router";
import { describe, expect, it } from "vitest";

// The router is patched (README Decisions 68 and 74): a tree's matches for a pathname are kept.
// What callers must still see: the right matches for every path and tree, and copies of their own.
const tree: RouteObject[] = [
  {
    id: "root",
    path: "/",
    children: [
      { id: "home", index: true },
      { id: "challenge", path: "challenges/:id" },
      { id: "files", path: "files/*" },
    ],
  },
];
const ids = (matches: ReturnType<typeof matchRoutes>) => matches?.map((m) => m.route.id) ?? null;

describe("route matching (patched router)", () => {
  it("matches each path to its own routes and parameters, the first time and again", () => {
    for (let round = 0; round < 2; round++) {
      expect(ids(matchRoutes(tree, "/challenges/12"))).toEqual(["root", "challenge"]);
      expect(matchRoutes(tree, "/challenges/12")?.at(-1)?.params).toEqual({ id: "12" });
      expect(matchRoutes(tree, "/challenges/13")?.at(-1)?.params).toEqual({ id: "13" });
      expect(ids(matchRoutes(tree, "/"))).toEqual(["root", "home"]);
      expect(matchRoutes(tree, "/files/a/b.pdf")?.at(-1)?.params).toEqual({ "*": "a/b.pdf" });
      expect(matchRoutes(tree, "/nowhere/at/all")).toBeNull();
    }
  });

  it("gives every caller its own matches: changing one answer changes no later one", () => {
    const first = matchRoutes(tree, "/challenges/7")!;
    (first[1].params as Record<string, string>).id = "changed";
    first[1].pathname = "/changed";
    first.pop();
    const second = matchRoutes(tree, "/challenges/7")!;
    expect(second).toHaveLength(2);
    expect(second[1].params).toEqual({ id: "7" });
    expect(second[1].pathname).toBe("/challenges/7");
  });

  it("keeps matches per route tree: another tree with the same path answers with its own routes", () => {
    const other: RouteObject[] = [{ id: "other", path: "/challenges/:slug" }];
    expect(ids(matchRoutes(tree, "/challenges/9"))).toEqual(["root", "challenge"]);
    expect(ids(matchRoutes(other, "/challenges/9"))).toEqual(["other"]);
    expect(matchRoutes(other, "/challenges/9")?.[0].params).toEqual({ slug: "9" });
  });

  it("matches an encoded pathname as its decoded form", () => {
    expect(matchRoutes(tree, "/challenges/%E6%A6%9C")?.at(-1)?.params).toEqual({ id: "榜" });
  });
});
