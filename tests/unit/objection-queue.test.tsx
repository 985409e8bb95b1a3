import { renderToStaticMarkup } from "react-dom/server";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import { describe, expect, it } from "vitest";
import type { ObjectionView } from "../../app/components/award/objections";
import ObjectionQueue from "../../app/routes/bureau.objections";

const objection = (id: number, challengeTitle: string): ObjectionView & { awardId: number; challengeTitle: string } => ({
  id,
  awardId: id,
  challengeTitle,
  orgName: "西南交通大学",
  lodgedBy: "郑教授",
  reasons: "中选单位的中试数据未经第三方检测，与揭榜条件不符。",
  status: "pending",
  decisionReason: null,
  decidedBy: null,
  decidedAt: null,
  createdAt: new Date().toISOString(),
  files: [],
});

/** The bureau's queue as the server renders it, with the given loader data. */
async function renderQueue(data: Record<string, unknown>): Promise<string> {
  const routes = [{ id: "root", path: "/bureau/objections", loader: () => ({ csrf: "t", user: null }), children: [{ id: "routes/bureau.objections", index: true, loader: () => data, Component: ObjectionQueue }] }];
  const handler = createStaticHandler(routes);
  const context = await handler.query(new Request("http://localhost/bureau/objections"));
  if (context instanceof Response) throw new Error("unexpected redirect");
  return renderToStaticMarkup(<StaticRouterProvider router={createStaticRouter(handler.dataRoutes, context)} context={context} hydrate={false} />);
}

describe("异议处理 queue", () => {
  it("labels each pending objection's 处理理由 with its own textarea (ids are unique on the page)", async () => {
    const html = await renderQueue({ rows: [objection(1, "泡菜低盐发酵"), objection(2, "涂装废气催化燃烧")], total: 2, page: 1, pageSize: 20, tab: "pending", objectionDays: 5 });
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    const textareas = [...html.matchAll(/<textarea[^>]*\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(textareas).toHaveLength(2);
    for (const id of textareas) expect(html).toContain(`for="${id}"`);
  });
});
