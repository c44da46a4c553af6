/**
 * Opens a store: picks the backend (backends/sqlite or backends/postgres) once, by DATABASE_URL, and
 * migrates. Everything above the store talks to a `Store`; what differs between the databases is
 * behind `store.backend` (backends/backend.ts).
 */
import type SqliteDatabase from 'better-sqlite3';
import { type Kysely, Migrator, sql } from 'kysely';
import type pg from 'pg';
import type { Dialect, StoreBackend } from './backends/backend.js';
import { openSqlite } from './backends/sqlite/index.js';
import type { DataVersionSignal } from './data-version-signal.js';
import { migrationsFor, RENAMED_MIGRATIONS } from './migrations/index.js';
import type { Repositories } from './repositories/index.js';
import type { Database } from './schema.js';
import { ensureValueIndexes } from './value-indexes.js';

export type { Db, Dialect } from './backends/backend.js';

// Kysely's default table of executed migrations.
const MIGRATION_TABLE = 'kysely_migration';

interface OpenStore {
  /** Which database: for logs, the health endpoint and the migrations; code that differs goes in `backend`. */
  dialect: Dialect;
  db: Kysely<Database>;
  /** Everything that differs between the databases (backends/backend.ts), chosen once at open. */
  backend: StoreBackend;
  /** The repositories over the store's pool (repositories/index.ts): services get theirs from here. */
  repositories: Repositories;
  location: string;
  close(): Promise<void>;
}

export interface SqliteStore extends OpenStore {
  dialect: 'sqlite';
  /** The raw driver, for the backend and for tests and benchmarks of SQLite itself. */
  sqlite: SqliteDatabase.Database;
}

export interface PostgresStore extends OpenStore {
  dialect: 'postgres';
  /** The raw pool, for the backend and for tests and benchmarks of PostgreSQL itself. */
  pool: pg.Pool;
  /** Moves when the data version may have changed (see data-version-signal.ts). */
  dataVersionSignal: DataVersionSignal;
}

export type Store = SqliteStore | PostgresStore;

export interface StoreOptions {
  databaseUrl: string;
  dataDir: string;
  /** An explicit SQLite file (tests); overrides dataDir. */
  sqliteFile?: string;
  /**
   * SQLite: copy the write-ahead log into the database on a thread of its own instead of on the
   * connection that commits (the server: see backends/sqlite/background-checkpoint.ts).
   */
  backgroundCheckpoint?: boolean;
}

export async function openStore(options: StoreOptions): Promise<Store> {
  // The PostgreSQL backend (and its driver) loads only when a PostgreSQL store is opened.
  const store = options.databaseUrl
    ? await (await import('./backends/postgres/index.js')).openPostgres(options.databaseUrl)
    : openSqlite(options);
  try {
    await migrate(store);
    await ensureValueIndexes(store);
  } catch (error) {
    // Not left open: a caller that goes on (e.g. drops and rebuilds the database) must not meet
    // this store's connections, which PostgreSQL would then terminate under an unhandled error.
    await store.close().catch(() => undefined);
    throw error;
  }
  return store;
}

export async function migrate(store: Store): Promise<void> {
  const migrations = migrationsFor(store.dialect);
  await renameRecordedMigrations(store);
  // Features add migrations independently; their relative order does not matter, only that each runs once.
  const migrator = new Migrator({
    db: store.db,
    provider: { getMigrations: async () => migrations },
    allowUnorderedMigrations: true,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Migration ${failed} failed on ${store.dialect}: ${String(error)}`);
  }
}

/** Renames the records of migrations that were renamed after a release, so they are not run twice. */
async function renameRecordedMigrations(store: Store): Promise<void> {
  // One catalogue lookup at every open, not an introspection of every table and its columns.
  if (!(await store.backend.tableExists(store.db, MIGRATION_TABLE))) return;
  for (const [from, to] of Object.entries(RENAMED_MIGRATIONS))
    await sql`update ${sql.table(MIGRATION_TABLE)} set name = ${to} where name = ${from}`.execute(store.db);
}
