/**
 * Shared pages (app/web/shared-pages.server.ts, Decision 67): one render for every anonymous
 * visitor, each filled with their own nonce, CSRF token and form key; nothing of a signed-in person
 * or a one-time notice is ever kept or served from it. The page here is rendered by a small
 * function standing in for Remix, which calls the root loader's own `pageSecrets`; the whole server
 * path is covered by tests/e2e/shared-pages.spec.ts.
 */
import type { AppLoadContext } from "@remix-run/node";
import { beforeEach, describe, expect, it } from "vitest";
import { forgetSharedPages, pageSecrets, sharedPage, throughSharedPages } from "../../app/web/shared-pages.server";

interface Render {
  count: number;
  /** The stand-ins seen in shared renders: they must never reach a visitor. */
  holes: Set<string>;
  page: (context: AppLoadContext, request: Request) => Promise<Response>;
}

/** A page like ours: the nonce on its script, the token in a form and in the data, a form key. */
function renderer(options: { shared?: boolean; status?: number; personal?: string } = {}): Render {
  const r: Render = {
    count: 0,
    holes: new Set(),
    async page(context, request) {
      r.count++;
      const { csrf, formKey } = await pageSecrets(request, context);
      if (context.sharedRender) for (const h of [context.cspNonce!, csrf, formKey]) r.holes.add(h);
      const user = /lz_session=/.test(request.headers.get("Cookie") ?? "") ? options.personal ?? "" : "";
      const html = `<!DOCTYPE html><p>${user}榜单</p><form><input name="csrf" value="${csrf}"><input name="formKey" value="${formKey}"></form><script nonce="${context.cspNonce}">window.__data={"csrf":"${csrf}"}</script>`;
      return new Response(html, { status: options.status ?? 200, headers: { "Content-Type": "text/html; charset=utf-8", ...(options.shared === false ? {} : sharedPage()) } });
    },
  };
  return r;
}

let nonces = 0;
async function visit(r: Render, path = "/challenges", init: { cookie?: string; method?: string; headers?: Record<string, string> } = {}) {
  const request = new Request(`http://localhost${path}`, { method: init.method ?? "GET", headers: { ...(init.cookie ? { Cookie: init.cookie } : {}), ...init.headers } });
  const nonce = `nonce-${++nonces}`;
  const response = await throughSharedPages(request, nonce, (context) => r.page(context, request));
  expect(response.headers.get("X-Shared-Page")).toBeNull();
  const body = response.status === 304 ? "" : await response.text();
  const token = /name="csrf" value="([^"]*)"/.exec(body)?.[1];
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith("lz_csrf="));
  return { response, body, nonce, token, cookie: cookie?.split(";")[0] };
}

function expectNoHoles(r: Render, body: string) {
  for (const h of r.holes) expect(body).not.toContain(h);
}

beforeEach(() => forgetSharedPages());

