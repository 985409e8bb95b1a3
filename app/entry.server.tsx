import { PassThrough, Transform, type TransformCallback } from "node:stream";
import { type AppLoadContext, type EntryContext, createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { StylesheetContext } from "./components/site-stylesheet";
import { NonceContext } from "./utils/csp-nonce";
import { stylesheetText } from "./web/stylesheet.server";
import { startMailSender } from "./web/mail-sender.server";
import { startScheduler } from "./web/scheduler.server";
import { startSearchRelay } from "./web/search-relay.server";

const ABORT_DELAY = 5_000;

// With Meilisearch, committed writes wait in the outbox; the server process relays them from start.
startSearchRelay();
startMailSender();
// Reminders (deadlines, milestones, 回访) are created on time by the server, not when a page is read.
startScheduler();

/**
 * React 18's streaming renderer encodes text into a 2 KB buffer; when a multi-byte character does
 * not fit at its end, it flushes the whole buffer, unwritten zero bytes included (react #24985,
 * fixed only in React 19). In UTF-8 a 0x00 byte is never part of another character, so dropping
 * every 0x00 byte passes exactly the bytes React meant to write. HTML allows no U+0000 anyway.
 */
export class DropNulBytes extends Transform {
  _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    if (chunk.indexOf(0) === -1) return done(null, chunk);
    let kept = 0;
    const out = Buffer.allocUnsafe(chunk.length);
    for (let i = 0; i < chunk.length; i++) if (chunk[i] !== 0) out[kept++] = chunk[i];
    done(null, out.subarray(0, kept));
  }
}

/**
 * Browsers get the shell as soon as it is ready; crawlers (and link previews) wait for the whole
 * page, as Remix's default entry does.
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
  const waitForAll = isbot(request.headers.get("user-agent") ?? "") || remixContext.isSpaMode;
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const ready = () => {
      shellRendered = true;
      const body = new PassThrough();
      const clean = new DropNulBytes();
      body.pipe(clean);
      responseHeaders.set("Content-Type", "text/html; charset=utf-8");
      resolve(new Response(createReadableStreamFromReadable(clean), { headers: responseHeaders, status: responseStatusCode }));
      pipe(body);
    };
    const app = (
      <NonceContext.Provider value={nonce}>
        <StylesheetContext.Provider value={stylesheetText()}>
          <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
        </StylesheetContext.Provider>
      </NonceContext.Provider>
    );
    const { pipe, abort } = renderToPipeableStream(app, {
      onShellReady: waitForAll ? undefined : ready,
      onAllReady: waitForAll ? ready : undefined,
      onShellError: reject,
      onError(error: unknown) {
        responseStatusCode = 500;
        // Errors before the shell reject the promise and are logged by Remix itself.
        if (shellRendered) console.error(error);
      },
    });
    setTimeout(abort, ABORT_DELAY);
  });
}
