import { expect, test } from "@playwright/test";
import { as, box, shoot } from "./support";


test("产业领域: the 榜单 form groups the plan's industries by sector and fills the 技术领域; the list filters by 食品饮料; the dashboard breaks contracts down by industry", async ({ browser }) => {
  const owner = await as(browser, "jixiangju@demo.test");
  await owner.goto("/challenges/new");
  const industry = owner.getByLabel("产业领域");
  await expect(industry.locator("optgroup")).toHaveCount(3);
  await expect(industry.locator('optgroup[label="工业"] option', { hasText: "食品饮料" })).toHaveCount(1);
  await box(owner, "榜单名称").fill("泡菜包装线自动灌装改造");
  await industry.selectOption({ label: "食品饮料" });
  // With JavaScript, the empty 技术领域 takes the industry's national field at once.
  await expect(owner.getByLabel("技术领域（国家分类）")).toHaveValue("05");
  await shoot(owner, "E-challenge-form");

  const visitor = await browser.newPage();
  await visitor.goto("/challenges?status=all");
  await visitor.getByLabel("产业领域").selectOption({ label: "食品饮料" });
  await visitor.getByRole("button", { name: "筛选" }).click();
  await expect(visitor).toHaveURL(/industry=GY04/);
  await expect(visitor.getByRole("link", { name: "泡菜低盐发酵与品质稳定控制" })).toBeVisible();
  await expect(visitor.getByRole("link", { name: "肝素钠高效提取与纯化工艺" })).toHaveCount(0);
  await shoot(visitor, "E-challenges-food");

  const bureau = await as(browser, "bureau@demo.test");
  await bureau.goto("/dashboard");
  const section = bureau.locator("section", { has: bureau.locator("#by-industry") });
  await expect(section.getByRole("link", { name: "未标注" })).toBeVisible();
  await shoot(bureau, "E-dashboard-industry", section);
});
