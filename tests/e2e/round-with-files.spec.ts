import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { demoPdf } from "../../seeds/documents";
import { expectedStatuses, type Allowed } from "../support/downloads";
import { as, beijingDay, box, fillChallengeForm, letEnd, saveDraft, shoot, submitForReview, unique } from "./support";

/** Small real PDFs on disk, set on the forms' file inputs by path. */
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "round-files-"));
test.afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
function pdf(name: string, lines: string[]): string {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, demoPdf(lines));
  return file;
}

/** Everyone whose downloads the round checks, each in its own signed-in browser context. */
const VIEWERS = {
  enterprise: "enterprise@demo.test", // 发榜企业 (四川海聚环保)
  bureau: "bureau@demo.test",
  expert: "expert2@demo.test", // the assigned expert (重庆大学)
  otherExpert: "expert@demo.test", // a pool expert (电子科技大学) not assigned to this 榜单
  winner: "researcher@demo.test", // 四川信息职业技术学院, bids with JavaScript and is selected
  loser: "scu@demo.test", // 四川大学, bids without JavaScript
  objector: "swjtu@demo.test", // 西南交通大学: a verified organisation that did not bid
  bystander: "haipeng@demo.test", // another enterprise (海鹏生物)
  anonymous: null,
} as const;
type Viewer = keyof typeof VIEWERS;
const EVERYONE = Object.keys(VIEWERS) as Viewer[];

type FileKey =
  | "spec"
  | "specSecret"
  | "winnerProposal"
  | "loserProposal"
  | "objectionEvidence"
  | "reportFirst"
  | "reportAgain"
  | "acceptanceReport"
  | "acceptanceOpinion"
  | "contractScan";
type Matrix = Allowed<FileKey, Viewer>;
/** After 定榜 the working papers (milestone reports, 验收) are the parties': the bureau, the enterprise, the winner. */
const PARTIES: Viewer[] = ["bureau", "enterprise", "winner"];

