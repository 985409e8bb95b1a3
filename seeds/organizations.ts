import type { OrgKind, OrgStatus, Region } from "../db/schema";
import { creditCodeCheckChar } from "../app/utils/credit-code";

/**
 * A well-formed but invented 统一社会信用代码: registration-authority and class prefix, the real
 * 行政区划 code of the seat, an organisation code of zeros and a sequence number, and the correct
 * check character. The run of zeros makes it recognisable as demo data.
 */
export function demoCreditCode(prefix: "91" | "11" | "12" | "52", division: string, seq: number): string {
  const first17 = `${prefix}${division}000000${String(seq).padStart(3, "0")}`;
  return first17 + creditCodeCheckChar(first17);
}

export interface SeedOrg {
  key: string;
  name: string;
  kind: OrgKind;
  prefix: "91" | "11" | "12" | "52";
  division: string;
  region: Region;
  status: OrgStatus;
  intro: string;
  contact: string;
  rejectReason?: string;
}

// 510802 利州区 · 510800 广元市 · 510100 成都市 · 510700 绵阳市 · 500000 重庆市
export const seedOrgs: SeedOrg[] = [
  { key: "bureau", name: "广元市利州区科学技术局", kind: "bureau", prefix: "11", division: "510802", region: "lizhou", status: "verified", contact: "科技局综合股", intro: "负责全区科技创新、成果转化和技术合同认定登记工作。" },
  { key: "haiju", name: "四川海聚环保科技有限公司", kind: "enterprise", prefix: "91", division: "510802", region: "lizhou", status: "verified", contact: "王工", intro: "新材料核心企业：装配式钢结构住宅、立体液态石涂料、水性环氧地坪漆、生态腻子。" },
  { key: "haipeng", name: "广元市海鹏生物科技有限公司", kind: "enterprise", prefix: "91", division: "510802", region: "lizhou", status: "verified", contact: "李工", intro: "生物医药核心企业：肝素钠提取、肠衣加工高盐废水综合利用、多肽螯合钙制备。" },
  { key: "jixiangju", name: "广元市吉香居食品有限公司", kind: "enterprise", prefix: "91", division: "510802", region: "lizhou", status: "verified", contact: "张工", intro: "泡菜龙头企业：低盐发酵、智能灌装、高效节水减排。" },
  { key: "tea", name: "广元市（茶业）集团有限公司", kind: "enterprise", prefix: "91", division: "510802", region: "lizhou", status: "verified", contact: "赵工", intro: "茶树黄化型品种选育与加工技术研究，形成标准化加工技术规程。" },
  { key: "fishery", name: "广元市生态渔业发展有限公司", kind: "enterprise", prefix: "91", division: "510802", region: "lizhou", status: "verified", contact: "陈工", intro: "鲢鳙原种人工授精、孵化、繁育与良种选育。" },
  { key: "e081", name: "081电子集团", kind: "enterprise", prefix: "91", division: "510802", region: "lizhou", status: "verified", contact: "刘工", intro: "电子信息骨干企业，省级重点实验室依托单位：雷达小型化、超宽角阵列天线、高精度传动。" },
  { key: "scitc", name: "四川信息职业技术学院", kind: "university", prefix: "12", division: "510802", region: "lizhou", status: "verified", contact: "科研处", intro: "电子信息、智能制造方向的高职院校，与区内企业共建创新平台。" },
  { key: "cbys", name: "川北幼儿师范高等专科学校", kind: "university", prefix: "12", division: "510802", region: "lizhou", status: "verified", contact: "科研处", intro: "师范类高等专科学校，参与区校合作与产教融合。" },
  { key: "zhonghe", name: "广元中核职业技术学院", kind: "university", prefix: "52", division: "510802", region: "lizhou", status: "verified", contact: "科研处", intro: "核技术应用与环境工程方向，服务核废料、医用废料处理设备研发。" },
  { key: "zhigao", name: "四川省广元市职业高级中学", kind: "university", prefix: "12", division: "510802", region: "lizhou", status: "verified", contact: "教务处", intro: "职业教育与技能培训，承接新产业新技能培训。" },
  { key: "scu", name: "四川大学", kind: "university", prefix: "12", division: "510100", region: "sichuan_other", status: "verified", contact: "科技成果转化办公室", intro: "成渝地区高校，生物医药、新材料、食品工程等学科见长。" },
  { key: "uestc", name: "电子科技大学", kind: "university", prefix: "12", division: "510100", region: "sichuan_other", status: "verified", contact: "技术转移中心", intro: "电子信息领域高校，雷达、天线与信号处理研究基础雄厚。" },
  { key: "swjtu", name: "西南交通大学", kind: "university", prefix: "12", division: "510100", region: "sichuan_other", status: "verified", contact: "技术转移中心", intro: "机械装备、材料与交通领域研究型大学。" },
  { key: "swust", name: "西南科技大学", kind: "university", prefix: "12", division: "510700", region: "sichuan_other", status: "verified", contact: "科技处", intro: "核废物处理、环境工程与材料学科特色鲜明。" },
  { key: "cqu", name: "重庆大学", kind: "university", prefix: "12", division: "500000", region: "outside", status: "verified", contact: "科学技术研究院", intro: "成渝双城经济圈高校，机械、材料与环境学科。" },
  { key: "saas", name: "四川省农业科学院", kind: "institute", prefix: "12", division: "510100", region: "sichuan_other", status: "verified", contact: "成果转化处", intro: "茶树、蔬菜、水产与农产品加工研究。" },
  { key: "cib", name: "中国科学院成都生物研究所", kind: "institute", prefix: "12", division: "510100", region: "sichuan_other", status: "verified", contact: "技术转移办公室", intro: "生物技术、环境微生物与天然药物研究。" },
  { key: "gyaas", name: "广元市农业科学研究院", kind: "institute", prefix: "12", division: "510800", region: "guangyuan_other", status: "verified", contact: "科研科", intro: "本地茶树、中药材与特色农产品研究。" },
  { key: "service", name: "利州区科技成果转化服务中心（演示）", kind: "service", prefix: "52", division: "510802", region: "lizhou", status: "verified", contact: "服务台", intro: "技术经纪、成果评价与技术合同登记咨询。" },
  // Waiting in the bureau's queue, so the verification page has work on a fresh install.
  { key: "pending1", name: "广元示范精密传动有限公司（演示）", kind: "enterprise", prefix: "91", division: "510802", region: "lizhou", status: "unverified", contact: "周经理", intro: "伺服转台与精密传动部件制造。" },
  { key: "pending2", name: "利州区示范康养科技有限公司（演示）", kind: "enterprise", prefix: "91", division: "510802", region: "lizhou", status: "unverified", contact: "吴经理", intro: "智慧康养设备与服务。" },
  { key: "pending3", name: "成都示范环境工程研究院（演示）", kind: "institute", prefix: "52", division: "510100", region: "sichuan_other", status: "unverified", contact: "郑老师", intro: "重金属污染土壤修复与矿山生态重建。" },
  { key: "rejected1", name: "示范贸易商行（演示）", kind: "service", prefix: "91", division: "510802", region: "lizhou", status: "rejected", contact: "孙先生", intro: "日用品批发。", rejectReason: "经营范围与技术转移服务无关，请补充技术服务资质说明后重新提交。" },
];

