/**
 * Sync bookkeeping (tables from migrations 0003-sync-state and 0011-ou-sync-state) and the reads and
 * deletes a sync needs: a KPI's current values (to count what a fetch adds, changes and deletes) and
 * clearing demo data. Municipality values and OU values keep their state apart (one table each).
 */
import type { Generated, Kysely } from 'kysely';
import type { Database, Gender } from '../schema.js';
import type { ValueLevel } from '../value-levels.js';

type StateRow = { kpi_id: string; high_water: string; years: string; updated_at: string };

type SyncTables = {
  sync_run: {
    id: Generated<number>;
    selection: string;
    base_url: string;
    started_at: string;
    finished_at: string | null;
    status: string;
    counts: string;
  };
  sync_run_item: { run_id: number; item: string; done_at: string };
  sync_kpi_state: StateRow;
  sync_ou_state: StateRow;
};

/** Where each level's high-water marks live, and its values. */
const STATE_TABLE = { municipality: 'sync_kpi_state', ou: 'sync_ou_state' } as const;

// An arbitrary constant all Etablera instances agree on.

export type SyncRunStatus = 'running' | 'ok' | 'failed';

export interface SyncRun {
  id: number;
  selection: string;
  baseUrl: string;
  startedAt: string;
  status: string;
  /** Items (e.g. "meta:kpi", "kpi:N01951") this run has finished. */
  done: Set<string>;
}

export interface KpiSyncState {
  kpi: string;
  /** from_date for the next fetch: values changed on or after this date are fetched again. */
  highWater: string;
  years: number[];
}

export interface StoredValue {
  value: number | null;
  count: number;
  status: string;
  isDeleted: boolean;
}

export class SyncStateRepository {
  private readonly db: Kysely<Database & SyncTables>;

  constructor(db: Kysely<Database>) {
    this.db = db.withTables<SyncTables>();
  }

