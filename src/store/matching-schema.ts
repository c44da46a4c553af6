/** Table types of matching (migration 0120-matching). */
import type { Generated } from 'kysely';

export interface JobAdTable {
  id: string;
  source: string;
  headline: string;
  text: string;
  occupation_id: string;
  employer: string | null;
  municipality_id: string | null;
  region_id: string | null;
  publication_date: string | null;
  application_deadline: string | null;
  skills_json: string;
  imported_at: string;
}

export interface MatchDecisionTable {
  id: Generated<number>;
  person_id: string;
  kind: string;
  target_id: string;
  action: 'hide' | 'pin';
  reason_sealed: string | null;
  decided_by: string;
  decided_at: string;
}
