import { expect, test } from "@playwright/test";
import { signIn } from "./support";

// Every page each kind of person reaches from the navigation renders on the server and hydrates
// in the browser without an error (a server-only value used in a component shows up only here).
const pages: Record<string, string[]> = {
  anonymous: ["/", "/login", "/register", "/challenges", "/challenges?status=all", "/challenges/2", "/results", "/results/1", "/experts", "/experts/3", "/search|搜索", "/search?q=高盐废水|搜索", "/search?q=%22%20NEAR(%20%F0%9F%98%80|搜索", "/search?q=废水&region=lizhou&stage=scale&amountMin=10&amountMax=abc|搜索", "/events|对接会", "/events/1", "/events/2", "/dashboard|数据看板", "/dashboard?year=2020|数据看板", "/awards|中选公示", "/awards?page=2|中选公示"],
  "enterprise@demo.test": ["/workbench|工作台", "/me", "/my/challenges", "/my/bids", "/challenges/new", "/inbox", "/challenges/13", "/challenges/11", "/results/14", "/events/2/agenda|我的会谈日程", "/events/2/schedule|全场会谈日程", "/events/2/meetings/2", "/dashboard|数据看板", "/challenges/1"],
  "researcher@demo.test": ["/me", "/my/bids", "/challenges/12", "/challenges/2/bid", "/inbox", "/my/results", "/results/new", "/results/4", "/results/1/edit", "/me/profile|我的专家画像", "/events/1/requests|约谈管理"],
  "expert@demo.test": ["/me", "/challenges/3", "/challenges/8", "/inbox", "/me/profile|我的专家画像"],
  "bureau@demo.test": ["/bureau/orgs", "/bureau/challenges", "/bureau/challenges?tab=delivery", "/challenges/10", "/challenges/1", "/challenges/3", "/bureau/experts", "/results/27", "/bureau/matches|候选对接", "/events/new|新建对接会", "/events/1/edit|修改对接会", "/bureau/events/1|报名审核与签到", "/events/1/schedule", "/events/2/schedule?table=1|第 1 桌会谈日程", "/bureau/events/2/stats|对接会统计", "/events/2/agenda?participant=8", "/dashboard|数据看板", "/bureau/contracts|技术合同登记台账", "/bureau/contracts?year=2025&flow=output,both&type=development|技术合同登记台账", "/bureau/contracts/new|登记技术合同", "/bureau/contracts/new?challenge=9|登记技术合同", "/bureau/contracts/1", "/bureau/contracts/1/edit|更正技术合同", "/bureau/contracts/import|导入技术合同台账", "/bureau/targets|统计口径与指标", "/bureau/objections|异议处理", "/bureau/objections?status=dismissed|异议处理"],
};

for (const [who, paths] of Object.entries(pages)) {
  test(`pages render without browser errors for ${who}`, async ({ page }) => {
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    if (who !== "anonymous") {
      await page.goto("/login");
      await signIn(page, who);
      await expect(page).toHaveURL(/\/workbench$/);
    }
    for (const entry of paths) {
      // "path|heading" also checks that the page is the one asked for, not a parent layout.
      const [path, heading] = entry.split("|");
      const res = await page.goto(path);
      expect(res?.status(), path).toBe(200);
      await expect(page.locator("h1").first()).toBeVisible();
      if (heading) await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
      await expect(page.getByText("出错了")).toHaveCount(0);
      await page.waitForLoadState("networkidle");
    }
    expect(errors).toEqual([]);
  });
}
