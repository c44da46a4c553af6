/**
 * Process outcomes and the own KPIs (migration 0160): the facts the outcome events are derived from,
 * the pseudonymised events themselves, and the own KPIs' rows in the KPI store (`kpi`, `value`, origin
 * 'local'). SQL only; the rules are in src/domain/process/outcomes.
 */
import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../backends/backend.js';
import type { OutcomeEventTable } from '../process-schema.js';
import type { Gender, KpiTable } from '../schema.js';

export type OutcomeEventRow = Selectable<OutcomeEventTable>;

export interface OutcomePersonRow {
  id: string;
  organisation_id: string;
  gender: string | null;
  outcome_ref: string | null;
}

export interface OwnValueRow {
  kpi_id: string;
  municipality_id: string;
  period: number;
  gender: Gender;
  value: number | null;
  status: string;
}

// Keeps each statement under SQLite's and PostgreSQL's bound-parameter limits.
const CHUNK = 500;
function* chunks<T>(rows: readonly T[], size = CHUNK): Generator<T[]> {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}

export class OutcomeRepository {
  constructor(private readonly db: Db) {}

  /** People of these organisations (all when undefined), in id order. */
  people(organisations?: readonly string[]): Promise<OutcomePersonRow[]> {
    let q = this.db.selectFrom('person').select(['id', 'organisation_id', 'gender', 'outcome_ref']);
    // Stryker disable next-line ArrayDeclaration,StringLiteral: `[]` SQLite takes `in ()`; killed on PostgreSQL only (outcome.repository.test.ts, checked by hand); another text is equivalent (no organisation has that id)
    if (organisations) q = q.where('organisation_id', 'in', organisations.length ? organisations : ['']);
    return q.orderBy('id').execute();
  }

  person(id: string): Promise<OutcomePersonRow | undefined> {
    return this.db
      .selectFrom('person')
      .select(['id', 'organisation_id', 'gender', 'outcome_ref'])
      .where('id', '=', id)
      .executeTakeFirst();
  }

  async setOutcomeRefs(refs: readonly { id: string; ref: string }[]): Promise<void> {
    for (const r of refs)
      await this.db
        .updateTable('person')
        .set({ outcome_ref: r.ref })
        .where('id', '=', r.id)
        .where('outcome_ref', 'is', null)
        .execute();
  }

  /** Per person: when the inventory was first saved and the plan's first version saved. */
  async firstDates(
    personIds: readonly string[],
  ): Promise<Map<string, { inventoryAt: string | null; planAt: string | null }>> {
    const out = new Map<string, { inventoryAt: string | null; planAt: string | null }>();
    const entry = (id: string) => {
      let e = out.get(id);
      if (!e) {
        e = { inventoryAt: null, planAt: null };
        out.set(id, e);
      }
      return e;
    };
    for (const chunk of chunks(personIds)) {
      const inventories = await this.db
        .selectFrom('person_inventory')
        .select(['person_id', 'first_saved_at', 'updated_at'])
        .where('person_id', 'in', chunk)
        .execute();
      for (const r of inventories) entry(r.person_id).inventoryAt = r.first_saved_at ?? r.updated_at;
      const plans = await this.db
        .selectFrom('person_plan_version')
        .select(({ fn }) => ['person_id', fn.min('saved_at').as('first')])
        .where('person_id', 'in', chunk)
        .groupBy('person_id')
        .execute();
      for (const r of plans) entry(r.person_id).planAt = r.first as string;
    }
    return out;
  }

  async ladderSteps(
    personIds: readonly string[],
  ): Promise<{ person_id: string; level: number; confirmed_at: string }[]> {
    const out: { person_id: string; level: number; confirmed_at: string }[] = [];
    for (const chunk of chunks(personIds))
      out.push(
        ...(await this.db
          .selectFrom('person_ladder_step')
          .select(['person_id', 'level', 'confirmed_at'])
          .where('person_id', 'in', chunk)
          .execute()),
      );
    return out;
  }

