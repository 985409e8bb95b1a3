import type {
  AcceptanceLevel,
  AmountBasis,
  BidStatus,
  ChallengeStatus,
  ContractStatus,
  ContractSubtype,
  ContractType,
  Cooperation,
  EventKind,
  ExpertStatus,
  Flow,
  MeetingRating,
  MeetingSource,
  MembershipStatus,
  NoticeDelivery,
  ObjectionStatus,
  OrgKind,
  OrgStatus,
  OriginKind,
  OutcomeReason,
  ParticipantStatus,
  PartyKind,
  PatentKind,
  PatentStatus,
  Payment,
  Recommendation,
  Region,
  ResultStatus,
  ScheduleState,
  TransferMode,
  UserRole,
} from "../../db/schema";
import { STAGE_TRL, STAGES, stageOfTrl, type AwardState, type EffectiveRequestStatus, type MilestoneState, type Stage } from "../../db/vocabulary";

/**
 * What each value of the domain vocabulary (db/vocabulary.ts) reads as in Chinese, and the colour
 * family of its badge (always shown with its word). Every map is a `Record` over its type, so a
 * new value does not compile until it has its words here. Rules about the values live with their
 * domain (app/models/*-rules.ts, challenge/visibility.ts), not here.
 */
export type Tone = "ok" | "warn" | "danger" | "neutral" | "info";

export const orgKindLabels: Record<OrgKind, string> = {
  enterprise: "企业",
  university: "高校",
  institute: "科研院所",
  service: "服务机构",
  bureau: "区科技局",
};

export const regionLabels: Record<Region, string> = {
  lizhou: "利州区",
  guangyuan_other: "广元市其他区县",
  sichuan_other: "四川省其他市州",
  outside: "省外",
};

export const roleLabels: Record<UserRole, string> = {
  enterprise: "企业用户",
  researcher: "科研人员",
  bureau: "科技局工作人员",
  expert: "专家",
};

export const orgStatusLabels: Record<OrgStatus, string> = {
  unverified: "待认证",
  verified: "已认证",
  rejected: "未通过认证",
};
export const orgStatusTone: Record<OrgStatus, Tone> = { verified: "ok", unverified: "warn", rejected: "danger" };

export const membershipLabels: Record<MembershipStatus, string> = {
  none: "未加入机构",
  pending: "待机构管理员审核",
  active: "已加入",
  rejected: "加入申请未通过",
};

export const challengeStatusLabels: Record<ChallengeStatus, string> = {
  draft: "草稿",
  submitted: "待审核",
  under_review: "论证中",
  published: "揭榜中",
  evaluating: "评审中",
  selected: "定榜公示",
  contracted: "已签约",
  in_progress: "攻关中",
  accepted: "已验收",
  closed: "已兑现",
  rejected: "论证驳回",
  failed: "流标",
  withdrawn: "已撤榜",
  terminated: "已终止",
};

export const challengeStatusTone: Record<ChallengeStatus, Tone> = {
  draft: "neutral",
  submitted: "warn",
  under_review: "warn",
  published: "info",
  evaluating: "warn",
  selected: "ok",
  contracted: "ok",
  in_progress: "info",
  accepted: "ok",
  closed: "ok",
  rejected: "danger",
  failed: "danger",
  withdrawn: "neutral",
  terminated: "danger",
};

export const cooperationLabels: Record<Cooperation, string> = {
  development: "技术开发",
  transfer: "技术转让",
  license: "技术许可",
  consulting: "技术咨询",
  service: "技术服务",
};

export const bidStatusLabels: Record<BidStatus, string> = {
  submitted: "已提交",
  withdrawn: "已撤回",
  selected: "中选",
  not_selected: "未中选",
};

export const outcomeReasonLabels: Record<OutcomeReason, string> = {
  route_mismatch: "技术路线不匹配",
  price_high: "报价过高",
  duration_long: "周期过长",
  team_weak: "团队能力不足",
  other: "其他",
  failed: "流标",
};

export const acceptanceLabels: Record<AcceptanceLevel, string> = {
  excellent: "优秀",
  good: "良好",
  pass: "合格",
  fail: "不合格",
};

export const milestoneStateLabels: Record<MilestoneState, string> = { planned: "未提交", reported: "待确认", accepted: "已确认", returned: "退回修改" };

export const recommendationLabels: Record<Recommendation, string> = { publish: "建议发布", revise: "修改后发布", reject: "不建议发布" };

export const transferModeLabels: Record<TransferMode, string> = {
  transfer: "转让",
  license: "许可",
  equity: "作价入股",
  joint: "合作开发",
  service: "技术服务",
};

/** 成熟度 stages (their TRL ranges are in db/vocabulary.ts). */
export const stageLabels: Record<Stage, string> = { lab: "实验室", pilot: "小试", scale: "中试", industry: "产业化" };

