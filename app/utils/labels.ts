import type { MembershipStatus, OrgKind, OrgStatus, Region, UserRole } from "../../db/schema";

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

export const membershipLabels: Record<MembershipStatus, string> = {
  none: "未加入机构",
  pending: "待机构管理员审核",
  active: "已加入",
  rejected: "加入申请未通过",
};

/** Which organisation kinds a role may belong to: a researcher works at a 高校 or 院所, and so on. */
export const orgKindsForRole: Record<UserRole, OrgKind[]> = {
  enterprise: ["enterprise", "service"],
  researcher: ["university", "institute"],
  expert: ["university", "institute", "enterprise", "service"],
  bureau: ["bureau"],
};

/** Organisation kinds a person may create when registering; the bureau exists once and is seeded. */
export const CREATABLE_KINDS = ["enterprise", "university", "institute", "service"] as const;
export const REGIONS = ["lizhou", "guangyuan_other", "sichuan_other", "outside"] as const;
export const ROLES = ["enterprise", "researcher", "expert", "bureau"] as const;
