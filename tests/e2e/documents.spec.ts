import { expect, test } from "@playwright/test";
import { demoPdf } from "../../seeds/documents";
import { as, box, fillChallengeForm, saveDraft, shoot, unique } from "./support";


const file = (name: string, lines: string[]) => ({ name, mimeType: "application/pdf", buffer: demoPdf(lines) });

test("with JavaScript: files upload at once with progress, can be taken back, and are saved with the 榜单", async ({ browser }) => {
  const page = await as(browser, "enterprise@demo.test");
  // The spec's own draft: the seeded one stays as other specs expect it.
  await fillChallengeForm(page, {
    title: `外墙涂料耐候性改进（上传测试）${unique()}`,
    keywords: "涂料、耐候性",
    summary: "提升外墙涂料在高湿高紫外环境下的耐候性，减少褪色与开裂问题。",
    difficulties: "高湿高紫外环境下漆膜褪色、粉化与开裂。",
    indicators: "人工老化 1000 小时不开裂，色差不超过 3 级。",
    research: "耐候树脂、紫外吸收剂与颜填料的配方优化。",
    eligibility: "具备涂料研究基础的高校或院所。",
  });
  await saveDraft(page);
  await page.getByRole("link", { name: "修改草稿" }).click();
  await page.getByLabel("需求说明（保密）", { exact: true }).setInputFiles([file("老化试验数据.pdf", ["老化试验数据"]), file("多余的文件.pdf", ["不要了"])]);
  await expect(page.getByText("已上传，保存后生效")).toHaveCount(2);
  await page.getByRole("listitem").filter({ hasText: "多余的文件.pdf" }).getByRole("button", { name: "移除" }).click();
  await expect(page.getByText("多余的文件.pdf")).toHaveCount(0);
  await page.getByLabel("需求说明", { exact: true }).setInputFiles([{ name: "evil.pdf", mimeType: "application/pdf", buffer: Buffer.from("MZ\x90\x00not a pdf") }]);
  await expect(page.getByText(/“evil\.pdf”实际是Windows 程序/)).toBeVisible();
  await page.getByRole("listitem").filter({ hasText: "evil.pdf" }).getByRole("button", { name: "移除" }).click();
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.getByRole("heading", { name: "附件" })).toBeVisible();
  await expect(page.getByRole("link", { name: "老化试验数据.pdf" })).toBeVisible();
  await expect(page.getByRole("link", { name: "多余的文件.pdf" })).toHaveCount(0);
  await shoot(page, "A-challenge-page-files");
  await page.getByRole("link", { name: "修改草稿" }).click();
  await expect(page.getByRole("checkbox", { name: "移除" }).first()).toBeVisible();
  await shoot(page, "A-challenge-edit-files");
});

test("without JavaScript: a bid is sent with its 申报书, which its organisation downloads and a visitor cannot", async ({ browser }) => {
  const page = await as(browser, "researcher@demo.test", { javaScriptEnabled: false });
  await page.goto("/challenges?q=" + encodeURIComponent("肠衣加工"));
  await page.getByRole("link", { name: "肠衣加工高盐废水综合利用关键技术" }).first().click();
  await page.getByRole("link", { name: "我要揭榜" }).click();
  await box(page, "团队负责人（挂帅人）").fill("林老师");
  await box(page, "技术方案").fill("耐盐菌预处理结合纳滤分盐与膜分离，酶解回收多肽，降低吨水处理成本。");
  await box(page, "团队与业绩").fill("四川信息职业技术学院环境工程团队，承担过多项废水处理项目。");
  await box(page, "报价（万元）").fill("95");
  await box(page, "周期（月）").fill("20");
  await box(page, "里程碑计划").fill("第 1–6 月小试；第 7–20 月中试与验证。");
  await page.getByLabel("申报书", { exact: true }).setInputFiles([file("申报书（信息职院）.pdf", ["揭榜申报书", "四川信息职业技术学院"])]);
  await page.getByLabel("资质与业绩证明", { exact: true }).setInputFiles([file("高新技术企业证书.pdf", ["资质证明"]), file("业绩清单.pdf", ["近三年业绩"])]);
  await page.getByRole("checkbox", { name: /郑重声明/ }).check();
  await page.getByRole("button", { name: "提交揭榜申请" }).click();
  const link = page.getByRole("link", { name: "申报书（信息职院）.pdf" });
  await expect(link).toBeVisible();
  const href = (await link.getAttribute("href"))!;
  const mine = await page.request.get(href);
  expect(mine.status()).toBe(200);
  expect(mine.headers()["content-disposition"]).toContain("filename*=UTF-8''%E7%94%B3%E6%8A%A5%E4%B9%A6");
  expect(mine.headers()["x-content-type-options"]).toBe("nosniff");
  const visitor = await (await browser.newContext()).request.get(new URL(href, page.url()).toString());
  expect(visitor.status()).toBe(404);
  await page.goto(page.url().replace(/#.*$/, "") + "/bid");
  await expect(page.getByRole("link", { name: "申报书（信息职院）.pdf" })).toBeVisible();
  await shoot(page, "A-bid-form-files");
});
