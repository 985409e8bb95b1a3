import type { DB } from "../db/client.server";
import type { ContractType, Payment } from "../db/schema";
import { amendContract, cancelContract, contractFormValues, insertContract, registerContract } from "../app/models/contract";
import { targetFen } from "../app/models/contract/target";
import { saveIndicatorActual } from "../app/models/contract/dashboard.server";
import { contractSchemaOn } from "../app/schemas/contract";
import { subtypesOf } from "../app/models/contract/rules";
import { fenToYuanPlain } from "../app/utils/money";
import { demoCreditCode } from "./organizations";
import { focusFields } from "./reference";
import { beijingDate } from "../app/utils/time";
import { actorByEmail } from "./actors";

/**
 * Technology contracts from the plan's base year 2020 up to the day of seeding (`now`). The counted
 * total (技术交易额 of contracts whose seller is in 利州区, by 登记日期) of 2020 is exactly the plan's
 * 1240 万元 baseline; later years follow a plausible path around the target. The current year holds
 * the share of its amount that the days so far make, registered no later than today. Uncounted
 * contracts (吸纳, 区外) sit beside them. Every row goes through the register's own schema and model;
 * the amounts are derived from fixed weights, so the same `now` always gives the same fen.
 */
export const BASE_YEAR = 2020;

// The plan's 十四五 years as the district reported them (演示数据): a little above the doubling path.
const PLAN_PERIOD_FEN: Record<number, number> = {
  2020: 1_240_000_000,
  2021: 1_391_562_850,
  2022: 1_583_470_016,
  2023: 1_817_209_533,
  2024: 2_152_880_047,
  2025: 2_531_604_419,
};

/** A complete year's counted amount: the reported 十四五 years, then the target path within ±2 % (below its yearly growth of about 7 %), and its 2025–2035 pace after 2035. */
export function countedFenOfYear(year: number): number {
  if (PLAN_PERIOD_FEN[year] != null) return PLAN_PERIOD_FEN[year];
  const pace = (targetFen(2035) / targetFen(2025)) ** (Math.max(0, year - 2035) / 10);
  const wobble = 1 + (((year * 37) % 5) - 2) / 100;
  return Math.round(targetFen(Math.min(year, 2035)) * pace * wobble);
}

/** How much of `year` has passed on `today` (a 北京时间 date): 1 for a complete year. */
function yearShare(year: number, today: string): { days: number; share: number } {
  const start = Date.UTC(year, 0, 1);
  const length = (Date.UTC(year + 1, 0, 1) - start) / 86_400_000;
  const days = Number(today.slice(0, 4)) > year ? length : (Date.parse(`${today}T00:00:00Z`) - start) / 86_400_000 + 1;
  return { days, share: days / length };
}

/** The seeded counted amount of `year` as of `today`: the complete year's, or the part of it so far. */
export function seededCountedFen(year: number, today: string): number {
  const { share } = yearShare(year, today);
  return share === 1 ? countedFenOfYear(year) : Math.round(countedFenOfYear(year) * share);
}

// 利州区 sellers: platform organisations by name, or external parties.
interface Party {
  org?: string;
  name?: string;
  code?: string;
  region?: string;
  kind?: string;
}
const org = (name: string): Party => ({ org: name });
const ext = (name: string, seq: number, region: string, kind: string, prefix: "91" | "12" | "52" = "91", division = "510802"): Party => ({
  name,
  code: demoCreditCode(prefix, division, seq),
  region,
  kind,
});

