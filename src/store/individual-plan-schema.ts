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
