/**
 * 科技成果 and 专家画像 for the demo, written by the researchers of the plan-named colleges and the
 * 成渝 universities and institutes. Several results deliberately answer seeded 榜单 (they share the
 * challenge's key terms; see `answers`), the rest answer none, so matching has both to find.
 * `drive-results.ts` writes them through the real model functions.
 */
import type { PatentKind, PatentStatus, ResultStatus, TransferMode } from "../db/schema";
import { patentCheckChar } from "../app/utils/patent-number";
import { patentKindLabels, patentStatusLabels } from "../app/utils/labels";

export interface SeedPatent {
  number: string;
  kind: PatentKind;
  status: PatentStatus;
}

const TYPE_DIGIT: Record<PatentKind, string> = { invention: "1", utility: "2", design: "3" };

/**
 * A well-formed invented patent number: ZL + filing year + type digit (1 发明, 2 实用新型, 3 外观设计,
 * matching `kind`) + a 7-digit serial + "." + the check character.
 */
export function zl(year: number, kind: PatentKind, serial: number, status: PatentStatus): SeedPatent {
  const digits = `${year}${TYPE_DIGIT[kind]}${String(serial).padStart(7, "0")}`;
  return { number: `ZL${digits}.${patentCheckChar(digits)}`, kind, status };
}

export interface SeedResult {
  author: string; // seed user email (a researcher or expert of the owning 高校/院所)
  target: ResultStatus;
  title: string;
  abstract: string;
  field: string; // tech_fields code
  /** 产业领域 (focusFields code); training kits and teaching resources have none. */
  industry?: string;
  keywords: string[];
  trl: number;
  modes: TransferMode[];
  price: number | null; // 参考价格 in 万元 (stored as 分); null = 面议
  team: string;
  /** When not the author's usual contact (CONTACTS); the e-mail is always the author's. */
  contact?: { name: string; phone: string };
  patents?: SeedPatent[];
  /** Titles of the seeded 榜单 (seeds/challenges.ts) this result answers. */
  answers?: string[];
}

/** Each author's contact for their results (e-mail: the author's own), unless a result names another. */
export const CONTACTS: Record<string, { name: string; phone: string }> = {
  "researcher@demo.test": { name: "林老师", phone: "13800000001" },
  "scitc2@demo.test": { name: "罗副教授", phone: "13800000012" },
  "cbys@demo.test": { name: "唐老师", phone: "13800000013" },
  "zhonghe@demo.test": { name: "杨老师", phone: "13800000014" },
  "zhigao@demo.test": { name: "马老师", phone: "13800000015" },
  "scu@demo.test": { name: "周教授", phone: "028-85000101" },
  "scu2@demo.test": { name: "钟副教授", phone: "13800000016" },
  "uestc@demo.test": { name: "吴副教授", phone: "028-61830001" },
  "expert@demo.test": { name: "何教授", phone: "028-61830002" },
  "swjtu@demo.test": { name: "郑教授", phone: "028-87600001" },
  "swust@demo.test": { name: "王研究员", phone: "0816-6080001" },
  "saas@demo.test": { name: "冯研究员", phone: "028-84500001" },
  "saas2@demo.test": { name: "邓副研究员", phone: "13800000017" },
  "cib@demo.test": { name: "韩研究员", phone: "028-82890001" },
  "expert2@demo.test": { name: "许教授", phone: "023-65100001" },
  "expert3@demo.test": { name: "蒋研究员", phone: "0839-3310301" },
  "gyaas@demo.test": { name: "苟农艺师", phone: "13800000018" },
};

