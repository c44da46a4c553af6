/** Table types of the Plan module (migration 0040-plan). JSON columns are text holding JSON. */
import type { Generated } from 'kysely';

export type PlanStatus = 'draft' | 'adopted' | 'superseded';
export type PeriodKind = 'ar' | 'halvar' | 'tertial' | 'kvartal' | 'manad';
export type TrendMethod = 'regression' | 'baseline_latest' | 'last_two';
export type ActionStatus = 'ej_paborjad' | 'paborjad' | 'forsenad' | 'genomford' | 'avford';
export type FollowupState = 'draft' | 'ready' | 'approved';
export type FollowupItemKind = 'node' | 'indicator' | 'action';

export interface PlanTable {
  id: Generated<number>;
  organisation_id: string;
  lineage: string;
  version: number;
  status: PlanStatus;
  title: string;
  /** The kommun whose Kolada values indicators read unless they name another. */
  municipality_id: string;
  vision: string | null;
  /** JSON {body, date, reference}. */
  decision: string | null;
  /** JSON {url, title, licence_basis, retrieved}. */
  source: string | null;
  period_kind: PeriodKind;
  period_from: number;
  period_to: number;
  /** JSON DeadlineRule. */
  deadline_rule: string;
  is_public: number;
  created_at: string;
  adopted_at: string | null;
}

export interface PlanVerdictLevelTable {
  plan_id: number;
  key: string;
  position: number;
  label: string;
  icon: string;
  colour: string | null;
  is_missing: number;
}

export interface PlanNodeTable {
  id: Generated<number>;
  plan_id: number;
  parent_id: number | null;
  lineage: string;
  position: number;
  code: string | null;
  type: string;
  title: string;
  description: string | null;
  responsible: string | null;
}

export interface PlanIndicatorTable {
  id: Generated<number>;
  plan_id: number;
  node_id: number;
  lineage: string;
  position: number;
  code: string | null;
  title: string;
  direction: 'higher' | 'lower' | 'neither';
  unit: string | null;
  kpi_id: string | null;
  municipality_id: string | null;
  gender: 'T' | 'K' | 'M' | null;
  baseline_period: string | null;
  baseline_value: number | null;
  trend_method: TrendMethod;
  trend_from: string | null;
  compare_with: string | null;
  compare_group: string | null;
  /** JSON: figures as the municipality published them, by series (T, K, M, riket) and period. */
  published: string | null;
}

export interface PlanIndicatorTargetTable {
  indicator_id: number;
  period: string;
  value: number;
}

export interface PlanIndicatorValueTable {
  indicator_id: number;
  period: string;
  gender: 'T' | 'K' | 'M';
  value: number;
  changed_at: string;
  changed_by: string;
}

export interface PlanActionTable {
  id: Generated<number>;
  plan_id: number;
  node_id: number;
  lineage: string;
  position: number;
  code: string | null;
  title: string;
  responsible: string | null;
  start: string | null;
  due: string | null;
  status: ActionStatus;
  progress: number | null;
  origin: string | null;
}

export interface PlanFollowupTable {
  plan_id: number;
  item_kind: FollowupItemKind;
  item_id: number;
  period: string;
  verdict: string | null;
  action_status: ActionStatus | null;
  progress: number | null;
  trend_override: string | null;
  override_reason: string | null;
  comment: string | null;
  state: FollowupState;
  updated_by: string;
  updated_at: string;
  ready_by: string | null;
  ready_at: string | null;
  approved_by: string | null;
  approved_at: string | null;
}

export interface PlanFollowupChangeTable {
  id: Generated<number>;
  plan_id: number;
  item_kind: FollowupItemKind;
  item_id: number;
  period: string;
  changed_by: string;
  changed_at: string;
  before: string | null;
  after: string;
}

/** A user assigned to report on a node and what lies below it (migration 0041-plan-reporter). */
export interface PlanNodeReporterTable {
  plan_id: number;
  node_id: number;
  user_id: string;
  assigned_by: string;
  assigned_at: string;
}

export interface PlanReminderTable {
  plan_id: number;
  period: string;
  kind: string;
  recipient: string;
  sent_at: string;
}
