/**
 * One sync at a time on an SQLite store, across processes (the server's background sync and an
 * `etablera sync` in a terminal may open the same file). Callers use `withSyncLock` (../../sync-lock.ts),
 * which takes a PostgreSQL advisory lock instead on that backend.
 *
 * The lock is an exclusive transaction on a small, empty SQLite file beside the database. SQLite
 * takes it with an OS file lock, which the kernel drops when the holder's files are closed: on
 * release, on exit, and on SIGKILL, before the process is reaped. So a killed process, a zombie
 * nobody reaps or a PID recycled by another program never holds it (a PID written in a file did,
 * see RELIABILITY.md). The file is never deleted: a process that opened it just before a delete
 * would lock the old inode while a newcomer locks a new one, and both would sync.
 */
import { unlinkSync } from 'node:fs';
import SqliteDatabase from 'better-sqlite3';

export interface FileLock {
  release(): void;
}

/** The lock file for the SQLite database at `databaseFile` (SQLite names its own sidecars `-wal`, `-shm`). */
export function sqliteSyncLockPath(databaseFile: string): string {
  return `${databaseFile}-sync-lock`;
}

/** Takes the lock for the SQLite file at `databaseFile`, or returns null when another process holds it. */
export function tryAcquireSqliteSyncLock(databaseFile: string): FileLock | null {
  // timeout 0: a held lock answers SQLITE_BUSY at once instead of waiting for it.
  const lock = new SqliteDatabase(sqliteSyncLockPath(databaseFile), { timeout: 0 });
  try {
    // No journal file: the transaction never writes, and a killed holder leaves nothing behind.
    lock.pragma('journal_mode = MEMORY');
    lock.exec('BEGIN EXCLUSIVE');
  } catch (error) {
    lock.close();
    if ((error as { code?: string }).code === 'SQLITE_BUSY') return null;
    throw error;
  }
  removeLegacyLockFile(databaseFile);
  return {
    release() {
      if (!lock.open) return;
      // Stryker disable next-line StringLiteral: equivalent — closing the connection rolls the transaction back too.
      lock.exec('ROLLBACK');
      lock.close();
    },
  };
}

/** Earlier versions wrote their PID to `<db>.sync-lock`; holding the lock, its leftover is ours to remove. */
function removeLegacyLockFile(databaseFile: string): void {
  try {
    unlinkSync(`${databaseFile}.sync-lock`);
  } catch {
    // none
  }
}

/** Runs `task` holding the lock of the SQLite file at `databaseFile`; null when another process holds it. */
export async function withSqliteSyncLock<T>(databaseFile: string, task: () => Promise<T>): Promise<T | null> {
  const lock = tryAcquireSqliteSyncLock(databaseFile);
  if (lock === null) return null;
  try {
    return await task();
  } finally {
    lock.release();
  }
}
