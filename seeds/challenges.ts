/**
 * 榜单 drawn from the plan's 专栏 2–3, each driven through the real workflow functions to a
 * different state, so the demo shows every stage and the history on each page is genuine.
 */
import type { ChallengeStatus, Cooperation } from "../db/schema";

export interface SeedBid {
  bidder: string; // seed user email
  price: number; // 万元
  months: number;
  solution: string;
  team: string;
  plan: string;
  leader: string;
  /** Non-selected reason, when another bid wins. */
  lost?: "route_mismatch" | "price_high" | "duration_long" | "team_weak" | "other";
  note?: string;
}

export interface SeedChallenge {
  owner: string; // seed user email
  target: ChallengeStatus;
  title: string;
  field: string;
  /** 产业领域 (seeds/reference.ts focusFields code), as the plan's 专栏 places the problem. */
  industry?: string;
  keywords: string[];
  summary: string;
  difficulties: string;
  indicators: string;
  research: string;
  bounty: number; // 万元, 0 = 面议
  investment?: number;
  months: number;
  eligibility: string;
  cooperation: Cooperation;
  bids?: SeedBid[];
  /** Index into bids of the winner, for states after 定榜. */
  winner?: number;
  reason?: string;
  /** Days from seeding to the deadline (negative: already passed). */
  deadlineDays?: number;
  /** An 异议 lodged against the 中选公示 (a 榜单 left in 定榜公示). */
  objection?: { by: string; reasons: string };
}

const ELIGIBLE = "国内高校、科研院所或具有研发能力的企业；团队具备相关领域研究基础和中试条件。";