test("a 揭榜挂帅 round with files: at each step exactly the right people download each file", async ({ browser }) => {
  test.setTimeout(300_000);
  const suffix = unique().slice(-5); // also in the contract's 登记号, which takes five digits here
  const title = `涂装废气低温催化燃烧示范${suffix}`;

  const pages = {} as Record<Viewer, Page>;
  for (const v of EVERYONE) pages[v] = await signedIn(browser, VIEWERS[v], v === "loser");
  const { enterprise, bureau, expert, winner, loser, objector } = pages;

  /** Each file's download URL and the bytes it must serve. */
  const files = {} as Record<FileKey, { href: string; bytes: Buffer }>;
  const missing = {} as Record<Viewer, string>;
  for (const v of EVERYONE) {
    const r = await pages[v].request.get("/files/987654321/%E4%B8%8D%E5%AD%98%E5%9C%A8.pdf");
    expect(r.status(), `${v}: a missing id`).toBe(404);
    missing[v] = await r.text();
  }

  /**
   * The matrix at one step: for each file that exists, who downloads it (200 with its bytes);
   * every other viewer gets 404 with the very body a missing id gets.
   */
  async function expectDownloads(step: string, allowed: Matrix) {
    const expected = expectedStatuses(allowed, EVERYONE);
    for (const key of Object.keys(expected) as FileKey[]) {
      const { href, bytes } = files[key];
      for (const v of EVERYONE) {
        const may = expected[key][v] === 200;
        const r = await pages[v].request.get(href);
        const what = `${step}: ${v} downloads ${key}`;
        expect(r.status(), what).toBe(may ? 200 : 404);
        if (may) {
          expect(Buffer.compare(await r.body(), bytes), `${what}: the bytes uploaded`).toBe(0);
          expect(r.headers()["content-disposition"], what).toMatch(/^attachment;/);
          expect(r.headers()["x-content-type-options"], what).toBe("nosniff");
        } else expect(await r.text(), `${what}: the same 404 as a missing id`).toBe(missing[v]);
      }
    }
  }

  async function remember(page: Page, key: FileKey, name: string, file: string) {
    const link = page.getByRole("link", { name, exact: true });
    await expect(link).toBeVisible();
    files[key] = { href: (await link.getAttribute("href"))!, bytes: fs.readFileSync(file) };
  }

  // 企业出题: a draft with a public and a confidential 需求说明 (uploaded at once, with JavaScript).
  const specFile = pdf("公开需求说明.pdf", ["涂装废气低温催化燃烧示范", "公开需求说明"]);
  const secretFile = pdf("保密工艺参数.pdf", ["保密工艺参数", "喷涂线风量与 VOCs 浓度实测"]);
  await fillChallengeForm(enterprise, {
    title,
    keywords: "VOCs、催化燃烧、涂装废气",
    summary: "涂装车间废气 VOCs 浓度波动大，需要低温催化燃烧工艺，降低天然气消耗。",
    difficulties: "浓度波动大，催化剂易中毒，起燃温度高。",
    indicators: "VOCs 去除率不低于 95%，起燃温度不高于 220 ℃。",
    research: "抗中毒催化剂、浓缩转轮与催化燃烧耦合。",
    eligibility: "具备 VOCs 治理研究基础的高校或院所。",
  });
  await enterprise.getByLabel("需求说明", { exact: true }).setInputFiles(specFile);
  await enterprise.getByLabel("需求说明（保密）", { exact: true }).setInputFiles(secretFile);
  await expect(enterprise.getByText("已上传，保存后生效")).toHaveCount(2);
  const id = await saveDraft(enterprise);
  await remember(enterprise, "spec", "公开需求说明.pdf", specFile);
  await remember(enterprise, "specSecret", "保密工艺参数.pdf", secretFile);
  // Before publication only those who read the 榜单 itself (the enterprise and the bureau) read its files.
  await expectDownloads("草稿", { spec: ["enterprise", "bureau"], specSecret: ["enterprise", "bureau"] });

  await submitForReview(enterprise);
  await expectDownloads("待审核", { spec: ["enterprise", "bureau"], specSecret: ["enterprise", "bureau"] });

  // 政府立题: the picker sends it to one pool expert, who gives an opinion.
  await bureau.goto(`/challenges/${id}`);
  await bureau.getByRole("checkbox", { name: /重庆大学/ }).check();
  await bureau.getByRole("button", { name: "送专家论证" }).click();
  await expect(bureau.getByText("论证中", { exact: true })).toBeVisible();
  await expectDownloads("论证中", { spec: ["enterprise", "bureau", "expert"], specSecret: ["enterprise", "bureau", "expert"] });
  await expert.goto(`/challenges/${id}`);
  await expect(expert.getByRole("link", { name: "保密工艺参数.pdf" })).toBeVisible();
  await expert.getByLabel("论证结论").selectOption({ label: "建议发布" });
  await expert.getByRole("textbox", { name: "论证意见", exact: true }).fill("需求真实，指标可考核，建议发布。");
  await expert.getByRole("button", { name: "提交意见" }).click();
  await expect(expert.getByText("操作已完成")).toBeVisible();
  await bureau.reload();
  await bureau.getByLabel("揭榜截止日期").fill(beijingDay(7));
  await bureau.getByRole("button", { name: "发布", exact: true }).click();
  await expect(bureau.getByText("揭榜中", { exact: true })).toBeVisible();
  const specInsiders: Viewer[] = ["enterprise", "bureau", "expert"];
  await expectDownloads("揭榜中", { spec: "everyone", specSecret: specInsiders });
  // The public page lists the public file only.
  await pages.anonymous.goto(`/challenges/${id}`);
  await expect(pages.anonymous.getByRole("link", { name: "公开需求说明.pdf" })).toBeVisible();
  await expect(pages.anonymous.getByText("保密工艺参数.pdf")).toHaveCount(0);

  // 协同破题: two institutes bid with a 申报书, the first with JavaScript, the second without.
  const winnerFile = pdf("申报书（信息职院）.pdf", ["揭榜申报书", "四川信息职业技术学院"]);
  const loserFile = pdf("申报书（川大）.pdf", ["揭榜申报书", "四川大学"]);
  await bid(winner, id, "林老师", "58.8", winnerFile, true);
  await remember(winner, "winnerProposal", "申报书（信息职院）.pdf", winnerFile);
  await bid(loser, id, "周教授", "75.5", loserFile, false);
  await remember(loser, "loserProposal", "申报书（川大）.pdf", loserFile);
  await expect(loser.getByText("申报书（信息职院）.pdf")).toHaveCount(0);
  // Before the deadline the enterprise reads the bids' text but not their documents; the expert neither.
  await expectDownloads("揭榜中，已有揭榜", {
    spec: "everyone",
    specSecret: specInsiders,
    winnerProposal: ["winner", "bureau"],
    loserProposal: ["loser", "bureau"],
  });

  // The deadline passes: only the clock moves.
  await letEnd("bidding", id);
  await expert.goto(`/challenges/${id}`);
  await expect(expert.getByText("评审中", { exact: true })).toBeVisible();
  const afterDeadline = {
    spec: "everyone",
    specSecret: specInsiders,
    winnerProposal: ["winner", "bureau", "enterprise", "expert"],
    loserProposal: ["loser", "bureau", "enterprise", "expert"],
  } satisfies Matrix;
  await expectDownloads("评审中", afterDeadline);

  // The assigned expert scores both bids, with their 申报书 in front of him.
  for (const [org, scores] of [["四川信息职业技术学院", "5"], ["四川大学", "3"]] as const) {
    const card = expert.getByRole("article").filter({ has: expert.getByRole("heading", { name: org, exact: true }) });
    await expect(card.getByRole("link", { name: /^申报书/ })).toBeVisible();
    for (const label of ["技术先进性", "可行性", "团队能力", "报价合理性"]) await card.getByLabel(label).selectOption(scores);
    await card.getByRole("button", { name: "提交评分" }).click();
    await expect(card.getByRole("button", { name: "更新评分" })).toBeVisible();
  }

  // 定榜.
  await enterprise.goto(`/challenges/${id}`);
  await expect(enterprise.getByRole("heading", { name: "揭榜申请（2）" })).toBeVisible();
  await enterprise.getByRole("radio", { name: "选择 四川信息职业技术学院 中选" }).check();
  await enterprise.getByLabel("四川大学 未中选原因").selectOption({ label: "报价过高" });
  await enterprise.getByRole("button", { name: "确认定榜" }).click();
  await expect(enterprise.getByText("定榜公示", { exact: true })).toBeVisible();
  // Now the winner reads the confidential 需求说明 too; the losing bidder still does not.
  const afterSelection: Matrix = { ...afterDeadline, specSecret: [...specInsiders, "winner"] };
  await expectDownloads("定榜公示", afterSelection);
  await enterprise.reload();
  await expect(enterprise.getByRole("link", { name: "保密工艺参数.pdf" })).toBeVisible();
  await expect(enterprise.getByRole("link", { name: "申报书（川大）.pdf" })).toBeVisible();
  await shoot(enterprise, "g-challenge-files-enterprise");

  // The 公示 is public: an anonymous visitor sees the winner, not the prices.
  const anon = pages.anonymous;
  await anon.goto("/awards");
  const item = anon.getByRole("listitem").filter({ hasText: title });
  await expect(item.getByText(/中选单位 四川信息职业技术学院.* · 挂帅人 林老师/)).toBeVisible();
  await shoot(anon, "g-awards-anonymous");
  await anon.getByRole("link", { name: title }).click();
  await expect(anon).toHaveURL(/\/awards\/\d+$/);
  // The URL changes before the new page has rendered: read the page once its heading is there,
  // not the list it came from (which names other rounds' winners, 四川大学 among them).
  await expect(anon.getByRole("heading", { level: 1, name: `中选公示：${title}` })).toBeVisible();
  const notice = await anon.content();
  for (const secret of ["58.80", "75.50", "5880000", "7550000", "四川大学", "周教授", "保密工艺参数"]) expect(notice, secret).not.toContain(secret);
  const awardHref = new URL(anon.url()).pathname;

  // A third verified organisation objects; the bureau dismisses it and the objector is told why.
  const evidenceFile = pdf("异议证明材料.pdf", ["异议证明材料", "催化剂检测情况"]);
  await objector.goto(awardHref);
  await box(objector, "异议理由").fill("中选单位的催化剂中试数据未经第三方检测，与揭榜条件不符，请区科技局复核。");
  await objector.getByLabel("异议材料", { exact: true }).setInputFiles(evidenceFile);
  await expect(objector.getByText("已上传，保存后生效")).toHaveCount(1);
  await objector.getByRole("button", { name: "提交异议" }).click();
  await expect(objector.getByText("异议已提交区科技局")).toBeVisible();
  await remember(objector, "objectionEvidence", "异议证明材料.pdf", evidenceFile);
  // The objection and its file go to the bureau only (and stay the objector's own).
  const withObjection: Matrix = { ...afterSelection, objectionEvidence: ["bureau", "objector"] };
  await expectDownloads("异议待处理", withObjection);
  await bureau.goto("/bureau/objections");
  const entry = bureau.getByRole("article").filter({ hasText: "未经第三方检测" });
  await expect(entry).toHaveCount(1);
  await expect(entry.getByRole("link", { name: "异议证明材料.pdf" })).toBeVisible();
  await entry.getByRole("textbox", { name: "处理理由" }).fill("中选单位已提交第三方检测报告，符合揭榜条件。");
  await entry.getByRole("button", { name: "驳回异议" }).click();
  await expect(bureau.getByRole("link", { name: title })).toHaveCount(0);
  await objector.goto("/inbox");
  await expect(objector.getByRole("listitem").filter({ hasText: `贵单位对“${title}”中选公示的异议被驳回` })).toContainText("已提交第三方检测报告");
  await expectDownloads("异议已驳回", withObjection);

  // The objection period ends: only the clock moves. Signing.
  await letEnd("objection period", id);
  await enterprise.goto(`/challenges/${id}`);
  await expect(enterprise.getByText("公示期满", { exact: true })).toBeVisible();
  await enterprise.getByLabel("签约日期").fill(beijingDay(0));
  await box(enterprise, "合同金额（万元）").fill("58.8");
  await box(enterprise, "里程碑").fill(`${beijingDay(20)} 完成小试\n${beijingDay(200)} 完成中试`);
  await enterprise.getByRole("button", { name: "登记签约" }).click();
  await expect(enterprise.getByText("已签约", { exact: true })).toBeVisible();
  await expectDownloads("已签约", withObjection);

  // Two milestone reports: the first is sent back with a reason and reported again.
  const milestone = (page: Page, name: string) => page.getByRole("listitem", { name: `里程碑：${name}` });
  const firstReport = pdf("小试报告.pdf", ["小试报告", "VOCs 去除率 96%"]);
  const againReport = pdf("小试报告（补充检测）.pdf", ["小试报告", "起燃温度检测记录"]);
  await winner.goto(`/challenges/${id}`);
  await milestone(winner, "完成小试").getByLabel("报告内容").fill("小试完成，VOCs 去除率 96%。");
  await milestone(winner, "完成小试").getByLabel("里程碑报告", { exact: true }).setInputFiles(firstReport);
  await expect(milestone(winner, "完成小试").getByText("已上传，保存后生效")).toHaveCount(1);
  await milestone(winner, "完成小试").getByRole("button", { name: "提交报告" }).click();
  await expect(milestone(winner, "完成小试").getByText("待确认", { exact: true })).toBeVisible();
  await remember(winner, "reportFirst", "小试报告.pdf", firstReport);
  const withReport: Matrix = { ...withObjection, reportFirst: PARTIES };
  await expectDownloads("里程碑报告待确认", withReport);
  await enterprise.goto(`/challenges/${id}`);
  await milestone(enterprise, "完成小试").getByText("退回修改", { exact: true }).click();
  await milestone(enterprise, "完成小试").getByLabel("退回理由").fill("请补充起燃温度的检测记录。");
  await milestone(enterprise, "完成小试").getByRole("button", { name: "退回", exact: true }).click();
  await expect(milestone(enterprise, "完成小试").getByText("退回理由：请补充起燃温度的检测记录。")).toBeVisible();
  await winner.goto(`/challenges/${id}`);
  await milestone(winner, "完成小试").getByLabel("报告内容").fill("小试完成，VOCs 去除率 96%，起燃温度 210 ℃（检测记录已补充）。");
  await milestone(winner, "完成小试").getByLabel("里程碑报告", { exact: true }).setInputFiles(againReport);
  await expect(milestone(winner, "完成小试").getByText("已上传，保存后生效")).toHaveCount(1);
  await milestone(winner, "完成小试").getByRole("button", { name: "提交报告" }).click();
  await expect(milestone(winner, "完成小试").getByText("此前提交的报告（1）")).toBeVisible();
  await remember(winner, "reportAgain", "小试报告（补充检测）.pdf", againReport);
  // The report sent back keeps its file, for the same three readers.
  const withReports: Matrix = { ...withReport, reportAgain: PARTIES };
  await expectDownloads("里程碑报告已退回并重新提交", withReports);
  await milestone(winner, "完成中试").getByLabel("报告内容").fill("中试完成，连续运行 30 天，去除率稳定在 95% 以上。");
  await milestone(winner, "完成中试").getByRole("button", { name: "提交报告" }).click();
  // Due in 200 days: reporting it now needs a 提前完成说明, and the form asks for it.
  await expect(milestone(winner, "完成中试").getByText(/现在提前 \d+ 天报告完成，请填写提前完成说明/)).toBeVisible();
  await milestone(winner, "完成中试").getByLabel("提前完成说明").fill("中试线由企业提前提供，进度快于计划。");
  await milestone(winner, "完成中试").getByRole("button", { name: "提交报告" }).click();
  await expect(milestone(winner, "完成中试").getByText("待确认", { exact: true })).toBeVisible();
  await enterprise.goto(`/challenges/${id}`);
  for (const name of ["完成小试", "完成中试"]) {
    await milestone(enterprise, name).getByRole("button", { name: "确认完成" }).click();
    await expect(milestone(enterprise, name).getByText("已确认", { exact: true }).first()).toBeVisible();
  }
  await shoot(enterprise, "g-milestones-enterprise", enterprise.locator("section", { has: enterprise.getByRole("heading", { name: "签约与攻关" }) }));
  await expectDownloads("里程碑已确认", withReports);

  // 验收 and 兑现.
  const acceptanceReport = pdf("验收报告.pdf", ["验收报告", title]);
  const acceptanceOpinion = pdf("验收意见.pdf", ["验收意见", "优秀"]);
  await box(enterprise, "达成情况说明").fill("VOCs 去除率 96%，起燃温度 210 ℃，考核指标全部达成。");
  await enterprise.getByLabel("验收报告", { exact: true }).setInputFiles(acceptanceReport);
  await expect(enterprise.getByText("已上传，保存后生效")).toHaveCount(1);
  await enterprise.getByRole("button", { name: "确认达成，申请验收" }).click();
  await expect(enterprise.getByText("企业确认考核指标达成")).toBeVisible();
  await remember(enterprise, "acceptanceReport", "验收报告.pdf", acceptanceReport);
  await bureau.goto(`/challenges/${id}`);
  await bureau.getByLabel("验收日期").fill(beijingDay(0));
  await box(bureau, "验收得分（0–100）").fill("90");
  await bureau.getByLabel("验收等级").selectOption({ label: "优秀" });
  // The form has a 验收意见 text too: the file input is the one of type file.
  await bureau.locator("input[type=file]").and(bureau.getByLabel("验收意见", { exact: true })).setInputFiles(acceptanceOpinion);
  await expect(bureau.getByText("已上传，保存后生效")).toHaveCount(1);
  await bureau.getByRole("button", { name: "登记验收" }).click();
  await expect(bureau.getByText("已验收", { exact: true })).toBeVisible();
  await remember(bureau, "acceptanceOpinion", "验收意见.pdf", acceptanceOpinion);
  const withAcceptance: Matrix = { ...withReports, acceptanceReport: PARTIES, acceptanceOpinion: PARTIES };
  await expectDownloads("已验收", withAcceptance);
  await enterprise.goto(`/challenges/${id}`);
  await enterprise.getByLabel("兑现日期").fill(beijingDay(0));
  await box(enterprise, "兑现金额（万元）").fill("58.8");
  await enterprise.getByRole("button", { name: "登记兑现" }).click();
  await expect(enterprise.getByText("已兑现", { exact: true })).toBeVisible();
  await expectDownloads("已兑现", withAcceptance);

  // The bureau registers the technology contract from the 榜单, with its scan.
  const scanFile = pdf("技术开发合同扫描件.pdf", ["技术开发合同", title]);
  await bureau.goto(`/challenges/${id}`);
  await bureau.getByRole("link", { name: "登记技术合同" }).click();
  await expect(bureau.getByText("已按榜单")).toBeVisible();
  await expect(box(bureau, "项目名称")).toHaveValue(title);
  await box(bureau, "登记号").fill(`${beijingDay().slice(0, 4)}510802${suffix}7`);
  await bureau.getByLabel("支付方式").selectOption({ label: "分期支付" });
  await bureau.getByLabel("有效期止").fill(beijingDay(365));
  await bureau.getByLabel("合同文本扫描件", { exact: true }).setInputFiles(scanFile);
  await expect(bureau.getByText("已上传，保存后生效")).toHaveCount(1);
  await bureau.getByRole("button", { name: "登记", exact: true }).click();
  await expect(bureau).toHaveURL(/\/bureau\/contracts\/\d+$/);
  await remember(bureau, "contractScan", "技术开发合同扫描件.pdf", scanFile);
  await expectDownloads("合同已登记", { ...withAcceptance, contractScan: PARTIES });
  // The enterprise finds the contract on its 榜单 page.
  await enterprise.goto(`/challenges/${id}`);
  await expect(enterprise.getByRole("region", { name: "技术合同登记" }).getByText(title).first()).toBeVisible();
});

