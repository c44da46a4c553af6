import { Worker } from 'node:worker_threads';
import type BetterSqlite3 from 'better-sqlite3';
import type { ValueRow, ValueWriter } from '../../bulk/value-writer.js';
import { anyValueSql, createUnitPeriodIndexSql, dropUnitPeriodIndexSql } from '../../value-indexes.js';
import { UNIT_COLUMN, VALUE_TABLE, type ValueLevel } from '../../value-levels.js';

function upsertSql(level: ValueLevel, rows = 1): string {
  const table = VALUE_TABLE[level];
  const unit = UNIT_COLUMN[level];
  const tuples = Array.from({ length: rows }, () => '(?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ');
  return `insert into ${table} (kpi_id, ${unit}, period, gender, value, count, status, is_deleted, changed_at)
    values ${tuples}
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

// Rows per multi-row statement on the writer thread (144 parameters): about 1.5× the rate of one
// row per call in a micro-benchmark; larger groups gained nothing more.
const ROWS_PER_STATEMENT = 16;

function workerStatements(level: ValueLevel) {
  return {
    one: upsertSql(level),
    many: upsertSql(level, ROWS_PER_STATEMENT),
    rowsPerMany: ROWS_PER_STATEMENT,
  };
}

/** Rows as one array per column: what crosses to the writer thread. */
interface ColumnBatch {
  kpi: string[];
  unit: string[];
  period: Int32Array;
  gender: string[];
  value: Float64Array;
  hasValue: Uint8Array;
  count: Int32Array;
  status: string[];
  isDeleted: Uint8Array;
}

function toColumns(rows: readonly ValueRow[]): ColumnBatch {
  const n = rows.length;
  const batch: ColumnBatch = {
    kpi: new Array(n),
    unit: new Array(n),
    period: new Int32Array(n),
    gender: new Array(n),
    value: new Float64Array(n),
    hasValue: new Uint8Array(n),
    count: new Int32Array(n),
    status: new Array(n),
    isDeleted: new Uint8Array(n),
  };
  for (let i = 0; i < n; i++) {
    const r = rows[i] as ValueRow;
    batch.kpi[i] = r.kpi;
    batch.unit[i] = r.unit;
    batch.period[i] = r.period;
    batch.gender[i] = r.gender;
    if (r.value !== null) {
      batch.value[i] = r.value;
      batch.hasValue[i] = 1;
    }
    batch.count[i] = r.count;
    batch.status[i] = r.status;
    batch.isDeleted[i] = r.isDeleted ? 1 : 0;
  }
  return batch;
}

type Reply =
  | { id: number; written: number; error?: undefined }
  | { id: number; error: string }
  | { closed: true };

/**
 * The same writer on a thread of its own with its own connection to the same file (WAL lets the
 * caller's connection keep reading). `write` resolves when the batch is committed, so a caller that
 * parses the next batch before awaiting it keeps both cores busy. Same SQL, same transactions, same
 * counts as the in-thread writer. Needs a file database (an in-memory one cannot be shared).
 */
export function createThreadedSqliteValueWriter(
  sqlite: BetterSqlite3.Database,
  { deferIndexes = false } = {},
): ValueWriter {
  const deferSql = (level: ValueLevel) => ({
    firstRow: anyValueSql(level),
    drop: dropUnitPeriodIndexSql(level),
    create: createUnitPeriodIndexSql(level),
  });
  const worker = new Worker(new URL('./write-worker.mjs', import.meta.url), {
    workerData: {
      file: sqlite.name,
      pragmas: ['synchronous = NORMAL', 'foreign_keys = ON', 'busy_timeout = 10000', 'cache_size = -65536'],
      statements: { municipality: workerStatements('municipality'), ou: workerStatements('ou') },
      deferIndexes: deferIndexes ? { municipality: deferSql('municipality'), ou: deferSql('ou') } : null,
    },
  });
  const pending = new Map<number, { resolve: (written: number) => void; reject: (error: Error) => void }>();
  let nextId = 0;
  let failure: Error | undefined;
  let onClosed: (() => void) | undefined;
  const failAll = (error: Error) => {
    failure = error;
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };
  worker.on('message', (reply: Reply) => {
    if ('closed' in reply) {
      onClosed?.();
      return;
    }
    const p = pending.get(reply.id);
    pending.delete(reply.id);
    if (reply.error !== undefined) p?.reject(new Error(reply.error));
    else p?.resolve(reply.written);
  });
  worker.on('error', failAll);
  worker.on('exit', (code) => {
    if (pending.size > 0) failAll(new Error(`the SQLite writer thread stopped (exit code ${code})`));
    onClosed?.();
  });
  return {
    write(level, rows, changedAt) {
      if (failure) return Promise.reject(failure);
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve: (written) => resolve({ written }), reject });
        worker.postMessage({ id, level, batch: toColumns(rows), changedAt });
      });
    },
    async close() {
      if (failure) {
        await worker.terminate();
        return;
      }
      await new Promise<void>((resolve) => {
        onClosed = resolve;
        worker.postMessage({ close: true });
      });
      await worker.terminate();
    },
  };
}
