import fs from "node:fs";
import path from "node:path";

export const ROUTES_DIR = path.resolve("app/routes");

/** A route module: `file` inside app/routes (`me.tsx`, `challenges.$id/route.tsx`) and its route `name` (`me`, `challenges.$id`). */
export interface RouteModule {
  name: string;
  file: string;
}

/**
 * Every route module as Remix v2 finds them: a file directly in app/routes, or a folder's
 * route.tsx (the folder's other files are its helpers, not routes).
 */
export function routeModules(): RouteModule[] {
  return fs
    .readdirSync(ROUTES_DIR, { withFileTypes: true })
    .flatMap((entry) => {
      if (entry.isFile() && /\.tsx?$/.test(entry.name)) return [{ name: entry.name.replace(/\.tsx?$/, ""), file: entry.name }];
      if (!entry.isDirectory()) return [];
      const route = ["route.tsx", "route.ts"].find((f) => fs.existsSync(path.join(ROUTES_DIR, entry.name, f)));
      return route ? [{ name: entry.name, file: `${entry.name}/${route}` }] : [];
    })
    .sort((a, b) => a.file.localeCompare(b.file));
}
