/** Table types of Process's people (migration 0050-process-people). `*_sealed` columns hold sealed text. */
import type { ColumnType, Generated } from 'kysely';

/** A nullable column an insert may leave out. */
type Optional<T> = ColumnType<T | null, T | null | undefined, T | null>;

export type PersonStatus = 'open' | 'closed';

export interface PersonTable {
  id: string;
  organisation_id: string;
  /** What the audit log names instead of the id (see the migration). */
  audit_ref: string;
  language: string;
  name_sealed: string;
  contact_sealed: string | null;
  /** The person's own account (role newcomer), when they have one. */
  user_id: string | null;
  status: PersonStatus;
  /** Objection/restriction of processing (GDPR art. 18, 21): 1 stops matching and proposals. */
  restricted: number;
  created_at: string;
  closed_at: string | null;
  /** Optional (migration 0160): K, M or declined (vill inte svara); only the own KPIs' K/M split reads it. */
  gender: Optional<PersonGender>;
  /** The pseudonym naming the person in `outcome_event` (0160); null until first derived. */
  outcome_ref: Optional<string>;
}

export type PersonGender = 'K' | 'M' | 'declined';

/** A pseudonymised outcome (migration 0160): no person id, no day, no content. */
export interface OutcomeEventTable {
  subject: string;
  organisation_id: string;
  /** K, M or U (not known or declined). */
  gender: string;
  kind: string;
  /** YYYY-MM */
  month: string;
  detail: number;
}

export interface PersonCaseworkerTable {
  person_id: string;
  user_id: string;
  assigned_at: string;
}

export interface PersonAccessGrantTable {
  id: Generated<number>;
  person_id: string;
  user_id: string;
  reason_sealed: string;
  granted_by: string;
  granted_at: string;
  expires_at: string;
}

export interface PersonConsentTable {
  id: Generated<number>;
  person_id: string;
  text_version: string;
  language: string;
  legal_basis: string;
  acknowledged_at: string;
  recorded_by: string;
}

export interface PersonInventoryTable {
  person_id: string;
  inventory_sealed: string;
  updated_at: string;
  /** When the inventory was first saved (migration 0160). */
  first_saved_at: Optional<string>;
  updated_by: string;
}

export interface ProcessSettingTable {
  organisation_id: string;
  retention_days: number;
  /** The legal basis the organisation states in the information (migration 0051). */
  legal_basis: string | null;
  /** Inventory sections the organisation does not ask about, as a JSON list (migration 0110). */
  hidden_sections: string | null;
  /** The legal basis stated for the health-related constraint; null: that question is off (0110). */
  health_basis: string | null;
  /** 1: people may read the guidance notes about them (migration 0140; default 0). */
  notes_to_person: Generated<number>;
  /** What the retention run does past the period: erase, or pseudonymise (migration 0170). */
  retention_action: Generated<RetentionAction>;
}

export type RetentionAction = 'erase' | 'pseudonymise';

/**
 * What a pseudonymised person leaves (migration 0170): an outcome, the month it happened and a random
 * subject id that groups one former person's outcomes without leading back to them.
 */
export interface PersonOutcomeTable {
  id: string;
  organisation_id: string;
  subject: string;
  event: OutcomeEvent;
  /** The step's type (step_done) or the level's number (level_reached); null for the others. */
  detail: string | null;
  /** YYYY-MM. */
  month: string;
}

export type OutcomeEvent =
  | 'case_opened'
  | 'inventory_done'
  | 'plan_made'
  | 'step_done'
  | 'level_reached'
  | 'case_closed';

/** One-time codes that open a person's own view (migration 0110): only the code's hash is kept. */
export interface PersonAccessCodeTable {
  code_hash: string;
  person_id: string;
  created_by: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

/** When each inventory section changed, by whom, and whether the person did (migration 0110). */
export interface PersonInventorySectionTable {
  person_id: string;
  section: string;
  updated_at: string;
  updated_by: string;
  by_person: number;
  /** JSON list of the field paths the change touched (no values). */
  changed_fields: string;
}
