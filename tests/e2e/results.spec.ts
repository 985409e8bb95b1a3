import { expect, test } from "@playwright/test";
import { patentCheckChar } from "../../app/utils/patent-number";
import { as, box } from "./support";

const patent = (digits12: string) => `ZL${digits12}.${patentCheckChar(digits12)}`;

test("a researcher publishes a result with two patents; an enterprise finds it by field and marks interest; the researcher reads the message", async ({ browser }) => {
  const stamp = Date.now().toString().slice(-5);
  const title = `低功耗毫米波阵列天线模块${stamp}`;
  const p1 = patent(`20241${stamp.padStart(7, "0")}`.slice(0, 12));
  const p2 = patent(`20232${stamp.padStart(7, "9")}`.slice(0, 12));

  const researcher = await as(browser, "researcher@demo.test");
  await researcher.goto("/results/new");
  await box(researcher, "成果名称").fill(title);
  await box(researcher, "成果摘要").fill("基于商用毫米波芯片的低成本阵列天线模块，整机功耗降低 30%，适合小型化雷达与低空预警。");
  await researcher.getByLabel("技术领域").selectOption({ label: "电子信息" });
  await box(researcher, "关键词").fill("阵列天线、毫米波、低功耗");
  await researcher.getByLabel("成熟度").selectOption({ label: "TRL 6 · 中试" });
  await researcher.getByRole("checkbox", { name: "许可" }).check();
  await researcher.getByRole("checkbox", { name: "合作开发" }).check();
  await box(researcher, "参考价格（万元）").fill("35");
  await box(researcher, "团队").fill("四川信息职业技术学院电子信息团队，8 人。");
  await box(researcher, "专利号 1").fill(p1);
  await box(researcher, "专利号 2").fill(p2);
  await researcher.getByLabel("类型", { exact: true }).nth(1).selectOption({ label: "实用新型" });
  await box(researcher, "联系人").fill("林老师");
  await box(researcher, "联系电话").fill("13800001234");
  await researcher.getByRole("button", { name: "保存草稿" }).click();
  await expect(researcher.getByText("草稿", { exact: true })).toBeVisible();
  await researcher.getByRole("button", { name: "发布成果" }).click();
  await expect(researcher.getByText("成果已发布")).toBeVisible();
  await expect(researcher.getByRole("cell", { name: p1 })).toBeVisible();
  await expect(researcher.getByRole("cell", { name: p2 })).toBeVisible();

  // An anonymous visitor sees the result but not its contact details.
  const anon = await (await browser.newContext()).newPage();
  await anon.goto(researcher.url());
  await expect(anon.getByRole("heading", { name: title })).toBeVisible();
  await expect(anon.getByText("13800001234")).toHaveCount(0);
  await expect(anon.getByText("联系方式仅向已认证机构的用户展示")).toBeVisible();

  const enterprise = await as(browser, "e081@demo.test");
  await enterprise.goto("/results");
  await enterprise.getByLabel("技术领域").selectOption({ label: "电子信息" });
  await enterprise.getByRole("button", { name: "筛选" }).click();
  await enterprise.getByRole("link", { name: title }).click();
  await expect(enterprise.getByText("13800001234")).toBeVisible();
  await box(enterprise, "留言").fill("我们的低空预警雷达项目需要小型化天线，希望洽谈许可。");
  await enterprise.getByRole("button", { name: "感兴趣，联系团队" }).click();
  await expect(enterprise.getByText("已向成果团队发送合作意向")).toBeVisible();

  await researcher.goto("/inbox");
  const notice = researcher.getByRole("listitem").filter({ hasText: `081电子集团 对成果“${title}”感兴趣` });
  await expect(notice).toContainText("希望洽谈许可");
  await notice.getByRole("link").click();
  await expect(researcher.getByRole("article", { name: "081电子集团 的合作意向" })).toContainText("希望洽谈许可");
});
