import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { serverArgs } from "../../app/web/server-process";

describe("how the web server is started (README Decision 72)", () => {
  it("npm start runs the built entry with the same bounded heap as every other launcher", () => {
    const { scripts } = JSON.parse(fs.readFileSync("package.json", "utf8")) as { scripts: Record<string, string> };
    expect(scripts.start.endsWith(`&& node ${serverArgs().join(" ")}`)).toBe(true);
    expect(scripts.build).toContain("--outfile=build/server.js");
    expect(serverArgs().join(" ")).toMatch(/--max-old-space-size=\d+ .*build\/server\.js$/);
  });
});
