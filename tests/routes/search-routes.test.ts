import { describe, expect, it } from "vitest";
import { loader as healthz } from "../../app/routes/healthz";
import { loader as matchesLoader } from "../../app/routes/bureau.matches";
import { loader as suggest } from "../../app/routes/search_.suggest";
import { freshDb, userIdByEmail } from "../support/db";
import { anonymous, body, call, get, signedIn } from "../support/http";

describe("search routes", () => {
  it("suggests public titles while typing, and nothing for empty or hostile input", async () => {
    await freshDb({ demo: true });
    const r = await body(await call(suggest, get(`/search/suggest?q=${encodeURIComponent("泡菜")}`)));
    expect(r.suggestions).toContain("泡菜低盐发酵与品质稳定控制");
    for (const q of ["", '" NEAR(', "😀"]) {
      const res = await call(suggest, get(`/search/suggest?q=${encodeURIComponent(q)}`));
      expect(res.status).toBe(200);
      expect((await body(res)).suggestions).toEqual([]);
    }
  });

  it("reports health: database, engine and outbox lag", async () => {
    await freshDb({ demo: true });
    const res = await call(healthz, get("/healthz"));
    expect(res.status).toBe(200);
    expect(await body(res)).toEqual({ ok: true, database: true, search: { engine: "sqlite", ok: true, outboxPending: 0, outboxLagSeconds: 0 } });
  });

  it("shows candidate pairs to the bureau only", async () => {
    const db = await freshDb({ demo: true });
    expect((await call(matchesLoader, get("/bureau/matches", await anonymous()))).status).toBe(302);
    expect((await call(matchesLoader, get("/bureau/matches", await signedIn(await userIdByEmail(db, "enterprise@demo.test"))))).status).toBe(403);
    const res = await call(matchesLoader, get("/bureau/matches", await signedIn(await userIdByEmail(db, "bureau@demo.test"))));
    expect(res.status).toBe(200);
    const data = await body(res);
    const saline = data.rows.find((r: { challenge: { title: string } }) => r.challenge.title === "肠衣加工高盐废水综合利用关键技术");
    expect(saline.matches.results[0].reasons[0]).toMatch(/共同关键词/);
  });
});
