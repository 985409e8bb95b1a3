import { CONTRACT_INDICATOR_ID, CONTRACT_TARGET_PATH } from "../app/models/contract/target";

/**
 * Reference data from the district plan (../shared/plan): the national 技术领域 list used in
 * contract statistics, the plan's focus fields (专栏 2–3: the 产业领域, each with a stable code — GY 工业,
 * NY 农业, MS 民生 — and mapped onto a 技术领域), and 表1's targets.
 */
export const techFields = [
  ["01", "电子信息"],
  ["02", "先进制造"],
  ["03", "航空航天"],
  ["04", "现代交通"],
  ["05", "农业"],
  ["06", "新材料及其应用"],
  ["07", "新能源与高效节能"],
  ["08", "环境保护与资源综合利用"],
  ["09", "生物医药和医疗器械"],
  ["10", "核应用技术"],
  ["11", "城市建设与社会发展"],
] as const;

export const focusFields: { code: string; name: string; sector: "工业" | "农业" | "民生"; field: string }[] = [
  { code: "GY01", name: "电子信息", sector: "工业", field: "01" },
  { code: "GY02", name: "机械及装备制造", sector: "工业", field: "02" },
  { code: "GY03", name: "核废料、医用废料处理", sector: "工业", field: "10" },
  { code: "GY04", name: "食品饮料", sector: "工业", field: "05" },
  { code: "GY05", name: "新材料", sector: "工业", field: "06" },
  { code: "GY06", name: "生物医药", sector: "工业", field: "09" },
  { code: "NY01", name: "数字乡村", sector: "农业", field: "01" },
  { code: "NY02", name: "茶树品种", sector: "农业", field: "05" },
  { code: "NY03", name: "生态渔业", sector: "农业", field: "05" },
  { code: "NY04", name: "蔬菜与泡菜", sector: "农业", field: "05" },
  { code: "NY05", name: "绿色农产品", sector: "农业", field: "05" },
  { code: "NY06", name: "农业装备", sector: "农业", field: "02" },
  { code: "MS01", name: "智慧康养", sector: "民生", field: "11" },
  { code: "MS02", name: "生态环境", sector: "民生", field: "08" },
  { code: "MS03", name: "中药材", sector: "民生", field: "09" },
];

const [[, base], [, doubled], [, last]] = CONTRACT_TARGET_PATH;

/** 表1 as printed: values are kept as the plan writes them ("＞10", "—"). */
export const planIndicators = [
  { id: 1, name: "综合科技创新水平指数", unit: "％", v2020: "50.6", v2025: "60", v2035: "70" },
  { id: 2, name: "研发经费投入强度", unit: "％", v2020: "1.09", v2025: "1.5", v2035: "2" },
  { id: 3, name: "研发经费年均增速", unit: "％", v2020: null, v2025: "＞10", v2035: "＞10" },
  { id: 4, name: "高价值发明专利量", unit: "件", v2020: "16", v2025: "28", v2035: "38" },
  { id: 5, name: "备案科技型中小企业数", unit: "家", v2020: "33", v2025: "50", v2035: "100" },
  { id: 6, name: "高新技术企业数", unit: "家", v2020: "12", v2025: "20", v2035: "40" },
  { id: 7, name: "高新技术产业主营业务收入", unit: "亿元", v2020: "110", v2025: "200", v2035: "400" },
  { id: CONTRACT_INDICATOR_ID, name: "技术合同登记交易额", unit: "万元", v2020: String(base), v2025: String(doubled), v2035: String(last), doubling: true },
  { id: 9, name: "公民具备科学素质的比例", unit: "％", v2020: "9", v2025: "12", v2035: "18" },
];

/**
 * The search thesaurus the bureau starts with (同义词, search/thesaurus.ts): words the plan's
 * industries use for one thing. The bureau edits it at /bureau/synonyms. No single characters:
 * each word is added to a query, and one character would find half the site.
 */
export const thesaurus: string[][] = [
  ["污水", "废水"],
  ["锂电", "锂电池", "锂离子电池"],
  ["无人机", "无人驾驶航空器"],
  ["天然气", "燃气"],
  ["光伏", "太阳能电池"],
  ["芯片", "集成电路"],
  ["增材制造", "3d打印"],
  ["人工智能", "ai"],
  ["物联网", "iot"],
  ["固废", "固体废物"],
  ["危废", "危险废物"],
  ["医废", "医疗废物"],
  ["核废料", "放射性废物"],
  ["中药材", "中草药"],
  ["泡菜", "酱腌菜"],
  ["农产品", "农副产品"],
  ["康养", "健康养老"],
  ["冷链", "冷链物流"],
];
