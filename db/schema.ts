import type { ColumnType, Generated, Selectable } from "kysely";
import type * as V from "./vocabulary";

/**
 * The typed shape of the SQLite database. Nullable columns are `T | null` (never optional) so a
 * forgotten column is a type error, not a silent NULL. Timestamps are ISO-8601 strings in UTC.
 */
export interface Database {
  organizations: OrganizationTable;
  users: UserTable;
  sessions: SessionTable;
  rate_limits: RateLimitTable;
  audit_events: AuditEventTable;
  tech_fields: TechFieldTable;
  focus_fields: FocusFieldTable;
  plan_indicators: PlanIndicatorTable;
  challenges: ChallengeTable;
  challenge_experts: ChallengeExpertTable;
  bids: BidTable;
  bid_scores: BidScoreTable;
  milestones: MilestoneTable;
  milestone_reports: MilestoneReportTable;
  notifications: NotificationTable;
  results: ResultTable;
  result_patents: ResultPatentTable;
  researcher_profiles: ResearcherProfileTable;
  result_interests: ResultInterestTable;
  interest_messages: InterestMessageTable;
  search_docs: SearchDocTable;
  search_terms: SearchTermsTable;
  search_fts: SearchFtsTable;
  search_outbox: SearchOutboxTable;
  form_submissions: FormSubmissionTable;
  public_snapshots: PublicSnapshotTable;
  challenge_follows: ChallengeFollowTable;
  events: EventTable;
  event_blocks: EventBlockTable;
  event_participants: EventParticipantTable;
  event_representatives: EventRepresentativeTable;
  event_unavailable: EventUnavailableTable;
  meeting_requests: MeetingRequestTable;
  meetings: MeetingTable;
  schedule_unplaced: ScheduleUnplacedTable;
  meeting_ratings: MeetingRatingTable;
  meeting_followups: MeetingFollowUpTable;
  contracts: ContractTable;
  contract_revisions: ContractRevisionTable;
  contract_rollup: ContractRollupTable;
  contract_seller_rollup: ContractSellerRollupTable;
  contract_settings: ContractSettingsTable;
  indicator_actuals: IndicatorActualTable;
  award_settings: AwardSettingsTable;
  award_notices: AwardNoticeTable;
  award_objections: AwardObjectionTable;
  documents: DocumentTable;
  mail_outbox: MailOutboxTable;
  account_tokens: AccountTokenTable;
  notice_preferences: NoticePreferenceTable;
  digest_runs: DigestRunTable;
  site_secrets: SiteSecretTable;
  scheduler_runs: SchedulerRunTable;
  synonym_groups: SynonymGroupTable;
  synonyms: SynonymTable;
}

// Column types of closed sets derive from db/vocabulary.ts (Decision 50).
export type OrgKind = (typeof V.ORG_KINDS)[number];
export type OrgStatus = (typeof V.ORG_STATUSES)[number];
export type Region = (typeof V.REGIONS)[number];
export type UserRole = (typeof V.USER_ROLES)[number];
export type MembershipStatus = (typeof V.MEMBERSHIP_STATUSES)[number];
export type OrgRole = (typeof V.ORG_ROLES)[number];
export type Sector = (typeof V.SECTORS)[number];

