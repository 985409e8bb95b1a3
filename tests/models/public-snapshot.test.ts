import { describe, expect, it } from "vitest";
import type { DB } from "../../db/client.server";
import type { Flow } from "../../db/schema";
import { amendContract, cancelContract, contractFormValues, registerContract } from "../../app/models/contract";
import { saveSettings } from "../../app/models/contract/dashboard.server";
import { findIsolation } from "../../app/models/contract/disclosure";
import { latestPublicSnapshot, publishPublicSnapshot } from "../../app/models/contract/public-snapshot.server";
import { contractSchema } from "../../app/schemas/contract";
import { freshDb } from "../support/db";
import { bureauActor } from "../support/contracts";
import { prng } from "../bench/prng";
import { expectNoIsolation, ledgerNow, randomContract, type Publication } from "../support/disclosure";
import { beijingDate } from "../../app/utils/time";

const DAY = 86_400_000;
/** Publication k happens k days after the test starts (k ≥ 1): each has its own 数据截至 date. */
const at = (k: number) => new Date(Date.now() + k * DAY);

/** The attacker's collection starts with the publication the demo seed makes (today, default counting). */
async function seeded(db: DB): Promise<Publication[]> {
  return [{ s: (await latestPublicSnapshot(db))!, ledger: await ledgerNow(db) }];
}

async function publish(db: DB, pubs: Publication[], k: number): Promise<Publication> {
  await publishPublicSnapshot(db, await bureauActor(db), at(k));
  const p = { s: (await latestPublicSnapshot(db))!, ledger: await ledgerNow(db) };
  pubs.push(p);
  return p;
}

describe("the exact isolation check", () => {
  it("finds a contract a total minus the rows of two tables singles out, and nothing when every group has three", () => {
    // Contracts 1–4; a total over all, a row {1,2} and a row {3}: {4} = total − {1,2} − {3}.
    const leaky = [1, 2, 3, 4].map((c) => ({ contract: c, rows: ["total", ...(c <= 2 ? ["a"] : []), ...(c === 3 ? ["b"] : [])] }));
    expect(findIsolation(leaky)).not.toBeNull();
    // The same idea across two publications: a cancelled contract is the difference of the totals.
    const cancelled = [1, 2, 3, 4].map((c) => ({ contract: c, rows: ["t1", ...(c === 4 ? [] : ["t2"])] }));
    expect(findIsolation(cancelled)).toEqual([4]);
    const safe = [1, 2, 3, 4, 5, 6].map((c) => ({ contract: c, rows: ["total", c <= 3 ? "a" : "b"] }));
    expect(findIsolation(safe)).toBeNull();
  });
});

describe("published snapshots single out no contract", () => {
  it.each([
    ["the default counting (输出+区内)", ["output", "both"]],
    ["输出+吸纳+区内", ["output", "absorb", "both"]],
    ["every flow", ["output", "absorb", "both", "neither"]],
  ] as [string, Flow[]][])("on the seeded ledger with %s, and every number equals the ledger", async (_, flows) => {
    const db = await freshDb({ demo: true });
    await saveSettings(db, await bureauActor(db), { amountBasis: "tech", flows });
    const pubs = await seeded(db);
    const { s } = await publish(db, pubs, 1);
    const { numbers } = expectNoIsolation(pubs);
    expect(numbers).toBeGreaterThan(60);
    // The headline stays public: every year's counted total, equal to the ledger to the fen.
    // A year may keep the figures of an earlier publication (a change of basis would otherwise
    // single out the few contracts it adds): compare each with the ledger and basis it was made from.
    for (const y of s.years) {
      const from = pubs.find((p) => p.s.asOf === y.asOf)!;
      const counted = from.ledger.filter((c) => c.reg_year === y.year && c.status !== "cancelled" && from.s.settings.flows.includes(c.flow));
      if (counted.length >= 3) expect(y.total, String(y.year)).toEqual({ n: counted.length, fen: counted.reduce((a, c) => a + c.tech_fen, 0) });
      else expect(y.total, String(y.year)).toBeNull();
    }
    expect(s.years.length).toBeGreaterThan(5);
  });

  it.each([1, 2, 3, 4, 5, 6, 7, 8])("on random ledger %i, across registrations, amendments, cancellations and setting changes between publications", async (seed) => {
    const db = await freshDb({ demo: true });
    const actor = await bureauActor(db);
    const rnd = prng(seed);
    const today = beijingDate();
    const thisYear = Number(today.slice(0, 4));
    const pubs = await seeded(db);
    let serial = seed * 1000;
    for (let round = 1; round <= 5; round++) {
      const ops = Math.floor(rnd() * 8);
      for (let i = 0; i < ops; i++) {
        const r = rnd();
        // Mostly the current year (where registrations happen), sometimes an earlier one.
        const year = rnd() < 0.6 ? thisYear : 2020 + Math.floor(rnd() * (thisYear - 2020));
        if (r < 0.6) {
          await registerContract(db, actor, randomContract(rnd, year, today, serial++));
          continue;
        }
        const live = (await ledgerNow(db)).filter((c) => c.status !== "cancelled");
        const c = live[Math.floor(rnd() * live.length)];
        if (r < 0.8) {
          const row = await db.selectFrom("contracts").selectAll().where("id", "=", c.id).executeTakeFirstOrThrow();
          const tech = Math.max(1, row.tech_fen - Math.floor(rnd() * 100_000_00));
          const values = { ...contractFormValues(row), tech: (tech / 100).toFixed(2), total: (tech / 100).toFixed(2), nonTechItems: "" };
          await amendContract(db, actor, c.id, c.version, contractSchema.parse(values), "测试更正金额");
        } else await cancelContract(db, actor, c.id, c.version, "测试撤销");
      }
      if (rnd() < 0.25) {
        const flows = (["output", "absorb", "both", "neither"] as Flow[]).filter(() => rnd() < 0.6);
        await saveSettings(db, actor, { amountBasis: rnd() < 0.5 ? "tech" : "total", flows: flows.length ? flows : ["output"] });
      }
      await publish(db, pubs, round);
    }
    expectNoIsolation(pubs);
  });

  it("keeps a year's figures until enough of its contracts changed: one registration changes nothing public", async () => {
    const db = await freshDb({ demo: true });
    const actor = await bureauActor(db);
    const today = beijingDate();
    const year = Number(today.slice(0, 4));
    const pubs = await seeded(db);
    const first = pubs[0];
    const rnd = prng(42);
    // Counted contracts (a 利州区 seller, an outside buyer: 输出).
    const counted = (i: number) => registerContract(db, actor, randomContract(rnd, year, today, i, ["lizhou", "outside"]));
    await counted(1);
    const second = await publish(db, pubs, 1);
    expect(second.s.years.find((y) => y.year === year)).toEqual(first.s.years.find((y) => y.year === year));
    for (let i = 2; i <= 4; i++) await counted(i);
    const third = await publish(db, pubs, 2);
    const y = third.s.years.find((b) => b.year === year)!;
    expect(y.asOf).toBe(third.s.asOf);
    const ledger = third.ledger.filter((c) => c.reg_year === year && c.status !== "cancelled" && ["output", "both"].includes(c.flow));
    expect(y.total).toEqual({ n: ledger.length, fen: ledger.reduce((a, c) => a + c.tech_fen, 0) });
    expectNoIsolation(pubs);
  });
});
