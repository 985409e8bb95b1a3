import { expect, test, type Page } from "@playwright/test";
import { as, idOf, shoot } from "./support";

// The specs share one e2e database and run in file order, so the counts here are read from the
// page (and must agree with the badge and the queue they open), not fixed numbers.

/** The page's own total, which the navigation badge must repeat. */
async function expectBadgeMatchesPage(page: Page) {
  const summary = await page.getByText(/项待办，最紧急的在前/).textContent();
  const total = Number(summary!.match(/(\d+) 项待办/)![1]);
  await expect(page.getByRole("navigation", { name: "我的工作台" }).getByRole("link", { name: `工作台，${total} 项待办` })).toBeVisible();
  return total;
}

const section = (page: Page, heading: string) => page.locator("section.work-section", { has: page.getByRole("heading", { name: heading }) });

test("the bureau lands on its 工作台, finds each queue and opens it; sending a 榜单 to review puts it on the expert's 工作台", async ({ browser }) => {
  const bureau = await as(browser, "bureau@demo.test");
  await expect(bureau.getByRole("heading", { level: 1, name: "工作台" })).toBeVisible();
  expect(await expectBadgeMatchesPage(bureau)).toBeGreaterThan(0);
  await expect(section(bureau, "待处理的异议").getByRole("link", { name: /^\d+ 件异议待处理$/ })).toHaveAttribute("href", "/bureau/objections");
  await expect(section(bureau, "会谈回访").getByText(/已逾期 \d+ 天/).first()).toBeVisible();
  await shoot(bureau, "h1-bureau");
  const orgs = section(bureau, "待认证的机构").getByRole("link", { name: /^\d+ 家机构待认证$/ });
  const waiting = Number((await orgs.textContent())!.match(/\d+/)![0]);
  await orgs.click();
  await expect(bureau).toHaveURL(/\/bureau\/orgs$/);
  await expect(bureau.getByRole("article")).toHaveCount(waiting);

  await bureau.getByRole("link", { name: /^工作台/ }).click();
  await expect(bureau).toHaveURL(/\/workbench$/);
  // Seeded 榜单 鲢鳙原种 waits in 待审核 as first submitted (no other spec moves it).
  const title = "鲢鳙原种人工授精与繁育技术";
  const check = section(bureau, "待审核的榜单");
  await expect(check.getByRole("listitem").filter({ hasText: title })).toContainText("新提交");
  await check.getByRole("link", { name: title }).click();
  await expect(bureau.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await bureau.getByLabel(/电子科大 何教授/).check();
  await bureau.getByRole("button", { name: "送专家论证" }).click();
  await expect(bureau.getByText("论证中").first()).toBeVisible();

  const expert = await as(browser, "expert@demo.test");
  await expectBadgeMatchesPage(expert);
  const review = section(expert, "待论证的榜单");
  await shoot(expert, "h1-expert");
  await review.getByRole("link", { name: title }).click();
  await expect(expert.getByRole("heading", { level: 1, name: title })).toBeVisible();
});

test("the enterprise finds its draft and the thread waiting for its reply", async ({ browser }) => {
  const page = await as(browser, "enterprise@demo.test");
  expect(await expectBadgeMatchesPage(page)).toBeGreaterThanOrEqual(2);
  await shoot(page, "h1-enterprise");
  await expect(page.getByRole("link", { name: "个人中心与账号设置" })).toHaveAttribute("href", "/me");
  await section(page, "待回复的合作意向").getByRole("link", { name: /装配式钢结构住宅节点优化/ }).click();
  await expect(page).toHaveURL(new RegExp(`/results/${await idOf.result("装配式钢结构住宅节点优化与 BIM 集成设计")}$`));
  await page.goBack();
  await section(page, "草稿").getByRole("link", { name: "立体液态石涂料耐候性改进" }).click();
  await expect(page).toHaveURL(new RegExp(`/challenges/${await idOf.challenge("立体液态石涂料耐候性改进")}$`));
  await expect(page.getByRole("heading", { level: 1, name: "立体液态石涂料耐候性改进" })).toBeVisible();
});

test("the researcher finds the open bid with its deadline, and the follow-ups; another enterprise its meeting request", async ({ browser }) => {
  const page = await as(browser, "researcher@demo.test");
  expect(await expectBadgeMatchesPage(page)).toBeGreaterThanOrEqual(1);
  const bids = section(page, "进行中的揭榜申请");
  await expect(bids.getByText(/将于 \d+ 天后截止/).first()).toBeVisible();
  await expect(bids.getByText(/截止 \d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}（北京时间）/).first()).toBeVisible();
  await shoot(page, "h1-researcher");
  await bids.getByRole("link", { name: "雷达小型化与低功耗设计" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "雷达小型化与低功耗设计" })).toBeVisible();

  const other = await as(browser, "haipeng@demo.test");
  const requests = section(other, "对接会约谈请求");
  await expect(requests.getByText(/将于 \d+ (小时|天)后截止/)).toBeVisible();
  await requests.getByRole("link", { name: /四川信息职业技术学院/ }).click();
  await expect(other).toHaveURL(new RegExp(`/events/${await idOf.event("区校合作对接会（生物医药与食品专场）")}/requests$`));
});

test("a person with nothing waiting sees the empty state and no badge", async ({ browser }) => {
  const page = await as(browser, "tea@demo.test");
  await expect(page.getByText("暂无待办事项。")).toBeVisible();
  await expect(page.getByRole("link", { name: "工作台", exact: true })).toBeVisible();
  await shoot(page, "h1-empty");
});
