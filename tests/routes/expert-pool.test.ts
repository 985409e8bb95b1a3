/**
 * The expert pool is the bureau's (issue 12 §3): nobody becomes 专家 by registering, the review
 * picker and the assignment accept only the bureau's pool, and an application's status stays
 * between the applicant and the bureau.
 */
import { describe, expect, it } from "vitest";
import type { DB } from "../../db/client.server";
import { migrations } from "../../db/migrations";
import { decideExpert } from "../../app/models/account/profile.server";
import { action as registerAction } from "../../app/routes/register";
import { action as pageAction, loader as pageLoader } from "../../app/routes/challenges.$id/route";
import { loader as profileLoader } from "../../app/routes/experts.$id";
import { demoCreditCode, seedOrgs } from "../../seeds/organizations";
import { freshDb, userIdByEmail } from "../support/db";
import { registrationForm } from "../support/registration";
import { ORIGIN, anonymous, body, call, get, post, signedIn } from "../support/http";
import { addMember, asUser, driveTo, snapshot, SCU } from "../support/challenges";

const PENDING_ORG = "广元示范精密传动有限公司（演示）"; // seeded 待认证

function registration(changes: Record<string, string>): Record<string, string> {
  return registrationForm({
    name: "冒充专家",
    account: "fake-expert@example.com",
    role: "expert",
    orgName: "广元测试工程研究院",
    orgKind: "institute",
    creditCode: demoCreditCode("12", "510802", 88),
    contactName: "冒充专家",
    ...changes,
  });
}

const codeOf = (key: string) => {
  const i = seedOrgs.findIndex((o) => o.key === key);
  return demoCreditCode(seedOrgs[i].prefix, seedOrgs[i].division, i + 1);
};

describe("registering", () => {
  it.each([
    ["creating a 院所", {}],
    ["creating an enterprise", { orgKind: "enterprise", orgName: "广元测试装备有限公司", creditCode: demoCreditCode("91", "510802", 89) }],
    ["joining a verified university", { orgMode: "join", joinCreditCode: codeOf("uestc") }],
  ])("with role=expert (%s) never yields a 专家", async (_, changes) => {
    const db = await freshDb({ demo: true });
    const res = await call(registerAction, post("/register", registration(changes), await anonymous(), { origin: ORIGIN }));
    const user = await db.selectFrom("users").select("role").where("email", "=", "fake-expert@example.com").executeTakeFirst();
    expect(user?.role).not.toBe("expert");
    // The form no longer offers 专家; a forged choice is told how the pool is joined.
    expect(res.status).toBe(400);
    expect((await body(res)).errors.role[0]).toContain("专家由区科技局审核入库");
    expect(user).toBeUndefined();
  });
});

describe("the 送专家论证 picker and assignment", () => {
  /** People who are not the bureau's pool experts, each made through the real flows or the seed. */
  const outsiders = [
    // What self-registration as 专家 used to produce: an active 专家 of an organisation nobody verified.
    ["a 专家 of an organisation the bureau has not verified", (db: DB) => addMember(db, { email: "self-made@example.test", name: "自称 专家", role: "expert", org: PENDING_ORG, orgRole: "admin" })],
    ["a researcher whose pool application is pending", (db: DB) => userIdByEmail(db, "saas@demo.test")],
    [
      "a researcher whose pool application was turned down",
      async (db: DB) => {
        const id = await userIdByEmail(db, "cib@demo.test");
        await decideExpert(db, await asUser(db, "bureau@demo.test"), id, false, "研究方向与评审需求不符。");
        return id;
      },
    ],
  ] as const;

  it.each(outsiders)("does not list %s", async (_, make) => {
    const db = await freshDb({ demo: true });
    const outsider = await make(db);
    const d = await driveTo(db, "submitted");
    const page = await body(await call(pageLoader, get(`/challenges/${d.id}`, await signedIn(d.cast.bureau.id)), { id: String(d.id) }));
    const listed = page.picker.experts.map((e: { id: number }) => e.id);
    expect(listed).toContain(d.cast.expert.id); // the picker works, it just leaves the outsider out
    expect(listed).not.toContain(outsider);
  });

  it.each(
    outsiders.flatMap(([who, make]) => [
      ["send_to_review", "submitted", who, make],
      ["assign_experts", "under_review", who, make],
    ] as const),
  )("%s (%s) refuses a forged id of %s and changes nothing", async (intent, state, _, make) => {
    const db = await freshDb({ demo: true });
    const outsider = await make(db);
    const d = await driveTo(db, state);
    const before = await snapshot(db, d.id);
    const res = await call(pageAction, post(`/challenges/${d.id}`, { intent, expertIds: String(outsider) }, await signedIn(d.cast.bureau.id)), { id: String(d.id) });
    expect(res.status).toBe(400);
    expect((await body(res)).errors.expertIds[0]).toBe("所选专家不存在或已不在专家库中");
    expect(await snapshot(db, d.id)).toEqual(before);
  });
});

describe("an expert application's status", () => {
  const applicant = "saas@demo.test"; // seeded with a pending application

  it.each([
    ["applied", async () => {}],
    ["rejected", async (db: DB, id: number) => decideExpert(db, await asUser(db, "bureau@demo.test"), id, false, "暂不符合入库条件。")],
  ] as const)("(%s) is not in /experts/:id?_data for anonymous or other users, only for the person and the bureau", async (status, make) => {
    const db = await freshDb({ demo: true });
    const id = await userIdByEmail(db, applicant);
    await make(db, id);
    const other = await addMember(db, { email: "scu-reader@example.test", name: "川大 读者", role: "researcher", org: SCU });
    const read = async (who: number | null) => {
      const b = who == null ? undefined : await signedIn(who);
      const res = await call(profileLoader, get(`/experts/${id}?_data=routes%2Fexperts.%24id`, b), { id: String(id) });
      expect(res.status).toBe(200);
      return (await res.text());
    };
    for (const viewer of [null, other, await userIdByEmail(db, "enterprise@demo.test"), await userIdByEmail(db, "expert@demo.test")]) {
      const text = await read(viewer);
      expect(text, `viewer ${viewer}`).not.toContain(`"${status}"`);
    }
    expect(JSON.parse(await read(id)).profile.expert_status).toBe(status);
    expect(JSON.parse(await read(await userIdByEmail(db, "bureau@demo.test"))).profile.expert_status).toBe(status);
  });
});

describe("migration 0013_expert_pool", () => {
  it("returns self-registered 专家 to their organisation's role and keeps the bureau's experts", async () => {
    const db = await freshDb({ demo: true });
    // Accounts as the old registration form made them: 专家 without an approved application.
    const atEnterprise = await addMember(db, { email: "old-ent@example.test", name: "旧 企业专家", role: "expert", org: PENDING_ORG });
    const atUniversity = await addMember(db, { email: "old-uni@example.test", name: "旧 高校专家", role: "expert", org: SCU });
    const approved = await userIdByEmail(db, "expert@demo.test");
    await migrations["0013_expert_pool"].up(db);
    const roleOf = async (id: number) => (await db.selectFrom("users").select("role").where("id", "=", id).executeTakeFirstOrThrow()).role;
    expect(await roleOf(atEnterprise)).toBe("enterprise");
    expect(await roleOf(atUniversity)).toBe("researcher");
    expect(await roleOf(approved)).toBe("expert");
    for (const email of ["expert2@demo.test", "expert3@demo.test"]) expect(await roleOf(await userIdByEmail(db, email))).toBe("expert");
  });
});
