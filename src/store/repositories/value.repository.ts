/**
 * Reads KPI values: by any combination of KPI, municipality and year sets, as group means, and as
 * changes since a date. Deleted values are tombstones kept for `from_date`; other reads skip them.
 */
import { type Kysely, sql } from 'kysely';
import type { Database, Gender } from '../schema.js';
import { UNIT_COLUMN, VALUE_TABLE, type ValueLevel } from '../value-levels.js';

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

  /**
   * One page of data items (KPI + unit + period with its gender values) for the Kolada-compatible API:
   * Kolada pages count items, not values. At most two queries a page.
   */
  itemPage(level: ValueLevel, filter: ItemPageFilter, request: Page): Promise<ItemPage> {
    return new ItemPageReader(this.db).page(level, filter, request);
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

/** Which values table a paged read uses: municipality values or organisational-unit (OU) values. */

export interface ItemPageFilter {
  kpis?: readonly string[];
  /** Municipality ids (level municipality) or OU ids (level ou). */
  units?: readonly string[];
  years?: readonly number[];
  /** Level municipality: only municipalities of these types (K, L). */
  municipalityTypes?: readonly string[];
  /** Level ou: only OUs that belong to these municipalities. */
  ouMunicipalities?: readonly string[];
  /** Only values changed on or after this ISO date/time; deleted values are then included. */
  changedSince?: string;
}

/** One value record; `unit` is the municipality or OU id. */
export interface UnitValueRecord extends Omit<ValueRecord, 'municipality'> {
  unit: string;
}

export interface ItemPage {
  /** The values of whole items (KPI, unit, period), in the stable order, at most `limit` items. */
  records: UnitValueRecord[];
  items: number;
  hasMore: boolean;
}

// Gender is the last key column and has three codes, so one item never has more than three values.
const MAX_VALUES_PER_ITEM = 3;

type UnitRow = Omit<Row, 'municipality_id'> & { unit_id: string };

/**
 * Paged reads of data items. At most two queries a page: the first key of the page (skipped on page 1),
 * then the values from that key on, in primary-key order.
 */
class ItemPageReader {
  constructor(private readonly db: Kysely<Database>) {}

  async page(level: ValueLevel, filter: ItemPageFilter, request: Page): Promise<ItemPage> {
    const [table, unit] = [VALUE_TABLE[level], UNIT_COLUMN[level]];
    const conditions = this.conditions(level, filter);
    const where = sql.join(conditions, sql` and `);
    const t = sql.table(table);
    const u = sql.ref(unit);
    let start: { kpi_id: string; unit_id: string; period: number } | undefined;
    // Stryker disable next-line ConditionalExpression,EqualityOperator: at offset 0 the first key is the first row, so looking it up changes only the query count
    if (request.offset > 0) {
      const first = await sql<{ kpi_id: string; unit_id: string; period: number }>`
        select kpi_id, ${u} as unit_id, period from ${t} where ${where}
        group by kpi_id, ${u}, period order by kpi_id, ${u}, period
        limit 1 offset ${request.offset}`.execute(this.db);
      start = first.rows[0];
      if (!start) return { records: [], items: 0, hasMore: false };
    }
    const from = start
      ? sql` and (kpi_id, ${u}, period) >= (${start.kpi_id}, ${start.unit_id}, ${Number(start.period)})`
      : sql``;
    const fetchLimit = request.limit * MAX_VALUES_PER_ITEM + 1;
    const { rows } = await sql<UnitRow>`
      select kpi_id, ${u} as unit_id, period, gender, value, count, status, is_deleted, changed_at
      from ${t} where ${where}${from}
      order by kpi_id, ${u}, period, gender limit ${fetchLimit}`.execute(this.db);
    const records: UnitValueRecord[] = [];
    let items = 0;
    let hasMore = false;
    let last: UnitRow | undefined;
    for (const r of rows) {
      if (!last || last.kpi_id !== r.kpi_id || last.unit_id !== r.unit_id || last.period !== r.period) {
        if (items === request.limit) {
          hasMore = true;
          break;
        }
        items++;
      }
      last = r;
      records.push({
        kpi: r.kpi_id,
        unit: r.unit_id,
        period: Number(r.period),
        gender: r.gender as Gender,
        value: r.value === null ? null : Number(r.value),
        count: Number(r.count),
        status: r.status,
        isDeleted: Number(r.is_deleted) === 1,
        changedAt: r.changed_at,
      });
    }
    return { records, items, hasMore };
  }

  private conditions(level: ValueLevel, filter: ItemPageFilter) {
    const unit = sql.ref(UNIT_COLUMN[level]);
    const list = (values: readonly (string | number)[]) =>
      // Stryker disable next-line ConditionalExpression,EqualityOperator,ArrayDeclaration: SQLite takes `in ()`; killed on PostgreSQL only (value.repository.test.ts, checked by hand)
      sql.join(values.length > 0 ? values : [null as unknown as string]);
    const conditions = [];
    if (filter.kpis) conditions.push(sql`kpi_id in (${list(filter.kpis)})`);
    if (filter.units) conditions.push(sql`${unit} in (${list(filter.units)})`);
    if (filter.years) conditions.push(sql`period in (${list(filter.years)})`);
    if (level === 'municipality' && filter.municipalityTypes)
      conditions.push(
        sql`${unit} in (select id from municipality where type in (${list(filter.municipalityTypes)}))`,
      );
    if (level === 'ou' && filter.ouMunicipalities)
      conditions.push(
        sql`${unit} in (select id from ou where municipality_id in (${list(filter.ouMunicipalities)}))`,
      );
    if (filter.changedSince) conditions.push(sql`changed_at >= ${filter.changedSince}`);
    else conditions.push(sql`is_deleted = 0`);
    return conditions;
  }
}

// `in ()` is invalid SQL; an empty set must match nothing rather than fail.
function nonEmpty<T>(values: readonly T[]): readonly T[] {
  // Stryker disable next-line ConditionalExpression,EqualityOperator: SQLite takes `in ()`; killed on PostgreSQL only (value.repository.test.ts, checked by hand)
  return values.length > 0 ? values : ([null] as unknown as T[]);
}
