/** Table types for Kysely. Booleans are stored as 0/1 integers so both backends behave identically. */
import type { Generated } from 'kysely';
import type {
  DialogueBallotTable,
  DialogueCodeTable,
  DialogueDotTable,
  DialogueIdeaActionTable,
  DialogueIdeaTable,
  DialoguePairVoteTable,
  DialoguePhaseTable,
  DialogueRoundTable,
  DialogueTable,
} from './dialogue-schema.js';
import type {
  CaseloadReminderTable,
  LadderVersionTable,
  PersonLadderStepTable,
  PersonNoteTable,
  PersonPlanVersionTable,
} from './individual-plan-schema.js';
import type { JobAdTable, MatchDecisionTable } from './matching-schema.js';
import type {
  PlanActionTable,
  PlanFollowupChangeTable,
  PlanFollowupTable,
  PlanIndicatorTable,
  PlanIndicatorTargetTable,
  PlanIndicatorValueTable,
  PlanNodeReporterTable,
  PlanNodeTable,
  PlanReminderTable,
  PlanTable,
  PlanVerdictLevelTable,
} from './plan-schema.js';
import type {
  OutcomeEventTable,
  PersonAccessCodeTable,
  PersonAccessGrantTable,
  PersonCaseworkerTable,
  PersonConsentTable,
  PersonInventorySectionTable,
  PersonInventoryTable,
  PersonOutcomeTable,
  PersonTable,
  ProcessSettingTable,
} from './process-schema.js';
import type { PlanReportFileTable, PlanReportTable, PlanReportTemplateTable } from './report-schema.js';

export type Gender = 'T' | 'K' | 'M';
export type Direction = 'higher' | 'lower' | 'neither';
export type Origin = 'kolada' | 'local' | 'demo';

export interface KpiTable {
  id: string;
  title: string;
  description: string | null;
  is_divided_by_gender: number;
  municipality_type: string | null;
  auspice: string | null;
  operating_area: string | null;
  perspective: string | null;
  prel_publication_date: string | null;
  publication_date: string | null;
  publ_period: string | null;
  has_ou_data: number | null;
  ou_publication_date: string | null;
  direction: Direction | null;
  unit: string | null;
  origin: Origin;
}

export interface KpiGroupTable {
  id: string;
  title: string;
}

export interface KpiGroupMemberTable {
  group_id: string;
  kpi_id: string;
  member_title: string;
  position: number;
}

export interface MunicipalityTable {
  id: string;
  title: string;
  type: string;
}

export interface MunicipalityGroupTable {
  id: string;
  title: string;
}

export interface MunicipalityGroupMemberTable {
  group_id: string;
  municipality_id: string;
  member_title: string;
  position: number;
}

export interface OuTable {
  id: string;
  municipality_id: string;
  title: string;
}

export interface ValueTable {
  kpi_id: string;
  municipality_id: string;
  period: number;
  gender: Gender;
  value: number | null;
  count: number;
  status: string;
  is_deleted: number;
  changed_at: string;
}

export interface OuValueTable {
  kpi_id: string;
  ou_id: string;
  period: number;
  gender: Gender;
  value: number | null;
  count: number;
  status: string;
  is_deleted: number;
  changed_at: string;
}

export interface ImportLogTable {
  id: Generated<number>;
  kind: string;
  source: string;
  started_at: string;
  finished_at: string | null;
  status: string;
  counts: string;
  message: string | null;
}

export interface StoreMetaTable {
  key: string;
  value: string;
}

/** A municipality set whose statistics are precomputed: "K" (all kommuner) or a municipality group id. */
export interface StatisticSetTable {
  id: string;
  kind: 'type' | 'group';
  added_at: string;
}

/**
 * Distribution of one KPI over one municipality set, per year and gender, with every member's rank
 * (Etablera's own computation). `ranking` is JSON `[[municipality id, rank], …]`, highest value first.
 */
export interface KpiStatisticTable {
  kpi_id: string;
  set_id: string;
  period: number;
  gender: Gender;
  n: number;
  missing: number;
  min: number;
  max: number;
  mean: number;
  median: number;
  q1: number;
  q3: number;
  sd: number | null;
  ranking: string;
  computed_at: string;
}

/** Accounts (issue 13). Times are ISO strings; see migrations/0020-accounts.ts. */
export interface OrganisationTable {
  id: string;
  kind: string;
  name: string;
  created_at: string;
}

export interface AppUserTable {
  id: string;
  email: string;
  display_name: string | null;
  password_hash: string | null;
  status: 'active' | 'invited' | 'disabled';
  locale: string | null;
  totp_secret: string | null;
  totp_enabled_at: string | null;
  /** The TOTP time step last used (no code twice). */
  totp_last_step: number | null;
  created_at: string;
  disabled_at: string | null;
}

