import type { Migration } from 'kysely';
import type { Dialect } from '../database.js';
import { initialMigration } from './0001-initial.js';
import { kpiStatisticsMigration } from './0002-kpi-statistics.js';
import { syncStateMigration } from './0002-sync-state.js';

/** All migrations in order. Names sort lexically; add new ones with the next number. */
export function migrationsFor(dialect: Dialect): Record<string, Migration> {
  return {
    '0001-initial': initialMigration(dialect),
    '0002-kpi-statistics': kpiStatisticsMigration(dialect),
    '0002-sync-state': syncStateMigration(dialect),
  };
}
