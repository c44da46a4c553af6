import type BetterSqlite3 from 'better-sqlite3';
import {
  UNIT_COLUMN,
  VALUE_TABLE,
  type ValueLevel,
  type ValueRow,
  type ValueWriter,
} from './value-writer.js';

function upsertSql(level: ValueLevel): string {
  const table = VALUE_TABLE[level];
  const unit = UNIT_COLUMN[level];
  return `insert into ${table} (kpi_id, ${unit}, period, gender, value, count, status, is_deleted, changed_at)
    values (?, ?, ?, ?, ?, ?, ?, ?, ?)
    on conflict (kpi_id, ${unit}, period, gender) do update set
      value = excluded.value, count = excluded.count, status = excluded.status,
      is_deleted = excluded.is_deleted, changed_at = excluded.changed_at
    where ${table}.value is not excluded.value or ${table}.count is not excluded.count
      or ${table}.status is not excluded.status or ${table}.is_deleted is not excluded.is_deleted`;
}

export function createSqliteValueWriter(sqlite: BetterSqlite3.Database): ValueWriter {
  const statements = {
    municipality: sqlite.prepare(upsertSql('municipality')),
    ou: sqlite.prepare(upsertSql('ou')),
  };
  const writeAll = sqlite.transaction((level: ValueLevel, rows: readonly ValueRow[], changedAt: string) => {
    const statement = statements[level];
    let written = 0;
    for (const r of rows) {
      written += statement.run(
        r.kpi,
        r.unit,
        r.period,
        r.gender,
        r.value,
        r.count,
        r.status,
        r.isDeleted ? 1 : 0,
        changedAt,
      ).changes;
    }
    return written;
  });
  return {
    async write(level, rows, changedAt) {
      return { written: writeAll(level, rows, changedAt) };
    },
    async close() {},
  };
}
