/**
 * One sync at a time on a PostgreSQL store: a session advisory lock, which the server drops with the
 * connection if the holder dies.
 */
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../schema.js';

// An arbitrary constant; only Etablera's syncs take it.
const POSTGRES_SYNC_LOCK_ID = 7_340_221;

export function withPostgresSyncLock<T>(db: Kysely<Database>, task: () => Promise<T>): Promise<T | null> {
  return db.connection().execute(async (connection) => {
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
