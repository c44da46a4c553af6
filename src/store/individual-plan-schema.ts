/** Table types of the individual plan and guidance log (migration 0140-individual-plan). */
import type { Generated } from 'kysely';

export interface PersonPlanVersionTable {
  id: Generated<number>;
  person_id: string;
  version: number;
  plan_sealed: string;
  source: string;
  saved_at: string;
  saved_by: string;
}

export interface PersonNoteTable {
  id: string;
  person_id: string;
  text_sealed: string;
  author: string;
  at: string;
  follow_up_on: string | null;
  follow_up_done_at: string | null;
}

/** A saved incentive ladder of an organisation (migration 0141-incentive-ladder). */
export interface LadderVersionTable {
  id: Generated<number>;
  organisation_id: string;
  /** The day (YYYY-MM-DD) from which it applies. */
  valid_from: string;
  ladder_json: string;
  saved_by: string;
  saved_at: string;
}

/** A level a case worker confirmed for a person (0141). */
export interface PersonLadderStepTable {
  id: Generated<number>;
  person_id: string;
  level: number;
  level_name: string;
  ladder_version_id: number;
  confirmed_by: string;
  confirmed_at: string;
}

/** A caseload reminder sent to a case worker on a Swedish day (migration 0150-caseload-reminder). */
export interface CaseloadReminderTable {
  user_id: string;
  day: string;
  sent_at: string;
}
