/**
 * Technology contracts and the dashboard against the REAL routes: who may do what (roles ×
 * actions), what the public dashboard leaves out, and hostile input answered with a 4xx.
 */
import { describe, expect, it } from "vitest";
import type { DB } from "../../db/client.server";
import { action as editAction, loader as editLoader } from "../../app/routes/bureau.contracts.$id_.edit";
import { action as pageAction, loader as pageLoader } from "../../app/routes/bureau.contracts.$id";
import { loader as ledgerLoader } from "../../app/routes/bureau.contracts._index";
import { loader as exportLoader } from "../../app/routes/bureau.contracts.export";
import { action as importAction, loader as importLoader } from "../../app/routes/bureau.contracts.import";
import { action as newAction, loader as newLoader } from "../../app/routes/bureau.contracts.new";
import { action as targetsAction, loader as targetsLoader } from "../../app/routes/bureau.targets";
import { loader as challengeLoader } from "../../app/routes/challenges.$id/route";
import { loader as dashboardLoader } from "../../app/routes/dashboard";
import { contractFormValues } from "../../app/models/contract";
import { freshDb, userIdByEmail } from "../support/db";
import { contractForm } from "../support/contracts";
import { ORIGIN, anonymous, body, call, get, post, signedIn, type Browser } from "../support/http";

const ROLES = ["anonymous", "enterprise", "researcher", "expert", "bureau"] as const;
type Role = (typeof ROLES)[number];

async function as(db: DB, role: Role): Promise<Browser> {
  return role === "anonymous" ? anonymous() : signedIn(await userIdByEmail(db, `${role}@demo.test`));
}

