import { describe, expect, it } from "vitest";
import type { DB } from "../../db/client.server";
import { action as registerAction } from "../../app/routes/register";
import { bidSchema } from "../../app/schemas/challenge";
import { nameKey } from "../../app/schemas/fields";
import { orgFieldsSchema } from "../../app/schemas/org";
import { resultSchema } from "../../app/schemas/result";
import { demoCreditCode } from "../../seeds/organizations";
import { freshDb } from "../support/db";
import { registrationForm } from "../support/registration";
import { anonymous, body, call, post } from "../support/http";

const HAIJU = "四川海聚环保科技有限公司"; // verified, seeded


async function counts(db: DB) {
  const n = async (table: "users" | "organizations") =>
    Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
  return { users: await n("users"), organizations: await n("organizations") };
}

describe("仿冒名称", () => {
  it.each([
    ["a zero-width joiner", "四川海聚环保科技\u200D有限公司"],
    ["a zero-width space", "四川海聚\u200B环保科技有限公司"],
    ["a byte-order mark at the end", `${HAIJU}\uFEFF`],
    ["a soft hyphen", "四川海聚环保\u00AD科技有限公司"],
    ["an ideographic space inside", "四川海聚\u3000环保科技有限公司"],
    ["a compatibility ideograph (U+FA45, drawn as 海)", "四川\uFA45聚环保科技有限公司"],
  ])("refuses an organisation named like a registered one with %s: 400 next to the field, nothing written", async (_what, orgName) => {
    const db = await freshDb({ demo: true });
    const before = await counts(db);
    const res = await call(registerAction, post("/register", registrationForm({ orgName }), await anonymous()));
    expect(res.status).toBe(400);
    const answer = await body(res);
    expect(answer.errors.orgName).toEqual(["已有同名机构在平台登记。如是贵单位，请选择“加入已有机构”。"]);
    expect(answer.values.orgName).toBe(orgName);
    expect(await counts(db)).toEqual(before);
  });

  it("compares names under NFKC (ＡＢＣ, ａｂｃ and ABC are one name) but stores them as typed", async () => {
    const db = await freshDb({ demo: true });
    const res = await call(registerAction, post("/register", registrationForm({ orgName: "广元ＡＢＣ新材料有限公司", name: "Ｌｉ　Ｍｉｎｇ" }), await anonymous()));
    expect(res.status).toBe(302);
    expect(await db.selectFrom("organizations").select(["name", "name_key"]).where("credit_code", "=", registrationForm().creditCode).executeTakeFirst()).toEqual({
      name: "广元ＡＢＣ新材料有限公司",
      name_key: "广元abc新材料有限公司",
    });
    expect((await db.selectFrom("users").select("name").where("email", "=", "zhang@example.com").executeTakeFirstOrThrow()).name).toBe("Ｌｉ Ｍｉｎｇ");

    const again = await call(
      registerAction,
      post("/register", registrationForm({ account: "li@example.com", creditCode: demoCreditCode("91", "510802", 78), orgName: "广元ａｂｃ 新材料有限公司" }), await anonymous()),
    );
    expect(again.status).toBe(400);
    expect((await body(again)).errors.orgName[0]).toContain("已有同名机构");
  });

  it("stores a person's name with zero-width characters normalised", async () => {
    const db = await freshDb({ demo: true });
    const res = await call(registerAction, post("/register", registrationForm({ name: "\u200B张\u200C晓\u200D明\u2060 ", contactName: "王\uFEFF 工" }), await anonymous()));
    expect(res.status).toBe(302);
    expect((await db.selectFrom("users").select("name").where("email", "=", "zhang@example.com").executeTakeFirstOrThrow()).name).toBe("张晓明");
    expect((await db.selectFrom("organizations").select("contact_name").where("credit_code", "=", registrationForm().creditCode).executeTakeFirstOrThrow()).contact_name).toBe("王 工");
  });

  it("uses the same normalisation wherever a name shown to others is accepted", () => {
    const lookalike = "林\u200B晓\u200D峰";
    expect(bidSchema.shape.leaderName.parse(lookalike)).toBe("林晓峰");
    expect(orgFieldsSchema.shape.contactName.parse(lookalike)).toBe("林晓峰");
    expect(resultSchema.shape.contactName.parse(lookalike)).toBe("林晓峰");
    expect(nameKey("四川海聚环保科技\u200D有限公司")).toBe(nameKey(HAIJU));
  });

  it("still refuses direction overrides, which would change what the name shows rather than hide", async () => {
    const db = await freshDb({ demo: true });
    const before = await counts(db);
    const res = await call(registerAction, post("/register", registrationForm({ orgName: "广元\u202E司公限有" }), await anonymous()));
    expect(res.status).toBe(400);
    expect((await body(res)).errors.orgName).toEqual(["机构名称包含无法识别的控制字符，请删除后重试"]);
    expect(await counts(db)).toEqual(before);
  });
});