export const seedResults: SeedResult[] = [
  // —— 四川信息职业技术学院 ——
  {
    author: "researcher@demo.test",
    target: "published",
    title: "山区农业物联网墒情监测与智能灌溉系统",
    abstract:
      "面向利州区山地果园和茶园，采用 LoRa 低功耗广域组网采集土壤墒情、气象与水位数据，单基站覆盖半径 3 公里。平台按作物需水模型自动生成灌溉策略并远程控制电磁阀，已在白朝乡 300 亩茶园连续运行两年，节水约 30%。",
    field: "01",
    industry: "NY01",
    keywords: ["数字乡村", "物联网", "LoRa", "墒情监测", "智能灌溉"],
    trl: 7,
    modes: ["license", "service"],
    price: 8,
    team: "四川信息职业技术学院电子工程学院物联网应用技术团队，教师 6 人，承担市级科技项目 3 项。",
    patents: [zl(2021, "utility", 1203417, "granted"), zl(2023, "invention", 1082256, "pending")],
  },
  {
    author: "researcher@demo.test",
    target: "published",
    title: "社区居家养老智能监测终端与康养服务平台",
    abstract:
      "研制集跌倒检测、心率血氧监测和一键呼救于一体的居家养老终端，毫米波雷达非接触感知，不侵犯隐私。配套社区康养服务平台实现异常预警、子女端推送和服务工单派发，适合智慧康养示范社区建设。",
    field: "11",
    industry: "MS01",
    keywords: ["智慧康养", "居家养老", "跌倒检测", "毫米波雷达"],
    trl: 6,
    modes: ["joint", "license"],
    price: null,
    team: "四川信息职业技术学院智能终端团队与区内养老服务机构联合组建，成员 8 人。",
    patents: [zl(2022, "utility", 1410873, "granted"), zl(2022, "design", 302645, "granted")],
  },
  {
    author: "researcher@demo.test",
    target: "published",
    title: "电子产品装配 VR 虚拟仿真实训系统",
    abstract:
      "以 SMT 贴装、手工焊接和整机装调为主线构建 VR 虚拟仿真实训课程，学员可在虚拟产线中反复练习并自动评分。系统已在本院电子信息类专业使用三届，实训耗材成本下降约 60%，可向中职学校和企业培训中心推广。",
    field: "11",
    keywords: ["VR 实训", "虚拟仿真", "电子装配", "职业教育"],
    trl: 9,
    modes: ["transfer", "service"],
    price: 12,
    team: "四川信息职业技术学院虚拟仿真实训中心，教师与企业工程师共 7 人。",
    contact: { name: "林老师", phone: "0839-3310101" }, // the office line
  },
  {
    author: "researcher@demo.test",
    target: "draft",
    title: "发动机零部件智能产线数字孪生监控系统",
    abstract:
      "针对发动机零部件机加工产线设备联网率低、故障难追溯的问题，提出产线数字孪生建模方案，实时映射设备状态与节拍。目前完成总体架构设计与关键技术方案论证，正在与区内企业洽谈试点产线。",
    field: "02",
    industry: "GY02",
    keywords: ["数字孪生", "智能制造", "发动机零部件", "设备联网"],
    trl: 2,
    modes: ["joint"],
    price: null,
    team: "四川信息职业技术学院智能制造团队。",
  },
  {
    author: "scitc2@demo.test",
    target: "published",
    title: "基于机器视觉的纸张计数与自动分纸装置",
    abstract:
      "采用线阵相机对纸垛侧面成像，结合边缘增强与深度学习算法识别纸张层数，计数准确率达 99.95%。配套气动分纸与伺服送料机构，可集成到印刷令纸准备自动生产线，替代人工点数与分纸。",
    field: "02",
    industry: "GY02",
    keywords: ["机器视觉", "纸张计数", "自动分纸", "印刷", "自动生产线"],
    trl: 5,
    modes: ["joint", "transfer"],
    price: 25,
    team: "四川信息职业技术学院机器视觉应用团队，罗副教授牵头，成员 5 人。",
    patents: [zl(2022, "utility", 1533904, "granted"), zl(2024, "invention", 1047781, "pending")],
    answers: ["印刷令纸准备自动生产线"],
  },
  {
    author: "scitc2@demo.test",
    target: "published",
    title: "山区农村光伏储能微电网能量管理系统",
    abstract:
      "面向山区村级光伏电站与储能设施，开发源—储—荷协调的能量管理系统，按电价和负荷预测优化充放电策略。示范村实测光伏就地消纳率提高至 92%，储能循环寿命延长约 15%。",
    field: "07",
    keywords: ["光伏", "储能", "微电网", "能量管理"],
    trl: 6,
    modes: ["joint", "license"],
    price: 20,
    team: "四川信息职业技术学院新能源团队与县域供电企业联合研发。",
  },

  // —— 川北幼儿师范高等专科学校 ——
  {
    author: "cbys@demo.test",
    target: "published",
    title: "幼儿园 STEAM 科学启蒙课程与教具资源包",
    abstract:
      "按 3–6 岁儿童学习与发展指南设计 48 个 STEAM 科学探究活动，配套可拆装的科学探究教具和教师指导手册。已在广元市 12 所幼儿园试用，教师培训后活动组织合格率显著提升。",
    field: "11",
    keywords: ["学前教育", "STEAM", "科学启蒙", "教具"],
    trl: 8,
    modes: ["license", "service"],
    price: 6,
    team: "川北幼儿师范高等专科学校学前教育学院课程研发团队，教师 9 人。",
    patents: [zl(2022, "design", 318820, "granted"), zl(2022, "design", 318821, "granted")],
  },
  {
    author: "cbys@demo.test",
    target: "published",
    title: "学前儿童语言发展数字化评估工具",
    abstract:
      "基于平板终端的游戏化测评，覆盖词汇、句法与叙事三个维度，由教师在园内 15 分钟完成个体测评。系统自动生成发展报告和分层教学建议，目前完成常模采样与信效度检验。",
    field: "11",
    keywords: ["学前教育", "语言发展", "数字化评估"],
    trl: 5,
    modes: ["joint", "service"],
    price: null,
    team: "川北幼儿师范高等专科学校儿童发展研究中心。",
  },

  // —— 广元中核职业技术学院 ——
  {
    author: "zhonghe@demo.test",
    target: "published",
    title: "医疗废物高温蒸汽灭菌与破碎一体化处理装置",
    abstract:
      "将预真空高温蒸汽灭菌与双轴破碎集成在同一密闭腔体内，处理后医疗废物毁形彻底、灭菌效果达到对数杀灭 6 级。单台日处理能力 5 吨，适合县域医疗废物集中处置中心，运行能耗较焚烧降低约 40%。",
    field: "10",
    industry: "GY03",
    keywords: ["医疗废物", "高温蒸汽", "破碎", "无害化处理"],
    trl: 7,
    modes: ["transfer", "license"],
    price: 60,
    team: "广元中核职业技术学院环境工程技术团队，联合区内环保装备企业研制。",
    patents: [zl(2020, "invention", 1120458, "granted"), zl(2021, "utility", 1688215, "granted")],
  },
  {
    author: "zhonghe@demo.test",
    target: "published",
    title: "放射性污染土壤 γ 能谱在线分拣设备",
    abstract:
      "面向核设施退役治理中的放射性土壤分拣，采用传送带式 γ 能谱在线测量与气动分拣，实现超标土壤自动剔除。原理样机已完成冷态试验，可显著减少需处置的放射性废物体积。",
    field: "10",
    industry: "GY03",
    keywords: ["放射性土壤", "分拣设备", "γ 能谱", "退役治理"],
    trl: 4,
    modes: ["joint"],
    price: null,
    team: "广元中核职业技术学院核技术应用团队。",
    patents: [zl(2024, "invention", 1156032, "pending")],
  },
  {
    author: "zhonghe@demo.test",
    target: "published",
    title: "辐射防护与核设施退役 VR 虚拟仿真实训平台",
    abstract:
      "构建辐射防护、放射性去污和设备拆除三类虚拟仿真实训场景，实时计算学员受照剂量并评价操作规范性。平台已用于本院核类专业教学和企业岗前培训，可降低真实源项实训的安全风险。",
    field: "10",
    keywords: ["VR 实训", "辐射防护", "核设施退役", "虚拟仿真"],
    trl: 8,
    modes: ["service", "license"],
    price: 15,
    team: "广元中核职业技术学院虚拟仿真教研室。",
    contact: { name: "杨老师", phone: "0839-3310201" }, // the office line
  },

  // —— 四川省广元市职业高级中学 ——
  {
    author: "zhigao@demo.test",
    target: "published",
    title: "新能源汽车动力电池检测与维修实训装置",
    abstract:
      "以真实动力电池包为基础设计可安全拆装的检测与维修实训台，内置故障设置与绝缘监测保护。适用于中职新能源汽车专业教学和维修技师培训，已在本校和两所兄弟学校使用。",
    field: "04",
    keywords: ["新能源汽车", "动力电池", "实训装置", "职业教育"],
    trl: 8,
    modes: ["transfer"],
    price: 8,
    team: "四川省广元市职业高级中学汽车运用与维修专业教学团队。",
    patents: [zl(2023, "utility", 1261174, "granted")],
  },
  {
    author: "zhigao@demo.test",
    target: "published",
    title: "山地果园轨道式电动运输机",
    abstract:
      "针对山地果园坡陡路窄、人工背运劳动强度大的问题，研制单轨轨道式电动运输机，爬坡能力 45°，载重 200 kg。轨道模块化拼装，适合猕猴桃、茶园和中药材基地的宜机化改造。",
    field: "02",
    industry: "NY06",
    keywords: ["农业装备", "山地果园", "轨道运输机", "宜机化"],
    trl: 6,
    modes: ["transfer", "joint"],
    price: 18,
    team: "四川省广元市职业高级中学机电专业教师与本地农机合作社联合研制。",
    patents: [zl(2022, "utility", 1347760, "granted"), zl(2018, "utility", 1589102, "lapsed")],
  },

  // —— 四川大学 ——
  {
    author: "scu@demo.test",
    target: "published",
    title: "肝素钠复合酶解与大孔树脂梯度洗脱提取纯化工艺",
    abstract:
      "以猪小肠黏膜为原料，采用复合酶解替代传统盐解，结合大孔弱碱树脂梯度洗脱和 3 kDa 超滤纯化，肝素钠提取收率提高约 18%，效价稳定在 185 IU/mg 以上。工艺有机溶剂用量降低 35%，已完成中试并可配套产线技术改造。",
    field: "09",
    industry: "GY06",
    keywords: ["肝素钠", "复合酶解", "树脂吸附", "超滤纯化", "提取收率"],
    trl: 7,
    modes: ["transfer", "license", "joint"],
    price: 120,
    team: "四川大学生物医药工程团队，周教授牵头，承担肝素类药物工艺研究项目 2 项。",
    patents: [zl(2019, "invention", 1046672, "granted"), zl(2021, "invention", 1379018, "granted")],
    answers: ["肝素钠高效提取与纯化工艺"],
  },
  {
    author: "scu@demo.test",
    target: "published",
    title: "定向酶解多肽螯合钙制备技术",
    abstract:
      "以肠衣加工副产物蛋白为原料，定向酶解控制多肽分子量在 500–1000 Da，优化 pH 与钙肽比，小试螯合率达 88%、钙含量 16%。产品溶解性和胃肠稳定性好，可用于补钙功能食品开发。",
    field: "09",
    industry: "GY06",
    keywords: ["多肽螯合钙", "酶解", "螯合率", "功能食品", "副产物利用"],
    trl: 5,
    modes: ["joint", "license"],
    price: 50,
    team: "四川大学食品与生物工程团队。",
    patents: [zl(2023, "invention", 1290347, "pending")],
    answers: ["多肽螯合钙制备技术研究与应用"],
  },
  {
    author: "scu2@demo.test",
    target: "published",
    title: "火锅食材冰温保鲜与复合保水剂技术",
    abstract:
      "在 -1.5～0 ℃ 冰温区间贮运毛肚、鸭肠等火锅食材，配合无磷复合保水剂浸渍，解冻汁液流失率由 8% 降至 2.6%。技术可与自动灌装线衔接，货架期延长 5 天且感官品质无明显下降。",
    field: "05",
    industry: "GY04",
    keywords: ["火锅食材", "冰温保鲜", "复合保水剂", "汁液流失", "冷链"],
    trl: 6,
    modes: ["license", "joint"],
    price: 30,
    team: "四川大学轻工科学与工程学院肉品与冷链团队。",
    patents: [zl(2022, "invention", 1164593, "granted")],
    answers: ["火锅食材冰鲜保水与自动灌装"],
  },

  // —— 电子科技大学 ——
  {
    author: "uestc@demo.test",
    target: "published",
    title: "瓦片式 T/R 组件与轻量化数字阵列雷达技术",
    abstract:
      "采用瓦片式 T/R 组件与数字波束形成架构，GaN 低功耗射频前端使整机功耗下降约 35%，阵面重量减轻 40%。适用于集群分布式低空预警雷达的小型化、轻型化和集成化，已完成原理样机外场测试。",
    field: "01",
    industry: "GY01",
    keywords: ["雷达小型化", "T/R 组件", "阵列天线", "数字波束形成", "低功耗"],
    trl: 5,
    modes: ["joint", "equity"],
    price: null,
    team: "电子科技大学雷达与信号处理团队，吴副教授牵头，成员 12 人。",
    patents: [
      zl(2021, "invention", 1517206, "granted"),
      zl(2022, "invention", 1008435, "granted"),
      zl(2024, "invention", 1223319, "pending"),
    ],
    answers: ["雷达小型化与低功耗设计"],
  },
  {
    author: "uestc@demo.test",
    target: "published",
    title: "基于北斗与遥感的农业农村大数据平台",
    abstract:
      "融合北斗定位、高分遥感影像与农业物联网数据，提供作物长势监测、耕地非粮化识别和灾害预警服务。平台采用统一的数据汇聚治理架构，可支撑区县农业农村大数据平台和地理信息系统建设。",
    field: "01",
    industry: "NY01",
    keywords: ["数字乡村", "北斗", "遥感", "农业大数据"],
    trl: 7,
    modes: ["license", "service"],
    price: 40,
    team: "电子科技大学资源与环境学院遥感应用团队。",
  },
  {
    author: "expert@demo.test",
    target: "published",
    title: "超宽角扫描相控阵天线设计技术",
    abstract:
      "提出基于宽角匹配层与寄生单元的超宽角扫描阵列天线设计方法，波束扫描范围达 ±70°，扫描损耗小于 3 dB。天线剖面低、易与 T/R 组件共形集成，可用于小型化预警雷达和通信设备。",
    field: "01",
    industry: "GY01",
    keywords: ["阵列天线", "超宽角扫描", "相控阵", "雷达小型化"],
    trl: 4,
    modes: ["license", "joint"],
    price: 80,
    team: "电子科技大学电子科学与工程学院天线团队，何教授牵头。",
    patents: [zl(2020, "invention", 1455180, "granted")],
    answers: ["雷达小型化与低功耗设计"],
  },
  {
    author: "expert@demo.test",
    target: "published",
    title: "低空无人机集群协同感知与目标识别算法",
    abstract:
      "面向低空空域安全监视，研究多无人机协同探测、航迹关联和云边端流式目标识别算法。在公开数据集上的仿真验证中，小目标识别准确率达 91%，算法可在边缘计算设备上实时运行。",
    field: "03",
    keywords: ["无人机集群", "协同感知", "目标识别", "边缘计算"],
    trl: 3,
    modes: ["joint"],
    price: null,
    team: "电子科技大学信息与通信工程学院智能感知实验室。",
    patents: [zl(2023, "invention", 1338462, "pending")],
  },

  // —— 西南交通大学 ——
  {
    author: "swjtu@demo.test",
    target: "published",
    title: "小型化高精度二维伺服转台与谐波减速传动技术",
    abstract:
      "采用零回差谐波减速与力矩电机直驱复合传动，结合轻量化拓扑优化结构，二维转台定位精度优于 0.008°、体积减小 35%。俯仰轴配置电磁失电锁定机构，可在给定仰角精确锁定并保持。",
    field: "02",
    industry: "GY02",
    keywords: ["伺服转台", "谐波减速", "高精度转台", "小型化", "俯仰锁定"],
    trl: 6,
    modes: ["joint", "license"],
    price: 70,
    team: "西南交通大学机械工程学院精密传动团队，郑教授牵头，成员 10 人。",
    patents: [zl(2021, "invention", 1092274, "granted"), zl(2022, "utility", 1725530, "granted")],
    answers: ["伺服转台小型化与高精度控制"],
  },
  {
    author: "swjtu@demo.test",
    target: "published",
    title: "油浸压力补偿型深海推进变压器设计与真空压力浸漆工艺",
    abstract:
      "采用油浸压力补偿结构平衡深海静水压，配合纳米复合绝缘漆真空压力浸漆，解决推进变压器耐压绝缘与散热问题。电磁—热—结构多物理场联合设计方法已用于 35KW 级样机研制。",
    field: "02",
    industry: "GY02",
    keywords: ["推进变压器", "深海", "压力补偿", "真空压力浸漆"],
    trl: 6,
    modes: ["joint", "transfer"],
    price: null,
    team: "西南交通大学电气工程学院牵引变压器团队。",
    patents: [zl(2020, "invention", 1601937, "granted")],
    answers: ["深海遥控潜水推进变压器 35KW 样机研制"],
  },
  {
    author: "swjtu@demo.test",
    target: "published",
    title: "山区公路边坡北斗形变监测预警系统",
    abstract:
      "以北斗高精度定位为核心，融合倾角、雨量和裂缝计数据，实现山区公路边坡毫米级形变监测和分级预警。系统已在川北山区公路 20 余处边坡部署，成功预警多次滑塌险情。",
    field: "04",
    keywords: ["北斗", "边坡监测", "形变预警", "山区公路"],
    trl: 7,
    modes: ["license", "service"],
    price: 35,
    team: "西南交通大学土木工程学院地质灾害监测团队。",
    patents: [zl(2019, "invention", 1571448, "granted")],
  },

  // —— 西南科技大学 ——
  {
    author: "swust@demo.test",
    target: "published",
    title: "高盐有机废水电渗析分盐与 MVR 蒸发结晶成套技术",
    abstract:
      "针对含盐 8%–12% 的高盐有机废水，采用电渗析分盐浓缩耦合 MVR 蒸发结晶，盐回收率 88%，回收氯化钠达到工业盐标准。配套超滤回收蛋白多肽，出水可进入常规生化系统，适用于肠衣加工等食品废水。",
    field: "08",
    industry: "GY06",
    keywords: ["高盐废水", "电渗析", "MVR 蒸发结晶", "盐回收", "资源化"],
    trl: 7,
    modes: ["transfer", "joint", "service"],
    price: 90,
    team: "西南科技大学环境与资源学院水处理工程团队，王研究员牵头。",
    patents: [zl(2020, "invention", 1239905, "granted"), zl(2021, "utility", 1812047, "granted")],
    answers: ["肠衣加工高盐废水综合利用关键技术"],
  },
  {
    author: "swust@demo.test",
    target: "published",
    title: "自乳化改性胺固化水性环氧地坪涂料",
    abstract:
      "合成自乳化改性胺固化剂，并以硅烷偶联纳米二氧化硅增强漆膜，耐磨性（750 g/500 r）达 0.025 g，潮湿基面附着力 1 级，VOC 低于 40 g/L。已在区内企业完成生产应用，可替代溶剂型地坪漆。",
    field: "06",
    industry: "GY05",
    keywords: ["水性环氧", "地坪漆", "固化剂", "耐磨", "附着力"],
    trl: 9,
    modes: ["transfer", "license"],
    price: 40,
    team: "西南科技大学材料与化学学院涂料团队。",
    patents: [zl(2022, "invention", 1475521, "granted")],
    answers: ["水性环氧地坪漆耐磨与附着力提升"],
  },
  {
    author: "swust@demo.test",
    target: "published",
    title: "重金属污染土壤植物—微生物联合修复技术",
    abstract:
      "筛选出对镉、铅富集能力强的本地植物和耐重金属促生菌，构建植物—微生物联合修复体系，两季修复后土壤有效态镉下降 45%。配套生态重建与水土保持措施，适用于山区采矿迹地和尾矿库周边农田修复。",
    field: "08",
    industry: "MS02",
    keywords: ["重金属污染", "土壤修复", "富集植物", "采矿迹地", "生态重建"],
    trl: 6,
    modes: ["service", "joint"],
    price: null,
    team: "西南科技大学环境与资源学院土壤修复团队。",
    patents: [zl(2018, "invention", 1026189, "granted"), zl(2015, "invention", 1063347, "lapsed")],
  },
  {
    author: "swust@demo.test",
    target: "archived",
    title: "中低放废树脂水泥固化配方",
    abstract:
      "针对核电站中低放废离子交换树脂，优化水泥—粉煤灰—沸石复合固化配方，固化体抗压强度和浸出率满足国家标准。该配方已被新一代地质聚合物固化技术替代，成果下架存档。",
    field: "10",
    industry: "GY03",
    keywords: ["放射性废物", "水泥固化", "废树脂"],
    trl: 5,
    modes: ["license"],
    price: 20,
    team: "西南科技大学核废物与环境安全重点实验室。",
    patents: [zl(2016, "invention", 1187713, "lapsed")],
  },

  // —— 四川省农业科学院 ——
  {
    author: "saas@demo.test",
    target: "published",
    title: "耐低盐植物乳杆菌直投式菌剂及泡菜低盐发酵工艺",
    abstract:
      "从四川传统泡菜中筛选耐低盐、低产亚硝酸盐的植物乳杆菌，制成直投式冻干菌剂，配合温控梯度发酵，发酵盐度降至 3.5%。成品亚硝酸盐低于 3 mg/kg，保质期 10 个月，解决低盐泡菜胀袋、软化问题。",
    field: "05",
    industry: "GY04",
    keywords: ["泡菜", "低盐发酵", "植物乳杆菌", "直投式菌剂", "亚硝酸盐"],
    trl: 7,
    modes: ["license", "transfer", "service"],
    price: 45,
    team: "四川省农业科学院农产品加工研究所泡菜微生物团队，冯研究员牵头。",
    patents: [zl(2021, "invention", 1410226, "granted"), zl(2024, "invention", 1365508, "pending")],
    answers: ["泡菜低盐发酵与品质稳定控制"],
  },
  {
    author: "saas@demo.test",
    target: "published",
    title: "黄化型茶树新品系选育及配套加工工艺",
    abstract:
      "通过分子标记辅助选择与多点区域试验，选育出黄化性状稳定、氨基酸含量 6.5% 以上的茶树新品系 2 个。配套低温萎凋—摊青加工工艺减少氨基酸损失，已形成加工技术规程草案，适合广元茶区推广。",
    field: "05",
    industry: "NY02",
    keywords: ["茶树", "黄化品种", "品种选育", "加工技术规程", "氨基酸"],
    trl: 6,
    modes: ["joint", "license"],
    price: null,
    team: "四川省农业科学院茶叶研究所茶树育种团队。",
    answers: ["茶树黄化型品种选育与加工技术规程"],
  },
  {
    author: "saas2@demo.test",
    target: "published",
    title: "鲢鳙亲本强化培育与人工催产孵化技术",
    abstract:
      "建立嘉陵江鲢鳙原种亲本强化培育、人工催产与干法授精技术体系，配套环道流水孵化装置，受精率 88%、孵化率 78%。苗种培育阶段采用分级投喂，成活率提高 25%，可支撑库区生态渔业苗种生产。",
    field: "05",
    industry: "NY03",
    keywords: ["鲢鳙", "人工催产", "孵化", "原种保护", "苗种繁育"],
    trl: 7,
    modes: ["service", "joint"],
    price: 15,
    team: "四川省农业科学院水产研究所鱼类繁育团队。",
    patents: [zl(2022, "utility", 1906614, "granted")],
    answers: ["鲢鳙原种人工授精与繁育技术"],
  },
  {
    author: "saas2@demo.test",
    target: "draft",
    title: "设施蔬菜水肥一体化与病虫害绿色防控技术",
    abstract:
      "集成滴灌水肥一体化、防虫网与性诱剂等绿色防控措施，化肥用量减少 25%、化学农药减少 40%。拟在利州区加工蔬菜基地开展示范，技术规程正在完善。",
    field: "05",
    industry: "NY04",
    keywords: ["水肥一体化", "绿色防控", "设施蔬菜"],
    trl: 6,
    modes: ["service"],
    price: 5,
    team: "四川省农业科学院园艺研究所。",
  },

  // —— 中国科学院成都生物研究所 ——
  {
    author: "cib@demo.test",
    target: "published",
    title: "耐盐菌预处理—纳滤分盐—酶解多肽回收组合工艺",
    abstract:
      "以自主筛选的耐盐菌株对肠衣加工高盐废水进行生化预处理，纳滤分盐回收氯化钠，截留液经酶解回收多肽，多肽纯度达 82%。1 吨/天小试装置连续运行三个月，出水 COD 低于 450 mg/L。",
    field: "08",
    industry: "GY06",
    keywords: ["高盐废水", "耐盐菌", "纳滤分盐", "多肽回收", "肠衣"],
    trl: 5,
    modes: ["joint", "license"],
    price: 80,
    team: "中国科学院成都生物研究所环境微生物团队，韩研究员牵头。",
    patents: [zl(2022, "invention", 1583370, "granted"), zl(2023, "invention", 1442918, "pending")],
    answers: ["肠衣加工高盐废水综合利用关键技术"],
  },
  {
    author: "cib@demo.test",
    target: "published",
    title: "微生物源肝素酶及其在肝素钠纯化中的应用",
    abstract:
      "构建高产肝素酶工程菌，发酵酶活提高 4 倍，用于肝素钠粗品的定向修饰与杂质去除。结合膜分离工艺，可减少纯化环节有机溶剂消耗，目前处于实验室验证阶段。",
    field: "09",
    industry: "GY06",
    keywords: ["肝素钠", "肝素酶", "工程菌", "膜分离"],
    trl: 3,
    modes: ["license", "joint"],
    price: null,
    team: "中国科学院成都生物研究所酶工程课题组。",
    patents: [zl(2020, "invention", 1304456, "granted")],
    answers: ["肝素钠高效提取与纯化工艺"],
  },

  // —— 重庆大学 ——
  {
    author: "expert2@demo.test",
    target: "published",
    title: "稀土复合固态燃油催化装置",
    abstract:
      "以稀土复合材料制成固态物理催化芯体，安装于发动机供油管路，改变燃油分子团簇结构、改善雾化与燃烧。非道路移动重型机械台架试验油耗降低 6.2%、颗粒物排放降低 24%，连续运行 1200 小时性能无衰减。",
    field: "07",
    industry: "GY02",
    keywords: ["燃油催化器", "稀土", "非道路机械", "尾气排放", "节能"],
    trl: 6,
    modes: ["transfer", "license", "equity"],
    price: 50,
    team: "重庆大学能源与动力工程学院内燃机节能减排团队，许教授牵头。",
    patents: [zl(2021, "invention", 1526683, "granted"), zl(2020, "utility", 1447309, "granted")],
    answers: ["非道路移动重型机械燃油催化器"],
  },
  {
    author: "expert2@demo.test",
    target: "published",
    title: "装配式钢结构住宅节点优化与 BIM 集成设计",
    abstract:
      "提出适用于多层住宅的装配式钢结构梁柱节点与墙板连接构造，用钢量降低 8%、现场焊接减少 70%。基于 BIM 的集成设计平台贯通设计、生产与施工，适合新型建材企业升级装配式住宅产品。",
    field: "11",
    keywords: ["装配式钢结构", "BIM", "节点优化", "住宅集成"],
    trl: 7,
    modes: ["service", "license"],
    price: 30,
    team: "重庆大学土木工程学院钢结构团队。",
    patents: [zl(2019, "invention", 1116760, "granted")],
  },

  // —— 广元市农业科学研究院 ——
  {
    author: "expert3@demo.test",
    target: "published",
    title: "天麻仿野生栽培与中药材 GAP 规范化生产技术",
    abstract:
      "按中药材 GAP 要求，建立天麻林下仿野生栽培、菌材培育和无公害加工技术规程，天麻素含量稳定在 0.35% 以上。已在广元山区建立示范基地 500 亩，实现道地药材标准化、规模化生产。",
    field: "09",
    industry: "MS03",
    keywords: ["中药材", "GAP", "天麻", "仿野生栽培", "道地药材"],
    trl: 8,
    modes: ["service"],
    price: 10,
    team: "广元市农业科学研究院中药材研究所。",
  },
  {
    author: "expert3@demo.test",
    target: "published",
    title: "香菇菌渣基质化循环利用技术",
    abstract:
      "将香菇工厂化生产的废菌渣经高温堆肥和配方调理制成育苗基质与有机肥，替代 50% 泥炭。技术在白朝食用菌产业园示范，菌渣资源化利用率达 90%，减少焚烧和随意堆放造成的污染。",
    field: "08",
    keywords: ["食用菌", "菌渣", "循环利用", "育苗基质"],
    trl: 6,
    modes: ["transfer", "service"],
    price: 12,
    team: "广元市农业科学研究院食用菌研究团队。",
    patents: [zl(2021, "utility", 1950288, "granted")],
  },
  {
    author: "gyaas@demo.test",
    target: "published",
    title: "红心猕猴桃溃疡病绿色防控技术",
    abstract:
      "集成抗性砧木嫁接、冬季清园、生防菌剂和精准施药措施，建立红心猕猴桃溃疡病绿色防控技术体系。示范园病株率由 18% 降至 4% 以下，化学农药用量减少 35%。",
    field: "05",
    industry: "NY05",
    keywords: ["猕猴桃", "溃疡病", "绿色防控", "生防菌剂"],
    trl: 7,
    modes: ["service"],
    price: 8,
    team: "广元市农业科学研究院植保团队。",
  },
];

