/**
 * Issue 12 §5 against the real routes: the attack on the public dashboard, polling it around one
 * registration, and the bureau's own view staying exact and live.
 */
import { describe, expect, it } from "vitest";
import type { DB } from "../../db/client.server";
import { action as newContractAction } from "../../app/routes/bureau.contracts.new";
import { action as targetsAction } from "../../app/routes/bureau.targets";
import { loader as dashboardLoader } from "../../app/routes/dashboard";
import { freshDb, userIdByEmail } from "../support/db";
import { contractForm } from "../support/contracts";
import { ORIGIN, anonymous, body, call, get, post, signedIn, type Browser } from "../support/http";
import { beijingDate } from "../../app/utils/time";

const bureau = async (db: DB) => signedIn(await userIdByEmail(db, "bureau@demo.test"));
/** What `/dashboard?_data` gives an anonymous poller for a year. */
const poll = async (year?: number) => body(await call(dashboardLoader, get(`/dashboard${year ? `?year=${year}` : ""}`, await anonymous())));

/** The 计入流向 checkboxes of /bureau/targets, several ticked (one `flows` field each). */
async function countFlows(b: Browser, flows: string[]) {
  const form = new URLSearchParams({ intent: "settings", amountBasis: "tech", csrf: b.csrf });
  for (const f of flows) form.append("flows", f);
  const res = await call(targetsAction, new Request(`${ORIGIN}/bureau/targets`, { method: "POST", body: form, headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: b.cookie } }));
  expect(res.status).toBe(302);
}

type Json = Record<string, any>;
/**
 * The issue's attack, on whichever shape the page has: with 输出+吸纳+区内 counted, the flow
 * breakdown (其他 included) minus the year's counted total is what the uncounted flow (区外) holds.
 * null when the page does not publish what it takes.
 */
function uncountedByDifference(data: Json, year: number): number | null {
  const rowsFen = (t: Json | null) => (t ? t.rows.reduce((a: number, r: Json) => a + r.fen, 0) + (t.other?.fen ?? 0) : null);
  if (data.d) {
    const total = data.d.series.find((p: Json) => p.year === year)?.fen;
    return data.d.byFlow.reduce((a: number, r: Json) => a + r.fen, 0) - total;
  }
  const y = data.s?.years.find((b: Json) => b.year === year);
  if (!y?.total || !y.tables.flow || !y.tables.uncounted_flow) return null;
  return rowsFen(y.tables.flow)! + rowsFen(y.tables.uncounted_flow)! - y.total.fen;
}

describe("the public dashboard discloses no single contract", () => {
  it("with 输出+吸纳+区内 counted, the flow breakdown minus the counted rows yields no year's single 区外 contract", async () => {
    const db = await freshDb({ demo: true });
    const b = await bureau(db);
    await countFlows(b, ["output", "absorb", "both"]);
    await call(targetsAction, post("/bureau/targets", { intent: "publish" }, b));
    const thisYear = Number(beijingDate().slice(0, 4));
    let lone = 0;
    for (let year = 2020; year <= thisYear; year++) {
      const neither = await db.selectFrom("contracts").select("tech_fen").where("reg_year", "=", year).where("flow", "=", "neither").where("status", "!=", "cancelled").execute();
      if (neither.length !== 1) continue;
      lone++;
      const got = uncountedByDifference(await poll(year), year);
      expect(got, `${year}: the 区外 contract's amount is on the page`).not.toBe(neither[0].tech_fen);
    }
    expect(lone).toBeGreaterThan(0); // the seeded ledger has years with exactly one 区外 contract
  });

  it("says nothing has been published yet, before the bureau's first publication", async () => {
    const db = await freshDb({ demo: true });
    await db.deleteFrom("public_snapshots").execute(); // the demo seed publishes once
    const data = await poll();
    expect(data.s).toBeNull();
    expect(JSON.stringify(data)).not.toMatch(/"fen"/);
    expect(await db.selectFrom("public_snapshots").select("id").execute()).toEqual([]);
  });

  it("answers an anonymous poll identically before and after a registration, until the bureau publishes; the bureau sees it at once", async () => {
    const db = await freshDb({ demo: true });
    const b = await bureau(db);
    await call(targetsAction, post("/bureau/targets", { intent: "publish" }, b));
    const today = beijingDate();
    const year = Number(today.slice(0, 4));
    const before = await poll(year);
    const bureauBefore = await body(await call(dashboardLoader, get(`/dashboard?year=${year}`, b)));
    const res = await call(newContractAction, post("/bureau/contracts/new", contractForm({ regNo: `${year}510802555001`, signedOn: today, registeredOn: today, validFrom: today, validUntil: `${year + 1}-12-31` }), b));
    expect(res.status).toBe(302);
    const tech = (await db.selectFrom("contracts").select("tech_fen").where("reg_no", "=", `${year}510802555001`).executeTakeFirstOrThrow()).tech_fen;
    expect(await poll(year)).toEqual(before);
    // The bureau's own view is live and exact: the new contract is in this year's counted total.
    const bureauAfter = await body(await call(dashboardLoader, get(`/dashboard?year=${year}`, b)));
    expect(bureauAfter.d.current.fen).toBe(bureauBefore.d.current.fen + tech);
    expect(bureauAfter.d.current.n).toBe(bureauBefore.d.current.n + 1);
    // Publishing again with one new contract in the year still shows nothing about it.
    await call(targetsAction, post("/bureau/targets", { intent: "publish" }, b));
    const after = await poll(year);
    expect(after.s.id).not.toBe(before.s.id);
    expect(after.s.years.find((y: Json) => y.year === year)).toEqual(before.s.years.find((y: Json) => y.year === year));
    expect(after.s.series.find((p: Json) => p.year === year).fen).toBe(before.s.series.find((p: Json) => p.year === year).fen);
  });
});
