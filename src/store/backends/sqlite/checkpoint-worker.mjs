// Copies the SQLite write-ahead log into the database file on a thread of its own (see
// background-checkpoint.ts for why). Plain JavaScript, so it runs as a worker whatever loads the
// TypeScript (tsx, vitest, the build).
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const { file, intervalMs } = workerData;
const db = new Database(file);
db.pragma('busy_timeout = 10000');
// This connection only checkpoints: it must not start a checkpoint of its own after a write.
db.pragma('wal_autocheckpoint = 0');

let timer;
function checkpoint() {
  try {
    // PASSIVE: copies what it can without waiting for readers or the writer, so the server's
    // connection is never blocked by it; what is left is copied the next time.
    const [result] = db.pragma('wal_checkpoint(PASSIVE)');
    if (result.checkpointed > 0)
      parentPort.postMessage({ type: 'checkpointed', log: result.log, checkpointed: result.checkpointed });
  } catch (error) {
    parentPort.postMessage({ type: 'failed', message: String(error?.message ?? error) });
    clearInterval(timer);
    db.close();
  }
}
timer = setInterval(checkpoint, intervalMs);

parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  // A last copy, so that the server's own close finds little left to do.
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } finally {
    db.close();
    parentPort.postMessage({ type: 'stopped' });
  }
});