const lizhouSellers: Party[] = [
  org("四川信息职业技术学院"),
  org("081电子集团"),
  org("四川海聚环保科技有限公司"),
  org("广元中核职业技术学院"),
  org("广元市海鹏生物科技有限公司"),
  ext("利州区农业技术推广研究所（演示）", 201, "lizhou", "institute", "12"),
  org("广元市吉香居食品有限公司"),
  org("利州区科技成果转化服务中心（演示）"),
  ext("广元利州智能装备有限公司（演示）", 202, "lizhou", "enterprise"),
];
// Buyers of 利州区 sellers: elsewhere in 四川 and beyond, plus two 利州区 enterprises (区内).
const buyers: Party[] = [
  ext("成都锦城新材料有限公司（演示）", 211, "sichuan_other", "enterprise", "91", "510100"),
  ext("绵阳科创电子有限公司（演示）", 212, "sichuan_other", "enterprise", "91", "510700"),
  ext("重庆渝北食品机械有限公司（演示）", 213, "outside", "enterprise", "91", "500000"),
  ext("剑阁县绿源茶业有限公司（演示）", 214, "guangyuan_other", "enterprise", "91", "510823"),
  org("广元市（茶业）集团有限公司"),
  org("广元市生态渔业发展有限公司"),
];
const outsideSellers: Party[] = [org("四川大学"), org("电子科技大学"), org("四川省农业科学院"), org("西南科技大学"), org("重庆大学")];

const TYPES: ContractType[] = ["development", "service", "transfer", "consulting", "license", "development", "service"];
const PAYMENTS: Payment[] = ["lump_sum", "installments", "royalty", "mixed", "other"];
const FIELDS = ["01", "02", "05", "06", "09", "08", "10", "11", "07", "04", "03"];
/** A 产业领域 that maps onto the field, cycling; every fourth contract (and fields with none) left 未标注. */
function industryFor(field: string, i: number): string {
  const options = focusFields.filter((f) => f.field === field);
  return i % 4 === 3 || options.length === 0 ? "" : options[i % options.length].code;
}
const TITLES: Record<ContractType, string[]> = {
  development: ["雷达天线结构件精密加工工艺开发", "智能灌装生产线控制系统开发", "农产品冷链温控系统开发", "水性涂料耐候配方开发"],
  transfer: ["泡菜低盐发酵菌种专利转让", "肝素钠纯化工艺技术秘密转让", "电磁阀密封结构专利转让"],
  license: ["肝素钠纯化工艺专利实施许可", "茶叶揉捻设备专利实施许可", "多肽螯合钙制备技术秘密许可"],
  consulting: ["工业园区节能诊断技术咨询", "核医疗废物处置方案技术咨询", "特色农产品品牌技术咨询"],
  service: ["核医疗废物暂存设备检测服务", "茶叶加工标准化技术培训", "电磁阀可靠性测试技术服务", "科技成果评价技术中介服务"],
};

function partyValues(side: "seller" | "buyer", p: Party, ids: Map<string, number>): Record<string, string> {
  if (p.org) return { [`${side}OrgId`]: String(ids.get(p.org)!) };
  return { [`${side}Name`]: p.name!, [`${side}CreditCode`]: p.code!, [`${side}Region`]: p.region!, [`${side}Kind`]: p.kind! };
}

/** Split a total into `k` parts by fixed weights; the last part takes the remainder, so the sum is exact. */
function split(total: number, k: number, salt: number): number[] {
  const w = Array.from({ length: k }, (_, i) => 3 + ((i * 7 + salt * 5) % 11));
  const sum = w.reduce((a, b) => a + b, 0);
  const parts = w.map((x) => Math.floor((total * x) / sum / 100) * 100 + ((x * 37 + salt) % 100));
  parts[k - 1] = total - parts.slice(0, -1).reduce((a, b) => a + b, 0);
  return parts;
}

/** The i-th registration day of a year: spread over the months of a complete year, over the days so far of the current one. */
function registrationDay(year: number, i: number, today: string): string {
  const { days, share } = yearShare(year, today);
  if (share === 1) return `${year}-${String(1 + ((i * 5) % 12)).padStart(2, "0")}-${String(1 + ((i * 11) % 27)).padStart(2, "0")}`;
  return new Date(Date.UTC(year, 0, 1) + ((i * 37) % days) * 86_400_000).toISOString().slice(0, 10);
}

/** The same calendar day `years` later; 29 February becomes 28 February in a common year. */
function yearsAfter(date: string, years: number): string {
  const [y, m, d] = date.split("-").map(Number);
  const t = new Date(Date.UTC(y + years, m - 1, d));
  return (t.getUTCMonth() === m - 1 ? t : new Date(Date.UTC(y + years, m - 1, d - 1))).toISOString().slice(0, 10);
}

