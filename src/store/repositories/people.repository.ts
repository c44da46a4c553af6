/**
 * Process's people tables: SQL only. Values of `*_sealed` columns arrive sealed and leave sealed; the
 * domain (people/, privacy/) seals and opens them. Lists ordered by a time end on a unique column, so
 * rows written in the same millisecond come back in one order on both databases.
 */
import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import type {
  PersonAccessCodeTable,
  PersonAccessGrantTable,
  PersonCaseworkerTable,
  PersonConsentTable,
  PersonInventorySectionTable,
  PersonInventoryTable,
  PersonOutcomeTable,
  PersonTable,
  RetentionAction,
} from '../process-schema.js';
import type { Database } from '../schema.js';

export type PersonRow = Selectable<PersonTable>;
export type PersonConsentRow = Selectable<PersonConsentTable>;
export type PersonInventoryRow = Selectable<PersonInventoryTable>;
export type PersonAccessGrantRow = Selectable<PersonAccessGrantTable>;
export type PersonCaseworkerRow = Selectable<PersonCaseworkerTable>;

/** Every table that holds rows of a person, keyed by `person_id` (the person table itself aside). */
export const PERSON_TABLES = [
  'person_caseworker',
  'person_access_grant',
  'person_consent',
  'person_inventory',
  'match_decision',
  'person_inventory_section',
  'person_access_code',
  'person_plan_version',
  'person_note',
  'person_ladder_step',
] as const;

/** The e-mail domain of the accounts made for a person's own view (no real address; never mailed). */
export const NEWCOMER_EMAIL_DOMAIN = 'newcomer.invalid';

export type PersonInventorySectionRow = Selectable<PersonInventorySectionTable>;
export type PersonAccessCodeRow = Selectable<PersonAccessCodeTable>;

const DEFAULT_RETENTION_DAYS = 730;

/** A person lent to a case worker by a temporary access: when it ends, and its reason (sealed). */
export type LentPersonRow = PersonRow & { lent_until: string; grant_reason_sealed: string };

export class PeopleRepository {
  constructor(private readonly db: Kysely<Database> | Transaction<Database>) {}