/**
 * Which seeded 榜单 each result answers: challenge title → result titles. The matching evaluation
 * uses it as ground truth; results not listed here (学前教育、VR 实训、康养、中药材 GAP、土壤修复…)
 * answer no challenge.
 */
export const answers: Record<string, string[]> = {};
for (const r of seedResults) {
  for (const c of r.answers ?? []) (answers[c] ??= []).push(r.title);
}

export interface SeedProfile {
  email: string;
  title: string; // 职称
  fields: string[];
  keywords: string[];
  bio: string;
  achievements: string;
  phone: string;
  /** Expert library: apply and stay pending, or apply and be approved by the bureau. */
  expert?: "applied" | "approved";
}

export const seedProfiles: SeedProfile[] = [
  { email: "researcher@demo.test", title: "讲师", fields: ["01", "11"], keywords: ["物联网", "数字乡村", "智慧康养", "VR 实训"], phone: "13800000001", bio: "四川信息职业技术学院电子工程学院教师，长期从事物联网应用与职业教育虚拟仿真研究。", achievements: "主持广元市科技计划项目 2 项；山区农业物联网墒情监测系统在白朝乡茶园应用。" },
  { email: "scitc2@demo.test", title: "副教授", fields: ["02", "07"], keywords: ["机器视觉", "自动化产线", "光伏储能", "微电网"], phone: "13800000012", bio: "四川信息职业技术学院智能制造学院副教授，研究方向为机器视觉检测和新能源系统控制。", achievements: "主持四川省教育厅科研项目 2 项；纸张视觉计数装置完成企业试用。" },
  { email: "cbys@demo.test", title: "副教授", fields: ["11"], keywords: ["学前教育", "STEAM", "儿童语言发展", "课程开发"], phone: "13800000013", bio: "川北幼儿师范高等专科学校学前教育学院副教授，从事幼儿科学教育与儿童发展评估研究。", achievements: "主编学前教育教材 2 部；STEAM 课程资源包在 12 所幼儿园推广。" },
  { email: "zhonghe@demo.test", title: "高级工程师", fields: ["10", "08"], keywords: ["医疗废物处理", "放射性废物", "辐射防护", "退役治理"], phone: "13800000014", bio: "广元中核职业技术学院核技术应用专业带头人，曾在核工业企业从事退役治理工程十余年。", achievements: "参与核设施退役治理工程 5 项；医疗废物蒸汽灭菌破碎一体化装置实现转化。", expert: "applied" },
  { email: "zhigao@demo.test", title: "高级讲师", fields: ["04", "02"], keywords: ["新能源汽车", "实训装置", "农业装备"], phone: "13800000015", bio: "四川省广元市职业高级中学汽车与机电专业教师，省级技能大赛优秀指导教师。", achievements: "指导学生获省级技能大赛一等奖 3 项；研制实训装置 2 套。" },
  { email: "scu@demo.test", title: "教授", fields: ["09", "05"], keywords: ["肝素钠", "多肽", "酶解", "生物制药工艺"], phone: "13800000002", bio: "四川大学生物医药工程教授、博士生导师，研究生化药物提取纯化与食品蛋白资源利用。", achievements: "承担国家级、省部级项目 10 余项；肝素钠提取纯化工艺在企业产业化应用。" },
  { email: "scu2@demo.test", title: "副教授", fields: ["05"], keywords: ["冷链保鲜", "肉品加工", "保水剂", "火锅食材"], phone: "13800000016", bio: "四川大学轻工科学与工程学院副教授，研究肉制品冷链保鲜与品质控制。", achievements: "发表 SCI 论文 20 余篇；冰温保鲜技术在火锅食材企业试用。" },
  { email: "uestc@demo.test", title: "副教授", fields: ["01", "03"], keywords: ["雷达系统", "T/R 组件", "数字波束形成", "遥感"], phone: "13800000003", bio: "电子科技大学副教授，从事雷达系统设计与低功耗射频前端研究。", achievements: "参与国家重点研发计划项目 2 项；轻量化数字阵列雷达完成外场试验。" },
  { email: "expert@demo.test", title: "教授", fields: ["01", "03"], keywords: ["阵列天线", "相控阵", "目标识别", "雷达"], phone: "13800000004", bio: "电子科技大学教授、博士生导师，区科技局专家库成员，研究超宽角阵列天线与智能感知。", achievements: "获省部级科技进步奖 2 项；授权发明专利 20 余件。", expert: "approved" },
  { email: "swjtu@demo.test", title: "教授", fields: ["02", "04"], keywords: ["精密传动", "伺服转台", "变压器", "北斗监测"], phone: "13800000005", bio: "西南交通大学机械工程学院教授，研究精密传动、伺服控制与轨道交通装备。", achievements: "主持国家自然科学基金项目 3 项；高精度二维转台技术在电子装备企业应用。", expert: "approved" },
  { email: "swust@demo.test", title: "研究员", fields: ["08", "06", "10"], keywords: ["高盐废水", "土壤修复", "水性涂料", "核废物处理"], phone: "13800000006", bio: "西南科技大学环境与资源学院研究员，研究工业废水资源化、重金属污染修复与环境材料。", achievements: "主持省重点研发项目 4 项；水性环氧地坪涂料技术在区内企业实现产业化。" },
  { email: "saas@demo.test", title: "研究员", fields: ["05"], keywords: ["泡菜发酵", "乳酸菌", "茶树育种", "农产品加工"], phone: "13800000007", bio: "四川省农业科学院研究员，从事发酵蔬菜微生物与茶树品种选育研究二十余年。", achievements: "获四川省科技进步奖一等奖 1 项；直投式泡菜菌剂在多家泡菜企业应用。", expert: "applied" },
  { email: "saas2@demo.test", title: "副研究员", fields: ["05"], keywords: ["鲢鳙", "鱼类繁育", "生态渔业", "设施蔬菜"], phone: "13800000017", bio: "四川省农业科学院水产研究所副研究员，研究嘉陵江土著鱼类保护与人工繁育。", achievements: "建立鲢鳙人工繁育技术体系；为库区移民提供苗种养殖技术培训 30 余场。" },
  { email: "cib@demo.test", title: "研究员", fields: ["09", "08"], keywords: ["环境微生物", "酶工程", "高盐废水", "肝素酶"], phone: "13800000008", bio: "中国科学院成都生物研究所研究员，研究环境微生物与工业酶制剂。", achievements: "承担国家重点研发计划子课题 2 项；耐盐菌高盐废水处理完成小试。", expert: "applied" },
  { email: "expert2@demo.test", title: "教授", fields: ["07", "06", "11"], keywords: ["内燃机节能", "尾气排放", "装配式钢结构", "BIM"], phone: "13800000009", bio: "重庆大学教授，区科技局专家库成员，研究内燃机节能减排与装配式建筑。", achievements: "获重庆市科技进步奖二等奖 2 项；燃油催化装置完成台架与实车试验。", expert: "approved" },
  { email: "expert3@demo.test", title: "研究员", fields: ["05", "09", "08"], keywords: ["中药材", "GAP", "食用菌", "茶树"], phone: "13800000010", bio: "广元市农业科学研究院研究员，区科技局专家库成员，长期服务广元中药材与食用菌产业。", achievements: "制定天麻栽培地方标准 1 项；建立中药材示范基地 500 亩。", expert: "approved" },
  { email: "gyaas@demo.test", title: "高级农艺师", fields: ["05"], keywords: ["猕猴桃", "病虫害绿色防控", "植保"], phone: "13800000018", bio: "广元市农业科学研究院植保团队高级农艺师，从事果树病虫害绿色防控技术推广。", achievements: "红心猕猴桃溃疡病绿色防控技术推广 2 万亩。" },
];

