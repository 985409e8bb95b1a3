/**
 * The demo data is seeded as of a given `now`, whatever the system clock says: contracts from the
 * plan's base year 2020 (exactly 1240 万元 counted) up to now's year, some in that year and none
 * registered after today, and the same `now` always gives the same ledger.
 */
import { describe, expect, it } from "vitest";
import { sql } from "kysely";
import type { DB } from "../../db/client.server";
import { latestPublicSnapshot } from "../../app/models/contract/public-snapshot.server";
import { dashboard } from "../../app/models/contract/dashboard.server";
import { loader as dashboardLoader } from "../../app/routes/dashboard";
import { seedDemo } from "../../seeds";
import { BASE_YEAR, countedFenOfYear } from "../../seeds/contracts";
import { seedResults } from "../../seeds/results";
import { DEMO_NOW, freshDb } from "../support/db";
import { body, call, get } from "../support/http";
import { beijingDate } from "../../app/utils/time";

async function ledger(db: DB) {
  return (
    await sql<Record<string, unknown>>`select reg_no, title, type, signed_on, registered_on, valid_until, seller_org_id, seller_name,
      buyer_org_id, total_fen, tech_fen, flow, status, origin_kind from contracts order by reg_no`.execute(db)
  ).rows;
}

describe("the demo seed takes the day it seeds as an input", () => {
  // Early in a year; a January day of a new year; a leap day; two days after one (a 榜单 signed on
  // 29 February); 1 January in 北京时间 while it is still 31 December in UTC.
  it.each(["2026-03-01T02:00:00Z", "2027-01-15T02:00:00Z", "2028-02-29T02:00:00Z", "2028-03-02T02:00:00Z", "2030-12-31T17:00:00Z"])("as of %s", async (iso) => {
    const now = new Date(iso);
    const today = beijingDate(now);
    const year = Number(today.slice(0, 4));
    const db = await freshDb();
    await seedDemo(db, now);

    const d = await dashboard(db, { now });
    // What anonymous visitors of /dashboard read: the snapshot published at seeding, with this year in it.
    const pub = (await latestPublicSnapshot(db))!;
    expect(pub.currentYear).toBe(year);
    expect(pub.series.find((p) => p.year === year)?.n).toBeGreaterThanOrEqual(3);
    expect(d.currentYear).toBe(year);
    expect(d.current.n, `contracts counted in ${year}`).toBeGreaterThanOrEqual(3);
    expect(d.current.fen).toBeGreaterThan(0);
    expect(d.series[0]).toMatchObject({ year: BASE_YEAR, fen: 1_240_000_000, targetFen: 1_240_000_000 });
    expect(d.series.map((p) => p.year)).toEqual(Array.from({ length: year - BASE_YEAR + 1 }, (_, i) => BASE_YEAR + i));
    for (const p of d.series.slice(0, -1)) expect(p.n, String(p.year)).toBeGreaterThanOrEqual(10);

    const rows = await ledger(db);
    expect(rows.every((r) => String(r.registered_on) <= today && String(r.signed_on) <= String(r.registered_on))).toBe(true);
    // Every date the register stored is a real calendar day (no 29 February in a common year).
    for (const r of rows) for (const k of ["signed_on", "registered_on", "valid_until"]) expect(new Date(`${r[k]}T00:00:00Z`).toISOString().slice(0, 10)).toBe(r[k]);
    // 对接会 and 榜单 lie around the day of seeding too.
    const events = await db.selectFrom("events").select(["event_date", "title"]).orderBy("event_date").execute();
    expect(events.map((e) => e.event_date < today)).toEqual([true, false]);
    for (const e of events) expect(e.title.startsWith(`${e.event_date.slice(0, 4)}年`)).toBe(true);
    const open = await db.selectFrom("challenges").select("deadline").where("status", "=", "published").execute();
    expect(open.length).toBeGreaterThan(0);
    expect(open.filter((c) => c.deadline! > now.toISOString()).length).toBeGreaterThan(0);
  });

  it("gives the same ledger for the same day, and a plausible path toward the plan's targets", async () => {
    const now = new Date("2028-02-29T02:00:00Z");
    const [a, b] = [await freshDb(), await freshDb()];
    await seedDemo(a, now);
    await seedDemo(b, now);
    expect(await ledger(b)).toEqual(await ledger(a));
    // Growth every year from the base year to 2040, within a few per cent of the target path.
    for (let y = BASE_YEAR + 1; y <= BASE_YEAR + 20; y++) expect(countedFenOfYear(y), String(y)).toBeGreaterThan(countedFenOfYear(y - 1));
  });
});

describe("/dashboard on the demo database seeded by the suite's clock", () => {
  it("shows contracts counted in the clock's year, and 2020 at exactly 1240 万元", async () => {
    await freshDb({ demo: true });
    const data = await body(await call(dashboardLoader, get("/dashboard")));
    // Anonymous visitors read the snapshot the bureau published at seeding.
    const year = Number(beijingDate(DEMO_NOW).slice(0, 4));
    expect(data.s.currentYear).toBe(year);
    const current = data.s.series.find((p: { year: number }) => p.year === year);
    expect(current.n).toBeGreaterThanOrEqual(3);
    expect(current.fen).toBeGreaterThan(0);
    expect(data.s.series[0]).toMatchObject({ year: BASE_YEAR, fen: 1_240_000_000 });
  });
});

describe("the demo results go through the result form's parser", () => {
  it("keep every patent the seed lists (posted as the form's patents[i] rows)", async () => {
    const db = await freshDb({ demo: true });
    const stored = await db.selectFrom("result_patents").select("number").orderBy("number").execute();
    const listed = seedResults.flatMap((r) => (r.patents ?? []).map((p) => p.number)).sort();
    expect(listed.length).toBeGreaterThan(0);
    expect(stored.map((p) => p.number)).toEqual(listed);
  });
});
