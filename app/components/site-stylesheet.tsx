import { createContext, useContext } from "react";

/**
 * The site's one stylesheet, inlined in every page's head under the page's CSP nonce, so the first
 * paint waits for no second request (README Decision 73). The server entry provides the text
 * (web/stylesheet.server.ts); in the browser the page already holds it, and hydration and every
 * later render keep the same text, so React never rewrites it.
 */
export const StylesheetContext = createContext<string | undefined>(undefined);

const ID = "site-css";
let inPage: string | undefined;

export function SiteStylesheet({ nonce }: { nonce?: string }) {
  const served = useContext(StylesheetContext);
  const text = served ?? (inPage ??= document.getElementById(ID)?.textContent ?? "");
  return <style id={ID} nonce={nonce} dangerouslySetInnerHTML={{ __html: text }} />;
}
