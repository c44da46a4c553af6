/**
 * The individual plan's versions and the guidance notes of a person (migration 0140). SQL only: the
 * sealed columns are sealed and opened by the domain (process/plan).
 */
import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../backends/backend.js';
import type {
  LadderVersionTable,
  PersonLadderStepTable,
  PersonNoteTable,
  PersonPlanVersionTable,
} from '../individual-plan-schema.js';

export type PlanVersionRow = Selectable<PersonPlanVersionTable>;
export type NoteRow = Selectable<PersonNoteTable>;
export type LadderVersionRow = Selectable<LadderVersionTable>;
export type LadderStepRow = Selectable<PersonLadderStepTable>;

export class IndividualPlanRepository {
  constructor(private readonly db: Db) {}

  /** The current plan (highest version), or undefined. */
  latest(personId: string): Promise<PlanVersionRow | undefined> {
    return this.db
      .selectFrom('person_plan_version')
      .selectAll()
      .where('person_id', '=', personId)
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  version(personId: string, version: number): Promise<PlanVersionRow | undefined> {
    return this.db
      .selectFrom('person_plan_version')
      .selectAll()
      .where('person_id', '=', personId)
      .where('version', '=', version)
      .executeTakeFirst();
  }

  /** Every version, oldest first. */
  versions(personId: string): Promise<PlanVersionRow[]> {
    return this.db
      .selectFrom('person_plan_version')
      .selectAll()
      .where('person_id', '=', personId)
      .orderBy('version')
      .execute();
  }

  /** The current version of each of these people's plans. */
  async latestOf(personIds: readonly string[]): Promise<PlanVersionRow[]> {
    if (personIds.length === 0) return [];
    const out: PlanVersionRow[] = [];
    for (let i = 0; i < personIds.length; i += 500) {
      const chunk = personIds.slice(i, i + 500);
      const rows = await this.db
        .selectFrom('person_plan_version as v')
        .selectAll('v')
        .where('v.person_id', 'in', chunk)
        .where(({ eb, selectFrom }) =>
          eb(
            'v.version',
            '=',
            selectFrom('person_plan_version as w')
              .select(({ fn }) => fn.max('w.version').as('m'))
              .whereRef('w.person_id', '=', 'v.person_id'),
          ),
        )
        .execute();
      out.push(...rows);
    }
    return out;
  }

  async insertVersion(row: Insertable<PersonPlanVersionTable>): Promise<void> {
    await this.db.insertInto('person_plan_version').values(row).execute();
  }

  notes(personId: string): Promise<NoteRow[]> {
    return this.db
      .selectFrom('person_note')
      .selectAll()
      .where('person_id', '=', personId)
      .orderBy('at', 'desc')
      .orderBy('id')
      .execute();
  }

  note(personId: string, noteId: string): Promise<NoteRow | undefined> {
    return this.db
      .selectFrom('person_note')
      .selectAll()
      .where('person_id', '=', personId)
      .where('id', '=', noteId)
      .executeTakeFirst();
  }

  async insertNote(row: NoteRow): Promise<void> {
    await this.db.insertInto('person_note').values(row).execute();
  }

  async markFollowUpDone(noteId: string, at: string): Promise<void> {
    await this.db
      .updateTable('person_note')
      .set({ follow_up_done_at: at })
      .where('id', '=', noteId)
      .execute();
  }

  /** Open follow-ups due on or before `day` of these people (a reminder each). */
  async dueFollowUps(personIds: readonly string[], day: string) {
    const out = [];
    // In chunks: a caseload of thousands would pass the drivers' limits on bound parameters.
    // Stryker disable next-line EqualityOperator: SQLite takes `in ()`; killed on PostgreSQL only (individual-plan.repository.test.ts, checked by hand)
    for (let i = 0; i < personIds.length; i += 500)
      out.push(
        ...(await this.db
          .selectFrom('person_note')
          .select(['id', 'person_id', 'follow_up_on', 'author', 'at'])
          .where('person_id', 'in', personIds.slice(i, i + 500))
          .where('follow_up_on', 'is not', null)
          .where('follow_up_on', '<=', day)
          .where('follow_up_done_at', 'is', null)
          .orderBy('follow_up_on')
          .execute()),
      );
    return out;
  }

  /** The highest confirmed ladder level of each of these people (those with none are left out). */
  async ladderLevels(personIds: readonly string[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    // Stryker disable next-line EqualityOperator: SQLite takes `in ()`; killed on PostgreSQL only (individual-plan.repository.test.ts, checked by hand)
    for (let i = 0; i < personIds.length; i += 500) {
      const rows = await this.db
        .selectFrom('person_ladder_step')
        .select(({ fn }) => ['person_id', fn.max('level').as('level')])
        // Stryker disable next-line MethodExpression: equivalent, every chunk reading all the ids sets the same levels again in the map; only the drivers' parameter limits (tens of thousands of ids) tell
        .where('person_id', 'in', personIds.slice(i, i + 500))
        .groupBy('person_id')
        .execute();
      for (const r of rows) out.set(r.person_id, Number(r.level));
    }
    return out;
  }

  async notesToPerson(organisationId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('process_setting')
      .select('notes_to_person')
      .where('organisation_id', '=', organisationId)
      .executeTakeFirst();
    return row?.notes_to_person === 1;
  }

  async setNotesToPerson(organisationId: string, allowed: boolean): Promise<void> {
    const value = allowed ? 1 : 0;
    await this.db
      .insertInto('process_setting')
      .values({
        organisation_id: organisationId,
        retention_days: 730,
        legal_basis: null,
        notes_to_person: value,
      })
      .onConflict((oc) => oc.column('organisation_id').doUpdateSet({ notes_to_person: value }))
      .execute();
  }

  // The incentive ladder

  /** Every saved ladder of the organisation, by the day it applies from (then by when saved). */
  ladderVersions(organisationId: string): Promise<LadderVersionRow[]> {
    return this.db
      .selectFrom('ladder_version')
      .selectAll()
      .where('organisation_id', '=', organisationId)
      .orderBy('valid_from')
      .orderBy('id')
      .execute();
  }

  async insertLadderVersion(row: Insertable<LadderVersionTable>): Promise<number> {
    const inserted = await this.db
      .insertInto('ladder_version')
      .values(row)
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(inserted.id);
  }

  ladderSteps(personId: string): Promise<LadderStepRow[]> {
    return this.db
      .selectFrom('person_ladder_step')
      .selectAll()
      .where('person_id', '=', personId)
      .orderBy('level')
      .orderBy('id')
      .execute();
  }

  async insertLadderStep(row: Insertable<PersonLadderStepTable>): Promise<void> {
    await this.db.insertInto('person_ladder_step').values(row).execute();
  }
}
