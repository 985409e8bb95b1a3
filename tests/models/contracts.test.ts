import type { Flow } from "../../db/schema";
import { describe, expect, it } from "vitest";
import { sql } from "kysely";
import type { DB } from "../../db/client.server";
import { exportCsv, exportXlsx } from "../../app/models/contract/io.server";
import { amendContract, cancelContract, contractFormValues, ledgerTotals, rebuildRollups, registerContract } from "../../app/models/contract";
import { dashboard, saveSettings } from "../../app/models/contract/dashboard.server";
import type { LedgerFilter } from "../../app/schemas/contract";
import { contractSchema } from "../../app/schemas/contract";
import { beijingDate } from "../../app/utils/time";
import { BASE_YEAR, seededCountedFen } from "../../seeds/contracts";
import { DEMO_NOW, freshDb } from "../support/db";
import { bureauActor, contractInput, csvSums, xlsxSums } from "../support/contracts";

const NOW = DEMO_NOW;
const TODAY = beijingDate(NOW);
const THIS_YEAR = Number(TODAY.slice(0, 4));
const COUNTED: LedgerFilter = { flow: ["output", "both"] };

/** The ledger's own sum for a filter, straight from the contracts table (no rollup involved). */
async function dbSum(db: DB, where: { year?: number; flows?: string[]; col: string; dim?: [string, string] }): Promise<number> {
  const r = await sql<{ s: number }>`select coalesce(sum(${sql.ref(where.col)}), 0) as s from contracts
    where status <> 'cancelled'
    ${where.year != null ? sql`and reg_year = ${where.year}` : sql``}
    ${where.flows ? sql`and flow in (${sql.join(where.flows)})` : sql``}
    ${where.dim ? sql`and ${sql.ref(where.dim[0])} = ${where.dim[1]}` : sql``}`.execute(db);
  return Number(r.rows[0].s);
}

async function rollupSnapshot(db: DB) {
  return (await sql`select * from contract_rollup where n <> 0 order by 1, 2, 3, 4, 5, 6`.execute(db)).rows;
}

describe("seeded ledger", () => {
  it("counts exactly 1240 万元 in 2020 and the seeded path after it", async () => {
    const db = await freshDb({ demo: true });
    const d = await dashboard(db, { now: NOW });
    expect(d.series[0]).toMatchObject({ year: 2020, fen: 1_240_000_000, targetFen: 1_240_000_000 });
    expect(d.series.map((p) => p.year)).toEqual(Array.from({ length: THIS_YEAR - BASE_YEAR + 1 }, (_, i) => BASE_YEAR + i));
    for (const p of d.series) {
      // The seeded plan of the year, plus the contracts of 榜单 signed in it (dated just before today).
      const fromChallenges = await dbSum(db, { year: p.year, flows: ["output", "both"], col: "tech_fen", dim: ["origin_kind", "challenge"] });
      expect(p.fen, String(p.year)).toBe(seededCountedFen(p.year, TODAY) + fromChallenges);
      expect(p.fen).toBe(await dbSum(db, { year: p.year, flows: ["output", "both"], col: "tech_fen" }));
    }
    expect(d.current.n).toBeGreaterThanOrEqual(3);
    expect(d.settings).toEqual({ amountBasis: "tech", flows: ["output", "both"] });
  });

  it("has every contract type, every flow, and contracts linked to challenges and results", async () => {
    const db = await freshDb({ demo: true });
    const count = async (col: string) => (await sql<{ k: string }>`select distinct ${sql.ref(col)} as k from contracts`.execute(db)).rows.map((r) => r.k).sort();
    expect(await count("type")).toEqual(["consulting", "development", "license", "service", "transfer"]);
    expect(await count("flow")).toEqual(["absorb", "both", "neither", "output"]);
    expect(await count("origin_kind")).toEqual(["challenge", "none", "result"]);
    const linked = await db.selectFrom("challenges").select(["id", "status", "contract_record_id"]).where("contract_record_id", "is not", null).execute();
    expect(linked.map((c) => c.status).sort()).toEqual(["accepted", "closed"]);
  });

  it("keeps the rollups equal to a rebuild from the ledger (after seeded amendments and a cancellation)", async () => {
    const db = await freshDb({ demo: true });
    const kept = await rollupSnapshot(db);
    await rebuildRollups(db);
    expect(await rollupSnapshot(db)).toEqual(kept);
  });
});

