/**
 * Precomputed KPI statistics (kpi_statistic) and the municipality sets they cover (statistic_set).
 * The refresh reads values packed per (KPI, municipality) and replaces whole KPIs in one transaction,
 * so a reader sees a KPI's statistics either before or after a refresh, never half of them.
 */
import { type Kysely, sql } from 'kysely';
import type { Database, Gender, KpiStatisticTable } from '../schema.js';

export type StatisticRow = Omit<KpiStatisticTable, 'computed_at'>;

export interface StatisticSet {
  id: string;
  kind: 'type' | 'group';
  /** Member municipality ids. */
  members: string[];
}

export interface StatisticFilter {
  kpi: string;
  set: string;
  periods?: readonly number[];
  genders?: readonly Gender[];
}

export type StoredStatistic = Omit<KpiStatisticTable, 'ranking'> & {
  /** [municipality id, rank] highest value first. */
  ranking: [string, number][];
};

export class StatisticsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** The precomputed sets with their members ("K" = every municipality of type K). */
  async sets(): Promise<StatisticSet[]> {
    const rows = await this.db.selectFrom('statistic_set').select(['id', 'kind']).orderBy('id').execute();
    const sets: StatisticSet[] = [];
    for (const row of rows) sets.push({ id: row.id, kind: row.kind, members: await this.members(row) });
    return sets;
  }

  /** Members of a set definition: a municipality type ("K") or a municipality group id. */
  async members(set: { id: string; kind: 'type' | 'group' }): Promise<string[]> {
    if (set.kind === 'type') {
      const rows = await this.db
        .selectFrom('municipality')
        .select('id')
        .where('type', '=', set.id)
        .orderBy('id')
        .execute();
      return rows.map((r) => r.id);
    }
    const rows = await this.db
      .selectFrom('municipality_group_member')
      .select('municipality_id')
      .where('group_id', '=', set.id)
      .orderBy('municipality_id')
      .execute();
    return rows.map((r) => r.municipality_id);
  }

  async isPrecomputed(setId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('statistic_set')
      .select('id')
      .where('id', '=', setId)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Registers a municipality group for precomputation (its statistics appear at the next refresh). */
  async addGroupSet(groupId: string): Promise<void> {
    await this.db
      .insertInto('statistic_set')
      .values({ id: groupId, kind: 'group', added_at: new Date().toISOString() })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  }

  /** Stops precomputing a group and drops what was stored for it. */
  async removeGroupSet(groupId: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('kpi_statistic').where('set_id', '=', groupId).execute();
      await trx.deleteFrom('statistic_set').where('id', '=', groupId).where('kind', '=', 'group').execute();
    });
  }

  /** KPIs that have municipality values or stored statistics: what a full refresh must visit. */
  async kpiIdsToRefresh(): Promise<string[]> {
    // A "skip scan" down the primary key: one index seek per KPI instead of reading every value.
    const withValues = await sql<{ id: string | null }>`
      with recursive k(id) as (
        select min(kpi_id) from value
        union all
        select (select min(v.kpi_id) from value v where v.kpi_id > k.id) from k where k.id is not null
      )
      select id from k where id is not null`.execute(this.db);
    const ids = new Set(withValues.rows.map((r) => r.id as string));
    for (const r of await this.db.selectFrom('kpi_statistic').select('kpi_id').distinct().execute())
      ids.add(r.kpi_id);
    return [...ids].sort();
  }

  /**
   * Calls `visit` for every non-missing, non-deleted municipality value of `kpiIds`. The database packs
   * each (KPI, municipality) into one text row, which follows the primary key (no sorting) and moves
   * ~25 times fewer rows through the driver than one row per value.
   */
  async forEachValue(
    kpiIds: readonly string[],
    visit: (kpi: string, municipality: string, period: number, gender: Gender, value: number) => void,
  ): Promise<void> {
    // Stryker disable next-line ConditionalExpression: SQLite takes `in ()`; killed on PostgreSQL only (statistics.repository.test.ts, checked by hand)
    if (kpiIds.length === 0) return;
    const result = await sql<{ kpi_id: string; municipality_id: string; packed: string }>`
      select kpi_id, municipality_id,
        string_agg(cast(period as text) || ':' || gender || cast(value as text), ',') as packed
      from value
      where kpi_id in (${sql.join(kpiIds)}) and is_deleted = 0 and value is not null
      group by kpi_id, municipality_id`.execute(this.db);
    for (const row of result.rows) {
      // Each item is "<period>:<gender><value>", e.g. "2022:T357377.0"; gender is one letter.
      for (const item of row.packed.split(',')) {
        const colon = item.indexOf(':');
        visit(
          row.kpi_id,
          row.municipality_id,
          Number(item.slice(0, colon)),
          item[colon + 1] as Gender,
          Number(item.slice(colon + 2)),
        );
      }
    }
  }

  /** Replaces everything stored for `kpiIds` with the given rows, in one transaction. */
  async replace(kpiIds: readonly string[], rows: readonly StatisticRow[], computedAt: string): Promise<void> {
    if (kpiIds.length === 0) return;
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('kpi_statistic').where('kpi_id', 'in', kpiIds).execute();
      // Stay well below SQLite's 32,766 bound parameters per statement (15 per row).
      for (let i = 0; i < rows.length; i += 1000) {
        await trx
          .insertInto('kpi_statistic')
          .values(rows.slice(i, i + 1000).map((r) => ({ ...r, computed_at: computedAt })))
          .execute();
      }
    });
  }

  /** Stored statistics of one KPI in one set, by year then gender. */
  async distributions(filter: StatisticFilter): Promise<StoredStatistic[]> {
    let q = this.db
      .selectFrom('kpi_statistic')
      .selectAll()
      .where('kpi_id', '=', filter.kpi)
      .where('set_id', '=', filter.set);
    if (filter.periods) q = q.where('period', 'in', nonEmpty(filter.periods));
    if (filter.genders) q = q.where('gender', 'in', nonEmpty(filter.genders));
    return (await q.orderBy('period').orderBy('gender').execute()).map(parseRanking);
  }

  /** Stored statistics of several KPIs in one set (a municipality's profile), by KPI, year, gender. */
  async distributionsOf(
    kpis: readonly string[],
    set: string,
    periods?: readonly number[],
  ): Promise<StoredStatistic[]> {
    let q = this.db
      .selectFrom('kpi_statistic')
      .selectAll()
      .where('kpi_id', 'in', nonEmpty(kpis))
      .where('set_id', '=', set);
    if (periods) q = q.where('period', 'in', nonEmpty(periods));
    return (await q.orderBy('kpi_id').orderBy('period').orderBy('gender').execute()).map(parseRanking);
  }

  /** Years with stored statistics for a KPI in a set, newest first. */
  async periods(kpi: string, set: string): Promise<number[]> {
    const rows = await this.db
      .selectFrom('kpi_statistic')
      .select('period')
      .distinct()
      .where('kpi_id', '=', kpi)
      .where('set_id', '=', set)
      .orderBy('period', 'desc')
      .execute();
    return rows.map((r) => Number(r.period));
  }

  async count(): Promise<number> {
    const row = await this.db
      .selectFrom('kpi_statistic')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}

function parseRanking(row: KpiStatisticTable): StoredStatistic {
  return { ...row, period: Number(row.period), ranking: JSON.parse(row.ranking) as [string, number][] };
}

// `in ()` is invalid SQL; an empty set must match nothing rather than fail.
function nonEmpty<T>(values: readonly T[]): readonly T[] {
  // Stryker disable next-line ConditionalExpression,EqualityOperator: SQLite takes `in ()`; killed on PostgreSQL only (statistics.repository.test.ts, checked by hand)
  return values.length > 0 ? values : ([null] as unknown as T[]);
}
