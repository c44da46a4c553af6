/**
 * One sync at a time on an SQLite store, across processes (the server's background sync and an
 * `etablera sync` in a terminal may open the same file). PostgreSQL uses an advisory lock instead
 * (SyncStateRepository.withSyncLock). The lock is a file beside the database holding the owner's PID;
 * a lock whose PID no longer runs is stale (the owner crashed, e.g. SIGKILL) and is taken over.
 */
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';

export interface FileLock {
  release(): void;
}

function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the lock for the SQLite file at `databaseFile`, or returns null when another process holds it. */
export function tryAcquireSqliteSyncLock(databaseFile: string): FileLock | null {
  const path = `${databaseFile}.sync-lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      return {
        release() {
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
        // removed between open and read: try again
      }
      if (Number.isInteger(owner) && owner > 0 && processRuns(owner)) return null;
      // The owner is gone: remove its stale lock and try once more.
      try {
        unlinkSync(path);
      } catch {
        // another process removed it first
      }
    }
  }
  return null;
}
