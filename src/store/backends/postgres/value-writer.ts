import { createRequire } from 'node:module';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import type { ValueRow, ValueWriter } from '../../bulk/value-writer.js';
import { anyValueSql, createUnitPeriodIndexSql, dropUnitPeriodIndexSql } from '../../value-indexes.js';
import { UNIT_COLUMN, VALUE_TABLE, type ValueLevel } from '../../value-levels.js';

// Required at the first PostgreSQL write: a SQLite server never needs it.
const copyFrom = () =>
  (createRequire(import.meta.url)('pg-copy-streams') as typeof import('pg-copy-streams')).from;

/** COPY text format: backslash, tab, newline and carriage return must be escaped. */
function copyText(value: string): string {
  return value.replace(
    /[\\\t\n\r]/g,
    (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c] ?? c,
  );
}

function copyLines(rows: readonly ValueRow[]): Generator<string> {
  return (function* () {
    let chunk = '';
    for (const r of rows) {
      chunk += `${copyText(r.kpi)}\t${copyText(r.unit)}\t${r.period}\t${r.gender}\t${
        r.value === null ? '\\N' : String(r.value)
      }\t${r.count}\t${copyText(r.status)}\t${r.isDeleted ? 1 : 0}\n`;
      if (chunk.length > 65536) {
        yield chunk;
        chunk = '';
      }
    }
    if (chunk) yield chunk;
  })();
}

/**
 * COPY into a session-local staging table, then one upsert from it: the fastest way into PostgreSQL
 * that still merges with what is there. Staging and upsert share a transaction.
 */
export async function createPostgresValueWriter(
  pool: pg.Pool,
  { deferIndexes = false } = {},
): Promise<ValueWriter> {
  const client = await pool.connect();
  await client.query(`create temporary table if not exists value_stage (
      kpi_id text, unit_id text, period integer, gender text, value double precision,
      count integer, status text, is_deleted integer) on commit delete rows`);
  // Levels whose (unit, period) index this load dropped (the table was empty); rebuilt at close.
  const checked = new Set<ValueLevel>();
  const deferred = new Set<ValueLevel>();
  const deferIndexIfEmpty = async (level: ValueLevel) => {
    if (!deferIndexes || checked.has(level)) return;
    checked.add(level);
    const any = await client.query(anyValueSql(level));
    if (any.rowCount) return;
    await client.query(dropUnitPeriodIndexSql(level));
    deferred.add(level);
  };
  return {
    async write(level: ValueLevel, rows: readonly ValueRow[], changedAt: string) {
      const table = VALUE_TABLE[level];
      const unit = UNIT_COLUMN[level];
      await deferIndexIfEmpty(level);
      await client.query('begin');
      try {
        await pipeline(
          Readable.from(copyLines(rows)),
          client.query(copyFrom()('copy value_stage from stdin')),
        );
        const result = await client.query(
          `insert into ${table} as t (kpi_id, ${unit}, period, gender, value, count, status, is_deleted, changed_at)
           select kpi_id, unit_id, period, gender, value, count, status, is_deleted, $1 from value_stage
           on conflict (kpi_id, ${unit}, period, gender) do update set
             value = excluded.value, count = excluded.count, status = excluded.status,
             is_deleted = excluded.is_deleted, changed_at = excluded.changed_at
           where t.value is distinct from excluded.value or t.count is distinct from excluded.count
             or t.status is distinct from excluded.status or t.is_deleted is distinct from excluded.is_deleted`,
          [changedAt],
        );
        await client.query('commit');
        return { written: result.rowCount ?? 0 };
      } catch (error) {
        await client.query('rollback').catch(() => {});
        throw error;
      }
    },
    async close() {
      try {
        if (deferred.size > 0) await client.query(`set maintenance_work_mem = '256MB'`);
        for (const level of deferred) await client.query(createUnitPeriodIndexSql(level));
        if (deferred.size > 0) await client.query('reset maintenance_work_mem');
      } finally {
        client.release();
      }
    },
  };
}
