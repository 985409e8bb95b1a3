import { expect, test, type Page } from "@playwright/test";
import { as, idOf, shoot } from "./support";

/** The demo's 攻关中 榜单: one report accepted, one returned and reported again (seeds/drive-challenges.ts). */
const TITLE = "深海遥控潜水推进变压器 35KW 样机研制";
const REPORT_TEXTS = ["缺少第三方检测报告", "中试线连续运行 30 天", "合作前期已完成大部分中试准备"];

/** The 签约与攻关 section, where the milestones are. */
const delivery = (page: Page) => page.locator("section", { has: page.getByRole("heading", { name: "签约与攻关" }) });

test("the 攻关中 榜单's milestones: each party sees its own form, everyone else none of the reports (HTML and ?_data)", async ({ browser }) => {
  const id = await idOf.challenge(TITLE);

  const team = await as(browser, "swjtu@demo.test");
  await team.goto(`/challenges/${id}`);
  await expect(team.getByRole("listitem", { name: "里程碑：完成小试与方案验证" }).getByText("已确认", { exact: true }).first()).toBeVisible();
  await expect(team.getByRole("listitem", { name: "里程碑：完成中试" }).getByText("此前提交的报告（1）")).toBeVisible();
  await expect(team.getByRole("listitem", { name: "里程碑：成果应用与验收准备" }).getByRole("button", { name: "提交报告" })).toBeVisible();
  await expect(team.getByRole("button", { name: "确认完成" })).toHaveCount(0);
  await shoot(team, "c-milestones-team", delivery(team));

  const enterprise = await as(browser, "e081@demo.test");
  await enterprise.goto(`/challenges/${id}`);
  await expect(enterprise.getByRole("listitem", { name: "里程碑：完成中试" }).getByRole("button", { name: "确认完成" })).toBeVisible();
  await expect(enterprise.getByRole("button", { name: "提交报告" })).toHaveCount(0);
  await enterprise.getByRole("listitem", { name: "里程碑：完成中试" }).getByText("此前提交的报告（1）").click();
  await shoot(enterprise, "c-milestones-enterprise", delivery(enterprise));

  const bureau = await as(browser, "bureau@demo.test");
  await bureau.goto(`/challenges/${id}`);
  await expect(bureau.getByRole("listitem", { name: "里程碑：完成中试" }).getByText("退回理由：缺少第三方检测报告")).toBeAttached();
  await shoot(bureau, "c-milestones-bureau", delivery(bureau));

  // Another enterprise, a university that did not bid, an expert, and an anonymous visitor.
  const others = [await as(browser, "haipeng@demo.test"), await as(browser, "scu@demo.test"), await as(browser, "expert@demo.test"), await (await browser.newContext()).newPage()];
  for (const page of others) {
    await page.goto(`/challenges/${id}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(TITLE);
    const html = await page.content();
    const data = await (await page.request.get(`/challenges/${id}?_data=routes%2Fchallenges.%24id`)).text();
    for (const t of REPORT_TEXTS) {
      expect(html, t).not.toContain(t);
      expect(data, t).not.toContain(t);
    }
    expect(html).not.toContain("提交里程碑报告");
  }
});
