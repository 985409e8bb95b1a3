import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { as, beijingDay, box } from "./support";

const TEA = "茶树黄化型品种选育与加工技术规程";

test("an officer registers the contract a seeded 榜单 led to; the challenge page and the dashboard show it", async ({ browser }) => {
  test.setTimeout(90_000);
  const regNo = `${beijingDay().slice(0, 4)}510802${String(Date.now()).slice(-6)}`;
  const bureau = await as(browser, "bureau@demo.test");

  await bureau.goto("/dashboard");
  const funnel = bureau.getByTestId("challenge-funnel");
  const before = Number((await funnel.locator("li").last().innerText()).match(/(\d+) 个榜单/)![1]);
  await expect(bureau.getByRole("row", { name: new RegExp(TEA) })).toBeVisible(); // in the forecast: signed, not registered

  // From the challenge page (已签约) to the register form, pre-filled from the 定榜 and signing.
  await bureau.goto("/bureau/challenges?tab=delivery");
  await bureau.getByRole("link", { name: TEA }).click();
  await expect(bureau.getByRole("heading", { level: 1, name: TEA })).toBeVisible();
  const challengeUrl = bureau.url();
  await bureau.getByRole("link", { name: "登记技术合同" }).click();
  await expect(bureau.getByRole("heading", { level: 1, name: "登记技术合同" })).toBeVisible();
  await expect(bureau.getByText(`已按榜单`)).toBeVisible();
  await expect(box(bureau, "项目名称")).toHaveValue(TEA);
  await expect(bureau.getByLabel("平台机构").first()).toHaveValue(/\d+/);
  await expect(box(bureau, "合同成交额（元）")).toHaveValue("680000.00");
  await box(bureau, "登记号").fill(regNo);
  await bureau.getByLabel("支付方式").selectOption({ label: "分期支付" });
  await bureau.getByLabel("有效期止").fill(beijingDay(3 * 365));
  // 技术交易额 less than the total: the difference must be explained item by item.
  await box(bureau, "技术交易额（元）").fill("600000.00");
  await bureau.getByRole("button", { name: "登记", exact: true }).click();
  await expect(bureau.getByText("非技术性费用合计应等于合同成交额减去技术交易额")).toBeVisible();
  await box(bureau, "非技术性费用明细").fill("品种选育试验材料 50000.00\n检测费 30000.00");
  await bureau.getByRole("button", { name: "登记", exact: true }).click();

  await expect(bureau).toHaveURL(/\/bureau\/contracts\/\d+$/);
  await expect(bureau.getByRole("heading", { level: 1, name: TEA })).toBeVisible();
  await expect(bureau.getByText(`登记号 ${regNo}`)).toBeVisible();
  await expect(bureau.getByText("吸纳（买方在利州区）")).toBeVisible();
  await expect(bureau.getByText("600,000.00 元（60.00 万元）")).toBeVisible();

  await bureau.goto(challengeUrl);
  const section = bureau.getByRole("region", { name: "技术合同登记" });
  await expect(section.getByText(`登记号 ${regNo}`)).toBeVisible();
  await expect(section.getByText(/技术交易额 60\.00 万元/)).toBeVisible();

  await bureau.goto("/dashboard");
  await expect(funnel.locator("li").last()).toContainText(`${before + 1} 个榜单`);
  await expect(bureau.getByRole("row", { name: new RegExp(TEA) })).toHaveCount(0); // registered: out of the forecast
  await expect(bureau.getByRole("region", { name: "按流向" }).getByRole("row", { name: /吸纳/ })).toBeVisible();

  // The owner enterprise sees its contract on the challenge page too; anonymous visitors see no amounts.
  const tea = await as(browser, "tea@demo.test");
  await tea.goto(challengeUrl);
  await expect(tea.getByText(`登记号 ${regNo}`)).toBeVisible();
});

test("the dashboard reads without JavaScript, keeps confidential detail to the bureau, and fits a phone", async ({ browser }) => {
  const ctx = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  await page.goto("/dashboard");
  await expect(page.getByRole("heading", { level: 1, name: "数据看板" })).toBeVisible();
  await expect(page.getByRole("img", { name: /历年技术交易额与规划目标/ })).toBeVisible();
  await expect(page.getByTestId("series").getByRole("row", { name: /^2020 / })).toContainText("12,400,000.00 元");
  await expect(page.getByText("统计口径：技术交易额")).toBeVisible();
  await expect(page.getByText("主要卖方机构")).toHaveCount(0);
  await expect(page.getByText("全年预测")).toHaveCount(0);
  fs.mkdirSync("tests/.tmp/screenshots", { recursive: true });
  await page.screenshot({ path: "tests/.tmp/screenshots/dashboard-desktop.png", fullPage: true });

  const phone = await (await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true })).newPage();
  await phone.goto("/dashboard");
  await expect(phone.getByRole("img", { name: /历年技术交易额与规划目标/ })).toBeVisible();
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await phone.screenshot({ path: "tests/.tmp/screenshots/dashboard-phone.png", fullPage: true });
});