describe("dashboard figures = database sums = export sums, to the fen", () => {
  it.each([BASE_YEAR, THIS_YEAR - 3, THIS_YEAR - 1, THIS_YEAR])("for every breakdown of %i", async (year) => {
    const db = await freshDb({ demo: true });
    const d = await dashboard(db, { year, now: NOW });
    const checks: [string, string, number][] = [
      ...d.byType.map((r) => ["type", r.key, r.fen] as [string, string, number]),
      ...d.byField.map((r) => ["field_code", r.key, r.fen] as [string, string, number]),
      ...d.bySellerKind.map((r) => ["seller_kind", r.key, r.fen] as [string, string, number]),
      ...d.byOrigin.map((r) => ["origin_kind", r.key, r.fen] as [string, string, number]),
    ];
    expect(checks.length).toBeGreaterThan(5);
    const filterKey: Record<string, keyof LedgerFilter> = { type: "type", field_code: "field", seller_kind: "sellerKind", origin_kind: "origin" };
    for (const [dim, key, fen] of checks) {
      expect(fen, `${dim}=${key}`).toBe(await dbSum(db, { year, flows: ["output", "both"], col: "tech_fen", dim: [dim, key] }));
      const filter = { ...COUNTED, year, [filterKey[dim]]: key } as LedgerFilter;
      expect((await ledgerTotals(db, filter)).techFen).toBe(fen);
      expect(csvSums(await exportCsv(db, filter)).techFen).toBe(fen);
    }
    for (const r of d.byFlow) {
      const flow = r.key as Flow; // the bureau's view merges nothing
      expect(r.fen).toBe(await dbSum(db, { year, flows: [flow], col: "tech_fen" }));
      expect(csvSums(await exportCsv(db, { year, flow: [flow] })).techFen).toBe(r.fen);
    }
    const yearly = d.series.find((p) => p.year === year)!;
    // 产业领域: contracts without one are the 未标注 row; the rows add up to the year's counted total.
    // Every industry the year's counted contracts carry has its row ('' is 未标注, when there are such).
    const { rows: present } = await sql<{ k: string }>`select distinct coalesce(industry_code, '') as k from contracts
      where status <> 'cancelled' and reg_year = ${year} and flow in ('output', 'both')`.execute(db);
    expect(d.byIndustry.map((r) => r.key)).toEqual(expect.arrayContaining(present.map((p) => p.k)));
    for (const r of d.byIndustry) {
      const { rows } = await sql<{ s: number; name: string | null }>`select coalesce(sum(tech_fen), 0) as s, (select name from focus_fields where code = ${r.key}) as name
        from contracts where status <> 'cancelled' and reg_year = ${year} and flow in ('output', 'both') and coalesce(industry_code, '') = ${r.key}`.execute(db);
      expect(r.fen, `industry=${r.key}`).toBe(Number(rows[0].s));
      expect(r.name).toBe(rows[0].name ?? "未标注");
      const filter: LedgerFilter = { ...COUNTED, year, industry: r.key || "none" };
      expect((await ledgerTotals(db, filter)).techFen).toBe(r.fen);
      expect(csvSums(await exportCsv(db, filter)).techFen).toBe(r.fen);
    }
    expect(d.byIndustry.reduce((a, r) => a + r.fen, 0)).toBe(yearly.fen);
    const xlsx = await xlsxSums(await exportXlsx(db, { ...COUNTED, year }, "test"));
    expect(xlsx.techFen).toBe(yearly.fen);
    expect(xlsx.n).toBe(yearly.n);
    const top = d.top!.reduce((a, r) => a + r.fen, 0);
    expect(top).toBeLessThanOrEqual(yearly.fen);
  });

  it("follows the bureau's setting: 成交额 of all flows", async () => {
    const db = await freshDb({ demo: true });
    await saveSettings(db, await bureauActor(db), { amountBasis: "total", flows: ["output", "absorb", "both", "neither"] });
    const d = await dashboard(db, { year: 2021, now: NOW });
    expect(d.settings.amountBasis).toBe("total");
    const p = d.series.find((x) => x.year === 2021)!;
    expect(p.fen).toBe(await dbSum(db, { year: 2021, col: "total_fen" }));
    expect(csvSums(await exportCsv(db, { year: 2021 })).totalFen).toBe(p.fen);
  });
});