async function signedIn(browser: Browser, email: string | null, noScript: boolean): Promise<Page> {
  if (email) return as(browser, email, { javaScriptEnabled: !noScript });
  return (await browser.newContext()).newPage();
}

async function bid(page: Page, id: number, leader: string, price: string, proposal: string, withScript: boolean) {
  await page.goto(`/challenges/${id}/bid`);
  await box(page, "团队负责人（挂帅人）").fill(leader);
  await box(page, "技术方案").fill(`${leader}团队：抗硫中毒的锰铈复合催化剂结合沸石转轮浓缩，已完成小试。`);
  await box(page, "团队与业绩").fill("承担过省部级 VOCs 治理项目三项。");
  await box(page, "报价（万元）").fill(price);
  await box(page, "周期（月）").fill("12");
  await box(page, "里程碑计划").fill("第 1–4 月小试；第 5–9 月中试；第 10–12 月应用验证。");
  await page.getByLabel("申报书", { exact: true }).setInputFiles(proposal);
  if (withScript) await expect(page.getByText("已上传，保存后生效")).toHaveCount(1);
  await page.getByRole("checkbox", { name: /郑重声明/ }).check();
  await page.getByRole("button", { name: "提交揭榜申请" }).click();
  await expect(page.getByText("揭榜申请已保存")).toBeVisible();
}
