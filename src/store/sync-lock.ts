/**
 * One sync at a time per store, across processes and app instances.
 *
 * - PostgreSQL: a session-level advisory lock held on a dedicated pooled connection. If the holder
 *   dies (even by SIGKILL) its connection closes and the server releases the lock by itself.
 * - SQLite: the store is one local file, so a lock file beside it holding the owner's PID. A lock
 *   whose PID no longer runs is stale (the owner crashed) and is taken over.
 */
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import type { Store } from './database.js';

export interface SyncLock {
  release(): Promise<void>;
}

/** Fixed 64-bit key of Etablera's sync lock ("etablera-sync" in the advisory-lock key space). */
const ADVISORY_KEY = '4848373510917010001';

/** Takes the sync lock, or returns null at once when another sync holds it. */
export async function tryAcquireSyncLock(store: Store): Promise<SyncLock | null> {
  return store.dialect === 'postgres'
    ? tryPostgresLock(store.pool)
    : trySqliteLock(`${store.location}.sync-lock`);
}

async function tryPostgresLock(pool: import('pg').Pool): Promise<SyncLock | null> {
  const client = await pool.connect();
  try {
    const { rows } = await client.query<{ locked: boolean }>(
      'select pg_try_advisory_lock($1::bigint) as locked',
      [ADVISORY_KEY],
    );
    if (!rows[0]?.locked) {
      client.release();
      return null;
    }
  } catch (error) {
    client.release(error as Error);
    throw error;
  }
  let released = false;
  return {
    async release() {
      if (released) return;
      released = true;
      try {
        await client.query('select pg_advisory_unlock($1::bigint)', [ADVISORY_KEY]);
        client.release();
      } catch (error) {
        // Dropping the connection releases the lock too.
        client.release(error as Error);
      }
    },
  };
}

function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function trySqliteLock(path: string): SyncLock | null {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      return {
        async release() {
          if (released) return;
          released = true;
          try {
            unlinkSync(path);
          } catch {
            // already gone
          }
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      let owner = Number.NaN;
      try {
        owner = Number.parseInt(readFileSync(path, 'utf8'), 10);
      } catch {
        // vanished between open and read: try again
      }
      if (Number.isInteger(owner) && owner > 0 && processRuns(owner)) return null;
      // The owner crashed: remove its stale lock and try once more.
      try {
        unlinkSync(path);
      } catch {
        // another process removed it first
      }
    }
  }
  return null;
}