  /** Replaces the events of these subjects with `rows` (one transaction when the caller opened one). */
  async replaceEvents(
    subjects: readonly string[],
    rows: readonly Insertable<OutcomeEventTable>[],
  ): Promise<void> {
    for (const chunk of chunks(subjects))
      await this.db.deleteFrom('outcome_event').where('subject', 'in', chunk).execute();
    for (const chunk of chunks(rows, 80)) await this.db.insertInto('outcome_event').values(chunk).execute();
  }

  /** Every event of these organisations (all when undefined). */
  events(organisations?: readonly string[]): Promise<OutcomeEventRow[]> {
    let q = this.db.selectFrom('outcome_event').selectAll();
    // Stryker disable next-line ArrayDeclaration,StringLiteral: `[]` SQLite takes `in ()`; killed on PostgreSQL only (outcome.repository.test.ts, checked by hand); another text is equivalent (no organisation has that id)
    if (organisations) q = q.where('organisation_id', 'in', organisations.length ? organisations : ['']);
    return q.execute();
  }

  /** Organisations that have people or events. */
  async organisationsWithOutcomes(): Promise<string[]> {
    const a = await this.db.selectFrom('person').select('organisation_id').distinct().execute();
    const b = await this.db.selectFrom('outcome_event').select('organisation_id').distinct().execute();
    return [...new Set([...a, ...b].map((r) => r.organisation_id))].sort();
  }

  async upsertOwnKpis(rows: readonly Insertable<KpiTable>[]): Promise<void> {
    for (const row of rows)
      await this.db
        .insertInto('kpi')
        .values(row)
        .onConflict((oc) =>
          oc.column('id').doUpdateSet({
            title: row.title,
            description: row.description ?? null,
            is_divided_by_gender: row.is_divided_by_gender ?? 0,
            municipality_type: row.municipality_type ?? null,
            operating_area: row.operating_area ?? null,
            perspective: row.perspective ?? null,
            publ_period: row.publ_period ?? null,
            unit: row.unit ?? null,
            origin: 'local',
          }),
        )
        .execute();
  }

  /** The stored (not deleted) values of these KPIs for these municipalities. */
  ownValues(kpis: readonly string[], municipalities: readonly string[]): Promise<OwnValueRow[]> {
    // Stryker disable next-line ConditionalExpression: SQLite takes `in ()`; killed on PostgreSQL only (outcome.repository.test.ts, checked by hand)
    if (municipalities.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('value')
      .select(['kpi_id', 'municipality_id', 'period', 'gender', 'value', 'status'])
      .where('kpi_id', 'in', kpis)
      .where('municipality_id', 'in', municipalities)
      .where('is_deleted', '=', 0)
      .execute();
  }

  /** Writes changed and new values, and marks `gone` deleted (a tombstone for `from_date`). */
  async writeValues(
    changed: readonly OwnValueRow[],
    gone: readonly OwnValueRow[],
    at: string,
  ): Promise<void> {
    for (const chunk of chunks(changed, 100))
      await this.db
        .insertInto('value')
        .values(chunk.map((r) => ({ ...r, count: 1, is_deleted: 0, changed_at: at })))
        .onConflict((oc) =>
          oc.columns(['kpi_id', 'municipality_id', 'period', 'gender']).doUpdateSet((eb) => ({
            value: eb.ref('excluded.value'),
            status: eb.ref('excluded.status'),
            is_deleted: 0,
            changed_at: at,
          })),
        )
        .execute();
    for (const r of gone)
      await this.db
        .updateTable('value')
        .set({ is_deleted: 1, value: null, changed_at: at })
        .where('kpi_id', '=', r.kpi_id)
        .where('municipality_id', '=', r.municipality_id)
        .where('period', '=', r.period)
        .where('gender', '=', r.gender)
        .execute();
  }
}
