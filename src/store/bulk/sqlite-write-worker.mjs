// Writes value batches for the SQLite value writer on a thread of its own, so an import parses the
// next KPIs while this thread writes the previous ones (two cores instead of one). Plain JavaScript,
// so it runs as a worker whatever loads the TypeScript (tsx, vitest). The SQL comes from the main
// thread (sqlite-value-writer.ts), so there is one definition of the upsert.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const { file, pragmas, statements, deferIndexes } = workerData;
const db = new Database(file);
for (const pragma of pragmas) db.pragma(pragma);
const prepared = Object.fromEntries(
  Object.entries(statements).map(([level, sql]) => [level, db.prepare(sql)]),
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

// Columnar batches (one array per column) clone far faster between threads than row objects.
const writeBatch = db.transaction((level, b, changedAt) => {
  const statement = prepared[level];
  let written = 0;
  for (let i = 0; i < b.kpi.length; i++) {
    written += statement.run(
      b.kpi[i],
      b.unit[i],
      b.period[i],
      b.gender[i],
      b.hasValue[i] ? b.value[i] : null,
      b.count[i],
      b.status[i],
      b.isDeleted[i],
      changedAt,
    ).changes;
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