/** TRL 1–9 with the words Chinese practice uses beside it. */
export function trlStage(trl: number): string {
  return stageLabels[stageOfTrl(trl)];
}
export const TRL_STAGES = STAGES.map((s) => [s, `${stageLabels[s]}（TRL ${STAGE_TRL[s][0]}–${STAGE_TRL[s][1]}）`, STAGE_TRL[s][0], STAGE_TRL[s][1]] as const);

export const patentKindLabels: Record<PatentKind, string> = { invention: "发明", utility: "实用新型", design: "外观设计" };
export const patentStatusLabels: Record<PatentStatus, string> = { pending: "申请中", granted: "已授权", lapsed: "已失效" };

export const resultStatusLabels: Record<ResultStatus, string> = { draft: "草稿", published: "已发布", archived: "已下架" };
export const expertStatusLabels: Record<ExpertStatus, string> = { none: "未申请", applied: "待区科技局审核", approved: "已入库专家", rejected: "未通过" };

export const eventKindLabels: Record<EventKind, string> = {
  results: "科技成果推介会",
  demands: "企业需求对接会",
  campus: "区校合作对接会",
};
export const scheduleStateLabels: Record<ScheduleState, string> = { none: "未排程", draft: "排程草稿（仅区科技局可见）", preliminary: "预排", final: "正式" };
export const scheduleStateTone: Record<ScheduleState, Tone> = { none: "neutral", draft: "neutral", preliminary: "info", final: "ok" };
export const participantStatusLabels: Record<ParticipantStatus, string> = { pending: "待审核", validated: "已确认参会", refused: "未通过" };
export const participantStatusTone: Record<ParticipantStatus, Tone> = { pending: "warn", validated: "ok", refused: "danger" };
export const requestStatusLabels: Record<EffectiveRequestStatus, string> = { pending: "待回复", accepted: "已接受", declined: "已婉拒", withdrawn: "已撤回", expired: "已过期" };
export const requestStatusTone: Record<EffectiveRequestStatus, Tone> = { pending: "warn", accepted: "ok", declined: "danger", withdrawn: "neutral", expired: "neutral" };
export const meetingRatingLabels: Record<MeetingRating, string> = { not_held: "未进行", low_interest: "兴趣不足", useful_no_deal: "有收获但暂无合作", potential: "有合作可能" };
export const meetingSourceLabels: Record<MeetingSource, string> = { request: "双方约谈", match: "平台推荐" };

export const deliveryLabels: Record<NoticeDelivery, string> = {
  immediately: "立即发送邮件",
  digest: "每日摘要",
  site: "仅站内",
};

// ---- 技术合同 ----
export const contractTypeLabels: Record<ContractType, string> = {
  development: "技术开发",
  transfer: "技术转让",
  license: "技术许可",
  consulting: "技术咨询",
  service: "技术服务",
};
export const contractSubtypeLabels: Record<ContractSubtype, string> = {
  commissioned: "委托开发",
  cooperative: "合作开发",
  patent_right: "专利权转让",
  patent_application: "专利申请权转让",
  know_how: "技术秘密转让",
  patent_license: "专利实施许可",
  know_how_license: "技术秘密使用许可",
  consulting: "技术咨询",
  service: "技术服务",
  intermediary: "技术中介",
  training: "技术培训",
};
export const partyKindLabels: Record<PartyKind, string> = { enterprise: "企业", university: "高校", institute: "科研院所", other: "其他" };
export const paymentLabels: Record<Payment, string> = {
  lump_sum: "一次总付",
  installments: "分期支付",
  royalty: "提成支付",
  mixed: "入门费加提成",
  other: "其他",
};
export const flowLabels: Record<Flow, string> = {
  output: "输出（卖方在利州区）",
  absorb: "吸纳（买方在利州区）",
  both: "区内（双方均在利州区）",
  neither: "区外（双方均不在利州区）",
};
export const flowShortLabels: Record<Flow, string> = { output: "输出", absorb: "吸纳", both: "区内", neither: "区外" };
export const contractStatusLabels: Record<ContractStatus, string> = { registered: "已登记", amended: "已更正", cancelled: "已撤销" };
export const originKindLabels: Record<OriginKind, string> = { challenge: "揭榜挂帅", meeting: "对接会", result: "科技成果", none: "其他渠道" };
export const amountBasisLabels: Record<AmountBasis, string> = { tech: "技术交易额", total: "合同成交额" };

// ---- 中选公示 ----
export const awardStateLabels: Record<AwardState, string> = {
  open: "公示中",
  ended: "公示期满",
  objections: "异议处理中",
  revoked: "已撤销",
};
export const awardStateTone: Record<AwardState, Tone> = { open: "info", ended: "ok", objections: "warn", revoked: "danger" };

export const objectionStatusLabels: Record<ObjectionStatus, string> = {
  pending: "待处理",
  dismissed: "已驳回",
  upheld: "异议成立",
  closed: "公示已撤销，无需处理",
};
