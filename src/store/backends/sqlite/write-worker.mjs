// Writes value batches for the SQLite value writer on a thread of its own, so an import parses the
// next KPIs while this thread writes the previous ones (two cores instead of one). Plain JavaScript,
// so it runs as a worker whatever loads the TypeScript (tsx, vitest). The SQL comes from the main
// thread (value-writer.ts), so there is one definition of the upsert.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const { file, pragmas, statements, deferIndexes } = workerData;
const db = new Database(file);
for (const pragma of pragmas) db.pragma(pragma);
const prepared = Object.fromEntries(
  Object.entries(statements).map(([level, sql]) => [
    level,
    { one: db.prepare(sql.one), many: db.prepare(sql.many), rowsPerMany: sql.rowsPerMany },
  ]),
);

// Levels whose (unit, period) index this load dropped (the table was empty) and rebuilds at close.
const checked = new Set();
const deferred = new Set();
function deferIndexIfEmpty(level) {
  if (!deferIndexes || checked.has(level)) return;
  checked.add(level);
  const sql = deferIndexes[level];
  if (db.prepare(sql.firstRow).get() !== undefined) return;
  db.exec(sql.drop);
  deferred.add(level);
}

const COLUMNS = 9;

function bindRow(params, offset, b, i, changedAt) {
  params[offset] = b.kpi[i];
  params[offset + 1] = b.unit[i];
  params[offset + 2] = b.period[i];
  params[offset + 3] = b.gender[i];
  params[offset + 4] = b.hasValue[i] ? b.value[i] : null;
  params[offset + 5] = b.count[i];
  params[offset + 6] = b.status[i];
  params[offset + 7] = b.isDeleted[i];
  params[offset + 8] = changedAt;
}

// Columnar batches (one array per column) clone far faster between threads than row objects.
// Rows go in groups of `rowsPerMany` per statement: one call into SQLite per group instead of
// per row; the remainder goes one row at a time.
const writeBatch = db.transaction((level, b, changedAt) => {
  const { one, many, rowsPerMany } = prepared[level];
  const n = b.kpi.length;
  const manyParams = new Array(rowsPerMany * COLUMNS);
  const oneParams = new Array(COLUMNS);
  let written = 0;
  let i = 0;
  for (; i + rowsPerMany <= n; i += rowsPerMany) {
    for (let r = 0; r < rowsPerMany; r++) bindRow(manyParams, r * COLUMNS, b, i + r, changedAt);
    written += many.run(manyParams).changes;
  }
  for (; i < n; i++) {
    bindRow(oneParams, 0, b, i, changedAt);
    written += one.run(oneParams).changes;
  }
  return written;
});

parentPort.on('message', (message) => {
  if (message.close) {
    try {
      for (const level of deferred) db.exec(deferIndexes[level].create);
    } finally {
      db.close();
    }
    parentPort.postMessage({ closed: true });
    return;
  }
  try {
    deferIndexIfEmpty(message.level);
    parentPort.postMessage({
      id: message.id,
      written: writeBatch(message.level, message.batch, message.changedAt),
    });
  } catch (error) {
    parentPort.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error) });
  }
});
