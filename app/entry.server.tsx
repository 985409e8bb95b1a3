import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToString } from "react-dom/server";
import { StylesheetContext } from "./components/site-stylesheet";
import { NonceContext } from "./utils/csp-nonce";
import { stylesheetText } from "./web/stylesheet.server";
import { startMailSender } from "./web/mail-sender.server";
import { startScheduler } from "./web/scheduler.server";
import { startSearchRelay } from "./web/search-relay.server";

// With Meilisearch, committed writes wait in the outbox; the server process relays them from start.
startSearchRelay();
startMailSender();
// Reminders (deadlines, milestones, 回访) are created on time by the server, not when a page is read.
startScheduler();

/**
 * Pages are rendered whole, as one string: no route defers data (no Suspense boundary), so a
 * stream would send the same page in 2 KB pieces, each its own compressed flush and socket write,
 * for nothing (README Decision 73). An error while rendering is Remix's to catch: it renders the
 * error page instead.
 */
export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  // The server sends this nonce in the page's Content-Security-Policy (app/serve.server.ts).
  const nonce = loadContext.cspNonce;
  const html = renderToString(
    <NonceContext.Provider value={nonce}>
      <StylesheetContext.Provider value={stylesheetText()}>
        <RemixServer context={remixContext} url={request.url} nonce={nonce} />
      </StylesheetContext.Provider>
    </NonceContext.Provider>,
  );
  responseHeaders.set("Content-Type", "text/html; charset=utf-8");
  return new Response(`<!DOCTYPE html>${html}`, { headers: responseHeaders, status: responseStatusCode });
}
