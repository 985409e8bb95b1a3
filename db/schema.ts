import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";

/**
 * The typed shape of the SQLite database. Nullable columns are `T | null` (never optional) so a
 * forgotten column is a type error, not a silent NULL. Timestamps are ISO-8601 strings in UTC.
 */
export interface Database {
  organizations: OrganizationTable;
  users: UserTable;
  sessions: SessionTable;
  login_attempts: LoginAttemptTable;
  audit_events: AuditEventTable;
  tech_fields: TechFieldTable;
  focus_fields: FocusFieldTable;
  plan_indicators: PlanIndicatorTable;
}

export type OrgKind = "enterprise" | "university" | "institute" | "service" | "bureau";
export type OrgStatus = "unverified" | "verified" | "rejected";
export type Region = "lizhou" | "guangyuan_other" | "sichuan_other" | "outside";
export type UserRole = "enterprise" | "researcher" | "bureau" | "expert";
export type MembershipStatus = "none" | "pending" | "active" | "rejected";
export type OrgRole = "admin" | "member";

export interface OrganizationTable {
  id: Generated<number>;
  name: string;
  kind: OrgKind;
  credit_code: string;
  region: Region;
  address: string | null;
  intro: string | null;
  contact_name: string;
  contact_phone: string;
  contact_email: string | null;
  status: ColumnType<OrgStatus, OrgStatus | undefined, OrgStatus>;
  review_note: string | null;
  reviewed_at: string | null;
  reviewed_by: number | null;
  is_demo: ColumnType<number, number | undefined, number>;
  created_at: string;
  updated_at: string;
}

export interface UserTable {
  id: Generated<number>;
  name: string;
  email: string | null;
  mobile: string | null;
  password_hash: string;
  role: UserRole;
  org_id: number | null;
  org_role: OrgRole | null;
  membership_status: ColumnType<MembershipStatus, MembershipStatus | undefined, MembershipStatus>;
  membership_note: string | null;
  is_demo: ColumnType<number, number | undefined, number>;
  created_at: string;
}

export interface SessionTable {
  /** SHA-256 of the cookie token: a stolen database does not yield usable cookies. */
  id: string;
  user_id: number;
  created_at: string;
  expires_at: string;
  user_agent: string | null;
}

export interface LoginAttemptTable {
  /** The normalised account identifier that was tried (known or not). */
  account: string;
  failures: number;
  window_started_at: string;
  locked_until: string | null;
}

/** Who did what to which record, from which state to which, and why. Shared by every workflow. */
export interface AuditEventTable {
  id: Generated<number>;
  entity: string;
  entity_id: number;
  action: string;
  from_state: string | null;
  to_state: string | null;
  reason: string | null;
  actor_id: number | null;
  created_at: string;
}

export interface TechFieldTable {
  code: string;
  name: string;
  sort: number;
}

export interface FocusFieldTable {
  id: Generated<number>;
  name: string;
  sector: "工业" | "农业" | "民生";
  field_code: string;
  sort: number;
}

export interface PlanIndicatorTable {
  id: number;
  name: string;
  unit: string;
  v2020: string | null;
  v2025: string;
  v2035: string;
  nature: string;
  doubling: number;
}

export type Organization = Selectable<OrganizationTable>;
export type NewOrganization = Insertable<OrganizationTable>;
export type OrganizationUpdate = Updateable<OrganizationTable>;
export type User = Selectable<UserTable>;
export type NewUser = Insertable<UserTable>;