export interface MembershipTable {
  user_id: string;
  organisation_id: string;
  role: string;
  created_at: string;
}

export interface UserSessionTable {
  id_hash: string;
  user_id: string;
  /** 'full', or 'second-factor' while the TOTP code is still owed. */
  stage: string;
  /** 'password' or 'oidc'. */
  method: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiTokenTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
  last_used_at: string | null;
}

export interface AccountLinkTable {
  code_hash: string;
  user_id: string;
  purpose: 'invitation' | 'reset';
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface RecoveryCodeTable {
  user_id: string;
  code_hash: string;
  used_at: string | null;
}

export interface UserIdentityTable {
  issuer: string;
  subject: string;
  user_id: string;
  created_at: string;
}

export interface SignInThrottleTable {
  key: string;
  failures: number;
  window_started_at: string;
  locked_until: string | null;
}

export type MailState = 'pending' | 'sending' | 'sent' | 'failed';

/** An e-mail waiting to be sent, being sent, sent or given up (migration 0060-mail). */
export interface MailOutboxTable {
  id: Generated<number>;
  purpose: string;
  recipient: string;
  subject: string;
  body_text: string;
  body_html: string;
  state: MailState;
  attempts: Generated<number>;
  created_at: string;
  next_attempt_at: string;
  claimed_by: string | null;
  claimed_until: string | null;
  sent_at: string | null;
  message_id: string | null;
  last_error: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  organisation_id: string | null;
  actor_user_id: string | null;
  actor: string;
  action: string;
  outcome: string;
  target_type: string | null;
  target_id: string | null;
  ip: string | null;
  /** JSON: what happened, e.g. {before, after} for edits. */
  detail: string;
}

export interface Database {
  kpi: KpiTable;
  kpi_group: KpiGroupTable;
  kpi_group_member: KpiGroupMemberTable;
  municipality: MunicipalityTable;
  municipality_group: MunicipalityGroupTable;
  municipality_group_member: MunicipalityGroupMemberTable;
  ou: OuTable;
  value: ValueTable;
  ou_value: OuValueTable;
  import_log: ImportLogTable;
  store_meta: StoreMetaTable;
  statistic_set: StatisticSetTable;
  kpi_statistic: KpiStatisticTable;
  plan: PlanTable;
  plan_verdict_level: PlanVerdictLevelTable;
  plan_node: PlanNodeTable;
  plan_indicator: PlanIndicatorTable;
  plan_indicator_target: PlanIndicatorTargetTable;
  plan_indicator_value: PlanIndicatorValueTable;
  plan_action: PlanActionTable;
  plan_followup: PlanFollowupTable;
  plan_followup_change: PlanFollowupChangeTable;
  plan_reminder: PlanReminderTable;
  plan_node_reporter: PlanNodeReporterTable;
  plan_report_template: PlanReportTemplateTable;
  plan_report: PlanReportTable;
  plan_report_file: PlanReportFileTable;
  dialogue: DialogueTable;
  dialogue_phase: DialoguePhaseTable;
  dialogue_round: DialogueRoundTable;
  dialogue_idea: DialogueIdeaTable;
  dialogue_idea_action: DialogueIdeaActionTable;
  dialogue_code: DialogueCodeTable;
  dialogue_pair_vote: DialoguePairVoteTable;
  dialogue_ballot: DialogueBallotTable;
  dialogue_dot: DialogueDotTable;
  organisation: OrganisationTable;
  app_user: AppUserTable;
  membership: MembershipTable;
  user_session: UserSessionTable;
  api_token: ApiTokenTable;
  account_link: AccountLinkTable;
  recovery_code: RecoveryCodeTable;
  user_identity: UserIdentityTable;
  sign_in_throttle: SignInThrottleTable;
  mail_outbox: MailOutboxTable;
  audit_log: AuditLogTable;
  person: PersonTable;
  person_caseworker: PersonCaseworkerTable;
  person_access_grant: PersonAccessGrantTable;
  person_consent: PersonConsentTable;
  person_inventory: PersonInventoryTable;
  process_setting: ProcessSettingTable;
  person_access_code: PersonAccessCodeTable;
  person_inventory_section: PersonInventorySectionTable;
  job_ad: JobAdTable;
  match_decision: MatchDecisionTable;
  person_plan_version: PersonPlanVersionTable;
  person_note: PersonNoteTable;
  ladder_version: LadderVersionTable;
  person_ladder_step: PersonLadderStepTable;
  caseload_reminder: CaseloadReminderTable;
  person_outcome: PersonOutcomeTable;
  outcome_event: OutcomeEventTable;
}