export interface OrganizationTable {
  id: Generated<number>;
  name: string;
  /** nameKey(name): unique, so a look-alike of a registered name is refused. Null only for rows that already collided when keys were introduced (migration 0011). */
  name_key: string | null;
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
  /** When a mailed link proved the address (migration 0022); null: not proven, no notice mail. */
  email_verified_at: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface SessionTable {
  /** SHA-256 of the cookie token: a stolen database does not yield usable cookies. */
  id: string;
  user_id: number;
  created_at: string;
  expires_at: string;
  user_agent: string | null;
}

/** rate-limiter-flexible's SQLite store (sign-in and registration limits); the library writes it. */
export interface RateLimitTable {
  /** The limiter's prefix and its key, e.g. "signin_account:email:a@b.cn". */
  key: string;
  points: Generated<number>;
  /** End of the window in epoch milliseconds (the library's clock), null for no expiry. */
  expire: number | null;
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
  /** An amount the step recorded (签约 合同金额, 兑现金额), in 分; never written into `reason`. */
  amount_fen: number | null;
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
  sector: Sector;
  field_code: string;
  sort: number;
  /** Stable 产业领域 code (GY04 = 食品饮料); records carry it as industry_code. */
  code: string;
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

export type User = Selectable<UserTable>;

export type ChallengeStatus = (typeof V.CHALLENGE_STATUSES)[number];
export type Cooperation = (typeof V.COOPERATIONS)[number];
export type Recommendation = (typeof V.RECOMMENDATIONS)[number];
export type BidStatus = (typeof V.BID_STATUSES)[number];
export type OutcomeReason = (typeof V.OUTCOME_REASONS)[number];
export type AcceptanceLevel = (typeof V.ACCEPTANCE_LEVELS)[number];
export type ReportDecision = (typeof V.REPORT_DECISIONS)[number];

export interface ChallengeTable {
  id: Generated<number>;
  org_id: number;
  created_by: number;
  title: string;
  field_code: string;
  /** 产业领域 (focus_fields.code), optional. */
  industry_code: ColumnType<string | null, string | null | undefined, string | null>;
  /** Keywords joined by "、". */
  keywords: string;
  /** 公开摘要: what anonymous visitors see of a published challenge. */
  summary: string;
  difficulties: string;
  indicators: string;
  research_content: string;
  /** 榜额 in 分; 0 means 面议. */
  bounty_fen: number;
  investment_fen: number | null;
  /** 揭榜截止, ISO instant; set when the bureau publishes. */
  deadline: string | null;
  duration_months: number;
  eligibility: string;
  cooperation: Cooperation;
  status: ChallengeStatus;
  status_reason: string | null;
  version: ColumnType<number, number | undefined, number>;
  winner_bid_id: number | null;
  signed_on: string | null;
  contract_amount_fen: number | null;
  owner_confirmed_on: string | null;
  acceptance_score: number | null;
  acceptance_level: AcceptanceLevel | null;
  accepted_on: string | null;
  paid_on: string | null;
  paid_amount_fen: number | null;
  contract_record_id: number | null;
  created_at: string;
  updated_at: string;
  published_at: string | null;
}

export interface ChallengeExpertTable {
  challenge_id: number;
  expert_id: number;
  assigned_by: number;
  assigned_at: string;
  opinion: string | null;
  recommendation: Recommendation | null;
  opinion_at: string | null;
}

export interface BidTable {
  id: Generated<number>;
  challenge_id: number;
  org_id: number;
  submitted_by: number;
  leader_name: string;
  solution: string;
  team: string;
  price_fen: number;
  duration_months: number;
  milestone_plan: string;
  ownership_confirmed: number;
  status: BidStatus;
  outcome_reason: OutcomeReason | null;
  outcome_note: string | null;
  version: ColumnType<number, number | undefined, number>;
  created_at: string;
  updated_at: string;
}

export interface BidScoreTable {
  bid_id: number;
  expert_id: number;
  advanced: number;
  feasibility: number;
  team: number;
  price: number;
  comment: string | null;
  scored_at: string;
}

export interface MilestoneTable {
  id: Generated<number>;
  challenge_id: number;
  title: string;
  due_on: string;
  updated_at: string;
}
export type Milestone = Selectable<MilestoneTable>;

/** One submission of a milestone's report by the winning team, and the enterprise's decision on it. */
export interface MilestoneReportTable {
  id: Generated<number>;
  milestone_id: number;
  /** Null only for reports carried over by migration 0016. */
  submitted_by: number | null;
  text: string;
  /** 提前完成说明: required when the report comes well before the due date. */
  early_note: string | null;
  submitted_at: string;
  decision: ReportDecision | null;
  decided_by: number | null;
  decided_at: string | null;
  return_reason: string | null;
}
export type MilestoneReport = Selectable<MilestoneReportTable>;

export interface NotificationTable {
  id: Generated<number>;
  user_id: number;
  kind: string;
  title: string;
  body: string | null;
  link: string | null;
  dedupe_key: string | null;
  created_at: string;
  read_at: string | null;
}

export type Challenge = Selectable<ChallengeTable>;

export type ResultStatus = (typeof V.RESULT_STATUSES)[number];
export type TransferMode = (typeof V.TRANSFER_MODES)[number];
export type PatentKind = (typeof V.PATENT_KINDS)[number];
export type PatentStatus = (typeof V.PATENT_STATUSES)[number];
export type ExpertStatus = (typeof V.EXPERT_STATUSES)[number];

export interface ResultTable {
  id: Generated<number>;
  org_id: number;
  created_by: number;
  title: string;
  abstract: string;
  field_code: string;
  /** 产业领域 (focus_fields.code), optional. */
  industry_code: ColumnType<string | null, string | null | undefined, string | null>;
  /** Keywords joined by "、". */
  keywords: string;
  /** 成熟度, Technology Readiness Level 1–9. */
  trl: number;
  /** TransferMode values joined by ",". */
  transfer_modes: string;
  /** 参考价格 in 分; null = 面议. */
  price_fen: number | null;
  team: string;
  contact_name: string;
  contact_phone: string;
  contact_email: string | null;
  status: ResultStatus;
  version: ColumnType<number, number | undefined, number>;
  created_at: string;
  updated_at: string;
  published_at: string | null;
}

export interface ResultPatentTable {
  id: Generated<number>;
  result_id: number;
  number: string;
  kind: PatentKind;
  status: PatentStatus;
  sort: number;
}

export interface ResearcherProfileTable {
  user_id: number;
  /** 职称 */
  title: string;
  field_codes: string;
  keywords: string;
  bio: string | null;
  achievements: string | null;
  patents: string | null;
  contact_phone: string | null;
  contact_email: string | null;
  expert_status: ColumnType<ExpertStatus, ExpertStatus | undefined, ExpertStatus>;
  expert_note: string | null;
  updated_at: string;
}

export interface ResultInterestTable {
  id: Generated<number>;
  result_id: number;
  org_id: number;
  user_id: number;
  created_at: string;
}

export interface InterestMessageTable {
  id: Generated<number>;
  interest_id: number;
  author_id: number;
  body: string;
  created_at: string;
}

export type DocKind = (typeof V.DOC_KINDS)[number];

export interface SearchDocTable {
  /** "challenge:12", "result:3", "expert:21" */
  doc_key: string;
  kind: DocKind;
  ref_id: number;
  title: string;
  field_code: string | null;
  industry_code: ColumnType<string | null, string | null | undefined, string | null>;
  status: string | null;
  trl: number | null;
  /** 榜额 or 参考价格 in 分. */
  amount_fen: number | null;
  org_name: string;
  /** The organisation's region. */
  region: ColumnType<Region | null, Region | null | undefined, Region | null>;
  updated_at: string;
}

/** A search document's extracted terms; `id` is its search_docs rowid. */
export interface SearchTermsTable {
  id: number;
  /** JSON [[term, weight], …], best first. */
  terms: string;
}

/** FTS5 virtual table: text columns hold jieba tokens joined by U+200B (a separator FTS5 ignores, invisible on screen). */
export interface SearchFtsTable {
  rowid: Generated<number>;
  doc_key: string;
  title: string;
  body: string;
  subwords: string;
}

export interface SearchOutboxTable {
  id: Generated<number>;
  doc_key: string;
  /** The document as JSON, or null to delete it. */
  document: string | null;
  created_at: string;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: string;
  last_error: string | null;
  /** The relay run that holds this row (a random token), or null. */
  claimed_by: ColumnType<string | null, string | null | undefined, string | null>;
  /** Until when that claim holds (ISO, UTC); a dead run's rows come back after it. */
  claimed_until: ColumnType<string | null, string | null | undefined, string | null>;
}

export type EventKind = (typeof V.EVENT_KINDS)[number];
export type SlotMinutes = (typeof V.SLOT_MINUTES)[number];
export type ScheduleState = (typeof V.SCHEDULE_STATES)[number];
export type ParticipantStatus = (typeof V.PARTICIPANT_STATUSES)[number];
export type MeetingRequestStatus = (typeof V.MEETING_REQUEST_STATUSES)[number];
export type MeetingSource = (typeof V.MEETING_SOURCES)[number];
export type MeetingStatus = (typeof V.MEETING_STATUSES)[number];
export type MeetingRating = (typeof V.MEETING_RATINGS)[number];
export type FollowUpMonths = (typeof V.FOLLOW_UP_MONTHS)[number];
export type FollowUpAnswer = (typeof V.FOLLOW_UP_ANSWERS)[number];

export interface EventTable {
  id: Generated<number>;
  kind: EventKind;
  title: string;
  description: string;
  venue: string;
  /** The day in 北京时间, YYYY-MM-DD. */
  event_date: string;
  registration_opens_at: string;
  registration_closes_at: string;
  booking_opens_at: string;
  booking_closes_at: string;
  slot_minutes: number;
  tables_count: number;
  /** Cap on meetings per participant. */
  max_meetings: number;
  request_expiry_hours: number;
  schedule_state: ColumnType<ScheduleState, ScheduleState | undefined, ScheduleState>;
  created_by: number;
  created_at: string;
  updated_at: string;
}

/** A meeting block in minutes after midnight (北京时间) of the event day. */
export interface EventBlockTable {
  id: Generated<number>;
  event_id: number;
  start_min: number;
  end_min: number;
}

export interface EventParticipantTable {
  id: Generated<number>;
  event_id: number;
  org_id: number;
  registered_by: number;
  status: ParticipantStatus;
  status_reason: string | null;
  checked_in_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface EventRepresentativeTable {
  id: Generated<number>;
  participant_id: number;
  name: string;
  title: string;
  sort: number;
}

export interface EventUnavailableTable {
  participant_id: number;
  start_min: number;
}

export interface MeetingRequestTable {
  id: Generated<number>;
  event_id: number;
  from_participant_id: number;
  to_participant_id: number;
  message: string;
  status: MeetingRequestStatus;
  reason: string | null;
  created_by: number;
  answered_by: number | null;
  created_at: string;
  expires_at: string;
  answered_at: string | null;
  /** "smaller:larger" participant id while the request is open (migration 0025: one open request per pair). */
  open_pair: string | null;
}

export interface MeetingTable {
  id: Generated<number>;
  event_id: number;
  a_participant_id: number;
  b_participant_id: number;
  request_id: number | null;
  source: MeetingSource;
  /** Match value 0–100 (accepted requests carry their pair's score too). */
  score: number;
  start_min: number;
  table_no: number;
  status: MeetingStatus;
  cancel_reason: string | null;
  created_at: string;
  updated_at: string;
}

export interface ScheduleUnplacedTable {
  id: Generated<number>;
  event_id: number;
  a_participant_id: number;
  b_participant_id: number;
  source: MeetingSource;
  score: number;
  reason: string;
}

export interface MeetingRatingTable {
  meeting_id: number;
  participant_id: number;
  rating: MeetingRating;
  note: string | null;
  rated_by: number;
  rated_at: string;
}

export interface MeetingFollowUpTable {
  id: Generated<number>;
  meeting_id: number;
  participant_id: number;
  months: FollowUpMonths;
  answer: FollowUpAnswer;
  /** 技术合同登记号 (as contracts.reg_no), 16 digits, when a contract followed. */
  reg_no: string | null;
  /** The contracts row, once linked (see linkFollowUpToContract). */
  contract_id: number | null;
  note: string | null;
  answered_by: number;
  answered_at: string;
}

export type ContractType = (typeof V.CONTRACT_TYPES)[number];
export type ContractSubtype = (typeof V.CONTRACT_SUBTYPES)[number];
export type PartyKind = (typeof V.PARTY_KINDS)[number];
export type Payment = (typeof V.PAYMENTS)[number];
export type Flow = (typeof V.FLOWS)[number];
export type OriginKind = (typeof V.ORIGIN_KINDS)[number];
export type ContractStatus = (typeof V.CONTRACT_STATUSES)[number];
export type RevisionAction = (typeof V.REVISION_ACTIONS)[number];
export type AmountBasis = (typeof V.AMOUNT_BASES)[number];

/** 技术合同登记: one row per 登记号; amended in place (history in contract_revisions), never deleted. */
export interface ContractTable {
  id: Generated<number>;
  reg_no: string;
  title: string;
  type: ContractType;
  subtype: ContractSubtype;
  signed_on: string;
  registered_on: string;
  reg_year: number;
  valid_from: string;
  valid_until: string;
  seller_org_id: number | null;
  seller_name: string;
  seller_credit_code: string;
  seller_region: Region;
  seller_kind: PartyKind;
  buyer_org_id: number | null;
  buyer_name: string;
  buyer_credit_code: string;
  buyer_region: Region;
  buyer_kind: PartyKind;
  total_fen: number;
  tech_fen: number;
  non_tech_items: string;
  field_code: string;
  /** 产业领域 (focus_fields.code), optional. */
  industry_code: ColumnType<string | null, string | null | undefined, string | null>;
  payment: Payment;
  flow: Flow;
  origin_challenge_id: number | null;
  origin_bid_id: number | null;
  origin_result_id: number | null;
  /** Issue 7's event meetings link here (no foreign key yet). */
  origin_meeting_id: number | null;
  origin_kind: OriginKind;
  status: ContractStatus;
  cancel_reason: string | null;
  version: ColumnType<number, number | undefined, number>;
  created_by: number;
  created_at: string;
  updated_at: string;
}

export type Contract = Selectable<ContractTable>;

export interface ContractRevisionTable {
  id: Generated<number>;
  contract_id: number;
  action: RevisionAction;
  reason: string | null;
  before_json: string | null;
  after_json: string;
  actor_id: number;
  created_at: string;
}

export interface ContractRollupTable {
  reg_year: number;
  flow: Flow;
  type: ContractType;
  field_code: string;
  /** '' = 未标注. */
  industry_code: string;
  seller_kind: PartyKind;
  origin_kind: OriginKind;
  n: number;
  total_fen: number;
  tech_fen: number;
}

export interface ContractSellerRollupTable {
  reg_year: number;
  flow: Flow;
  /** "org:12" for a seeded organisation, "cc:<统一社会信用代码>" for an external party. */
  seller_key: string;
  seller_name: string;
  seller_kind: PartyKind;
  n: number;
  total_fen: number;
  tech_fen: number;
}

export interface ContractSettingsTable {
  id: number;
  amount_basis: AmountBasis;
  flows: string;
  updated_by: number | null;
  updated_at: string;
}

export interface IndicatorActualTable {
  indicator_id: number;
  year: number;
  value: string;
  note: string | null;
  updated_by: number;
  updated_at: string;
}

/** A form's idempotency key per user, and where its first submission led (null while in progress). */
export interface FormSubmissionTable {
  user_id: number;
  form_key: string;
  created_at: string;
  result: string | null;
}

/** A published state of the public dashboard (issue 12 §5): the public never reads live figures. */
export interface PublicSnapshotTable {
  id: Generated<number>;
  published_at: string;
  published_by: number;
  revision_mark: number;
  public_json: string;
  blocks_json: string;
}

/** A person following (关注) a published 榜单: told when its deadline changes (issue 13 §4). */
export interface ChallengeFollowTable {
  challenge_id: number;
  user_id: number;
  created_at: string;
}

/** The bureau's 中选公示 setting (one row): how many working days objections are accepted. */
export interface AwardSettingsTable {
  id: number;
  objection_days: number;
  updated_by: number | null;
  updated_at: string | null;
}

/** 中选公示: published at 定榜, revoked when an objection is upheld (migration 0015). */
export interface AwardNoticeTable {
  id: Generated<number>;
  challenge_id: number;
  bid_id: number;
  org_id: number;
  leader_name: string;
  published_at: string;
  objection_days: number;
  /** The first instant after the objection period (北京 midnight after its last working day). */
  period_ends_at: string;
  status: AwardNoticeStatus;
  revoked_reason: string | null;
  revoked_at: string | null;
  created_by: number;
}
export type AwardNotice = Selectable<AwardNoticeTable>;
export type AwardNoticeStatus = (typeof V.AWARD_NOTICE_STATUSES)[number];

export type ObjectionStatus = (typeof V.OBJECTION_STATUSES)[number];

/** 异议 against a 公示: read by the bureau and the objector's own organisation only. */
export interface AwardObjectionTable {
  id: Generated<number>;
  award_id: number;
  org_id: number;
  user_id: number;
  reasons: string;
  status: ObjectionStatus;
  decision_reason: string | null;
  decided_by: number | null;
  decided_at: string | null;
  created_at: string;
}
/** The record kinds documents attach to (app/files/kinds.server.ts says who reads each). */
export type DocumentRecordKind = (typeof V.DOCUMENT_RECORD_KINDS)[number];

/** An uploaded file (issue 13 §1): bytes in the file store under `hash`, staged while record_kind is null. */
export interface DocumentTable {
  id: Generated<number>;
  hash: string;
  size: number;
  /** Detected from the bytes; sets Content-Type on download. */
  mime: string;
  /** The uploader's name for it, sanitised. */
  name: string;
  uploaded_by: number;
  org_id: number | null;
  created_at: string;
  record_kind: DocumentRecordKind | null;
  record_id: number | null;
  /** 需求说明, 申报书, … (the slot's label). */
  purpose: string | null;
  confidential: ColumnType<number, number | undefined, number>;
  attached_at: string | null;
  removed_at: string | null;
  removed_by: number | null;
}

export type Document = Selectable<DocumentTable>;

/** E-mail waiting to be sent, or sent (issue 14 §3, migration 0019); written in the change's transaction. */
export interface MailOutboxTable {
  id: Generated<number>;
  to_address: string;
  user_id: number | null;
  kind: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  attachments: string | null;
  created_at: string;
  next_attempt_at: string;
  attempts: ColumnType<number, number | undefined, number>;
  claimed_by: string | null;
  claimed_until: string | null;
  sent_at: string | null;
  failed_at: string | null;
  last_error: string | null;
  /** JSON object of extra headers (migration 0021). */
  headers: ColumnType<string | null, string | null | undefined, string | null>;
}

export type NoticeDelivery = (typeof V.NOTICE_DELIVERIES)[number];

/** A person's choice for one category of notice (migration 0021); absent rows mean the default. */
export interface NoticePreferenceTable {
  user_id: number;
  category: string;
  delivery: NoticeDelivery;
  updated_at: string;
}

/** The claim on one person's daily digest for one 北京时间 day (migration 0021). */
export interface DigestRunTable {
  user_id: number;
  day: string;
  notice_count: number;
  created_at: string;
}

export interface SiteSecretTable {
  name: string;
  value: string;
  created_at: string;
}

export type AccountTokenPurpose = (typeof V.ACCOUNT_TOKEN_PURPOSES)[number];

/** A single-use link sent by mail (issue 14 §4, migration 0022); only the token's SHA-256 is kept. */
export interface AccountTokenTable {
  id: Generated<number>;
  user_id: number;
  purpose: AccountTokenPurpose;
  token_hash: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

/** The lease of one scheduled job (migration 0020): several server processes, one run at a time. */
export interface SchedulerRunTable {
  job: string;
  lease_until: string | null;
  holder: string | null;
  last_started_at: string | null;
  last_finished_at: string | null;
  last_error: string | null;
}

/** A group of words that mean one thing to the search (同义词, editable by the bureau). */
export interface SynonymGroupTable {
  id: Generated<number>;
  updated_at: string;
  updated_by: number | null;
}

export interface SynonymTable {
  word: string;
  group_id: number;
}
