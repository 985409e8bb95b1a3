import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { as, beijingDay, box, shoot } from "./support";

const ENT = "广元市吉香居食品有限公司"; // jixiangju@ asks for the meeting
const UNI = "西南交通大学"; // swjtu@ accepts
const REG_NO = "5108020026000999";

test("对接会: the bureau creates an event, two organisations register and meet, the agenda is published, both download the .ics, rate, and a follow-up records a 登记号", async ({ browser }) => {
  const title = `区校合作对接会（浏览器测试 ${Date.now().toString().slice(-5)}）`;
  const bureau = await as(browser, "bureau@demo.test");
  await bureau.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "对接会" }).click();
  await bureau.getByRole("link", { name: "新建对接会" }).click();
  await bureau.getByLabel("对接会类型").selectOption({ label: "区校合作对接会" });
  await box(bureau, "对接会名称").fill(title);
  for (const field of ["举办日期", "报名开始", "报名截止", "约谈开始", "约谈截止"]) await bureau.getByLabel(field).fill(beijingDay());
  await box(bureau, "举办地点").fill("利州区科技创新服务中心");
  await box(bureau, "对接会介绍").fill("高校与区内食品企业一对一洽谈泡菜低盐发酵与智能产线。");
  // A block from midnight, so the meeting has begun by the time the test rates it.
  await box(bureau, "洽谈时段").fill("00:00-01:00");
  await bureau.getByLabel("每场时长").selectOption("20");
  await box(bureau, "洽谈桌数").fill("2");
  await bureau.getByRole("button", { name: "发布对接会" }).click();
  await expect(bureau.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const eventUrl = new URL(bureau.url()).pathname;

  for (const [email, person] of [["jixiangju@demo.test", "孙经理"], ["swjtu@demo.test", "周教授"]] as const) {
    const page = await as(browser, email);
    await page.goto(eventUrl);
    await page.getByLabel("代表 1 姓名").fill(person);
    await page.getByLabel("代表 1 职务").fill("技术负责人");
    await page.getByRole("button", { name: "提交报名" }).click();
    await expect(page.getByText("报名已提交，等待区科技局确认")).toBeVisible();
    await page.close();
  }

  await bureau.getByRole("link", { name: "报名审核与签到" }).click();
  for (const org of [ENT, UNI]) {
    await bureau.getByRole("article", { name: new RegExp(org) }).getByRole("button", { name: "确认参会" }).click();
    await expect(bureau.getByRole("article", { name: new RegExp(org) })).toContainText("已确认参会");
  }

  const ent = await as(browser, "jixiangju@demo.test");
  await ent.goto(eventUrl);
  await ent.getByRole("article", { name: UNI }).getByRole("link", { name: "约谈" }).click();
  await expect(ent.getByLabel("约谈单位")).toHaveValue(/\d+/);
  await ent.getByLabel("留言").fill("想了解低盐发酵菌种和产线改造，能否现场交流？");
  await ent.getByRole("button", { name: "发送约谈请求" }).click();
  await expect(ent.getByText("约谈请求已发送")).toBeVisible();

  const uni = await as(browser, "swjtu@demo.test");
  await uni.goto(`${eventUrl}/requests`);
  await expect(uni.getByText("想了解低盐发酵菌种")).toBeVisible();
  await uni.getByRole("button", { name: "接受" }).click();
  await expect(uni.getByText("已接受")).toBeVisible();

  await bureau.goto(`${eventUrl}/schedule`);
  await bureau.getByRole("button", { name: "生成会谈日程" }).click();
  await expect(bureau.getByRole("cell", { name: `${ENT} ↔ ${UNI}` })).toBeVisible();
  await bureau.getByRole("button", { name: "发布预排日程" }).click();
  await expect(bureau.getByText("日程：预排")).toBeVisible();
  await bureau.getByRole("button", { name: "发布正式日程" }).click();
  await expect(bureau.getByText("日程：正式")).toBeVisible();

  for (const [page, other] of [[ent, UNI], [uni, ENT]] as const) {
    await page.goto(`${eventUrl}/agenda`);
    await expect(page.getByRole("heading", { level: 1, name: "我的会谈日程" })).toBeVisible();
    await expect(page.getByRole("link", { name: other })).toBeVisible();
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "下载日历文件（.ics）" }).click()]);
    const ics = fs.readFileSync((await download.path())!, "utf8");
    expect(ics.startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")).toBe(true);
    expect(ics.endsWith("END:VCALENDAR\r\n")).toBe(true);
    expect(ics.split("\r\n").every((l) => Buffer.byteLength(l) <= 75)).toBe(true);
    const unfolded = ics.replace(/\r\n /g, "");
    expect(unfolded).toMatch(/UID:event-\d+-meeting-\d+@techmatch\.lizhou/);
    expect(unfolded).toContain(`SUMMARY:对接洽谈：${other}（第 1 桌）`);
    // The first slot, 00:00 北京时间, in UTC.
    const start = new Date(`${beijingDay()}T00:00:00+08:00`).toISOString().replace(/[-:]/g, "").replace(".000", "");
    expect(unfolded).toContain(`DTSTART:${start}`);
    expect(unfolded).toContain("STATUS:CONFIRMED");
  }
  await shoot(ent, "event-agenda");

  for (const [page, other, rating] of [[ent, UNI, "有合作可能"], [uni, ENT, "有收获但暂无合作"]] as const) {
    await page.getByRole("link", { name: other }).click();
    await page.getByRole("radio", { name: rating }).check();
    await page.getByLabel("评价备注").fill("约定下周到实验室看样品。");
    await page.getByRole("button", { name: "保存评价" }).click();
    await expect(page.getByRole("listitem").filter({ hasText: rating })).toBeVisible();
  }

  // A contract followed: 吉香居 records its 登记号 on the meeting page.
  await ent.getByRole("radio", { name: "已签订" }).check();
  await box(ent, "技术合同登记号").fill("5108 0200 2600 0999");
  await ent.getByRole("button", { name: "提交回访" }).click();
  await expect(ent.locator(".regno")).toHaveText(REG_NO);
  await expect(ent.getByText("已签订技术合同")).toBeVisible();

  await bureau.goto(eventUrl.replace("/events/", "/bureau/events/") + "/stats");
  const contracts = bureau.locator(".stat").filter({ hasText: "登记的技术合同（登记号）" });
  await expect(contracts.locator(".num")).toHaveText("1");

  await ent.goto(eventUrl);
  await shoot(ent, "event-page");
});
