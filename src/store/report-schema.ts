/** Table types of Plan's follow-up reports (migration 0080-plan-report). */
import type { Generated } from 'kysely';

export type ReportState = 'draft' | 'activated' | 'approved' | 'frozen';

export interface PlanReportTemplateTable {
  plan_id: number;
  /** JSON: {sections: [...]} (src/domain/plan/reports/report-template.ts). */
  template: string;
  updated_by: string;
  updated_at: string;
}

export interface PlanReportTable {
  id: Generated<number>;
  plan_id: number;
  organisation_id: string;
  period: string;
  /** 'plan' (the whole plan) or a goal's node id. */
  scope: string;
  lang: string;
  version: number;
  state: ReportState;
  template: string;
  created_by: string;
  created_at: string;
  activated_by: string | null;
  activated_at: string | null;
  approved_by: string | null;
  approved_at: string | null;
  frozen_by: string | null;
  frozen_at: string | null;
  /** JSON of the frozen content (every value, verdict, comment and chart as reported); null before. */
  snapshot: string | null;
}

export interface PlanReportFileTable {
  report_id: number;
  format: string;
  content: Uint8Array;
  sha256: string;
  bytes: number;
}
