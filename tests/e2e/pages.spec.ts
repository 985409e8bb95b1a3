import { expect, test } from "@playwright/test";
import { BASE_YEAR } from "../../seeds/contracts";
import { beijingDay, idOf, signIn } from "./support";

// Every page each kind of person reaches from the navigation renders on the server and hydrates
// in the browser without an error (a server-only value used in a component shows up only here).
// Records are named by title (ids are looked up when the test runs, against the server's database).
async function pagesOf(who: string): Promise<string[]> {
  const challenge = async (title: string) => `/challenges/${await idOf.challenge(title)}`;
  const result = async (title: string) => `/results/${await idOf.result(title)}`;
  const CASINGS = await challenge("肠衣加工高盐废水综合利用关键技术");
  const HEPARIN = await challenge("肝素钠高效提取与纯化工艺");
  const PEPTIDE = await challenge("多肽螯合钙制备技术研究与应用");
  const IOT = await result("山区农业物联网墒情监测与智能灌溉系统");
  const upcoming = await idOf.event("区校合作对接会（生物医药与食品专场）");
  const past = await idOf.event("科技成果推介会（新材料与电子信息）");
  const contract = `/bureau/contracts/${await idOf.contract("茶叶揉捻设备专利实施许可")}`;
  const lastYear = Number(beijingDay().slice(0, 4)) - 1;
  const pages: Record<string, string[]> = {
    anonymous: ["/", "/login", "/register", "/challenges", "/challenges?status=all", CASINGS, "/results", IOT, "/experts", `/experts/${await idOf.expert("researcher@demo.test")}`, "/search|搜索", "/search?q=高盐废水|搜索", "/search?q=%22%20NEAR(%20%F0%9F%98%80|搜索", "/search?q=废水&region=lizhou&stage=scale&amountMin=10&amountMax=abc|搜索", "/events|对接会", `/events/${upcoming}`, `/events/${past}`, "/dashboard|数据看板", `/dashboard?year=${BASE_YEAR}|数据看板`, "/awards|中选公示", "/awards?page=2|中选公示"],
    "enterprise@demo.test": ["/workbench|工作台", "/me", "/my/challenges", "/my/bids", "/challenges/new", "/inbox", await challenge("立体液态石涂料耐候性改进"), await challenge("水性环氧地坪漆耐磨与附着力提升"), await result("肝素钠复合酶解与大孔树脂梯度洗脱提取纯化工艺"), `/events/${past}/agenda|我的会谈日程`, `/events/${past}/schedule|全场会谈日程`, `/events/${past}/meetings/${await idOf.meeting(past, "enterprise@demo.test")}`, "/dashboard|数据看板", HEPARIN],
    "researcher@demo.test": ["/me", "/my/bids", await challenge("雷达小型化与低功耗设计"), `${CASINGS}/bid`, "/inbox", "/my/results", "/results/new", await result("发动机零部件智能产线数字孪生监控系统"), `${IOT}/edit`, "/me/profile|我的专家画像", `/events/${upcoming}/requests|约谈管理`],
    "expert@demo.test": ["/me", PEPTIDE, await challenge("伺服转台小型化与高精度控制"), "/inbox", "/me/profile|我的专家画像"],
    "bureau@demo.test": ["/bureau/orgs", "/bureau/challenges", "/bureau/challenges?tab=delivery", await challenge("鲢鳙原种人工授精与繁育技术"), HEPARIN, PEPTIDE, "/bureau/experts", await result("中低放废树脂水泥固化配方"), "/bureau/matches|候选对接", "/events/new|新建对接会", `/events/${upcoming}/edit|修改对接会`, `/bureau/events/${upcoming}|报名审核与签到`, `/events/${upcoming}/schedule`, `/events/${past}/schedule?table=1|第 1 桌会谈日程`, `/bureau/events/${past}/stats|对接会统计`, `/events/${past}/agenda?participant=${await idOf.participant(past, "enterprise@demo.test")}`, "/dashboard|数据看板", "/bureau/contracts|技术合同登记台账", `/bureau/contracts?year=${lastYear}&flow=output,both&type=development|技术合同登记台账`, "/bureau/contracts/new|登记技术合同", `/bureau/contracts/new?challenge=${await idOf.challenge("茶树黄化型品种选育与加工技术规程")}|登记技术合同`, contract, `${contract}/edit|更正技术合同`, "/bureau/contracts/import|导入技术合同台账", "/bureau/targets|统计口径与指标", "/bureau/objections|异议处理", "/bureau/objections?status=dismissed|异议处理"],
  };
  return pages[who];
}

for (const who of ["anonymous", "enterprise@demo.test", "researcher@demo.test", "expert@demo.test", "bureau@demo.test"]) {
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
    for (const entry of await pagesOf(who)) {
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
