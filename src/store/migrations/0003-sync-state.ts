import type { Kysely } from 'kysely';
import type { Dialect } from '../database.js';
import { identityColumn } from './column-types.js';

/**
 * Sync bookkeeping: which run is in progress and what it has finished (so an interrupted run resumes
 * without fetching again), and per KPI the date values were last fetched up to (for `from_date`).
 */
export function syncStateMigration(dialect: Dialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('sync_run')
        .addColumn('id', 'integer', identityColumn(dialect))
        .addColumn('selection', 'text', (c) => c.notNull())
        .addColumn('base_url', 'text', (c) => c.notNull())
        .addColumn('started_at', 'text', (c) => c.notNull())
        .addColumn('finished_at', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('counts', 'text', (c) => c.notNull().defaultTo('{}'))
        .execute();
      await db.schema
        .createTable('sync_run_item')
        .addColumn('run_id', 'integer', (c) => c.notNull().references('sync_run.id').onDelete('cascade'))
        .addColumn('item', 'text', (c) => c.notNull())
        .addColumn('done_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('sync_run_item_pk', ['run_id', 'item'])
        .execute();
      await db.schema
        .createTable('sync_kpi_state')
        .addColumn('kpi_id', 'text', (c) => c.primaryKey())
        .addColumn('high_water', 'text', (c) => c.notNull())
        .addColumn('years', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
    },
  };
}
