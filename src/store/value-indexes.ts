/**
 * The secondary index of each value table, (unit, period): "one municipality's values for a year".
 * Migration 0001 creates them; a bulk load into an empty table may drop one and build it again at
 * the end (one sorted build instead of millions of random inserts), and opening a store rebuilds
 * any that a load killed half-way left missing.
 */
import { sql } from 'kysely';
import type { Store } from './database.js';
import { UNIT_COLUMN, VALUE_TABLE } from './value-levels.js';

export const UNIT_PERIOD_INDEX = {
  municipality: {
    name: 'value_municipality_id_period_idx',
    table: VALUE_TABLE.municipality,
    unit: UNIT_COLUMN.municipality,
  },
  ou: { name: 'ou_value_ou_id_period_idx', table: VALUE_TABLE.ou, unit: UNIT_COLUMN.ou },
} as const;

export type IndexedLevel = keyof typeof UNIT_PERIOD_INDEX;

export function createUnitPeriodIndexSql(level: IndexedLevel): string {
  const { name, table, unit } = UNIT_PERIOD_INDEX[level];
  return `create index if not exists ${name} on ${table} (${unit}, period)`;
}

export function dropUnitPeriodIndexSql(level: IndexedLevel): string {
  return `drop index if exists ${UNIT_PERIOD_INDEX[level].name}`;
}

/** Whether a value table holds any row: a bulk load defers the index only into an empty one. */
export function anyValueSql(level: IndexedLevel): string {
  return `select 1 from ${UNIT_PERIOD_INDEX[level].table} limit 1`;
}

/**
 * Rebuilds indexes a killed bulk load left missing. Looks in the catalogue first: on PostgreSQL even
 * `create index if not exists` locks the table, which would make every start wait for running writes.
 */
export async function ensureValueIndexes(store: Store): Promise<void> {
  const names = Object.values(UNIT_PERIOD_INDEX).map((i) => i.name);
  const present = await store.backend.presentIndexes(store.db, names);
  for (const level of Object.keys(UNIT_PERIOD_INDEX) as IndexedLevel[])
    if (!present.has(UNIT_PERIOD_INDEX[level].name))
      await sql.raw(createUnitPeriodIndexSql(level)).execute(store.db);
}
