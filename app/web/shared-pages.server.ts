/**
 * Public pages rendered once and shared by anonymous visitors (Decision 67).
 *
 * A page marked shared (its route exports `headers = sharedPage`) is rendered for an anonymous
 * visitor with stand-ins ("holes") where one visitor's secrets go: the CSP nonce, the CSRF token
 * and the form key. The render is kept for a short time and every later anonymous visitor gets it
 * with their own values filled in, so no two visitors share a nonce or a token and nothing of a
 * signed-in person can be in it: a request that carries a session or a one-time notice never
 * reads or fills the cache. Browsers may keep the page (`private, no-cache`) and ask again with its
 * ETag; shared caches (proxies) may not store it.
 *
 * Staleness: any form sent to this process (POST, PUT …) empties the cache at once; writes made
 * elsewhere (another process, the CLI, the scheduler's timed changes) show within TTL_MS.
 */
import { createHash, randomBytes, randomUUID } from "node:crypto";
import type { AppLoadContext } from "@remix-run/node";
import { getCsrfToken } from "../utils/csrf.server";
import { databaseReadonly } from "../utils/db.server";
import { newFormKey } from "./form-key.server";

const TTL_MS = 30_000;
const MAX_ENTRIES = 300;
const MAX_BYTES = 24 * 1024 * 1024;

/** The response header a shared route sets for the server; never sent to the browser. */
const SHARED_HEADER = "X-Shared-Page";

/** For a route module: `export const headers = sharedPage;` marks its page as the same for every anonymous visitor. */
export const sharedPage = () => ({ [SHARED_HEADER]: "1" });

/** Stand-ins for one visitor's secrets, unguessable and new with every process. */
const HOLES = {
  nonce: randomBytes(16).toString("base64"),
  csrf: randomBytes(32).toString("base64url"),
  formKey: randomUUID(),
};
type Hole = keyof typeof HOLES;
const HOLE_PATTERN = new RegExp(`(${Object.values(HOLES).map((v) => v.replace(/[+/=]/g, "\\$&")).join("|")})`);
const HOLE_OF = new Map(Object.entries(HOLES).map(([name, value]) => [value, name as Hole]));

/** Cookies an anonymous visitor may carry and still share pages: only the CSRF token, which is filled in. */
const ANONYMOUS_COOKIES = new Set(["lz_csrf"]);

interface Entry {
  /**
   * The page split at its holes: bytes, hole, bytes, hole … bytes. The text is encoded once, when
   * kept, not for every visitor (a page is 30–45 KB with its stylesheet).
   */
  parts: (Buffer | Hole)[];
  headers: [string, string][];
  etag: string;
  storedAt: number;
  bytes: number;
}

const entries = new Map<string, Entry>();
let bytes = 0;
let generation = 0;

/** Forget every shared page: called for each form sent to this process, before it is handled. */
export function forgetSharedPages(): void {
  generation++;
  entries.clear();
  bytes = 0;
}

/** Under which key this request may share a page: only an anonymous visitor's GET of a whole document. */
function keyOf(request: Request): string | null {
  if (request.method !== "GET") return null;
  const url = new URL(request.url);
  if (url.searchParams.has("_data")) return null;
  for (const pair of (request.headers.get("Cookie") ?? "").split(";")) {
    const name = pair.split("=")[0].trim();
    if (name && !ANONYMOUS_COOKIES.has(name)) return null;
  }
  // A page shown during maintenance says so: it is not the page shown outside it.
  return `${databaseReadonly() ? "ro" : "rw"} ${url.pathname}${url.search}`;
}

declare module "@remix-run/node" {
  interface AppLoadContext {
    /**
     * Set by throughSharedPages: the stand-ins to render in place of the visitor's token and form
     * key. They travel in the context because the server and the Remix build each load their own
     * copy of this module.
     */
    sharedRender?: { csrf: string; formKey: string };
  }
}

/** The CSRF token and form key the root loader puts on the page: stand-ins in a shared render. */
export async function pageSecrets(request: Request, context: AppLoadContext): Promise<{ csrf: string; setCookie: string | null; formKey: string }> {
  if (context.sharedRender) return { ...context.sharedRender, setCookie: null };
  const { token, setCookie } = await getCsrfToken(request);
  return { csrf: token, setCookie, formKey: newFormKey() };
}

