/**
 * The production web server (replaces `remix-serve`): the built assets, then the Remix build, with
 * two things remix-serve cannot do. It relays the browser's Origin to the app (see
 * utils/origin.server.ts), so a cross-site or `Origin: null` form POST gets the app's 403 page
 * instead of Remix's empty 500; and it sets the security headers on every answer, with a fresh
 * nonce per page for the Content-Security-Policy. `npm run build` bundles it into build/server.js, which
 * every launcher starts with a bounded heap (web/server-process.ts, README Decision 72); PORT, HOST.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import zlib from "node:zlib";
import {
  createReadableStreamFromReadable,
  createRequestHandler,
  writeReadableStreamToWritable,
  type ServerBuild,
} from "@remix-run/node";
import { announcePeerRelay, relayPeer } from "./utils/client-source.server";
import { relayOrigin } from "./utils/origin.server";
import { env } from "./utils/env.server";
import { applySecurityHeaders } from "./utils/security-headers.server";
import { throughSharedPages } from "./web/shared-pages.server";
import { noteSearchChange } from "../search/changes";

process.env.NODE_ENV ??= "production";

const build: ServerBuild = await import(pathToFileURL(path.resolve("build/index.js")).href);
// Node's own fetch classes, as the tests use them (remix-serve would install Remix's polyfills).
const remix = createRequestHandler(build, process.env.NODE_ENV);
const assetsDir = path.resolve(build.assetsBuildDirectory);

const TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".woff2": "font/woff2",
};
const COMPRESSIBLE = /^(text\/|application\/(json|javascript|xml)|image\/svg)/;

function toRequest(req: http.IncomingMessage, res: http.ServerResponse): Request {
  const controller = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) controller.abort();
  });
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(key, v);
  }
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  return new Request(`http://${req.headers.host ?? "localhost"}${req.url}`, {
    method: req.method,
    headers,
    signal: controller.signal,
    ...(hasBody ? { body: createReadableStreamFromReadable(req), duplex: "half" } : {}),
  } as RequestInit);
}

/** Write a Fetch response, gzipped when the browser accepts it (flushed per chunk: pages stream). */
async function send(req: http.IncomingMessage, res: http.ServerResponse, response: Response): Promise<void> {
  const headers = response.headers;
  const gzip =
    response.body != null &&
    req.method !== "HEAD" &&
    /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? "")) &&
    COMPRESSIBLE.test(headers.get("Content-Type") ?? "") &&
    !headers.has("Content-Encoding");
  res.statusCode = response.status;
  if (response.statusText) res.statusMessage = response.statusText;
  for (const [key, value] of headers) if (key !== "set-cookie") res.setHeader(key, value);
  const cookies = headers.getSetCookie();
  if (cookies.length > 0) res.setHeader("Set-Cookie", cookies);
  if (!response.body || req.method === "HEAD") return void res.end();
  if (!gzip) return writeReadableStreamToWritable(response.body, res);
  res.removeHeader("Content-Length");
  res.setHeader("Content-Encoding", "gzip");
  res.appendHeader("Vary", "Accept-Encoding");
  const z = zlib.createGzip({ flush: zlib.constants.Z_SYNC_FLUSH });
  z.pipe(res);
  await writeReadableStreamToWritable(response.body, z);
}

/** The hashed files under /build/: served for a year, as remix-serve does. */
function staticAsset(request: Request): Response | null {
  const { pathname } = new URL(request.url);
  if (!pathname.startsWith(build.publicPath) || (request.method !== "GET" && request.method !== "HEAD")) return null;
  let relative: string;
  try {
    relative = decodeURIComponent(pathname.slice(build.publicPath.length - 1));
  } catch {
    return null; // a malformed escape names no file; Remix answers it with the 404 page
  }
  const file = path.resolve(assetsDir, "." + relative);
  if (!file.startsWith(assetsDir + path.sep) || !fs.statSync(file, { throwIfNoEntry: false })?.isFile()) return null;
  return new Response(createReadableStreamFromReadable(fs.createReadStream(file)), {
    headers: {
      "Content-Type": TYPES[path.extname(file)] ?? "application/octet-stream",
      "Cache-Control": "public, max-age=31536000, immutable",
    },
  });
}

async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const started = Date.now();
  relayOrigin(req.headers);
  relayPeer(req.headers, req.socket.remoteAddress);
  let request: Request;
  try {
    request = toRequest(req, res);
  } catch {
    // A Host header or request target that makes no URL: the client's mistake, not ours.
    res.writeHead(400, { "Content-Type": "text/plain; charset=utf-8" });
    return void res.end("请求地址无效。");
  }
  const nonce = randomBytes(16).toString("base64");
  // A form may change what kept matches were computed from (Decision 70): counted before it is
  // handled and again once it has been, since its transaction commits in between.
  const form = request.method !== "GET" && request.method !== "HEAD";
  if (form) noteSearchChange();
  const answer = staticAsset(request) ?? (await throughSharedPages(request, nonce, (context) => remix(request, context)));
  if (form) noteSearchChange();
  // Some Responses (redirects made by Response.redirect, errors) have immutable headers: copy them.
  const response = new Response(answer.body, { status: answer.status, statusText: answer.statusText, headers: new Headers(answer.headers) });
  applySecurityHeaders(request, response.headers, nonce);
  // A 304 keeps the browser's copy, whose scripts carry the nonce of its own policy: a new policy
  // would replace that one and block them.
  if (response.status === 304) response.headers.delete("Content-Security-Policy");
  await send(req, res, response);
  console.log(`${req.method} ${req.url} ${response.status} - ${Date.now() - started} ms`);
}

announcePeerRelay();
const server = http.createServer((req, res) => {
  handle(req, res).catch((error: unknown) => {
    console.error(`请求处理失败：${req.method} ${req.url}`, error);
    if (!res.headersSent) res.writeHead(500, { "Content-Type": "text/plain; charset=utf-8" });
    res.end("服务器内部错误，请稍后重试。");
  });
});
const port = env.PORT;
const onListen = () => console.log(`利州技术转移对接平台 http://localhost:${port}`);
if (env.HOST) server.listen(port, env.HOST, onListen);
else server.listen(port, onListen);
// Finish the requests in flight, then exit: background work (relay, mail, reminders) is claimed in
// the database, so a job cut short is taken up again by the next start or another process.
for (const signal of ["SIGTERM", "SIGINT"] as const) process.once(signal, () => server.close(() => process.exit(0)));
