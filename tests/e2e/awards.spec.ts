import { expect, test, type Page } from "@playwright/test";
import { as, box, shoot } from "./support";

// The demo's 泡菜 榜单 is in 定榜公示 with its objection period open and one objection pending
// (seeds/drive-challenges.ts); the 肝素钠 one was signed after its period ended.
const TITLE = "泡菜低盐发酵与品质稳定控制";

/** What the 泡菜 公示 must never show: the two prices, the losing bidder, its leader and its plan. */
const SECRET = ["48.00", "66.00", "4800000", "6600000", "四川大学", "周教授", "复合菌剂", "直投式菌剂", "报价超出榜额", "冯研究员泡菜微生物"];

async function noticeHref(page: Page): Promise<string> {
  await page.goto("/awards");
  return (await page.getByRole("link", { name: TITLE }).getAttribute("href"))!;
}

test("the 中选公示 list and notice: public, showing the award and nothing of the competition", async ({ page, browser }) => {
  await page.goto("/");
  await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "中选公示" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "中选公示" })).toBeVisible();
  const item = page.getByRole("listitem").filter({ hasText: TITLE });
  await expect(item.getByText("异议处理中")).toBeVisible();
  await expect(item.getByText(/中选单位 四川省农业科学院.* · 挂帅人 冯研究员/)).toBeVisible();
  await shoot(page, "b-awards");

  const href = await noticeHref(page);
  for (const who of ["anonymous", "haipeng@demo.test"]) {
    const p = who === "anonymous" ? page : await as(browser, who);
    for (const url of [href, `${href}?_data=routes%2Fawards.%24id`, "/awards", "/awards?_data=routes%2Fawards._index"]) {
      const res = await p.request.get(url);
      expect(res.status(), `${who} ${url}`).toBe(200);
      const text = await res.text();
      const own = url.startsWith("/awards?") || url === "/awards" ? text.slice(text.indexOf(TITLE) - 600, text.indexOf(TITLE) + 900) : text;
      for (const s of SECRET) expect(own.includes(s), `${who} ${url} shows ${s}`).toBe(false);
      expect(text).toContain("冯研究员");
    }
  }
  // Anonymous visitors are asked to sign in to object.
  await page.goto(href);
  await expect(page.getByText(/请登录|登录/).first()).toBeVisible();
});

test("a verified organisation lodges an 异议 without JavaScript; the bureau sees it in its queue", async ({ browser }) => {
  const swjtu = await as(browser, "swjtu@demo.test", { javaScriptEnabled: false });
  const href = await noticeHref(swjtu);
  // The 榜单 page carries the 公示, linking to the notice.
  await swjtu.goto("/challenges?status=selected");
  await swjtu.getByRole("link", { name: TITLE }).click();
  await expect(swjtu.getByRole("heading", { name: "中选公示" })).toBeVisible();
  await expect(swjtu.getByRole("link", { name: "查看公示 / 提出异议" })).toHaveAttribute("href", href);
  await shoot(swjtu, "b-challenge-with-award");

  await swjtu.goto(href);
  await expect(swjtu.getByRole("heading", { name: "提出异议" })).toBeVisible();
  await shoot(swjtu, "b-award-objection-form");
  await box(swjtu, "异议理由").fill("太短");
  await swjtu.getByRole("button", { name: "提交异议" }).click();
  await expect(swjtu.getByText(/异议理由（至少 20 个字）/)).toBeVisible();
  await box(swjtu, "异议理由").fill("中选单位申报的菌剂生产线尚未取得食品生产许可，与揭榜条件不符，请区科技局复核。");
  await swjtu.getByRole("button", { name: "提交异议" }).click();
  await expect(swjtu.getByText("异议已提交区科技局")).toBeVisible();
  await expect(swjtu.getByRole("heading", { name: "本单位提出的异议" })).toBeVisible();
  // Once is enough: the form is gone while the objection waits.
  await expect(swjtu.getByRole("heading", { name: "提出异议" })).toHaveCount(0);

  const bureau = await as(browser, "bureau@demo.test");
  await bureau.getByRole("link", { name: "异议处理" }).click();
  await expect(bureau.getByRole("heading", { level: 1, name: "异议处理" })).toBeVisible();
  await expect(bureau.getByText("食品生产许可")).toBeVisible();
  await expect(bureau.getByText("请区科技局复核中选单位的资格材料")).toBeVisible();
  await shoot(bureau, "b-bureau-objections");
});
