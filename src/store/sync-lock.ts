/**
 * One sync at a time per store, across processes: the server's background or scheduled sync, an
 * `etablera sync` in a terminal, the admin endpoint, other app instances. How the lock is held is the
 * backend's: SQLite an OS file lock beside the database (backends/sqlite/sync-lock.ts), PostgreSQL a
 * session advisory lock, which the server drops with the connection if the holder dies
 * (backends/postgres/sync-lock.ts).
 */
import type { Store } from './database.js';

/** Runs `task` holding the store's sync lock; returns null without running it when another holds it. */
export function withSyncLock<T>(store: Store, task: () => Promise<T>): Promise<T | null> {
  return store.backend.withSyncLock(task);
}
