/**
 * One sync at a time per store, across processes: the server's background or scheduled sync, an
 * `etablera sync` in a terminal, the admin endpoint, other app instances. SQLite: an OS file lock
 * beside the database (sqlite-sync-lock.ts); PostgreSQL: a session advisory lock, which the server
 * drops with the connection if the holder dies.
 */
import { sql } from 'kysely';
import type { Store } from './database.js';
import { tryAcquireSqliteSyncLock } from './sqlite-sync-lock.js';

// An arbitrary constant; only Etablera's syncs take it.
const POSTGRES_SYNC_LOCK_ID = 7_340_221;

/** Runs `task` holding the store's sync lock; returns null without running it when another holds it. */
export async function withSyncLock<T>(store: Store, task: () => Promise<T>): Promise<T | null> {
  if (store.dialect === 'sqlite') {
    const lock = tryAcquireSqliteSyncLock(store.location);
    if (lock === null) return null;
    try {
      return await task();
    } finally {
      lock.release();
    }
  }
  return store.db.connection().execute(async (connection) => {
    const { rows } = await sql<{
      locked: boolean;
    }>`select pg_try_advisory_lock(${POSTGRES_SYNC_LOCK_ID}) as locked`.execute(connection);
    if (!rows[0]?.locked) return null;
    try {
      return await task();
    } finally {
      await sql`select pg_advisory_unlock(${POSTGRES_SYNC_LOCK_ID})`.execute(connection);
    }
  });
}