/** 代表性专利 for a profile: the patents of the person's own seeded results. */
export function patentsOf(email: string): string | null {
  const lines = seedResults
    .filter((r) => r.author === email && r.target !== "draft")
    .flatMap((r) => (r.patents ?? []).map((p) => `${p.number}（${patentKindLabels[p.kind]}，${patentStatusLabels[p.status]}）${r.title}`));
  return lines.length ? lines.join("\n") : null;
}

/** 感兴趣 threads: a verified enterprise marks a published result, then the team (and the enterprise) reply. */
export interface SeedInterest {
  result: string; // result title
  by: string; // enterprise user email
  message: string;
  replies?: { by: string; body: string }[];
}

export const seedInterests: SeedInterest[] = [
  {
    result: "耐盐菌预处理—纳滤分盐—酶解多肽回收组合工艺",
    by: "haipeng@demo.test",
    message: "我司肠衣车间日产高盐废水约 80 吨，含盐 10% 左右，希望了解小试吨水处理成本和放大到 100 吨/天的投资估算。",
    replies: [
      { by: "cib@demo.test", body: "感谢关注。小试吨水直接运行成本约 38 元，回收多肽可抵扣部分成本；100 吨/天规模投资估算已整理，欢迎来所现场交流。" },
      { by: "haipeng@demo.test", body: "好的，我们拟下周三带技术和财务人员来所考察，请安排小试装置参观。" },
    ],
  },
  {
    result: "定向酶解多肽螯合钙制备技术",
    by: "haipeng@demo.test",
    message: "我司有稳定的肠衣副产物蛋白来源，希望合作开展多肽螯合钙中试，能否提供小试样品用于功效评价？",
    replies: [{ by: "scu@demo.test", body: "可以提供 500 g 小试样品和检测报告，建议先签订保密协议，再商定中试合作方案。" }],
  },
  {
    result: "耐低盐植物乳杆菌直投式菌剂及泡菜低盐发酵工艺",
    by: "jixiangju@demo.test",
    message: "希望在我司低盐泡菜生产线上试用该直投式菌剂，请问菌剂许可使用的费用方式和技术服务内容？",
    replies: [{ by: "saas@demo.test", body: "可按年度许可使用，含菌剂供应、发酵工艺调试和质量监测培训，具体费用可按产量阶梯商定。" }],
  },
  {
    result: "火锅食材冰温保鲜与复合保水剂技术",
    by: "jixiangju@demo.test",
    message: "我司火锅食材产品线冷链流通汁液流失明显，想了解复合保水剂是否适用于毛肚和鸭血类产品。",
  },
  {
    result: "瓦片式 T/R 组件与轻量化数字阵列雷达技术",
    by: "e081@demo.test",
    message: "我集团低空预警雷达小型化项目正在论证，希望就 T/R 组件的功耗、重量指标和联合研发方式进一步沟通。",
    replies: [{ by: "uestc@demo.test", body: "可以，建议先召开一次技术对接会，我们准备样机测试数据和合作开发方案。" }],
  },
  {
    result: "小型化高精度二维伺服转台与谐波减速传动技术",
    by: "e081@demo.test",
    message: "希望了解转台俯仰锁定机构的保持力矩和环境适应性试验情况，考虑许可使用。",
  },
  {
    result: "装配式钢结构住宅节点优化与 BIM 集成设计",
    by: "enterprise@demo.test",
    message: "我司正在推进装配式钢结构住宅集成优化，希望邀请团队提供节点设计技术服务，请联系王工。",
    replies: [{ by: "expert2@demo.test", body: "收到，我们可先对贵司现有户型做节点优化评估，下周与王工电话沟通需求。" }],
  },
  {
    result: "鲢鳙亲本强化培育与人工催产孵化技术",
    by: "fishery@demo.test",
    message: "我司计划建设鲢鳙原种繁育基地，希望团队提供人工催产和孵化环节的技术服务。",
  },
  {
    result: "黄化型茶树新品系选育及配套加工工艺",
    by: "tea@demo.test",
    message: "希望引进黄化型茶树新品系在我集团基地开展区域试验，并共同完善加工技术规程。",
  },
];