const hash = (...pieces: (string | Buffer)[]) => {
  const h = createHash("sha256");
  for (const piece of pieces) h.update(piece);
  return h.digest("base64url").slice(0, 16);
};

/**
 * The page for this visitor: their nonce, token (and its cookie when new) and a fresh form key.
 * A shared page also gets the headers that let the browser keep it and ask again.
 */
async function fill(entry: Entry, request: Request, nonce: string, status: number, shared: boolean): Promise<Response> {
  const { token, setCookie } = await getCsrfToken(request);
  const value: Record<Hole, () => string> = { nonce: () => nonce, csrf: () => token, formKey: newFormKey };
  const headers = new Headers(entry.headers);
  if (setCookie) headers.append("Set-Cookie", setCookie);
  if (shared) {
    // The token is on the page, so the browser's copy is valid only with the same token.
    const etag = `W/"${entry.etag}.${hash(token)}"`;
    headers.set("ETag", etag);
    headers.set("Cache-Control", "private, no-cache");
    headers.set("Vary", "Cookie");
    if (!setCookie && request.headers.get("If-None-Match") === etag) return new Response(null, { status: 304, headers });
  }
  const body = Buffer.concat(entry.parts.map((part) => (typeof part === "string" ? Buffer.from(value[part]()) : part)));
  return new Response(body, { status, headers });
}

/**
 * Answer a request through the shared pages: an anonymous visitor's page is taken from those kept
 * when it is there, otherwise rendered with holes, kept when its route marked it shared, and
 * filled in for the visitor either way. Every other request is rendered as it is.
 */
export async function throughSharedPages(
  request: Request,
  nonce: string,
  render: (context: AppLoadContext) => Promise<Response>,
): Promise<Response> {
  if (request.method !== "GET" && request.method !== "HEAD") forgetSharedPages();
  const key = keyOf(request);
  if (key === null) return unmarked(await render({ cspNonce: nonce }));
  const kept = entries.get(key);
  if (kept && Date.now() - kept.storedAt < TTL_MS) {
    entries.delete(key); // most recently used last
    entries.set(key, kept);
    return fill(kept, request, nonce, 200, true);
  }
  const startedAt = generation;
  const response = await render({ cspNonce: HOLES.nonce, sharedRender: { csrf: HOLES.csrf, formKey: HOLES.formKey } });
  const marked = response.headers.get(SHARED_HEADER) === "1";
  unmarked(response);
  // Redirects, files and JSON carry no holes: only the document does.
  if (!response.body || !response.headers.get("Content-Type")?.startsWith("text/html")) return response;
  const text = await response.text();
  const parts = text.split(HOLE_PATTERN).map((part, i) => (i % 2 === 0 ? Buffer.from(part) : HOLE_OF.get(part)!));
  const shared = marked && response.status === 200 && !response.headers.has("Set-Cookie");
  const entry: Entry = {
    parts,
    headers: [...response.headers].filter(([name]) => name !== "content-length"),
    // Over the page with its holes named, not valued: every process gives the same page the same
    // tag. Only a shared page has one (a login page is filled in and sent, never tagged).
    etag: shared ? hash(...parts) : "",
    storedAt: Date.now(),
    bytes: parts.reduce((n, part) => n + (typeof part === "string" ? 0 : part.length), 0),
  };
  // A form sent while this page rendered may have changed what it shows: use it once, keep it not.
  if (shared && startedAt === generation) keep(key, entry);
  return fill(entry, request, nonce, response.status, shared);
}

/** The mark is for this module only; the browser never sees it. */
function unmarked(response: Response): Response {
  if (response.headers.has(SHARED_HEADER)) response.headers.delete(SHARED_HEADER);
  return response;
}

function keep(key: string, entry: Entry): void {
  const old = entries.get(key);
  if (old) bytes -= old.bytes;
  entries.delete(key);
  entries.set(key, entry);
  bytes += entry.bytes;
  for (const [oldest, e] of entries) {
    if (entries.size <= MAX_ENTRIES && bytes <= MAX_BYTES) break;
    entries.delete(oldest);
    bytes -= e.bytes;
  }
}