  person(id: string): Promise<PersonRow | undefined> {
    return this.db.selectFrom('person').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async insertPerson(row: Insertable<PersonTable>): Promise<void> {
    await this.db.insertInto('person').values(row).execute();
  }

  async updatePerson(id: string, changes: Partial<Omit<PersonRow, 'id' | 'organisation_id' | 'audit_ref'>>) {
    await this.db.updateTable('person').set(changes).where('id', '=', id).execute();
  }

  caseworkers(personId: string): Promise<PersonCaseworkerRow[]> {
    return this.db
      .selectFrom('person_caseworker')
      .selectAll()
      .where('person_id', '=', personId)
      .orderBy('assigned_at')
      .orderBy('user_id')
      .execute();
  }

  async replaceCaseworkers(personId: string, userIds: readonly string[], at: string): Promise<void> {
    const kept = await this.caseworkers(personId);
    const keep = new Set(userIds);
    const gone = kept.filter((c) => !keep.has(c.user_id)).map((c) => c.user_id);
    // Stryker disable next-line ConditionalExpression,EqualityOperator: SQLite takes `in ()`; killed on PostgreSQL only (people.repository.test.ts, checked by hand)
    if (gone.length > 0)
      await this.db
        .deleteFrom('person_caseworker')
        .where('person_id', '=', personId)
        .where('user_id', 'in', gone)
        .execute();
    const have = new Set(kept.map((c) => c.user_id));
    const added = userIds.filter((u) => !have.has(u));
    if (added.length > 0)
      await this.db
        .insertInto('person_caseworker')
        .values(added.map((user_id) => ({ person_id: personId, user_id, assigned_at: at })))
        .execute();
  }

  /** Grants of the user for the person that have not expired at `now`. */
  liveGrants(personId: string, userId: string, now: string): Promise<PersonAccessGrantRow[]> {
    return this.db
      .selectFrom('person_access_grant')
      .selectAll()
      .where('person_id', '=', personId)
      .where('user_id', '=', userId)
      .where('expires_at', '>', now)
      .execute();
  }

  grants(personId: string): Promise<PersonAccessGrantRow[]> {
    return this.db
      .selectFrom('person_access_grant')
      .selectAll()
      .where('person_id', '=', personId)
      .orderBy('id')
      .execute();
  }

  async insertGrant(row: Insertable<PersonAccessGrantTable>): Promise<void> {
    await this.db.insertInto('person_access_grant').values(row).execute();
  }

  consents(personId: string): Promise<PersonConsentRow[]> {
    return this.db
      .selectFrom('person_consent')
      .selectAll()
      .where('person_id', '=', personId)
      .orderBy('id')
      .execute();
  }

  async insertConsent(row: Insertable<PersonConsentTable>): Promise<void> {
    await this.db.insertInto('person_consent').values(row).execute();
  }

  inventory(personId: string): Promise<PersonInventoryRow | undefined> {
    return this.db
      .selectFrom('person_inventory')
      .selectAll()
      .where('person_id', '=', personId)
      .executeTakeFirst();
  }

  async saveInventory(row: PersonInventoryRow): Promise<void> {
    await this.db
      .insertInto('person_inventory')
      // The first save is kept ("kartläggning gjord", for the own KPIs); later saves leave it.
      .values({ ...row, first_saved_at: row.first_saved_at ?? row.updated_at })
      .onConflict((oc) =>
        oc.column('person_id').doUpdateSet({
          inventory_sealed: row.inventory_sealed,
          updated_at: row.updated_at,
          updated_by: row.updated_by,
        }),
      )
      .execute();
  }

  /** A member of the organisation by user id or e-mail, with their role there. */
  memberOf(
    organisationId: string,
    ref: string,
  ): Promise<{ user_id: string; email: string; role: string } | undefined> {
    return this.db
      .selectFrom('membership')
      .innerJoin('app_user', 'app_user.id', 'membership.user_id')
      .select(['membership.user_id', 'app_user.email', 'membership.role'])
      .where('membership.organisation_id', '=', organisationId)
      .where('app_user.status', '=', 'active')
      .where((eb) => eb.or([eb('app_user.id', '=', ref), eb('app_user.email', '=', ref.toLowerCase())]))
      .executeTakeFirst();
  }

  async emails(userIds: readonly string[]): Promise<Map<string, string>> {
    // Stryker disable next-line ConditionalExpression: SQLite takes `in ()`; killed on PostgreSQL only (people.repository.test.ts, checked by hand)
    if (userIds.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('app_user')
      .select(['id', 'email'])
      .where('id', 'in', userIds)
      .execute();
    return new Map(rows.map((r) => [r.id, r.email]));
  }

  /**
   * The people of the organisations (all, for a Process admin) or those the user may read, newest
   * first.
   */
  async peopleFor(
    adminOf: readonly string[],
    caseworkerOf: readonly string[],
    userId: string,
    now: string,
  ): Promise<PersonRow[]> {
    // Stryker disable next-line ConditionalExpression: equivalent, an empty `or` is false on both backends (checked on PostgreSQL too); spares the query
    if (adminOf.length === 0 && caseworkerOf.length === 0) return [];
    return this.db
      .selectFrom('person')
      .selectAll()
      .where((eb) =>
        eb.or([
          // Stryker disable next-line ConditionalExpression,EqualityOperator: SQLite takes `in ()`; killed on PostgreSQL only (people.repository.test.ts, checked by hand)
          ...(adminOf.length > 0 ? [eb('organisation_id', 'in', adminOf)] : []),
          // Stryker disable next-line ConditionalExpression,EqualityOperator: SQLite takes `in ()`; killed on PostgreSQL only (people.repository.test.ts, checked by hand)
          ...(caseworkerOf.length > 0
            ? [
                eb.and([
                  eb('organisation_id', 'in', caseworkerOf),
                  eb.or([
                    eb(
                      'id',
                      'in',
                      eb.selectFrom('person_caseworker').select('person_id').where('user_id', '=', userId),
                    ),
                    eb(
                      'id',
                      'in',
                      eb
                        .selectFrom('person_access_grant')
                        .select('person_id')
                        .where('user_id', '=', userId)
                        .where('expires_at', '>', now),
                    ),
                  ]),
                ]),
              ]
            : []),
        ]),
      )
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(500)
      .execute();
  }

  /** The open people assigned to `userId` as their case worker, in these organisations (the caseload). */
  async assignedTo(userId: string, organisationIds: readonly string[]): Promise<PersonRow[]> {
    // Stryker disable next-line ConditionalExpression: SQLite takes `in ()`; killed on PostgreSQL only (people.repository.test.ts, checked by hand)
    if (organisationIds.length === 0) return [];
    return this.db
      .selectFrom('person')
      .selectAll()
      .where('organisation_id', 'in', organisationIds)
      .where('status', '=', 'open')
      .where('id', 'in', (eb) =>
        eb.selectFrom('person_caseworker').select('person_id').where('user_id', '=', userId),
      )
      .orderBy('created_at')
      .orderBy('id')
      .execute();
  }

  /**
   * Open people lent to the user by a live temporary access ("covering for a colleague") and not
   * assigned to them, each with the grant that lasts longest (its end and its sealed reason).
   */
  async lentTo(userId: string, organisationIds: readonly string[], now: string): Promise<LentPersonRow[]> {
    // Stryker disable next-line ConditionalExpression: SQLite takes `in ()`; killed on PostgreSQL only (people.repository.test.ts, checked by hand)
    if (organisationIds.length === 0) return [];
    const grants = await this.db
      .selectFrom('person_access_grant')
      .select(['person_id', 'expires_at', 'reason_sealed'])
      .where('user_id', '=', userId)
      .where('expires_at', '>', now)
      .orderBy('expires_at')
      .execute();
    // Stryker disable next-line ConditionalExpression: SQLite takes `in ()`; killed on PostgreSQL only (people.repository.test.ts, checked by hand)
    if (grants.length === 0) return [];
    // Ordered by expiry, so the last grant of a person wins.
    const until = new Map(grants.map((g) => [g.person_id, g]));
    const people = await this.db
      .selectFrom('person')
      .selectAll()
      .where('organisation_id', 'in', organisationIds)
      .where('status', '=', 'open')
      .where('id', 'in', [...until.keys()])
      .where('id', 'not in', (eb) =>
        eb.selectFrom('person_caseworker').select('person_id').where('user_id', '=', userId),
      )
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return people.map((p) => {
      const grant = until.get(p.id) as (typeof grants)[number];
      return { ...p, lent_until: grant.expires_at, grant_reason_sealed: grant.reason_sealed };
    });
  }

  /** Every open person of the organisation (the manager's caseload in counts). */
  openPeopleOf(organisationId: string): Promise<PersonRow[]> {
    return this.db
      .selectFrom('person')
      .selectAll()
      .where('organisation_id', '=', organisationId)
      .where('status', '=', 'open')
      .orderBy('created_at')
      .orderBy('id')
      .execute();
  }

  /** The person whose own account is `userId` (a newcomer's view). */
  personOfUser(userId: string): Promise<PersonRow | undefined> {
    return this.db.selectFrom('person').selectAll().where('user_id', '=', userId).executeTakeFirst();
  }

  sections(personId: string): Promise<PersonInventorySectionRow[]> {
    return this.db
      .selectFrom('person_inventory_section')
      .selectAll()
      .where('person_id', '=', personId)
      .execute();
  }

  async saveSection(row: PersonInventorySectionRow): Promise<void> {
    await this.db
      .insertInto('person_inventory_section')
      .values(row)
      .onConflict((oc) =>
        oc.columns(['person_id', 'section']).doUpdateSet({
          updated_at: row.updated_at,
          updated_by: row.updated_by,
          by_person: row.by_person,
          changed_fields: row.changed_fields,
        }),
      )
      .execute();
  }

  accessCodes(personId: string): Promise<PersonAccessCodeRow[]> {
    return this.db
      .selectFrom('person_access_code')
      .selectAll()
      .where('person_id', '=', personId)
      .orderBy('created_at')
      .orderBy('code_hash')
      .execute();
  }

  /** The case workers' hide and pin decisions on the person's match suggestions (for the export). */
  matchDecisions(personId: string) {
    return this.db
      .selectFrom('match_decision')
      .selectAll()
      .where('person_id', '=', personId)
      .orderBy('id')
      .execute();
  }

  async insertAccessCode(row: PersonAccessCodeRow): Promise<void> {
    await this.db.insertInto('person_access_code').values(row).execute();
  }

  /** Marks a live, unused code used and returns it; undefined when unknown, used or expired. */
  async takeAccessCode(codeHash: string, now: string): Promise<PersonAccessCodeRow | undefined> {
    const row = await this.db
      .selectFrom('person_access_code')
      .selectAll()
      .where('code_hash', '=', codeHash)
      .executeTakeFirst();
    if (!row || row.expires_at <= now) return undefined;
    // Stryker disable next-line ConditionalExpression: equivalent, the update below takes only an unused code; this spares the write
    if (row.used_at !== null) return undefined;
    const taken = await this.db
      .updateTable('person_access_code')
      .set({ used_at: now })
      .where('code_hash', '=', codeHash)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    return Number(taken.numUpdatedRows) === 1 ? row : undefined;
  }

  /** The organisation's Process settings row, if any (one query for the inventory's settings). */
  setting(organisationId: string) {
    return this.db
      .selectFrom('process_setting')
      .select(['hidden_sections', 'health_basis'])
      .where('organisation_id', '=', organisationId)
      .executeTakeFirst();
  }

  async hiddenSections(organisationId: string): Promise<string[]> {
    const row = await this.db
      .selectFrom('process_setting')
      .select('hidden_sections')
      .where('organisation_id', '=', organisationId)
      .executeTakeFirst();
    return row?.hidden_sections ? (JSON.parse(row.hidden_sections) as string[]) : [];
  }

  async healthBasis(organisationId: string): Promise<string | null> {
    const row = await this.db
      .selectFrom('process_setting')
      .select('health_basis')
      .where('organisation_id', '=', organisationId)
      .executeTakeFirst();
    return row?.health_basis ?? null;
  }

  async setSetting(
    organisationId: string,
    changes: { hidden_sections?: string | null; health_basis?: string | null },
  ): Promise<void> {
    await this.db
      .insertInto('process_setting')
      .values({ organisation_id: organisationId, retention_days: DEFAULT_RETENTION_DAYS, ...changes })
      .onConflict((oc) => oc.column('organisation_id').doUpdateSet(changes))
      .execute();
  }

  /** Removes the person and every row of theirs; the audit entry is the caller's. */
  async erase(personId: string): Promise<void> {
    const person = await this.person(personId);
    // The account made for the person's own view is theirs too (a real user's account is not).
    if (person?.user_id) {
      const user = await this.db
        .selectFrom('app_user')
        .select('email')
        .where('id', '=', person.user_id)
        .executeTakeFirst();
      if (user?.email.endsWith(`@${NEWCOMER_EMAIL_DOMAIN}`)) {
        await this.db.deleteFrom('user_session').where('user_id', '=', person.user_id).execute();
        await this.db.deleteFrom('membership').where('user_id', '=', person.user_id).execute();
        await this.db.deleteFrom('app_user').where('id', '=', person.user_id).execute();
      }
    }
    for (const table of PERSON_TABLES)
      await this.db.deleteFrom(table).where('person_id', '=', personId).execute();
    await this.db.deleteFrom('person').where('id', '=', personId).execute();
  }

  async retentionDays(organisationId: string): Promise<number> {
    const row = await this.db
      .selectFrom('process_setting')
      .select('retention_days')
      .where('organisation_id', '=', organisationId)
      .executeTakeFirst();
    return row?.retention_days ?? DEFAULT_RETENTION_DAYS;
  }

  async legalBasis(organisationId: string): Promise<string | null> {
    const row = await this.db
      .selectFrom('process_setting')
      .select('legal_basis')
      .where('organisation_id', '=', organisationId)
      .executeTakeFirst();
    return row?.legal_basis ?? null;
  }

  async setLegalBasis(organisationId: string, basis: string): Promise<void> {
    await this.db
      .insertInto('process_setting')
      .values({ organisation_id: organisationId, retention_days: DEFAULT_RETENTION_DAYS, legal_basis: basis })
      .onConflict((oc) => oc.column('organisation_id').doUpdateSet({ legal_basis: basis }))
      .execute();
  }

  async setRetentionDays(organisationId: string, days: number): Promise<void> {
    await this.db
      .insertInto('process_setting')
      .values({ organisation_id: organisationId, retention_days: days, legal_basis: null })
      .onConflict((oc) => oc.column('organisation_id').doUpdateSet({ retention_days: days }))
      .execute();
  }

  async retentionAction(organisationId: string): Promise<RetentionAction> {
    const row = await this.db
      .selectFrom('process_setting')
      .select('retention_action')
      .where('organisation_id', '=', organisationId)
      .executeTakeFirst();
    return row?.retention_action ?? 'erase';
  }

  async setRetentionAction(organisationId: string, action: RetentionAction): Promise<void> {
    await this.db
      .insertInto('process_setting')
      .values({
        organisation_id: organisationId,
        retention_days: DEFAULT_RETENTION_DAYS,
        retention_action: action,
      })
      .onConflict((oc) => oc.column('organisation_id').doUpdateSet({ retention_action: action }))
      .execute();
  }

  /** Closed cases of every organisation with the organisation's retention period and action (or the defaults). */
  closedCases(): Promise<ClosedCase[]> {
    return this.db
      .selectFrom('person')
      .leftJoin('process_setting', 'process_setting.organisation_id', 'person.organisation_id')
      .select([
        'person.id',
        'person.organisation_id',
        'person.closed_at',
        'process_setting.retention_days',
        'process_setting.retention_action',
      ])
      .where('person.status', '=', 'closed')
      .where('person.closed_at', 'is not', null)
      .execute() as Promise<ClosedCase[]>;
  }

  /** Writes a pseudonymised person's outcomes (see migration 0170). */
  async insertOutcomes(rows: Insertable<PersonOutcomeTable>[]): Promise<void> {
    if (rows.length > 0) await this.db.insertInto('person_outcome').values(rows).execute();
  }
}

export { DEFAULT_RETENTION_DAYS };

export interface ClosedCase {
  id: string;
  organisation_id: string;
  closed_at: string;
  retention_days: number | null;
  retention_action: RetentionAction | null;
}
