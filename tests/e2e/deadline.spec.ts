import { expect, test, type Page } from "@playwright/test";
import { as, beijingDay, shoot } from "./support";

// Issue 13 §4–5 in a real browser, without JavaScript where a form must work without it.

async function openChallenge(page: Page, title: string, list = "/challenges?status=all") {
  await page.goto(list);
  await page.getByRole("link", { name: title }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
}

test("the bureau extends a deadline without JavaScript; the new date and reason are on the timeline", async ({ browser }) => {
  const page = await as(browser, "bureau@demo.test", { javaScriptEnabled: false });
  await openChallenge(page, "火锅食材冰鲜保水与自动灌装");
  const form = page.getByRole("form", { name: "延长揭榜截止时间" });
  await form.getByLabel("新的揭榜截止日期").fill(beijingDay(75));
  await form.getByRole("textbox", { name: "延期理由", exact: true }).fill("应揭榜单位请求，延长揭榜期。");
  await form.getByRole("button", { name: "延长截止时间" }).click();
  await expect(page.getByText("操作已完成")).toBeVisible();
  const timeline = page.getByRole("region", { name: "办理记录" });
  await expect(timeline.getByText("延长揭榜截止时间").first()).toBeVisible();
  await expect(timeline.getByText("应揭榜单位请求，延长揭榜期。", { exact: false })).toBeVisible();
});

test("a researcher follows a 榜单 without JavaScript and finds it on 个人中心", async ({ browser }) => {
  const page = await as(browser, "researcher@demo.test", { javaScriptEnabled: false });
  await openChallenge(page, "雷达小型化与低功耗设计");
  await page.getByRole("button", { name: "关注榜单" }).click();
  await expect(page.getByRole("button", { name: "取消关注" })).toBeVisible();
  await page.goto("/me");
  await expect(page.getByRole("region", { name: "关注的榜单" }).getByRole("link", { name: "雷达小型化与低功耗设计" })).toBeVisible();
});

test("the bureau's expert picker: labelled checkboxes, a pool expert recommended with why, open reviews", async ({ browser }) => {
  const page = await as(browser, "bureau@demo.test");
  // 伺服转台 is under review by two experts; 西南交大 郑教授 (精密传动、伺服转台) is in the pool, not yet assigned.
  await openChallenge(page, "伺服转台小型化与高精度控制", "/bureau/challenges?tab=under_review");
  const picker = page.getByRole("group", { name: "选择论证 / 评审专家" });
  await expect(picker.getByRole("checkbox", { name: /西南交大 郑教授/ })).toBeVisible();
  await expect(picker.getByText(/推荐理由：.*伺服转台/)).toBeVisible();
  await expect(picker.getByText("在办评审").first()).toBeVisible();
  await shoot(page, "d-challenge-review-bureau");
  await shoot(page, "d-picker", page.locator("form[aria-label='增派评审专家']"));
});

test("the seeded extension: the bureau sees the deadline forms, a verified researcher the new date on the timeline", async ({ browser }) => {
  const bureau = await as(browser, "bureau@demo.test");
  await openChallenge(bureau, "肠衣加工高盐废水综合利用关键技术");
  await expect(bureau.getByRole("form", { name: "提前截止揭榜" })).toBeVisible();
  await shoot(bureau, "d-challenge-bureau");
  await shoot(bureau, "d-deadline-form", bureau.locator("form[aria-label='延长揭榜截止时间']"));
  await shoot(bureau, "d-follow", bureau.locator("form[aria-label='关注榜单']"));
  const researcher = await as(browser, "researcher@demo.test");
  await openChallenge(researcher, "肠衣加工高盐废水综合利用关键技术");
  await expect(researcher.getByText("延长揭榜截止时间").first()).toBeVisible();
  await shoot(researcher, "d-timeline", researcher.locator("section[aria-labelledby='timeline']"));
});