interface Planned {
  values: Record<string, string>;
}

function plan(year: number, today: string, ids: Map<string, number>, resultIds: number[]): Planned[] {
  const out: Planned[] = [];
  // A complete year has a few more contracts than the one before; the current year its share of them.
  const counted = Math.max(3, Math.ceil((10 + (year - BASE_YEAR)) * yearShare(year, today).share));
  const parts = split(seededCountedFen(year, today), counted, year);
  let serial = 1;
  const push = (seller: Party, buyer: Party, techFen: number, i: number, extra: Record<string, string> = {}) => {
    const type = TYPES[(i + year) % TYPES.length];
    const subs = subtypesOf[type];
    const subtype = subs[(i + year) % subs.length];
    // Every third contract includes equipment or materials: 成交额 > 技术交易额 by exactly those items.
    const nonTech = i % 3 === 0 ? [Math.round(techFen * 0.15 / 100) * 100 + 55, 1_200_000 + i * 100] : [];
    const registered = registrationDay(year, i, today);
    const signed = `${year}-${registered.slice(5, 7)}-01`;
    out.push({
      values: {
        regNo: `${year}510802${String(serial++).padStart(6, "0")}`,
        title: `${TITLES[type][(i + year) % TITLES[type].length]}（${year}）`,
        type,
        subtype,
        signedOn: signed,
        registeredOn: registered,
        validFrom: signed,
        validUntil: `${year + 1 + (i % 3)}-${signed.slice(5)}`,
        ...partyValues("seller", seller, ids),
        ...partyValues("buyer", buyer, ids),
        total: fenToYuanPlain(techFen + nonTech.reduce((a, b) => a + b, 0)),
        tech: fenToYuanPlain(techFen),
        nonTechItems: nonTech.length ? `设备购置 ${fenToYuanPlain(nonTech[0])}\n材料费 ${fenToYuanPlain(nonTech[1])}` : "",
        fieldCode: FIELDS[(i + year) % FIELDS.length],
        industryCode: industryFor(FIELDS[(i + year) % FIELDS.length], i),
        payment: PAYMENTS[(i + year) % PAYMENTS.length],
        ...extra,
      },
    });
  };
  for (let i = 0; i < counted; i++) {
    const seller = lizhouSellers[(i + year) % lizhouSellers.length];
    // Every fifth counted contract is with a 利州区 buyer too (区内).
    const buyer = i % 5 === 4 ? (seller.org === "四川海聚环保科技有限公司" ? org("081电子集团") : org("四川海聚环保科技有限公司")) : buyers[(i + year) % buyers.length];
    const fromResult: Record<string, string> = seller.org === "四川信息职业技术学院" && year >= 2024 ? { originResultId: String(resultIds[(year + i) % resultIds.length]) } : {};
    push(seller, buyer, parts[i], i, fromResult);
  }
  // Uncounted: 吸纳 (利州区 buyers of outside sellers) and one 区外 contract a year.
  for (let j = 0; j < 4; j++) {
    const seller = outsideSellers[(j + year) % outsideSellers.length];
    const buyer = [org("广元市海鹏生物科技有限公司"), org("081电子集团"), org("广元市吉香居食品有限公司"), org("四川海聚环保科技有限公司")][j];
    push(seller, buyer, 800_000_00 + j * 13_579_11 + (year - 2020) * 9_876_54, counted + j);
  }
  push(org("电子科技大学"), buyers[1], 150_000_00 + year, counted + 4);
  return out;
}

/** Yearly actuals of the other 表1 indicators (演示数据), between the 2020 value and the 2025 target. */
const ACTUALS: Record<number, string[]> = {
  1: ["52.1", "54.0", "55.8", "57.9", "60.3"],
  2: ["1.15", "1.22", "1.30", "1.41", "1.52"],
  3: ["12.3", "11.6", "13.0", "12.1", "11.4"],
  4: ["18", "20", "23", "25", "29"],
  5: ["37", "41", "44", "48", "52"],
  6: ["13", "15", "17", "19", "21"],
  7: ["126", "141", "158", "176", "198"],
  9: ["9.6", "10.2", "10.9", "11.5", "12.1"],
};

