/**
 * The secondary index of each value table, (unit, period): "one municipality's values for a year".
 * Migration 0001 creates them; a bulk load into an empty table may drop one and build it again at
 * the end (one sorted build instead of millions of random inserts), and opening a store rebuilds
 * any that a load killed half-way left missing.
 */
import type BetterSqlite3 from 'better-sqlite3';

export const UNIT_PERIOD_INDEX = {
  municipality: { name: 'value_municipality_id_period_idx', table: 'value', unit: 'municipality_id' },
  ou: { name: 'ou_value_ou_id_period_idx', table: 'ou_value', unit: 'ou_id' },
} as const;

export type IndexedLevel = keyof typeof UNIT_PERIOD_INDEX;

export function createUnitPeriodIndexSql(level: IndexedLevel): string {
  const { name, table, unit } = UNIT_PERIOD_INDEX[level];
  return `create index if not exists ${name} on ${table} (${unit}, period)`;
}

export function dropUnitPeriodIndexSql(level: IndexedLevel): string {
  return `drop index if exists ${UNIT_PERIOD_INDEX[level].name}`;
}

/** Rebuilds indexes a killed bulk load left missing; a no-op (a catalogue lookup) otherwise. */
export function ensureSqliteValueIndexes(sqlite: BetterSqlite3.Database): void {
  for (const level of Object.keys(UNIT_PERIOD_INDEX) as IndexedLevel[])
    sqlite.exec(createUnitPeriodIndexSql(level));
}