const count = async (db: DB) => Number((await db.selectFrom("contracts").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
const firstId = async (db: DB) => (await db.selectFrom("contracts").select("id").orderBy("id").executeTakeFirstOrThrow()).id;

function upload(path: string, browser: Browser, file: { name: string; bytes: Buffer | string } | null, fields: Record<string, string> = {}): Request {
  const form = new FormData();
  form.set("csrf", browser.csrf);
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  if (file) form.set("file", new Blob([typeof file.bytes === "string" ? file.bytes : new Uint8Array(file.bytes)]), file.name);
  return new Request(ORIGIN + path, { method: "POST", body: form, headers: { Cookie: browser.cookie } });
}

/** Every new route and what it does; the bureau alone gets through. */
const ACTIONS: Record<string, (db: DB, b: Browser) => Promise<Response>> = {
  "GET /bureau/contracts": async (_db, b) => call(ledgerLoader, get("/bureau/contracts", b)),
  "GET /bureau/contracts/new": async (_db, b) => call(newLoader, get("/bureau/contracts/new", b)),
  "POST /bureau/contracts/new (register)": async (_db, b) => call(newAction, post("/bureau/contracts/new", contractForm(), b)),
  "GET /bureau/contracts/:id": async (db, b) => call(pageLoader, get("/bureau/contracts/x", b), { id: String(await firstId(db)) }),
  "POST /bureau/contracts/:id (cancel)": async (db, b) => call(pageAction, post("/bureau/contracts/x", { version: "1", reason: "测试撤销" }, b), { id: String(await firstId(db)) }),
  "GET /bureau/contracts/:id/edit": async (db, b) => call(editLoader, get("/bureau/contracts/x/edit", b), { id: String(await firstId(db)) }),
  "POST /bureau/contracts/:id/edit (amend)": async (db, b) => {
    const c = await db.selectFrom("contracts").selectAll().where("id", "=", await firstId(db)).executeTakeFirstOrThrow();
    return call(editAction, post("/bureau/contracts/x/edit", { ...contractFormValues(c), title: "改过的名称", version: String(c.version), reason: "测试更正" }, b), { id: String(c.id) });
  },
  "GET /bureau/contracts/import": async (_db, b) => call(importLoader, get("/bureau/contracts/import", b)),
  "POST /bureau/contracts/import": async (_db, b) => call(importAction, upload("/bureau/contracts/import", b, { name: "x.csv", bytes: "登记号\n1" })),
  "GET /bureau/contracts/export (xlsx)": async (_db, b) => call(exportLoader, get("/bureau/contracts/export?format=xlsx", b)),
  "GET /bureau/contracts/export (csv)": async (_db, b) => call(exportLoader, get("/bureau/contracts/export?format=csv&year=2020", b)),
  "GET /bureau/targets": async (_db, b) => call(targetsLoader, get("/bureau/targets", b)),
  "POST /bureau/targets (setting)": async (_db, b) => call(targetsAction, post("/bureau/targets", { intent: "settings", amountBasis: "total", flows: "absorb" }, b)),
  "POST /bureau/targets (indicator)": async (_db, b) => call(targetsAction, post("/bureau/targets", { intent: "indicator", indicatorId: "4", year: "2025", value: "30" }, b)),
  "POST /bureau/targets (publish)": async (_db, b) => call(targetsAction, post("/bureau/targets", { intent: "publish" }, b)),
};
const BUREAU_STATUS: Record<string, number> = {
  "POST /bureau/contracts/new (register)": 302,
  "POST /bureau/contracts/:id (cancel)": 302,
  "POST /bureau/contracts/:id/edit (amend)": 302,
  "POST /bureau/contracts/import": 400, // the file lacks columns: the bureau got through to the import
  "POST /bureau/targets (setting)": 302,
  "POST /bureau/targets (indicator)": 302,
  "POST /bureau/targets (publish)": 302,
};

async function snapshot(db: DB) {
  return {
    contracts: await db.selectFrom("contracts").selectAll().orderBy("id").execute(),
    settings: await db.selectFrom("contract_settings").selectAll().execute(),
    actuals: await db.selectFrom("indicator_actuals").selectAll().orderBy("indicator_id").orderBy("year").execute(),
    publications: await db.selectFrom("public_snapshots").select("id").execute(),
  };
}

describe("contracts: role × action", () => {
  const cells = Object.keys(ACTIONS).flatMap((a) => ROLES.map((r) => [a, r] as const));
  it.each(cells)("%s as %s", async (actionName, role) => {
    const db = await freshDb({ demo: true });
    const before = await snapshot(db);
    const res = await ACTIONS[actionName](db, await as(db, role));
    if (role === "anonymous") {
      expect(res.status).toBe(302);
      expect(res.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
    } else if (role !== "bureau") {
      expect(res.status).toBe(403);
      expect((await body(res)).message).toBe("此页面仅供区科技局工作人员使用。");
    } else {
      expect(res.status, JSON.stringify(await body(res)).slice(0, 300)).toBe(BUREAU_STATUS[actionName] ?? 200);
    }
    if (role !== "bureau") expect(await snapshot(db)).toEqual(before);
  });

  it("the bureau's writes land: register, amend, cancel, setting, indicator", async () => {
    const db = await freshDb({ demo: true });
    const b = await as(db, "bureau");
    const n = await count(db);
    const res = await ACTIONS["POST /bureau/contracts/new (register)"](db, b);
    expect(res.headers.get("Location")).toMatch(/^\/bureau\/contracts\/\d+$/);
    expect(await count(db)).toBe(n + 1);
    expect((await ACTIONS["POST /bureau/contracts/:id/edit (amend)"](db, b)).status).toBe(302);
    // The amendment moved the version on: a cancel must name the version it read.
    const id = String(await firstId(db));
    expect((await call(pageAction, post("/x", { version: "1", reason: "测试撤销" }, b), { id })).status).toBe(409);
    expect((await call(pageAction, post("/x", { version: "2", reason: "测试撤销" }, b), { id })).status).toBe(302);
    const first = await db.selectFrom("contracts").select(["title", "status", "cancel_reason"]).where("id", "=", await firstId(db)).executeTakeFirstOrThrow();
    expect(first).toEqual({ title: "改过的名称", status: "cancelled", cancel_reason: "测试撤销" });
    await ACTIONS["POST /bureau/targets (setting)"](db, b);
    expect(await db.selectFrom("contract_settings").select(["amount_basis", "flows"]).executeTakeFirstOrThrow()).toEqual({ amount_basis: "total", flows: "absorb" });
  });

  it("exports CSV with a UTF-8 BOM and XLSX as a spreadsheet, as attachments", async () => {
    const db = await freshDb({ demo: true });
    const b = await as(db, "bureau");
    const csv = await ACTIONS["GET /bureau/contracts/export (csv)"](db, b);
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes)).toContain("登记号,项目名称,合同类型");
    expect(csv.headers.get("Content-Disposition")).toMatch(/^attachment; filename="contracts\.csv"; filename\*=UTF-8''/);
    const xlsx = await ACTIONS["GET /bureau/contracts/export (xlsx)"](db, b);
    expect(xlsx.headers.get("Content-Type")).toContain("spreadsheetml");
    expect(new Uint8Array(await xlsx.arrayBuffer()).slice(0, 2)).toEqual(new Uint8Array([0x50, 0x4b]));
  });
});

describe("the public dashboard", () => {
  it.each(["anonymous", "enterprise", "researcher", "expert"] as const)("shows %s the published summary without confidential detail", async (role) => {
    const db = await freshDb({ demo: true });
    const res = await call(dashboardLoader, get("/dashboard", await as(db, role)));
    expect(res.status).toBe(200);
    const data = await body(res);
    expect(data.full).toBe(false);
    expect(data.d).toBeUndefined(); // never the live figures
    expect(data.s.series[0].fen).toBe(1_240_000_000);
    const text = JSON.stringify(data);
    // No bid prices, contact details, parties' names, registration numbers, top sellers or the pipeline reach the public.
    for (const secret of ["price_fen", "contact_phone", "0839-33", "四川大学", "2020510802000001", "credit_code", "forecast", "contractedFen", "sellerName"]) expect(text).not.toContain(secret);
  });

  it("gives the bureau the fuller view", async () => {
    const db = await freshDb({ demo: true });
    const data = await body(await call(dashboardLoader, get("/dashboard?year=2025", await as(db, "bureau"))));
    expect(data.full).toBe(true);
    expect(data.d.year).toBe(2025);
    expect(data.d.top.length).toBeGreaterThan(3);
    expect(data.d.forecast.items.length).toBe(2);
    expect(typeof data.d.funnel.challenges.contractedFen).toBe("number");
  });

  it.each(["abc", "-1", "99999", "2019", "1e9", "２０２５"])("treats year=%s as the current year, never a 500", async (year) => {
    const db = await freshDb({ demo: true });
    const res = await call(dashboardLoader, get(`/dashboard?year=${encodeURIComponent(year)}`, await as(db, "bureau")));
    expect(res.status).toBe(200);
    expect((await body(res)).d.year).toBe((await body(res)).d.currentYear);
    const pub = await call(dashboardLoader, get(`/dashboard?year=${encodeURIComponent(year)}`));
    expect(pub.status).toBe(200);
  });
});

describe("the challenge page shows its registered contract", () => {
  it("with amounts to the bureau and the parties, and without them to others", async () => {
    const db = await freshDb({ demo: true });
    const closed = await db.selectFrom("challenges").select(["id", "contract_record_id"]).where("status", "=", "closed").executeTakeFirstOrThrow();
    const regNo = (await db.selectFrom("contracts").select("reg_no").where("id", "=", closed.contract_record_id!).executeTakeFirstOrThrow()).reg_no;
    const view = async (b: Browser) => (await body(await call(challengeLoader, get(`/challenges/${closed.id}`, b), { id: String(closed.id) }))).contracts;
    const bureau = await view(await as(db, "bureau"));
    expect(bureau.rows[0]).toMatchObject({ id: closed.contract_record_id, reg_no: regNo });
    expect(typeof bureau.rows[0].tech_fen).toBe("number");
    const owner = await view(await signedIn(await userIdByEmail(db, "haipeng@demo.test")));
    expect(owner.detail).toBe(true);
    const other = await view(await as(db, "researcher"));
    expect(other.rows).toHaveLength(1);
    expect(other.rows[0].tech_fen).toBeNull();
    expect(other.rows[0].reg_no).toBeNull();
  });
});

describe("hostile input gets a 4xx, never a 500 or a partial write", () => {
  it.each(["abc", "0", "-3", "99999999", "1.5", "１"])("contract id %j → 404", async (id) => {
    const db = await freshDb({ demo: true });
    const res = await call(pageLoader, get(`/bureau/contracts/${id}`, await as(db, "bureau")), { id });
    expect(res.status).toBe(404);
  });

  it("a forged version, a forged organisation and a forged challenge are refused", async () => {
    const db = await freshDb({ demo: true });
    const b = await as(db, "bureau");
    const n = await count(db);
    const id = String(await firstId(db));
    expect((await call(pageAction, post("/x", { version: "99", reason: "伪造版本" }, b), { id })).status).toBe(409);
    expect((await call(pageAction, post("/x", { version: "abc", reason: "伪造版本" }, b), { id })).status).toBe(400);
    const forgeries: Record<string, string>[] = [{ sellerOrgId: "999999" }, { sellerOrgId: "1" /* the bureau itself */ }, { originChallengeId: "999999" }, { originResultId: "abc" }, { fieldCode: "99" }];
    for (const forged of forgeries) {
      const res = await call(newAction, post("/bureau/contracts/new", contractForm(forged), b));
      expect(res.status, JSON.stringify(forged)).toBe(400);
    }
    expect(await count(db)).toBe(n);
  });

  it.each([
    ["title", "\u202Egnp.exe"],
    ["title", "a".repeat(5000)],
    ["regNo", "２０２４５１０８０２７７７００１"],
    ["total", "1e308"],
    ["total", "99999999999999999999"],
    ["nonTechItems", "💥".repeat(3000)],
    ["typeSubtype", "constructor/__proto__"],
    ["registeredOn", "2024-03-15T00:00:00Z"],
  ])("%s = hostile value %#", async (field, value) => {
    const db = await freshDb({ demo: true });
    const n = await count(db);
    const res = await call(newAction, post("/bureau/contracts/new", contractForm({ [field]: value }), await as(db, "bureau")));
    // Full-width digits in a 登记号 are what people paste: they are normalised and accepted.
    if (field === "regNo") {
      expect(res.status).toBe(302);
      expect(await count(db)).toBe(n + 1);
    } else {
      expect(res.status).toBe(400);
      expect(typeof (await body(res)).message).toBe("string");
      expect(await count(db)).toBe(n);
    }
  });

  it("a form larger than 256 KiB is refused with 413", async () => {
    const db = await freshDb({ demo: true });
    const res = await call(newAction, post("/bureau/contracts/new", contractForm({ title: "x".repeat(300 * 1024) }), await as(db, "bureau")));
    expect(res.status).toBe(413);
  });

  it("an upload larger than 5 MB is refused with 413, a missing file with 400", async () => {
    const db = await freshDb({ demo: true });
    const b = await as(db, "bureau");
    const big = await call(importAction, upload("/bureau/contracts/import", b, { name: "big.csv", bytes: Buffer.alloc(6 * 1024 * 1024, 0x41) }));
    expect(big.status).toBe(413);
    const none = await call(importAction, upload("/bureau/contracts/import", b, null));
    expect(none.status).toBe(400);
    expect((await body(none)).message).toContain("请选择要导入的");
  });

  it("an upload without the CSRF token is refused before the file is read", async () => {
    const db = await freshDb({ demo: true });
    const b = await as(db, "bureau");
    const res = await call(importAction, upload("/bureau/contracts/import", { ...b, csrf: "forged" }, { name: "x.csv", bytes: "登记号" }));
    expect(res.status).toBe(403);
  });
});
