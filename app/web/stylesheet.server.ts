import fs from "node:fs";
import path from "node:path";
import href from "../styles/app.css";

let text: string | undefined;

/**
 * The built stylesheet's text (its URL is /build/_assets/app-HASH.css; the file lies under
 * public/, where the build writes it), read once per process for components/site-stylesheet.tsx.
 */
export function stylesheetText(): string {
  return (text ??= fs.readFileSync(path.resolve("public" + href), "utf8"));
}
