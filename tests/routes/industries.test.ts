import { describe, expect, it } from "vitest";
import { action as newChallenge } from "../../app/routes/challenges.new";
import { loader as challengesLoader } from "../../app/routes/challenges._index";
import { action as newResult } from "../../app/routes/results.new";
import { loader as resultsLoader } from "../../app/routes/results._index";
import { freshDb, userIdByEmail } from "../support/db";
import { body, call, get, post, signedIn } from "../support/http";
import { challengeForm } from "../support/challenges";

/** 产业领域 (Decision 32): forms, derivation of the 技术领域, and the lists' filter. */
describe("产业领域 on the 榜单 and 成果 forms", () => {
  it("saves the chosen industry, and an empty 技术领域 takes the industry's mapped field (no JavaScript needed)", async () => {
    const db = await freshDb({ demo: true });
    const owner = await signedIn(await userIdByEmail(db, "jixiangju@demo.test"));
    const res = await call(newChallenge, post("/challenges/new", challengeForm({ title: "泡菜包装线自动灌装改造", fieldCode: "", industryCode: "GY04" }), owner));
    expect(res.status).toBe(302);
    const id = Number(res.headers.get("Location")!.split("/").pop());
    const row = await db.selectFrom("challenges").select(["field_code", "industry_code"]).where("id", "=", id).executeTakeFirstOrThrow();
    expect(row).toEqual({ field_code: "05", industry_code: "GY04" });

    // A 技术领域 chosen by the user stays as chosen.
    const kept = await call(newChallenge, post("/challenges/new", challengeForm({ title: "泡菜车间废水回用技术攻关", fieldCode: "08", industryCode: "GY04" }), owner));
    const keptId = Number(kept.headers.get("Location")!.split("/").pop());
    expect(await db.selectFrom("challenges").select(["field_code", "industry_code"]).where("id", "=", keptId).executeTakeFirstOrThrow()).toEqual({ field_code: "08", industry_code: "GY04" });
  });

  it("refuses a forged industry on the 成果 form with a field message, and writes nothing", async () => {
    const db = await freshDb({ demo: true });
    const researcher = await signedIn(await userIdByEmail(db, "saas@demo.test"));
    const count = async () => Number((await db.selectFrom("results").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
    const before = await count();
    const res = await call(
      newResult,
      post("/results/new", {
        title: "泡菜发酵过程在线监测技术", abstract: "基于电导率与 pH 多参数的泡菜发酵过程在线监测与预警方法。", fieldCode: "05", industryCode: "NY99",
        keywords: "泡菜、在线监测", trl: "5", transferModes: "license", price: "", team: "省农科院发酵团队，六人。", contactName: "王研究员", contactPhone: "13800001111", contactEmail: "",
      }, researcher),
    );
    expect(res.status).toBe(400);
    expect((await body(res)).errors.industryCode).toEqual(["请从列表中选择产业领域"]);
    expect(await count()).toBe(before);
  });
});

describe("filtering the lists by 产业领域", () => {
  it("a food company choosing 食品饮料 sees 吉香居's 泡菜 榜单 and the 泡菜 result, and only food", async () => {
    await freshDb({ demo: true });
    const challenges = await body(await call(challengesLoader, get("/challenges?industry=GY04&status=all")));
    const titles = challenges.rows.map((r: { title: string }) => r.title);
    expect(titles).toContain("泡菜低盐发酵与品质稳定控制");
    expect(challenges.rows.every((r: { industry_name: string }) => r.industry_name === "食品饮料")).toBe(true);
    const all = await body(await call(challengesLoader, get("/challenges?status=all")));
    expect(challenges.total).toBeLessThan(all.total);

    const results = await body(await call(resultsLoader, get("/results?industry=GY04")));
    expect(results.rows.map((r: { title: string }) => r.title)).toContain("耐低盐植物乳杆菌直投式菌剂及泡菜低盐发酵工艺");
    expect(results.rows.every((r: { industry_name: string }) => r.industry_name === "食品饮料")).toBe(true);

    // The select offers the plan's industries grouped by sector.
    expect(challenges.industries.filter((i: { sector: string }) => i.sector === "工业").map((i: { name: string }) => i.name)).toContain("食品饮料");
    // A forged filter value is ignored, not an error.
    expect((await call(challengesLoader, get("/challenges?industry=%27or1=1&status=all"))).status).toBe(200);
  });
});
