/**
 * Reads KPI values: by any combination of KPI, municipality and year sets, as group means, and as
 * changes since a date. Deleted values are tombstones kept for `from_date`; other reads skip them.
 */
import { type Kysely, sql } from 'kysely';
import type { Database, Gender } from '../schema.js';

export interface ValueFilter {
  kpis?: readonly string[];
  municipalities?: readonly string[];
  years?: readonly number[];
  genders?: readonly Gender[];
  /** Only values changed on or after this ISO date/time; deleted values are then included. */
  changedSince?: string;
}

export interface ValueRecord {
  kpi: string;
  municipality: string;
  period: number;
  gender: Gender;
  value: number | null;
  count: number;
  status: string;
  isDeleted: boolean;
  changedAt: string;
}

export interface Page {
  limit: number;
  offset: number;
}

type Row = {
  kpi_id: string;
  municipality_id: string;
  period: number;
  gender: string;
  value: number | null;
  count: number;
  status: string;
  is_deleted: number;
  changed_at: string;
};

function toRecord(r: Row): ValueRecord {
  return {
    kpi: r.kpi_id,
    municipality: r.municipality_id,
    period: r.period,
    gender: r.gender as Gender,
    value: r.value,
    count: r.count,
    status: r.status,
    isDeleted: r.is_deleted === 1,
    changedAt: r.changed_at,
  };
}

export class ValueRepository {
  constructor(private readonly db: Kysely<Database>) {}

  private filtered(filter: ValueFilter) {
    let q = this.db.selectFrom('value');
    if (filter.kpis) q = q.where('kpi_id', 'in', nonEmpty(filter.kpis));
    if (filter.municipalities) q = q.where('municipality_id', 'in', nonEmpty(filter.municipalities));
    if (filter.years) q = q.where('period', 'in', nonEmpty(filter.years));
    if (filter.genders) q = q.where('gender', 'in', nonEmpty(filter.genders));
    if (filter.changedSince) q = q.where('changed_at', '>=', filter.changedSince);
    else q = q.where('is_deleted', '=', 0);
    return q;
  }

  /** Values in a stable order (KPI, municipality, year, gender), optionally one page of them. */
  async find(filter: ValueFilter, page?: Page): Promise<ValueRecord[]> {
    let q = this.filtered(filter)
      .selectAll()
      .orderBy('kpi_id')
      .orderBy('municipality_id')
      .orderBy('period')
      .orderBy('gender');
    if (page) q = q.limit(page.limit).offset(page.offset);
    return (await q.execute()).map(toRecord);
  }

  async count(filter: ValueFilter): Promise<number> {
    const row = await this.filtered(filter)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Streams values in the stable order without holding them all in memory (exports). */
  async *stream(filter: ValueFilter, chunkSize = 5000): AsyncGenerator<ValueRecord> {
    const q = this.filtered(filter)
      .selectAll()
      .orderBy('kpi_id')
      .orderBy('municipality_id')
      .orderBy('period')
      .orderBy('gender');
    for await (const row of q.stream(chunkSize)) yield toRecord(row);
  }

  /**
   * Group values: the unweighted mean of the members' values, with `count` = members that have a value.
   * This is Etablera's own computation (as Kolada does it), not a figure published by Kolada.
   */
  async groupMeans(filter: ValueFilter & { groups: readonly string[] }): Promise<ValueRecord[]> {
    let q = this.db
      .selectFrom('value as v')
      .innerJoin('municipality_group_member as g', 'g.municipality_id', 'v.municipality_id')
      .where('g.group_id', 'in', nonEmpty(filter.groups))
      .where('v.is_deleted', '=', 0)
      .where('v.value', 'is not', null);
    if (filter.kpis) q = q.where('v.kpi_id', 'in', nonEmpty(filter.kpis));
    if (filter.years) q = q.where('v.period', 'in', nonEmpty(filter.years));
    if (filter.genders) q = q.where('v.gender', 'in', nonEmpty(filter.genders));
    const rows = await q
      .select([
        'v.kpi_id',
        'g.group_id as municipality_id',
        'v.period',
        'v.gender',
        sql<number>`avg(v.value)`.as('value'),
        sql<number>`count(v.value)`.as('count'),
        sql<string>`max(v.changed_at)`.as('changed_at'),
      ])
      .groupBy(['v.kpi_id', 'g.group_id', 'v.period', 'v.gender'])
      .orderBy('v.kpi_id')
      .orderBy('g.group_id')
      .orderBy('v.period')
      .orderBy('v.gender')
      .execute();
    return rows.map((r) =>
      toRecord({ ...r, value: Number(r.value), count: Number(r.count), status: '', is_deleted: 0 }),
    );
  }

  /** Values changed on or after `since` (ISO date or timestamp), deleted ones included. */
  changesSince(
    since: string,
    filter: Omit<ValueFilter, 'changedSince'> = {},
    page?: Page,
  ): Promise<ValueRecord[]> {
    return this.find({ ...filter, changedSince: since }, page);
  }
}

// `in ()` is invalid SQL; an empty set must match nothing rather than fail.
function nonEmpty<T>(values: readonly T[]): readonly T[] {
  return values.length > 0 ? values : ([null] as unknown as T[]);
}
