import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../database.js';
import { clusteredByKey, floatType } from './column-types.js';

/**
 * Precomputed statistics: per KPI, municipality set, year and gender the distribution and every
 * member's rank (kpi_statistic). Etablera's own computations, rebuilt from the value table by
 * `refreshStatistics` after every import and sync. Ranks are kept as one JSON array per row rather
 * than one row per municipality: a full refresh then writes ~32,000 rows instead of ~7 million.
 */
export function kpiStatisticsMigration(dialect: Dialect) {
  const real = floatType(dialect);
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      // Which municipality sets are precomputed: "K" (all kommuner) always; groups on request.
      await db.schema
        .createTable('statistic_set')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('added_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('kpi_statistic')
        .addColumn('kpi_id', 'text', (c) => c.notNull())
        .addColumn('set_id', 'text', (c) => c.notNull())
        .addColumn('period', 'integer', (c) => c.notNull())
        .addColumn('gender', 'text', (c) => c.notNull())
        .addColumn('n', 'integer', (c) => c.notNull())
        .addColumn('missing', 'integer', (c) => c.notNull())
        .addColumn('min', real, (c) => c.notNull())
        .addColumn('max', real, (c) => c.notNull())
        .addColumn('mean', real, (c) => c.notNull())
        .addColumn('median', real, (c) => c.notNull())
        .addColumn('q1', real, (c) => c.notNull())
        .addColumn('q3', real, (c) => c.notNull())
        .addColumn('sd', real)
        // JSON [[municipality id, rank], …], highest value first; rank 1 = highest, ties share a rank.
        .addColumn('ranking', 'text', (c) => c.notNull())
        .addColumn('computed_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('kpi_statistic_pk', ['kpi_id', 'set_id', 'period', 'gender'])
        .modifyEnd(clusteredByKey(dialect))
        .execute();

      await sql`insert into statistic_set (id, kind, added_at) values ('K', 'type', ${new Date().toISOString()})`.execute(
        db,
      );
    },
  };
}