export async function seedContractDemo(db: DB, now: Date): Promise<number> {
  const today = beijingDate(now);
  const currentYear = Number(today.slice(0, 4));
  const contractSchema = contractSchemaOn(now);
  const bureau = await actorByEmail(db, "bureau@demo.test");
  const ids = new Map((await db.selectFrom("organizations").select(["id", "name"]).execute()).map((o) => [o.name, o.id]));
  const scitc = ids.get("四川信息职业技术学院")!;
  const resultIds = (await db.selectFrom("results").select("id").where("org_id", "=", scitc).where("status", "=", "published").orderBy("id").execute()).map((r) => r.id);
  let n = 0;
  const amendLater: number[] = [];
  await db.transaction().execute(async (trx) => {
    for (let year = BASE_YEAR; year <= currentYear; year++) {
      for (const p of plan(year, today, ids, resultIds)) {
        const id = await insertContract(trx, bureau, contractSchema.parse(p.values));
        n++;
        if (p.values.regNo.endsWith("000003") && year === currentYear - 1) amendLater.push(id);
      }
    }
    // Challenges that reached signing and acceptance: their contracts are registered, dated on
    // the day the 榜单 was signed (seeded relative to today, like the 榜单 themselves).
    const signed = await trx
      .selectFrom("challenges")
      .innerJoin("bids", "bids.id", "challenges.winner_bid_id")
      .select(["challenges.id", "challenges.title", "challenges.org_id", "challenges.field_code", "challenges.industry_code", "challenges.signed_on", "challenges.contract_amount_fen", "bids.org_id as seller"])
      .where("challenges.status", "in", ["accepted", "closed"])
      .orderBy("challenges.id")
      .execute();
    for (const [i, c] of signed.entries()) {
      const on = c.signed_on! <= today ? c.signed_on! : today;
      const fen = c.contract_amount_fen ?? 0;
      const input = contractSchema.parse({
        regNo: `${on.slice(0, 4)}510802${String(900 + i).padStart(6, "0")}`,
        title: c.title,
        type: "development",
        subtype: "commissioned",
        signedOn: on,
        registeredOn: on,
        validFrom: on,
        validUntil: yearsAfter(on, 2),
        sellerOrgId: String(c.seller),
        buyerOrgId: String(c.org_id),
        total: fenToYuanPlain(fen),
        tech: fenToYuanPlain(fen),
        nonTechItems: "",
        fieldCode: c.field_code,
        industryCode: c.industry_code ?? "",
        payment: "installments",
        originChallengeId: String(c.id),
      });
      await insertContract(trx, bureau, input);
      n++;
    }
  });
  // History worth seeing: one amendment that does not change the year's total (the split between
  // 成交额 and items is corrected) and one contract registered by mistake and cancelled.
  for (const id of amendLater) {
    const c = await db.selectFrom("contracts").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    const form = contractFormValues(c);
    const values = { ...form, total: fenToYuanPlain(c.total_fen + 500_000), nonTechItems: [form.nonTechItems, "安装调试 5000.00"].filter(Boolean).join("\n") };
    await amendContract(db, bureau, id, c.version, contractSchema.parse(values), "补录合同附件中的安装调试费用（非技术性费用）。");
  }
  const [duplicated] = plan(currentYear - 1, today, ids, resultIds);
  const mistaken = contractSchema.parse({
    ...duplicated.values,
    regNo: `${duplicated.values.regNo.slice(0, -3)}999`,
    title: "重复录入的合同（演示撤销）",
  });
  const wrongId = await registerContract(db, bureau, mistaken);
  await cancelContract(db, bureau, wrongId, 1, `与登记号 ${duplicated.values.regNo} 为同一份合同，重复录入，予以撤销。`);
  for (const [id, values] of Object.entries(ACTUALS)) {
    for (const [k, value] of values.entries()) {
      const year = BASE_YEAR + 1 + k;
      if (year < currentYear) await saveIndicatorActual(db, bureau, { indicatorId: Number(id), year, value, note: "演示数据" });
    }
  }
  return n + 1;
}
