import http from "node:http";
import https from "node:https";

/**
 * Requests to Meilisearch over node:http with keep-alive, in place of the client's default `fetch`.
 * On these machines Node's fetch waited about 40 ms for every Meilisearch reply of a few kilobytes
 * (a search measured 45 ms through fetch, 1.4 ms through node:http, with the server reporting
 * 0 ms of processing), which made every search and every relayed write slow.
 * It follows the client's contract for a custom HTTP client: resolve with the parsed JSON body,
 * reject on a network error or an error status.
 */
const agents = { "http:": new http.Agent({ keepAlive: true }), "https:": new https.Agent({ keepAlive: true }) };

class MeilisearchHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`Meilisearch ${status}: ${(body as { message?: string } | undefined)?.message ?? ""}`);
    this.name = "MeilisearchHttpError";
  }
}

/** No complete answer within the budget: a frozen or overloaded engine, told apart from one that is down. */
export class MeilisearchTimeoutError extends Error {
  constructor(ms: number, what: string) {
    super(`Meilisearch did not answer within ${ms} ms (${what})`);
    this.name = "MeilisearchTimeoutError";
  }
}

/**
 * An HTTP client whose every request ends within `timeoutMs`: a stopped engine keeps the TCP
 * connection open and would otherwise hold a page (or the relay) for as long as it stays stopped.
 */
export function meilisearchHttpClient(timeoutMs: number) {
  return async function request(input: Parameters<typeof fetch>[0], init: RequestInit = {}): Promise<unknown> {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const body = init.body == null ? undefined : typeof init.body === "string" ? init.body : Buffer.from(await new Response(init.body).arrayBuffer());
    const transport = url.protocol === "https:" ? https : http;
    const method = init.method ?? "GET";
    return new Promise((resolve, reject) => {
      const request = transport.request(
        url,
        { method, headers: Object.fromEntries(new Headers(init.headers).entries()), agent: agents[url.protocol as "http:" | "https:"], signal: init.signal ?? undefined },
        (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("error", reject);
          response.on("end", () => {
            clearTimeout(timer);
            const text = Buffer.concat(chunks).toString("utf8");
            let parsed: unknown;
            try {
              parsed = text === "" ? undefined : JSON.parse(text);
            } catch (e) {
              return reject(e);
            }
            const status = response.statusCode ?? 500;
            if (status >= 400) reject(new MeilisearchHttpError(status, parsed));
            else resolve(parsed);
          });
        },
      );
      // Destroying the request also drops its keep-alive socket, which a frozen server would never answer on.
      const timer = setTimeout(() => request.destroy(new MeilisearchTimeoutError(timeoutMs, `${method} ${url.pathname}`)), timeoutMs);
      request.on("error", (e) => {
        clearTimeout(timer);
        reject(e);
      });
      request.end(body);
    });
  };
}

/** The real cause behind a failed call, for the log: a timeout, a refused connection, an HTTP status … */
export function describeFault(e: unknown): string {
  const chain: Error[] = [];
  for (let c: unknown = e; c instanceof Error && chain.length < 6; c = c.cause) chain.push(c);
  const timeout = chain.find((c) => c instanceof MeilisearchTimeoutError);
  if (timeout) return `timeout: ${timeout.message}`;
  const sys = chain.find((c): c is NodeJS.ErrnoException => typeof (c as NodeJS.ErrnoException).code === "string");
  if (sys) return `${sys.code}: ${sys.message}`;
  const innermost = chain.at(-1);
  return innermost ? `${innermost.name}: ${innermost.message}` : String(e);
}