export const seedChallenges: SeedChallenge[] = [
  {
    owner: "haipeng@demo.test",
    target: "closed",
    title: "肝素钠高效提取与纯化工艺",
    field: "09",
    industry: "GY06",
    keywords: ["肝素钠", "提取", "纯化", "树脂吸附"],
    summary: "现有肝素钠提取收率偏低、批间差异大，希望引入新型吸附与纯化工艺，提高收率和效价并配套设施改造。",
    difficulties: "猪小肠黏膜原料波动大；盐解—吸附工序收率低；纯化环节溶剂用量大，效价不稳定。",
    indicators: "提取收率提高 15% 以上；效价 ≥180 IU/mg；有机溶剂用量降低 30%；形成可放大的工艺包。",
    research: "新型离子交换树脂筛选；酶解条件优化；超滤纯化工艺；配套设施技术改造方案。",
    bounty: 80,
    investment: 200,
    months: 18,
    eligibility: ELIGIBLE,
    cooperation: "development",
    bids: [
      { bidder: "scu@demo.test", price: 78, months: 16, leader: "周教授", solution: "采用复合酶解结合大孔弱碱树脂梯度洗脱，辅以截留分子量 3kDa 超滤纯化，已在实验室完成小试验证。", team: "四川大学生物医药团队，承担过 2 项肝素类药物工艺研究，发表论文 20 余篇。", plan: "第 1–6 月小试优化；第 7–12 月中试；第 13–16 月产线改造与验证。" },
      { bidder: "cib@demo.test", price: 85, months: 20, leader: "韩研究员", solution: "以微生物来源肝素酶定向修饰结合膜分离工艺，降低溶剂消耗。", team: "中国科学院成都生物研究所酶工程课题组。", plan: "第 1–8 月酶制剂开发；第 9–20 月工艺集成与放大。", lost: "duration_long", note: "周期 20 个月超出企业期望" },
    ],
    winner: 0,
  },
  {
    owner: "haipeng@demo.test",
    target: "published",
    title: "肠衣加工高盐废水综合利用关键技术",
    field: "08",
    industry: "GY06",
    keywords: ["高盐废水", "肠衣", "多肽", "资源化"],
    summary: "肠衣加工产生大量高盐高有机物废水，处理成本高，希望实现盐分回收和有机物（多肽）资源化利用。",
    difficulties: "含盐量 8%–12%，COD 高；常规生化处理受盐抑制；多肽回收纯度低。",
    indicators: "盐回收率 ≥85%；出水 COD ≤500 mg/L；回收多肽纯度 ≥80%；吨水处理成本降低 20%。",
    research: "多重深度肽解技术；膜浓缩与蒸发结晶耦合；多肽分离纯化；示范装置设计。",
    bounty: 120,
    investment: 300,
    months: 24,
    eligibility: ELIGIBLE,
    cooperation: "development",
    deadlineDays: 20,
    bids: [
      { bidder: "cib@demo.test", price: 110, months: 22, leader: "韩研究员", solution: "耐盐菌株预处理 + 纳滤分盐 + 酶解多肽回收的组合工艺，已完成 1 吨/天 小试。", team: "成都生物所环境微生物团队，承担国家重点研发计划子课题。", plan: "第 1–6 月菌株与膜工艺优化；第 7–18 月示范装置；第 19–22 月运行验证。" },
      { bidder: "swust@demo.test", price: 98, months: 24, leader: "王研究员", solution: "电渗析脱盐结合 MVR 蒸发结晶，配套多肽超滤回收。", team: "西南科技大学环境与资源学院，高盐废水处理工程经验丰富。", plan: "第 1–8 月工艺试验；第 9–20 月工程设计与建设；第 21–24 月调试。" },
    ],
  },
  {
    owner: "haipeng@demo.test",
    target: "evaluating",
    title: "多肽螯合钙制备技术研究与应用",
    field: "09",
    industry: "GY06",
    keywords: ["多肽螯合钙", "螯合率", "酶解", "功能食品"],
    summary: "利用肠衣副产物蛋白制备多肽螯合钙，开发高吸收率补钙产品，需要提高螯合率并实现产业化。",
    difficulties: "螯合率低于 60%；产品稳定性差；缺少规模化制备设备。",
    indicators: "螯合率 ≥85%；钙含量 ≥15%；完成 100 kg 级中试；形成企业标准 1 项。",
    research: "酶解多肽分子量控制；螯合条件优化；喷雾干燥工艺；产品功效评价。",
    bounty: 60,
    months: 15,
    eligibility: ELIGIBLE,
    cooperation: "development",
    deadlineDays: -3,
    bids: [
      { bidder: "scu@demo.test", price: 58, months: 14, leader: "周教授", solution: "定向酶解控制多肽分子量在 500–1000 Da，优化 pH 与钙肽比，螯合率小试已达 88%。", team: "四川大学食品与生物工程团队。", plan: "第 1–5 月工艺优化；第 6–10 月中试；第 11–14 月标准与功效评价。" },
      { bidder: "saas@demo.test", price: 52, months: 15, leader: "冯研究员", solution: "以植物蛋白与动物蛋白复配，采用超声辅助螯合提高效率。", team: "四川省农业科学院农产品加工研究所。", plan: "第 1–6 月配方研究；第 7–15 月中试与产品开发。" },
    ],
  },
  {
    owner: "jixiangju@demo.test",
    target: "selected",
    title: "泡菜低盐发酵与品质稳定控制",
    field: "05",
    industry: "GY04",
    keywords: ["泡菜", "低盐发酵", "乳酸菌", "亚硝酸盐"],
    summary: "在保证口感和安全的前提下把泡菜发酵盐度降低一半，解决低盐条件下杂菌污染与品质波动问题。",
    difficulties: "低盐条件下易胀袋、软化；亚硝酸盐峰值难控制；批次风味差异大。",
    indicators: "发酵盐度 ≤4%；亚硝酸盐 ≤4 mg/kg；保质期 ≥9 个月；感官评分不低于现有产品。",
    research: "优势乳酸菌筛选与直投式菌剂；低盐发酵工艺；品质在线监测。",
    bounty: 50,
    months: 12,
    eligibility: ELIGIBLE,
    cooperation: "development",
    bids: [
      { bidder: "saas@demo.test", price: 48, months: 12, leader: "冯研究员", solution: "从四川传统泡菜中筛选耐低盐植物乳杆菌，制备直投式菌剂，配合温控梯度发酵。", team: "四川省农业科学院，泡菜微生物研究十余年。", plan: "第 1–4 月菌株筛选；第 5–9 月工艺验证；第 10–12 月生产线应用。" },
      { bidder: "scu@demo.test", price: 66, months: 12, leader: "周教授", solution: "采用复合菌剂与气调包装联合控制。", team: "四川大学食品工程团队。", plan: "第 1–6 月研究；第 7–12 月应用。", lost: "price_high", note: "报价超出榜额 30% 以上" },
    ],
    winner: 0,
    objection: {
      by: "scu@demo.test",
      reasons: "中选单位申报的“耐低盐植物乳杆菌”菌株尚未完成安全性评价，与揭榜条件中“具备可直接应用的技术基础”不符，请区科技局复核中选单位的资格材料。",
    },
  },
  {
    owner: "jixiangju@demo.test",
    target: "published",
    title: "火锅食材冰鲜保水与自动灌装",
    field: "05",
    industry: "GY04",
    keywords: ["火锅食材", "冰鲜", "保水", "自动灌装"],
    summary: "火锅食材冷链流通中汁液流失严重，需要冰鲜保水技术，并实现自动灌装与自动检测。",
    difficulties: "解冻汁液流失率超过 8%；灌装精度低；人工检测效率低。",
    indicators: "汁液流失率 ≤3%；灌装误差 ≤1%；在线检测准确率 ≥98%。",
    research: "冰温保鲜与复合保水剂；自动灌装设备；机器视觉检测。",
    bounty: 0,
    months: 12,
    eligibility: ELIGIBLE,
    cooperation: "development",
    deadlineDays: 2,
  },
  {
    owner: "e081@demo.test",
    target: "in_progress",
    title: "深海遥控潜水推进变压器 35KW 样机研制",
    field: "02",
    industry: "GY02",
    keywords: ["推进变压器", "深海", "浸漆", "样机"],
    summary: "研制深海遥控潜水推进用 35KW 变压器样机，完成绕制、装配、浸漆加工并开展测试论证。",
    difficulties: "高压密封与耐压绝缘；体积重量受限；浸漆工艺一致性。",
    indicators: "额定功率 35KW；效率 ≥97%；耐压 ≥10 MPa；完成样机型式试验。",
    research: "电磁设计与热设计；绕制与装配工艺；真空压力浸漆；样机测试。",
    bounty: 150,
    investment: 400,
    months: 20,
    eligibility: ELIGIBLE,
    cooperation: "development",
    bids: [
      { bidder: "swjtu@demo.test", price: 145, months: 18, leader: "郑教授", solution: "采用油浸压力补偿结构与纳米复合绝缘漆，电磁—热—结构多物理场联合设计。", team: "西南交通大学电气工程学院牵引变压器团队。", plan: "第 1–6 月设计；第 7–12 月样机制造；第 13–18 月测试论证。" },
    ],
    winner: 0,
  },
  {
    owner: "pending@demo.test",
    target: "draft",
    title: "非道路移动重型机械燃油催化器",
    field: "07",
    industry: "GY02",
    keywords: ["燃油催化器", "稀土", "尾气排放", "节能"],
    summary: "针对非道路移动重型机械发动机，研究稀土复合固态物理装置改善燃油特性，提高燃烧效率、降低排放。",
    difficulties: "催化效果验证方法缺乏；不同机型适配性差。",
    indicators: "油耗降低 ≥5%；颗粒物排放降低 ≥20%；连续运行 1000 小时性能不衰减。",
    research: "稀土复合材料配方；装置结构设计；台架与实车试验。",
    bounty: 40,
    months: 12,
    eligibility: ELIGIBLE,
    cooperation: "development",
  },
  {
    owner: "e081@demo.test",
    target: "under_review",
    title: "伺服转台小型化与高精度控制",
    field: "01",
    industry: "GY02",
    keywords: ["伺服转台", "小型化", "高精度", "俯仰控制"],
    summary: "实现二维转台高精度旋转和俯仰角精确控制与锁定，在保持精度的同时将体积缩小 30%。",
    difficulties: "小型化后刚度下降；谐波减速器回差；俯仰锁定可靠性。",
    indicators: "定位精度 ≤0.01°；体积减小 30%；俯仰锁定保持力矩 ≥50 N·m。",
    research: "轻量化结构设计；伺服控制算法；锁定机构设计与验证。",
    bounty: 90,
    months: 18,
    eligibility: ELIGIBLE,
    cooperation: "development",
  },
  {
    owner: "tea@demo.test",
    target: "contracted",
    title: "茶树黄化型品种选育与加工技术规程",
    field: "05",
    industry: "NY02",
    keywords: ["茶树", "黄化品种", "选育", "加工技术规程"],
    summary: "选育适合广元种植的黄化型茶树品种，研究配套加工技术，形成标准化加工技术规程并开发新产品。",
    difficulties: "黄化性状稳定性差；加工中氨基酸损失；缺少地方标准。",
    indicators: "选育稳定株系 2 个；氨基酸含量 ≥6%；形成加工技术规程 1 项；开发新产品 2 个。",
    research: "株系筛选与区域试验；加工工艺优化；技术规程编制。",
    bounty: 70,
    months: 36,
    eligibility: ELIGIBLE,
    cooperation: "development",
    bids: [
      { bidder: "saas@demo.test", price: 68, months: 36, leader: "冯研究员", solution: "分子标记辅助选择结合多点区域试验，配套低温萎凋—摊青工艺。", team: "四川省农业科学院茶叶研究所。", plan: "第 1–12 月株系筛选；第 13–24 月区域试验；第 25–36 月规程与产品。" },
    ],
    winner: 0,
  },
  {
    owner: "fishery@demo.test",
    target: "submitted",
    title: "鲢鳙原种人工授精与繁育技术",
    field: "05",
    industry: "NY03",
    keywords: ["鲢鳙", "人工授精", "繁育", "良种选育"],
    summary: "建立鲢鳙原种人工授精、孵化、繁育技术体系，开展良种选育，带动库区移民苗种养殖。",
    difficulties: "亲本退化；受精率和孵化率不稳定；苗种成活率低。",
    indicators: "受精率 ≥85%；孵化率 ≥75%；苗种成活率提高 20%。",
    research: "亲本选育与培育；人工催产与授精；孵化与苗种培育技术。",
    bounty: 45,
    months: 24,
    eligibility: ELIGIBLE,
    cooperation: "development",
  },
  {
    owner: "enterprise@demo.test",
    target: "accepted",
    title: "水性环氧地坪漆耐磨与附着力提升",
    field: "06",
    industry: "GY05",
    keywords: ["水性环氧", "地坪漆", "耐磨", "附着力"],
    summary: "升级水性环氧地坪漆配方，提升耐磨性和附着力，替代溶剂型产品。",
    difficulties: "水性体系交联密度低；潮湿基面附着力差。",
    indicators: "耐磨性（750g/500r）≤0.03 g；附着力 ≤1 级；VOC ≤50 g/L。",
    research: "改性固化剂合成；纳米填料分散；施工工艺。",
    bounty: 35,
    months: 10,
    eligibility: ELIGIBLE,
    cooperation: "development",
    bids: [
      { bidder: "swust@demo.test", price: 33, months: 10, leader: "王研究员", solution: "自乳化改性胺固化剂结合硅烷偶联纳米二氧化硅。", team: "西南科技大学材料学院涂料团队。", plan: "第 1–4 月配方；第 5–8 月中试；第 9–10 月应用验证。" },
    ],
    winner: 0,
  },
  {
    owner: "e081@demo.test",
    target: "published",
    title: "雷达小型化与低功耗设计",
    field: "01",
    industry: "GY01",
    keywords: ["雷达", "小型化", "低功耗", "阵列天线"],
    summary: "面向集群分布式低空预警，研究雷达小型化、轻型化、集成化和低功耗设计。",
    difficulties: "功耗与探测距离矛盾；阵列天线集成度；散热。",
    indicators: "整机功耗降低 30%；重量 ≤15 kg；探测距离不低于现有型号。",
    research: "超宽角阵列天线；低功耗射频前端；系统参数化建模。",
    bounty: 200,
    investment: 500,
    months: 24,
    eligibility: ELIGIBLE,
    cooperation: "development",
    deadlineDays: 30,
    bids: [
      { bidder: "uestc@demo.test", price: 190, months: 24, leader: "吴副教授", solution: "基于瓦片式 T/R 组件与数字波束形成的轻量化架构，采用 GaN 低功耗前端。", team: "电子科技大学雷达团队。", plan: "第 1–8 月方案与仿真；第 9–18 月样机；第 19–24 月外场试验。" },
      { bidder: "researcher@demo.test", price: 120, months: 24, leader: "林老师", solution: "以商用毫米波芯片构建低成本阵列，重点攻关散热与结构集成。", team: "四川信息职业技术学院电子信息团队。", plan: "第 1–12 月原型；第 13–24 月测试与改进。" },
    ],
  },
  {
    owner: "enterprise@demo.test",
    target: "draft",
    title: "立体液态石涂料耐候性改进",
    field: "06",
    industry: "GY05",
    keywords: ["液态石", "涂料", "耐候性"],
    summary: "提升立体液态石涂料在高湿高紫外环境下的耐候性，减少褪色与开裂。",
    difficulties: "紫外老化后粉化；湿热循环开裂。",
    indicators: "人工老化 1000 小时无粉化、色差 ≤3。",
    research: "耐候树脂改性；颜填料体系优化。",
    bounty: 25,
    months: 8,
    eligibility: ELIGIBLE,
    cooperation: "development",
  },
  {
    owner: "enterprise@demo.test",
    target: "rejected",
    title: "生态腻子配方优化",
    field: "06",
    industry: "GY05",
    keywords: ["生态腻子", "配方"],
    summary: "优化生态腻子配方，降低成本并提高施工性能，满足绿色建材要求。",
    difficulties: "成本与性能平衡；施工性能不稳定。",
    indicators: "成本降低 10%；施工性能达到行业标准。",
    research: "配方试验与性能检测。",
    bounty: 10,
    months: 6,
    eligibility: ELIGIBLE,
    cooperation: "development",
    reason: "专家论证认为属常规配方调整，技术难度不足以揭榜挂帅，建议通过技术服务合同解决。",
  },
  {
    owner: "jixiangju@demo.test",
    target: "failed",
    title: "山楂汁与苹果醋精深加工",
    field: "05",
    industry: "GY04",
    keywords: ["山楂汁", "苹果醋", "精深加工"],
    summary: "开发山楂汁、苹果醋精深加工工艺，提高产品附加值和风味稳定性。",
    difficulties: "果胶沉淀；发酵风味不稳定。",
    indicators: "货架期沉淀率 ≤2%；风味评分提升 10%。",
    research: "澄清工艺；醋酸发酵菌种与工艺。",
    bounty: 30,
    months: 12,
    eligibility: ELIGIBLE,
    cooperation: "development",
    bids: [
      { bidder: "researcher@demo.test", price: 45, months: 18, leader: "林老师", solution: "采用常规酶法澄清与传统液态发酵，方案与企业现有工艺接近。", team: "四川信息职业技术学院食品检测团队。", plan: "第 1–18 月分阶段实施。" },
    ],
    reason: "唯一揭榜方案未能覆盖风味稳定性指标，报价超出榜额，经评审不具备定榜条件。",
  },
  {
    owner: "jixiangju@demo.test",
    target: "withdrawn",
    title: "桑葚精深加工与色素稳定",
    field: "05",
    industry: "GY04",
    keywords: ["桑葚", "花青素", "色素稳定"],
    summary: "研究桑葚果汁加工中花青素的稳定技术，开发桑葚精深加工产品。",
    difficulties: "花青素热降解；褐变。",
    indicators: "花青素保留率 ≥80%。",
    research: "非热杀菌；护色工艺。",
    bounty: 20,
    months: 10,
    eligibility: ELIGIBLE,
    cooperation: "development",
    deadlineDays: 15,
    reason: "企业已通过自主研发解决该问题，撤回榜单。",
  },
  {
    owner: "e081@demo.test",
    target: "terminated",
    title: "印刷令纸准备自动生产线",
    field: "02",
    industry: "GY02",
    keywords: ["自动生产线", "印刷", "令纸"],
    summary: "研制印刷令纸准备自动生产线，实现设备改造和智能制造。",
    difficulties: "纸张分离与计数精度；多工序协同。",
    indicators: "计数准确率 ≥99.9%；生产效率提高 2 倍。",
    research: "自动分纸机构；视觉计数；产线控制系统。",
    bounty: 55,
    months: 12,
    eligibility: ELIGIBLE,
    cooperation: "development",
    bids: [
      { bidder: "swjtu@demo.test", price: 52, months: 12, leader: "郑教授", solution: "模块化分纸—计数—捆扎产线，视觉计数与伺服控制。", team: "西南交通大学机械工程学院。", plan: "第 1–6 月设计；第 7–12 月制造调试。" },
    ],
    winner: 0,
    reason: "企业产品线调整，双方协商一致终止项目。",
  },
];