describe("registering, amending and cancelling move every figure consistently", () => {
  it("adds, changes and removes exactly the contract's amounts everywhere", async () => {
    const db = await freshDb({ demo: true });
    const officer = await bureauActor(db);
    const before = await dashboard(db, { year: 2024, now: NOW });
    const at = (d: typeof before) => ({
      year: d.series.find((p) => p.year === 2024)!.fen,
      dev: d.byType.find((r) => r.key === "development")?.fen ?? 0,
      consulting: d.byType.find((r) => r.key === "consulting")?.fen ?? 0,
      agri: d.byField.find((r) => r.key === "05")?.fen ?? 0,
      enterprise: d.bySellerKind.find((r) => r.key === "enterprise")?.fen ?? 0,
      output: d.byFlow.find((r) => r.key === "output")!.fen,
      cumulative: d.series[d.series.length - 1].cumulativeFen,
    });
    const b = at(before);

    const id = await registerContract(db, officer, contractInput());
    const afterRegister = at(await dashboard(db, { year: 2024, now: NOW }));
    const TECH = 103_456_788;
    expect(afterRegister).toEqual({ ...b, year: b.year + TECH, dev: b.dev + TECH, agri: b.agri + TECH, enterprise: b.enterprise + TECH, output: b.output + TECH, cumulative: b.cumulative + TECH });

    // Amend: new amounts and another type; the revision keeps both versions.
    const c = await db.selectFrom("contracts").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    const amended = contractSchema.parse({ ...contractFormValues(c), type: "consulting", subtype: "consulting", total: "1000000.00", tech: "1000000.00", nonTechItems: "" });
    await amendContract(db, officer, id, c.version, amended, "按补充协议调整金额");
    const afterAmend = at(await dashboard(db, { year: 2024, now: NOW }));
    expect(afterAmend).toEqual({ ...b, year: b.year + 100_000_000, consulting: b.consulting + 100_000_000, agri: b.agri + 100_000_000, enterprise: b.enterprise + 100_000_000, output: b.output + 100_000_000, cumulative: b.cumulative + 100_000_000 });
    expect((await ledgerTotals(db, { ...COUNTED, year: 2024 })).techFen).toBe(afterAmend.year);

    await cancelContract(db, officer, id, c.version + 1, "重复登记");
    expect(at(await dashboard(db, { year: 2024, now: NOW }))).toEqual(b);
    expect((await ledgerTotals(db, { ...COUNTED, year: 2024 })).techFen).toBe(b.year);

    const history = await db.selectFrom("contract_revisions").select(["action", "reason", "before_json", "after_json"]).where("contract_id", "=", id).orderBy("id").execute();
    expect(history.map((h) => h.action)).toEqual(["register", "amend", "cancel"]);
    expect(JSON.parse(history[1].before_json!).tech_fen).toBe(TECH);
    expect(JSON.parse(history[1].after_json).tech_fen).toBe(100_000_000);
    expect(history[2].reason).toBe("重复登记");
    // Nothing is deleted: the cancelled record is still in the ledger.
    expect(await db.selectFrom("contracts").select("status").where("id", "=", id).executeTakeFirstOrThrow()).toEqual({ status: "cancelled" });
    const kept = await rollupSnapshot(db);
    await rebuildRollups(db);
    expect(await rollupSnapshot(db)).toEqual(kept);
  });

  it("refuses a second registration of the same 登记号, a stale amendment, and touching a cancelled contract", async () => {
    const db = await freshDb({ demo: true });
    const officer = await bureauActor(db);
    const id = await registerContract(db, officer, contractInput());
    await expect(registerContract(db, officer, contractInput({ title: "另一个项目" }))).rejects.toThrow("已经登记过");
    await expect(amendContract(db, officer, id, 7, contractInput(), "过期版本")).rejects.toThrow("已被其他人修改");
    await expect(amendContract(db, officer, id, 1, contractInput({ regNo: "2024510802777002" }), "改登记号")).rejects.toThrow("提交的内容有误");
    await cancelContract(db, officer, id, 1, "录入错误");
    await expect(cancelContract(db, officer, id, 2, "再次撤销")).rejects.toThrow("已撤销");
  });

  it("links a contract from a challenge through contract_record_id, and unlinks it on cancellation", async () => {
    const db = await freshDb({ demo: true });
    const officer = await bureauActor(db);
    const tea = await db.selectFrom("challenges").select(["id", "winner_bid_id"]).where("status", "=", "contracted").executeTakeFirstOrThrow();
    const id = await registerContract(db, officer, contractInput({ originChallengeId: String(tea.id) }));
    const linked = await db.selectFrom("challenges").select("contract_record_id").where("id", "=", tea.id).executeTakeFirstOrThrow();
    expect(linked.contract_record_id).toBe(id);
    const c = await db.selectFrom("contracts").select(["origin_bid_id", "origin_kind"]).where("id", "=", id).executeTakeFirstOrThrow();
    expect(c).toEqual({ origin_bid_id: tea.winner_bid_id, origin_kind: "challenge" });
    await cancelContract(db, officer, id, 1, "录入错误");
    expect((await db.selectFrom("challenges").select("contract_record_id").where("id", "=", tea.id).executeTakeFirstOrThrow()).contract_record_id).toBeNull();

    const draft = await db.selectFrom("challenges").select("id").where("status", "=", "draft").executeTakeFirstOrThrow();
    await expect(registerContract(db, officer, contractInput({ regNo: "2024510802777003", originChallengeId: String(draft.id) }))).rejects.toThrow("提交的内容有误");
  });

  it("puts a signed, unregistered challenge into the forecast only when its flow counts", async () => {
    const db = await freshDb({ demo: true });
    const d = await dashboard(db, { now: NOW });
    const items = d.forecast!.items;
    expect(items.map((i) => i.status).sort()).toEqual(["contracted", "in_progress"]);
    expect(items.every((i) => i.flow === "absorb" && !i.counted)).toBe(true);
    expect(d.forecast!.forecastFen).toBe(d.current.fen);
    await saveSettings(db, await bureauActor(db), { amountBasis: "tech", flows: ["output", "both", "absorb"] });
    const d2 = await dashboard(db, { now: NOW });
    expect(d2.forecast!.pipelineFen).toBe(items.reduce((a, i) => a + i.fen, 0));
    expect(d2.forecast!.forecastFen).toBe(d2.current.fen + d2.forecast!.pipelineFen);
  });
});