  /**
   * Sync entries in import_log that never finished belong to processes that were killed (only one
   * sync runs at a time): close them, so nothing reads them as an import still under way.
   */
  async closeInterruptedSyncLogs(): Promise<number> {
    const result = await this.db
      .updateTable('import_log')
      .set({
        status: 'failed',
        finished_at: new Date().toISOString(),
        message: 'interrupted (the process stopped); a later run resumes it',
      })
      .where('kind', '=', 'sync')
      .where('finished_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /** The latest unfinished run for the same selection and source, to resume it. */
  async unfinishedRun(selection: string, baseUrl: string): Promise<SyncRun | null> {
    const run = await this.db
      .selectFrom('sync_run')
      .selectAll()
      .where('selection', '=', selection)
      .where('base_url', '=', baseUrl)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!run || run.status === 'ok') return null;
    const items = await this.db
      .selectFrom('sync_run_item')
      .select('item')
      .where('run_id', '=', run.id)
      .execute();
    return {
      id: run.id,
      selection: run.selection,
      baseUrl: run.base_url,
      startedAt: run.started_at,
      status: run.status,
      done: new Set(items.map((i) => i.item)),
    };
  }

  async startRun(selection: string, baseUrl: string): Promise<SyncRun> {
    const startedAt = new Date().toISOString();
    const row = await this.db
      .insertInto('sync_run')
      .values({ selection, base_url: baseUrl, started_at: startedAt, status: 'running', counts: '{}' })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { id: row.id, selection, baseUrl, startedAt, status: 'running', done: new Set() };
  }

  async markRunning(runId: number): Promise<void> {
    await this.db.updateTable('sync_run').set({ status: 'running' }).where('id', '=', runId).execute();
  }

  async markDone(runId: number, item: string): Promise<void> {
    await this.db
      .insertInto('sync_run_item')
      .values({ run_id: runId, item, done_at: new Date().toISOString() })
      .onConflict((oc) => oc.columns(['run_id', 'item']).doNothing())
      .execute();
  }

  async finishRun(runId: number, status: SyncRunStatus, counts: Record<string, unknown>): Promise<void> {
    await this.db
      .updateTable('sync_run')
      .set({ status, finished_at: new Date().toISOString(), counts: JSON.stringify(counts) })
      .where('id', '=', runId)
      .execute();
  }

  /** High-water marks of the given KPIs' municipality values (level "municipality") or OU values. */
  async kpiStates(
    kpis: readonly string[],
    level: ValueLevel = 'municipality',
  ): Promise<Map<string, KpiSyncState>> {
    const states = new Map<string, KpiSyncState>();
    // Stryker disable next-line EqualityOperator: SQLite takes `in ()`; killed on PostgreSQL only (sync-state.repository.test.ts, checked by hand)
    for (let i = 0; i < kpis.length; i += 500) {
      const rows = await this.db
        .selectFrom(STATE_TABLE[level])
        .selectAll()
        // Stryker disable next-line MethodExpression: equivalent, every chunk reading all the KPIs sets the same states again in the map; only the drivers' parameter limits tell
        .where('kpi_id', 'in', kpis.slice(i, i + 500))
        .execute();
      for (const r of rows)
        states.set(r.kpi_id, {
          kpi: r.kpi_id,
          highWater: r.high_water,
          years: JSON.parse(r.years) as number[],
        });
    }
    return states;
  }

  async setKpiState(state: KpiSyncState, level: ValueLevel = 'municipality'): Promise<void> {
    const row = {
      kpi_id: state.kpi,
      high_water: state.highWater,
      years: JSON.stringify(state.years),
      updated_at: new Date().toISOString(),
    };
    await this.db
      .insertInto(STATE_TABLE[level])
      .values(row)
      .onConflict((oc) =>
        oc
          .column('kpi_id')
          .doUpdateSet({ high_water: row.high_water, years: row.years, updated_at: row.updated_at }),
      )
      .execute();
  }

  /**
   * A KPI's values in the given years, tombstones included, keyed "unit|period|gender" (the unit is
   * the municipality, or the OU for level "ou").
   */
  async currentValues(
    kpi: string,
    years: readonly number[],
    level: ValueLevel = 'municipality',
  ): Promise<Map<string, StoredValue>> {
    const wanted = new Set(years);
    const values = new Map<string, StoredValue>();
    const add = (r: {
      unit: string;
      period: number;
      gender: string;
      value: number | null;
      count: number;
      status: string;
      is_deleted: number;
    }) => {
      if (!wanted.has(Number(r.period))) return;
      values.set(valueKey(r.unit, Number(r.period), r.gender as Gender), {
        value: r.value === null ? null : Number(r.value),
        count: Number(r.count),
        status: r.status,
        isDeleted: Number(r.is_deleted) === 1,
      });
    };
    const min = Math.min(...years);
    const max = Math.max(...years);
    if (level === 'municipality') {
      const rows = await this.db
        .selectFrom('value')
        .select(['municipality_id as unit', 'period', 'gender', 'value', 'count', 'status', 'is_deleted'])
        .where('kpi_id', '=', kpi)
        .where('period', '>=', min)
        .where('period', '<=', max)
        .execute();
      for (const r of rows) add(r);
    } else {
      const rows = await this.db
        .selectFrom('ou_value')
        .select(['ou_id as unit', 'period', 'gender', 'value', 'count', 'status', 'is_deleted'])
        .where('kpi_id', '=', kpi)
        .where('period', '>=', min)
        .where('period', '<=', max)
        .execute();
      for (const r of rows) add(r);
    }
    return values;
  }

  /** KPIs whose values (or, for level "ou", OU values) a sync has fetched before: they have a high-water mark. */
  async syncedKpiIds(level: ValueLevel = 'municipality'): Promise<string[]> {
    const rows = await this.db.selectFrom(STATE_TABLE[level]).select('kpi_id').orderBy('kpi_id').execute();
    return rows.map((r) => r.kpi_id);
  }

  /** Those of the given KPIs that Kolada's catalogue (the store's metadata) marks has_ou_data. */
  async kpisWithOuData(kpis: readonly string[]): Promise<Set<string>> {
    const out = new Set<string>();
    // Stryker disable next-line EqualityOperator: SQLite takes `in ()`; killed on PostgreSQL only (sync-state.repository.test.ts, checked by hand)
    for (let i = 0; i < kpis.length; i += 500) {
      const rows = await this.db
        .selectFrom('kpi')
        .select('id')
        // Stryker disable next-line MethodExpression: equivalent, every chunk reading all the KPIs adds the same ids again to the set; only the drivers' parameter limits tell
        .where('id', 'in', kpis.slice(i, i + 500))
        .where('has_ou_data', '=', 1)
        .execute();
      for (const r of rows) out.add(r.id);
    }
    return out;
  }

  async knownKpiIds(): Promise<string[]> {
    return (await this.db.selectFrom('kpi').select('id').orderBy('id').execute()).map((r) => r.id);
  }

  /** Members of KPI groups in group order, each KPI once; unknown group ids are returned apart. */
  async kpiGroupMembers(groups: readonly string[]): Promise<{ kpis: string[]; unknownGroups: string[] }> {
    // Stryker disable next-line ConditionalExpression: SQLite takes `in ()`; killed on PostgreSQL only (sync-state.repository.test.ts, checked by hand)
    if (groups.length === 0) return { kpis: [], unknownGroups: [] };
    const known = new Set(
      (await this.db.selectFrom('kpi_group').select('id').where('id', 'in', groups).execute()).map(
        (r) => r.id,
      ),
    );
    const rows = await this.db
      .selectFrom('kpi_group_member')
      .select(['group_id', 'kpi_id'])
      .where('group_id', 'in', groups)
      .orderBy('group_id')
      .orderBy('position')
      .execute();
    return {
      kpis: [...new Set(rows.map((r) => r.kpi_id))],
      unknownGroups: groups.filter((g) => !known.has(g)),
    };
  }

  /**
   * Removes everything demo data put in the store (values, KPIs, groups, municipalities, sync state,
   * the demo plan),
   * in one transaction, before real data takes its place.
   */
  async clearDemoData(): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      for (const table of [
        'value',
        'ou_value',
        'kpi_group_member',
        'kpi_group',
        'municipality_group_member',
        'municipality_group',
        'ou',
        'kpi',
        'municipality',
        'sync_kpi_state',
        'sync_ou_state',
      ] as const) {
        await trx.deleteFrom(table).execute();
      }
      // The demo plan (src/demo/demo-plan.ts, organisation "demo"); its rows go with it (cascade).
      await trx.deleteFrom('plan').where('organisation_id', '=', 'demo').execute();
      await trx.deleteFrom('store_meta').where('key', '=', 'dataset').execute();
    });
  }
}

export function valueKey(municipality: string, period: number, gender: Gender): string {
  return `${municipality}|${period}|${gender}`;
}
