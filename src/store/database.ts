/**
 * The one seam between Etablera and its SQL backends. Everything above the store talks to a `Store`;
 * only the bulk writers reach below Kysely, to the raw driver, for speed.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from 'kysely';
import type pg from 'pg';
import { migrationsFor, RENAMED_MIGRATIONS } from './migrations/index.js';
import type { Database } from './schema.js';
import { ensureValueIndexes } from './value-indexes.js';

// Kysely's default table of executed migrations.
const MIGRATION_TABLE = 'kysely_migration';

export type Dialect = 'sqlite' | 'postgres';

export interface SqliteStore {
  dialect: 'sqlite';
  db: Kysely<Database>;
  sqlite: SqliteDatabase.Database;
  location: string;
  close(): Promise<void>;
}

export interface PostgresStore {
  dialect: 'postgres';
  db: Kysely<Database>;
  pool: pg.Pool;
  location: string;
  close(): Promise<void>;
}

export type Store = SqliteStore | PostgresStore;

export interface StoreOptions {
  databaseUrl: string;
  dataDir: string;
  /** An explicit SQLite file (tests); overrides dataDir. */
  sqliteFile?: string;
}

/** The PostgreSQL driver, loaded when a PostgreSQL store is opened: a SQLite server never needs it. */
async function postgresDriver() {
  const [{ default: pg }, { default: Cursor }] = await Promise.all([import('pg'), import('pg-cursor')]);
  // PostgreSQL returns bigint (count(*)) as strings by default; our counts fit in a JS number.
  pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number.parseInt(v, 10));
  pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number.parseFloat(v));
  return { pg, Cursor };
}

export async function openStore(options: StoreOptions): Promise<Store> {
  const store = options.databaseUrl ? await openPostgres(options.databaseUrl) : openSqlite(options);
  await migrate(store);
  await ensureValueIndexes(store);
  return store;
}

function openSqlite(options: StoreOptions): SqliteStore {
  let file = options.sqliteFile;
  if (!file) {
    mkdirSync(options.dataDir, { recursive: true });
    file = join(options.dataDir, 'etablera.db');
  }
  const sqlite = new SqliteDatabase(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 10000');
  // 16 MB of page cache per connection: the OS caches the file too, and a server's memory is budgeted.
  sqlite.pragma('cache_size = -16384');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return {
    dialect: 'sqlite',
    db,
    sqlite,
    location: file,
    close: () => db.destroy(),
  };
}

async function openPostgres(url: string): Promise<PostgresStore> {
  const { pg, Cursor } = await postgresDriver();
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool, cursor: Cursor }) });
  return {
    dialect: 'postgres',
    db,
    pool,
    location: url.replace(/:\/\/([^:@/]+):[^@/]*@/, '://$1:***@'),
    close: () => db.destroy(),
  };
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
  const exists =
    store.dialect === 'sqlite'
      ? sql<{
          found: number;
        }>`select 1 as found from sqlite_master where type = 'table' and name = ${MIGRATION_TABLE}`
      : sql<{
          found: number;
        }>`select 1 as found from pg_tables where schemaname = current_schema() and tablename = ${MIGRATION_TABLE}`;
  if ((await exists.execute(store.db)).rows.length === 0) return;
  for (const [from, to] of Object.entries(RENAMED_MIGRATIONS))
    await sql`update ${sql.table(MIGRATION_TABLE)} set name = ${to} where name = ${from}`.execute(store.db);
}
