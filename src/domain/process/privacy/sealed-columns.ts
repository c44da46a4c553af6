/**
 * Every column that holds sealed text, with the place (associated data) each value is bound to. The
 * people service seals and opens through `PLACES`; key rotation walks `SEALED_COLUMNS`. A new sealed
 * column goes into both, and the storage test checks that no marker is left in plain text.
 */
export const PLACES = {
  personName: (personId: string) => `person.name:${personId}`,
  personContact: (personId: string) => `person.contact:${personId}`,
  grantReason: (personId: string) => `person_access_grant.reason:${personId}`,
  inventory: (personId: string) => `person_inventory:${personId}`,
  matchDecisionReason: (personId: string) => `match_decision:${personId}`,
  plan: (personId: string) => `person_plan_version:${personId}`,
  note: (personId: string) => `person_note:${personId}`,
};

export interface SealedColumn {
  table:
    | 'person'
    | 'person_access_grant'
    | 'person_inventory'
    | 'match_decision'
    | 'person_plan_version'
    | 'person_note';
  column: string;
  /** The row's key column (rotation updates by it). */
  key: string;
  /** Columns the place needs besides the key. */
  needs: readonly string[];
  place: (row: Record<string, unknown>) => string;
}

export const SEALED_COLUMNS: readonly SealedColumn[] = [
  {
    table: 'person',
    column: 'name_sealed',
    key: 'id',
    needs: [],
    place: (r) => PLACES.personName(String(r.id)),
  },
  {
    table: 'person',
    column: 'contact_sealed',
    key: 'id',
    needs: [],
    place: (r) => PLACES.personContact(String(r.id)),
  },
  {
    table: 'person_access_grant',
    column: 'reason_sealed',
    key: 'id',
    needs: ['person_id'],
    place: (r) => PLACES.grantReason(String(r.person_id)),
  },
  {
    table: 'person_inventory',
    column: 'inventory_sealed',
    key: 'person_id',
    needs: [],
    place: (r) => PLACES.inventory(String(r.person_id)),
  },
  {
    table: 'match_decision',
    column: 'reason_sealed',
    key: 'id',
    needs: ['person_id'],
    place: (r) => PLACES.matchDecisionReason(String(r.person_id)),
  },
  {
    table: 'person_plan_version',
    column: 'plan_sealed',
    key: 'id',
    needs: ['person_id'],
    place: (r) => PLACES.plan(String(r.person_id)),
  },
  {
    table: 'person_note',
    column: 'text_sealed',
    key: 'id',
    needs: ['person_id'],
    place: (r) => PLACES.note(String(r.person_id)),
  },
];
