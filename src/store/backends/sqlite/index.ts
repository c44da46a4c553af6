/** The SQLite backend: one file, better-sqlite3 under Kysely. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { SqliteStore, StoreOptions } from '../../database.js';
import { repositoriesOf } from '../../repositories/index.js';
import type { Database } from '../../schema.js';
import type { StoreBackend } from '../backend.js';
import { startBackgroundCheckpoint } from './background-checkpoint.js';
import { BUSY_TIMEOUT_MS, sqliteSql } from './sql.js';
import { withStatementCache } from './statement-cache.js';
import { withSqliteSyncLock } from './sync-lock.js';
import { sqliteCounts } from './table-counts.js';
import { createSqliteValueWriter, createThreadedSqliteValueWriter } from './value-writer.js';

export function openSqlite(options: StoreOptions): SqliteStore {
  let file = options.sqliteFile;
  if (!file) {
    mkdirSync(options.dataDir, { recursive: true });
    file = join(options.dataDir, 'etablera.db');
  }
  const sqlite = new SqliteDatabase(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  // 16 MB of page cache per connection: the OS caches the file too, and a server's memory is budgeted.
  sqlite.pragma('cache_size = -16384');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  const location = file;
  // Not for an in-memory database (no second connection can open it).
  const checkpoint =
    options.backgroundCheckpoint && !sqlite.memory
      ? startBackgroundCheckpoint(sqlite, {
          onFailure: (message) =>
            process.emitWarning(
              `SQLite background checkpoint stopped (${message}); the store's connection checkpoints itself again`,
            ),
        })
      : undefined;
  const backend: StoreBackend = {
    ...sqliteSql,
    createValueWriter(options) {
      // An in-memory database cannot be opened from a second thread.
      const threaded = options.threaded && !sqlite.memory && sqlite.name !== '';
      return Promise.resolve(
        threaded
          ? createThreadedSqliteValueWriter(sqlite, { deferIndexes: options.deferIndexesWhenEmpty })
          : createSqliteValueWriter(sqlite),
      );
    },
    withSyncLock: (task) => withSqliteSyncLock(location, task),
    tableCounts: () => Promise.resolve(sqliteCounts(sqlite)),
  };
  return {
    dialect: 'sqlite',
    db,
    sqlite,
    backend,
    repositories: repositoriesOf(db, backend),
    location,
    close: async () => {
      await checkpoint?.stop();
      await db.destroy();
    },
  };
}