describe("shared pages", () => {
  it("renders once for many anonymous visitors, each with their own nonce, token and form key", async () => {
    const r = renderer();
    const a = await visit(r);
    const b = await visit(r);
    expect(r.count).toBe(1);
    for (const v of [a, b]) {
      expect(v.response.status).toBe(200);
      expect(v.body).toContain(`nonce="${v.nonce}"`);
      // The token on the page is the one in the visitor's new cookie, in the form and in the data.
      expect((await visit(r, "/challenges", { cookie: v.cookie })).token).toBe(v.token);
      expect(v.body).toContain(`"csrf":"${v.token}"`);
      expectNoHoles(r, v.body);
    }
    expect(a.token).not.toBe(b.token);
    const formKey = (body: string) => /name="formKey" value="([^"]*)"/.exec(body)?.[1];
    expect(formKey(a.body)).toMatch(/^[0-9a-f-]{36}$/);
    expect(formKey(a.body)).not.toBe(formKey(b.body));
    expect(a.body.replaceAll(a.token!, "T").replaceAll(a.nonce, "N").replace(formKey(a.body)!, "K")).toBe(b.body.replaceAll(b.token!, "T").replaceAll(b.nonce, "N").replace(formKey(b.body)!, "K"));
  });

  it("lets a browser keep the page for its own token: 304 with the same token, the page with another", async () => {
    const r = renderer();
    const first = await visit(r);
    const cookie = first.cookie!;
    const again = await visit(r, "/challenges", { cookie });
    expect(again.cookie).toBeUndefined();
    expect(again.token).toBe(first.token);
    expect(again.response.headers.get("Cache-Control")).toBe("private, no-cache");
    expect(again.response.headers.get("Vary")).toBe("Cookie");
    const etag = again.response.headers.get("ETag")!;
    expect(etag).toMatch(/^W\/"/);
    expect(etag).not.toContain(first.token!);
    const kept = await visit(r, "/challenges", { cookie, headers: { "If-None-Match": etag } });
    expect(kept.response.status).toBe(304);
    const stranger = await visit(r, "/dashboard");
    const other = await visit(r, "/challenges", { cookie: stranger.cookie, headers: { "If-None-Match": etag } });
    expect(other.response.status).toBe(200);
    expect(other.token).toBe(stranger.token);
    expect(r.count).toBe(2);
  });

  it("never keeps or serves a page for a signed-in person or a visitor with a notice waiting", async () => {
    const r = renderer({ personal: "张工程师的工作台" });
    const signedIn = await visit(r, "/challenges", { cookie: "lz_session=abc" });
    expect(signedIn.body).toContain("张工程师的工作台");
    expect(signedIn.body).toContain(`nonce="${signedIn.nonce}"`);
    expect(signedIn.response.headers.get("ETag")).toBeNull();
    const anonymous = await visit(r);
    expect(anonymous.body).not.toContain("张工程师");
    const noticed = await visit(r, "/challenges", { cookie: "lz_notice=saved" });
    expect(r.count).toBe(3);
    expect(r.holes.size).toBe(3); // only the anonymous render used stand-ins
    const signedInAgain = await visit(r, "/challenges", { cookie: "lz_session=abc" });
    expect(signedInAgain.body).toContain("张工程师的工作台");
    expect(r.count).toBe(4);
    expectNoHoles(r, noticed.body + signedInAgain.body);
  });

  it("keeps only pages their route marked shared, answered 200; fills the others and keeps nothing", async () => {
    for (const options of [{ shared: false }, { status: 404 }]) {
      forgetSharedPages();
      const r = renderer(options);
      const a = await visit(r);
      const b = await visit(r);
      expect(r.count).toBe(2);
      expect(b.response.status).toBe(options.status ?? 200);
      expect(b.response.headers.get("ETag")).toBeNull();
      expect(b.body).toContain(`nonce="${b.nonce}"`);
      expectNoHoles(r, a.body + b.body);
    }
  });

  it("forgets every page when a form is sent, and keeps no page that rendered while it was", async () => {
    const r = renderer();
    await visit(r);
    await visit(r, "/dashboard");
    await visit(r, "/challenges/new", { method: "POST" });
    await visit(r);
    await visit(r, "/dashboard");
    expect(r.count).toBe(5);

    // A render that started before the form and ends after it shows the old data: used once, not kept.
    forgetSharedPages();
    let release!: () => void;
    const slow: Render = { ...renderer(), count: 0, holes: new Set() };
    const inner = renderer();
    slow.page = async (context, request) => {
      slow.count++;
      if (slow.count === 1) await new Promise<void>((done) => (release = done));
      return inner.page(context, request);
    };
    const pending = visit(slow);
    await new Promise((done) => setTimeout(done, 10));
    await visit(slow, "/challenges/1", { method: "POST" });
    release();
    expect((await pending).response.status).toBe(200);
    await visit(slow);
    expect(slow.count).toBe(3);
    await visit(slow);
    expect(slow.count).toBe(3);
  });

  it("passes data requests, HEAD and answers that are not pages straight through", async () => {
    const r = renderer();
    const seen: unknown[] = [];
    const spy: Render["page"] = (context, request) => {
      seen.push(context.sharedRender);
      return r.page(context, request);
    };
    for (const [path, method] of [["/challenges?_data=root", "GET"], ["/challenges", "HEAD"]] as const) {
      const request = new Request(`http://localhost${path}`, { method });
      await throughSharedPages(request, "n", (context) => spy(context, request));
    }
    expect(seen).toEqual([undefined, undefined]);
    const json = await throughSharedPages(new Request("http://localhost/healthz"), "n", async () => Response.json({ ok: true }, { headers: sharedPage() }));
    expect(await json.json()).toEqual({ ok: true });
  });
});