export const DEMO_PASSWORD = "Lizhou2026";

/** One demo account per role; passwords are listed in the README. */
export const seedUsers = [
  { name: "科技局管理员", email: "bureau@demo.test", role: "bureau", org: "bureau", orgRole: "admin" },
  { name: "海聚环保 王工", email: "enterprise@demo.test", role: "enterprise", org: "haiju", orgRole: "admin" },
  { name: "信息学院 林老师", email: "researcher@demo.test", role: "researcher", org: "scitc", orgRole: "admin" },
  { name: "电子科大 何教授", email: "expert@demo.test", role: "expert", org: "uestc", orgRole: "admin" },
  { name: "示范传动 周经理", email: "pending@demo.test", role: "enterprise", org: "pending1", orgRole: "admin" },
  // The other plan-named enterprises and bidders, so the seeded 榜单 have real owners and solvers.
  { name: "海鹏生物 李工", email: "haipeng@demo.test", role: "enterprise", org: "haipeng", orgRole: "admin" },
  { name: "吉香居 张工", email: "jixiangju@demo.test", role: "enterprise", org: "jixiangju", orgRole: "admin" },
  { name: "茶业集团 赵工", email: "tea@demo.test", role: "enterprise", org: "tea", orgRole: "admin" },
  { name: "生态渔业 陈工", email: "fishery@demo.test", role: "enterprise", org: "fishery", orgRole: "admin" },
  { name: "081电子 刘工", email: "e081@demo.test", role: "enterprise", org: "e081", orgRole: "admin" },
  { name: "川大 周教授", email: "scu@demo.test", role: "researcher", org: "scu", orgRole: "admin" },
  { name: "电子科大 吴副教授", email: "uestc@demo.test", role: "researcher", org: "uestc", orgRole: "member" },
  { name: "西南交大 郑教授", email: "swjtu@demo.test", role: "researcher", org: "swjtu", orgRole: "admin" },
  { name: "西南科大 王研究员", email: "swust@demo.test", role: "researcher", org: "swust", orgRole: "admin" },
  { name: "省农科院 冯研究员", email: "saas@demo.test", role: "researcher", org: "saas", orgRole: "admin" },
  { name: "成都生物所 韩研究员", email: "cib@demo.test", role: "researcher", org: "cib", orgRole: "admin" },
  { name: "重庆大学 许教授", email: "expert2@demo.test", role: "expert", org: "cqu", orgRole: "admin" },
  { name: "广元农科院 蒋研究员", email: "expert3@demo.test", role: "expert", org: "gyaas", orgRole: "admin" },
  // Researchers who write the seeded 科技成果 and 专家画像 (seeds/results.ts).
  { name: "信息学院 罗副教授", email: "scitc2@demo.test", role: "researcher", org: "scitc", orgRole: "member" },
  { name: "川北幼专 唐老师", email: "cbys@demo.test", role: "researcher", org: "cbys", orgRole: "admin" },
  { name: "中核职院 杨老师", email: "zhonghe@demo.test", role: "researcher", org: "zhonghe", orgRole: "admin" },
  { name: "广元职高 马老师", email: "zhigao@demo.test", role: "researcher", org: "zhigao", orgRole: "admin" },
  { name: "川大 钟副教授", email: "scu2@demo.test", role: "researcher", org: "scu", orgRole: "member" },
  { name: "省农科院 邓副研究员", email: "saas2@demo.test", role: "researcher", org: "saas", orgRole: "member" },
  { name: "广元农科院 苟农艺师", email: "gyaas@demo.test", role: "researcher", org: "gyaas", orgRole: "member" },
] as const;
