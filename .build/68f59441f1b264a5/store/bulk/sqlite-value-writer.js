import { Worker } from "node:worker_threads";
import { anyValueSql, createUnitPeriodIndexSql, dropUnitPeriodIndexSql } from "../value-indexes.js";
import {
  UNIT_COLUMN,
  VALUE_TABLE
} from "./value-writer.js";
function upsertSql(level, rows = 1) {
  const table = VALUE_TABLE[level];
  const unit = UNIT_COLUMN[level];
  const tuples = Array.from({ length: rows }, () => "(?, ?, ?, ?, ?, ?, ?, ?, ?)").join(", ");
  return `insert into ${table} (kpi_id, ${unit}, period, gender, value, count, status, is_deleted, changed_at)
    values ${tuples}
    on conflict (kpi_id, ${unit}, period, gender) do update set
      value = excluded.value, count = excluded.count, status = excluded.status,
      is_deleted = excluded.is_deleted, changed_at = excluded.changed_at
    where ${table}.value is not excluded.value or ${table}.count is not excluded.count
      or ${table}.status is not excluded.status or ${table}.is_deleted is not excluded.is_deleted`;
}
function createSqliteValueWriter(sqlite) {
  const statements = {
    municipality: sqlite.prepare(upsertSql("municipality")),
    ou: sqlite.prepare(upsertSql("ou"))
  };
  const writeAll = sqlite.transaction((level, rows, changedAt) => {
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
        changedAt
      ).changes;
    }
    return written;
  });
  return {
    async write(level, rows, changedAt) {
      return { written: writeAll(level, rows, changedAt) };
    },
    async close() {
    }
  };
}
const ROWS_PER_STATEMENT = 16;
function workerStatements(level) {
  return {
    one: upsertSql(level),
    many: upsertSql(level, ROWS_PER_STATEMENT),
    rowsPerMany: ROWS_PER_STATEMENT
  };
}
function toColumns(rows) {
  const n = rows.length;
  const batch = {
    kpi: new Array(n),
    unit: new Array(n),
    period: new Int32Array(n),
    gender: new Array(n),
    value: new Float64Array(n),
    hasValue: new Uint8Array(n),
    count: new Int32Array(n),
    status: new Array(n),
    isDeleted: new Uint8Array(n)
  };
  for (let i = 0; i < n; i++) {
    const r = rows[i];
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
function createThreadedSqliteValueWriter(sqlite, { deferIndexes = false } = {}) {
  const deferSql = (level) => ({
    firstRow: anyValueSql(level),
    drop: dropUnitPeriodIndexSql(level),
    create: createUnitPeriodIndexSql(level)
  });
  const worker = new Worker(new URL("./sqlite-write-worker.mjs", import.meta.url), {
    workerData: {
      file: sqlite.name,
      pragmas: ["synchronous = NORMAL", "foreign_keys = ON", "busy_timeout = 10000", "cache_size = -65536"],
      statements: { municipality: workerStatements("municipality"), ou: workerStatements("ou") },
      deferIndexes: deferIndexes ? { municipality: deferSql("municipality"), ou: deferSql("ou") } : null
    }
  });
  const pending = /* @__PURE__ */ new Map();
  let nextId = 0;
  let failure;
  let onClosed;
  const failAll = (error) => {
    failure = error;
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };
  worker.on("message", (reply) => {
    if ("closed" in reply) {
      onClosed?.();
      return;
    }
    const p = pending.get(reply.id);
    pending.delete(reply.id);
    if (reply.error !== void 0) p?.reject(new Error(reply.error));
    else p?.resolve(reply.written);
  });
  worker.on("error", failAll);
  worker.on("exit", (code) => {
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
      await new Promise((resolve) => {
        onClosed = resolve;
        worker.postMessage({ close: true });
      });
      await worker.terminate();
    }
  };
}
export {
  createSqliteValueWriter,
  createThreadedSqliteValueWriter
};
//# sourceMappingURL=sqlite-value-writer.js.map
