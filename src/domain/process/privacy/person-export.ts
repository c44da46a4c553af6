/**
 * Everything held about a person, as one JSON document (GDPR art. 15 and 20), for the case worker or
 * the person. `EXPORTED_COLUMNS` says for every column of every table of a person where it goes in the
 * export (a path) or why it does not (a sentence starting with "not exported:"); a test compares it
 * with the live schema, so a new column without a decision here fails.
 */
import type { AuditRecord } from '../../../accounts/audit-log.js';
import type { RetentionAction } from '../../../store/process-schema.js';
import type { Inventory } from '../people/inventory.js';
import type { PersonView } from '../people/people.service.js';
import type { PlanDocument } from '../plan/individual-plan.js';

export const EXPORTED_COLUMNS: Record<string, Record<string, string>> = {
  person: {
    id: 'person.id',
    organisation_id: 'person.organisation',
    audit_ref:
      'not exported: an internal random reference that links audit entries, itself no information about the person',
    language: 'person.language',
    name_sealed: 'person.name',
    contact_sealed: 'person.contact',
    user_id: 'person.userId',
    status: 'person.status',
    restricted: 'person.restricted',
    created_at: 'person.createdAt',
    closed_at: 'person.closedAt',
    gender: 'person.gender',
    outcome_ref:
      'not exported: a random pseudonym naming the person in the outcome events behind the own KPIs, itself no information about the person',
  },
  person_caseworker: {
    person_id: 'person.id',
    user_id: 'person.caseworkers[].userId',
    assigned_at: 'person.caseworkers[].assignedAt',
  },
  person_access_grant: {
    id: 'not exported: a row number',
    person_id: 'person.id',
    user_id: 'temporaryAccess[].userId',
    reason_sealed: 'temporaryAccess[].reason',
    granted_by: 'temporaryAccess[].grantedBy',
    granted_at: 'temporaryAccess[].grantedAt',
    expires_at: 'temporaryAccess[].expiresAt',
  },
  person_consent: {
    id: 'not exported: a row number',
    person_id: 'person.id',
    text_version: 'person.consents[].textVersion',
    language: 'person.consents[].language',
    legal_basis: 'person.consents[].legalBasis',
    acknowledged_at: 'person.consents[].acknowledgedAt',
    recorded_by: 'person.consents[].recordedBy',
  },
  person_inventory: {
    person_id: 'person.id',
    inventory_sealed: 'inventory',
    updated_at: 'inventory.updatedAt',
    updated_by: 'inventory.updatedBy',
    first_saved_at: 'inventory.firstSavedAt',
  },
  person_inventory_section: {
    person_id: 'person.id',
    section: 'sections[].section',
    updated_at: 'sections[].updatedAt',
    updated_by: 'sections[].updatedBy',
    by_person: 'sections[].byPerson',
    changed_fields: 'sections[].changedFields',
  },
  person_access_code: {
    code_hash: 'not exported: the hash of a one-time code, a credential that says nothing about the person',
    person_id: 'person.id',
    created_by: 'accessCodes[].createdBy',
    created_at: 'accessCodes[].createdAt',
    expires_at: 'accessCodes[].expiresAt',
    used_at: 'accessCodes[].usedAt',
  },
  match_decision: {
    id: 'not exported: a row number',
    person_id: 'person.id',
    kind: 'matchDecisions[].kind',
    target_id: 'matchDecisions[].target',
    action: 'matchDecisions[].action',
    reason_sealed: 'matchDecisions[].reason',
    decided_by: 'matchDecisions[].decidedBy',
    decided_at: 'matchDecisions[].decidedAt',
  },
  person_plan_version: {
    id: 'not exported: a row number',
    person_id: 'person.id',
    version: 'planVersions[].version',
    plan_sealed: 'planVersions[].plan',
    source: 'planVersions[].source',
    saved_at: 'planVersions[].savedAt',
    saved_by: 'planVersions[].savedBy',
  },
  person_note: {
    id: 'notes[].id',
    person_id: 'person.id',
    text_sealed: 'notes[].text',
    author: 'notes[].author',
    at: 'notes[].at',
    follow_up_on: 'notes[].followUpOn',
    follow_up_done_at: 'notes[].followUpDoneAt',
  },
  person_ladder_step: {
    id: 'not exported: a row number',
    person_id: 'person.id',
    level: 'ladder[].level',
    level_name: 'ladder[].name',
    ladder_version_id: 'ladder[].ladderVersion',
    confirmed_by: 'ladder[].confirmedBy',
    confirmed_at: 'ladder[].confirmedAt',
  },
};

export interface PersonExport {
  format: 'etablera-person-export/1';
  exportedAt: string;
  person: PersonView & { userId: string | null };
  inventory: Inventory & { updatedAt: string | null; updatedBy: string | null; firstSavedAt: string | null };
  temporaryAccess: {
    userId: string;
    reason: string;
    grantedBy: string;
    grantedAt: string;
    expiresAt: string;
  }[];
  /** When each inventory section changed, by whom, whether the person did, which fields. */
  sections: {
    section: string;
    updatedAt: string;
    updatedBy: string;
    byPerson: boolean;
    changedFields: string[];
  }[];
  /** The one-time codes made for the person's own view (the codes themselves are not kept). */
  accessCodes: { createdBy: string; createdAt: string; expiresAt: string; usedAt: string | null }[];
  /** Match suggestions a case worker hid (with the reason) or pinned to the plan. */
  matchDecisions: {
    kind: string;
    target: string;
    action: string;
    reason: string | null;
    decidedBy: string;
    decidedAt: string;
  }[];
  /** Every saved version of the individual plan, oldest first. */
  planVersions: {
    version: number;
    plan: PlanDocument;
    source: string;
    savedAt: string;
    savedBy: string;
  }[];
  /** The guidance notes (the case workers' notes about the person), newest first. */
  notes: {
    id: string;
    text: string;
    author: string;
    at: string;
    followUpOn: string | null;
    followUpDoneAt: string | null;
  }[];
  /** The incentive-ladder levels a case worker confirmed. */
  ladder: { level: number; name: string; ladderVersion: number; confirmedBy: string; confirmedAt: string }[];
  retention: { days: number; action: RetentionAction; note: string };
  /** Who read or changed the data, when and which part (the recipients, art. 15.1 c). */
  accessLog: { at: string; actor: string; action: string; part: string | null }[];
}

export function accessLog(entries: readonly AuditRecord[]): PersonExport['accessLog'] {
  return entries.map((e) => ({
    at: e.at,
    actor: e.actor,
    action: e.action,
    part: typeof e.detail.part === 'string' ? e.detail.part : null,
  }));
}
