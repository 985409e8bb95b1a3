import { expect, test, type Page } from "@playwright/test";
import { as, beijingDay, box, fillChallengeForm, letEnd, saveDraft, submitForReview, unique } from "./support";

async function bid(page: Page, id: string, leader: string, price: string) {
  await page.goto(`/challenges/${id}/bid`);
  await box(page, "团队负责人（挂帅人）").fill(leader);
  await box(page, "技术方案").fill(`${leader}团队：耐盐菌株预处理结合纳滤分盐与酶解多肽回收的组合工艺，已完成小试。`);
  await box(page, "团队与业绩").fill("承担过省部级高盐废水资源化项目三项。");
  await box(page, "报价（万元）").fill(price);
  await box(page, "周期（月）").fill("12");
  await box(page, "里程碑计划").fill("第 1–4 月小试；第 5–9 月中试；第 10–12 月应用验证。");
  await page.getByRole("checkbox").check();
  await page.getByRole("button", { name: "提交揭榜申请" }).click();
  await expect(page.getByText("揭榜申请已保存")).toBeVisible();
}

test("揭榜挂帅 from draft to 兑现 with three roles, the second bid sent without JavaScript", async ({ browser }) => {
  test.setTimeout(120_000);
  const title = `高盐废水膜法分盐示范${unique()}`;

  // 企业出题
  const enterprise = await as(browser, "enterprise@demo.test");
  await fillChallengeForm(enterprise, {
    title,
    keywords: "高盐废水、分盐、资源化",
    summary: "涂料生产产生的高盐废水需要膜法分盐并实现资源化利用，降低处理成本。",
    difficulties: "含盐量高，有机物复杂，膜污染严重。",
    indicators: "盐回收率不低于 85%，出水 COD 不高于 500 mg/L。",
    research: "预处理工艺、纳滤分盐、蒸发结晶耦合。",
    eligibility: "具备高盐废水处理研究基础的高校或院所。",
  });
  const id = String(await saveDraft(enterprise));
  await submitForReview(enterprise);

  // 政府立题
  const bureau = await as(browser, "bureau@demo.test");
  await bureau.goto("/bureau/challenges");
  await bureau.getByRole("link", { name: title }).click();
  await bureau.getByRole("checkbox", { name: /重庆大学/ }).check();
  await bureau.getByRole("button", { name: "送专家论证" }).click();
  await expect(bureau.getByText("论证中", { exact: true })).toBeVisible();
  // The assigned expert gives his opinion: publishing without it needs a recorded override.
  const reviewer = await as(browser, "expert2@demo.test");
  await reviewer.goto(`/challenges/${id}`);
  await reviewer.getByLabel("论证结论").selectOption({ label: "建议发布" });
  await reviewer.getByRole("textbox", { name: "论证意见", exact: true }).fill("需求真实，指标可考核，建议发布。");
  await reviewer.getByRole("button", { name: "提交意见" }).click();
  await expect(reviewer.getByText("操作已完成")).toBeVisible();
  await bureau.reload();
  await bureau.getByLabel("揭榜截止日期").fill(beijingDay(7));
  await bureau.getByRole("button", { name: "发布", exact: true }).click();
  await expect(bureau.getByText("揭榜中", { exact: true })).toBeVisible();

  // 协同破题: two institutions bid; the second with JavaScript switched off.
  const college = await as(browser, "researcher@demo.test");
  await college.goto(`/challenges/${id}`);
  await college.getByRole("link", { name: "我要揭榜" }).click();
  await bid(college, id, "林老师", "58");
  const university = await as(browser, "scu@demo.test", { javaScriptEnabled: false });
  await bid(university, id, "周教授", "75.5");
  await expect(university.getByText("报价 75.50 万元")).toBeVisible();
  // A bidder sees its own bid only.
  await expect(university.getByText("林老师")).toHaveCount(0);

  // The deadline passes. Only the clock moves; the page must show 评审中 by itself.
  await letEnd("bidding", Number(id));

  await enterprise.goto(`/challenges/${id}`);
  await expect(enterprise.getByText("评审中", { exact: true })).toBeVisible();
  await expect(enterprise.getByRole("heading", { name: "揭榜申请（2）" })).toBeVisible();
  await enterprise.getByRole("radio", { name: "选择 四川信息职业技术学院 中选" }).check();
  await enterprise.getByLabel("四川大学 未中选原因").selectOption({ label: "报价过高" });
  await enterprise.getByRole("button", { name: "确认定榜" }).click();
  await expect(enterprise.getByText("定榜公示", { exact: true })).toBeVisible();
  // The 中选公示 runs: no signing form, the page says until when.
  await expect(enterprise.getByRole("heading", { name: "中选公示" })).toBeVisible();
  await expect(enterprise.getByText(/中选公示期至 .+结束/)).toBeVisible();
  await expect(enterprise.getByRole("button", { name: "登记签约" })).toHaveCount(0);

  // The objection period passes with no objection. Again only the clock moves.
  await letEnd("objection period", Number(id));
  await enterprise.reload();
  await expect(enterprise.getByText("公示期满", { exact: true })).toBeVisible();

  await enterprise.getByLabel("签约日期").fill(beijingDay(0));
  await box(enterprise, "合同金额（万元）").fill("58");
  await box(enterprise, "里程碑").fill(`${beijingDay(20)} 完成小试\n${beijingDay(200)} 完成中试`);
  await enterprise.getByRole("button", { name: "登记签约" }).click();
  await expect(enterprise.getByText("已签约", { exact: true })).toBeVisible();

  // The winning team reports each milestone, without JavaScript; the enterprise confirms or returns.
  const team = await as(browser, "researcher@demo.test", { javaScriptEnabled: false });
  const milestone = (page: Page, name: string) => page.getByRole("listitem", { name: `里程碑：${name}` });
  await team.goto(`/challenges/${id}`);
  await milestone(team, "完成小试").getByLabel("报告内容").fill("小试完成，盐回收率 87%。");
  await milestone(team, "完成小试").getByRole("button", { name: "提交报告" }).click();
  await expect(team.getByText("攻关中", { exact: true })).toBeVisible();
  await expect(milestone(team, "完成小试").getByText("待确认", { exact: true })).toBeVisible();

  await enterprise.goto(`/challenges/${id}`);
  await milestone(enterprise, "完成小试").getByText("退回修改", { exact: true }).click();
  await milestone(enterprise, "完成小试").getByLabel("退回理由").fill("请补充 COD 检测报告。");
  await milestone(enterprise, "完成小试").getByRole("button", { name: "退回", exact: true }).click();
  await expect(milestone(enterprise, "完成小试").getByText("退回理由：请补充 COD 检测报告。")).toBeVisible();

  await team.goto(`/challenges/${id}`);
  await milestone(team, "完成小试").getByLabel("报告内容").fill("小试完成，盐回收率 87%，已补充 COD 检测报告。");
  await milestone(team, "完成小试").getByRole("button", { name: "提交报告" }).click();
  await expect(milestone(team, "完成小试").getByText("此前提交的报告（1）")).toBeVisible();
  // 完成中试 is due in 200 days: reporting it now needs a 提前完成说明, and the form asks for it.
  await milestone(team, "完成中试").getByLabel("报告内容").fill("中试完成，出水 COD 430 mg/L。");
  await milestone(team, "完成中试").getByRole("button", { name: "提交报告" }).click();
  await expect(milestone(team, "完成中试").getByText(/该里程碑计划于 .+ 完成，现在提前 \d+ 天报告完成，请填写提前完成说明/)).toBeVisible();
  await milestone(team, "完成中试").getByLabel("提前完成说明").fill("中试线由企业提前提供，进度快于计划。");
  await milestone(team, "完成中试").getByRole("button", { name: "提交报告" }).click();
  await expect(milestone(team, "完成中试").getByText("待确认", { exact: true })).toBeVisible();

  await enterprise.goto(`/challenges/${id}`);
  for (const name of ["完成小试", "完成中试"]) {
    await milestone(enterprise, name).getByRole("button", { name: "确认完成" }).click();
    await expect(milestone(enterprise, name).getByText("已确认", { exact: true }).first()).toBeVisible();
  }
  await box(enterprise, "达成情况说明").fill("盐回收率 87%，出水 COD 430 mg/L，考核指标全部达成。");
  await enterprise.getByRole("button", { name: "确认达成，申请验收" }).click();
  await expect(enterprise.getByText("企业确认考核指标达成")).toBeVisible();

  await bureau.goto(`/challenges/${id}`);
  await bureau.getByLabel("验收日期").fill(beijingDay(0));
  await box(bureau, "验收得分（0–100）").fill("92");
  await bureau.getByLabel("验收等级").selectOption({ label: "优秀" });
  await bureau.getByRole("button", { name: "登记验收" }).click();
  await expect(bureau.getByText("已验收", { exact: true })).toBeVisible();

  await enterprise.goto(`/challenges/${id}`);
  await enterprise.getByLabel("兑现日期").fill(beijingDay(0));
  await box(enterprise, "兑现金额（万元）").fill("58");
  await enterprise.getByRole("button", { name: "登记兑现" }).click();
  await expect(enterprise.getByText("已兑现", { exact: true })).toBeVisible();
  await expect(enterprise.getByText("兑现：")).toContainText("58.00 万元");

  // The university learns why it was not selected.
  await university.goto("/inbox");
  const notice = university.getByRole("listitem").filter({ hasText: `贵单位对“${title}”的揭榜未中选` });
  await expect(notice).toContainText("原因：报价过高");
  await expect(notice).toContainText("未读");
});
