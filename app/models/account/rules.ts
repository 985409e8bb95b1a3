import type { OrgKind, UserRole } from "../../../db/schema";

/** Who may register as what and belong where. Client-safe: the registration forms use it too. */

/** Which organisation kinds a role may belong to: a researcher works at a 高校 or 院所, and so on. */
export const orgKindsForRole: Record<UserRole, OrgKind[]> = {
  enterprise: ["enterprise", "service"],
  researcher: ["university", "institute"],
  expert: ["university", "institute", "enterprise", "service"],
  bureau: ["bureau"],
};

/** Organisation kinds a person may create when registering; the bureau exists once and is seeded. */
export const CREATABLE_KINDS = ["enterprise", "university", "institute", "service"] as const satisfies readonly OrgKind[];

/** Roles a person may choose when registering: 专家 is never chosen, the bureau grants it (`decideExpert`, Decision 28). */
export const REGISTRATION_ROLES = ["enterprise", "researcher", "bureau"] as const satisfies readonly UserRole[];
