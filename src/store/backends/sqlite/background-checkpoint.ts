/**
 * WAL checkpoints on a thread of their own, for the server's store.
 *
 * In WAL mode every commit appends pages to the -wal file, and by default the connection that
 * commits past 1000 pages copies the log back into the database file at once ("auto-checkpoint"),
 * with an fsync of the log and of the database. better-sqlite3 is synchronous, so in the server that
 * copy ran on the event loop: under the dialogue benchmark (300 votes a second, ≈ 3 pages a vote) it
 * came about once a second and held every request for 10–70 ms (strace: three fsyncs of 1–45 ms each,
 * plus the copying), which is where the tail of the vote latency came from.
 *
 * Here the server's connection never checkpoints (`wal_autocheckpoint = 0`); a worker with its own
 * connection runs a PASSIVE checkpoint every `intervalMs`, which waits for nobody, so the log is copied
 * and synced off the event loop while requests go on. If the worker fails, the connection goes back to
 * checkpointing itself, so the log cannot grow without bound.
 */
import { Worker } from 'node:worker_threads';
import type BetterSqlite3 from 'better-sqlite3';

export interface BackgroundCheckpoint {
  /** Frames copied so far (for tests and benchmarks). */
  readonly checkpointedFrames: number;
  /** Resolves after the worker's last checkpoint, once it has closed its connection. */
  stop(): Promise<void>;
}

/** The page count at which SQLite's own auto-checkpoint starts (its default). */
const AUTOCHECKPOINT_DEFAULT = 1000;

export function startBackgroundCheckpoint(
  sqlite: BetterSqlite3.Database,
  { intervalMs = 500, onFailure }: { intervalMs?: number; onFailure?: (message: string) => void } = {},
): BackgroundCheckpoint {
  sqlite.pragma('wal_autocheckpoint = 0');
  const worker = new Worker(new URL('./checkpoint-worker.mjs', import.meta.url), {
    workerData: { file: sqlite.name, intervalMs },
  });
  // The server's exit must not wait for this thread.
  worker.unref();
  let frames = 0;
  let exited = false;
  let stopped: Promise<void> | undefined;
  worker.on('exit', () => {
    exited = true;
  });
  const fallBack = (message: string) => {
    if (sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_DEFAULT}`);
    onFailure?.(message);
  };
  worker.on('message', (m: { type: string; checkpointed?: number; message?: string }) => {
    if (m.type === 'checkpointed') frames += m.checkpointed ?? 0;
    if (m.type === 'failed') fallBack(m.message ?? 'unknown error');
  });
  worker.on('error', (error) => fallBack(error.message));
  return {
    get checkpointedFrames() {
      return frames;
    },
    stop() {
      stopped ??= new Promise<void>((resolveStop) => {
        if (exited) return resolveStop();
        worker.on('exit', () => resolveStop());
        worker.on('message', (m: { type: string }) => {
          if (m.type === 'stopped') void worker.terminate();
        });
        worker.postMessage('stop');
      });
      return stopped;
    },
  };
}
