/**
 * What differs between SQLite and PostgreSQL, in one interface with one implementation per database
 * (a folder each, as Kysely keeps its dialects): `backends/sqlite/`, `backends/postgres/`. The store
 * picks one when it opens (`openStore`, database.ts); nothing outside these folders asks which database
 * it runs on. Migrations are the exception: each migration file is one schema change written for both
 * databases, so they take the dialect name (see migrations/index.ts).
 */
import type { Kysely, RawBuilder, SelectQueryBuilder, Transaction } from 'kysely';
import type { ValueWriter, ValueWriterOptions } from '../bulk/value-writer.js';
import type { Database } from '../schema.js';

export type Dialect = 'sqlite' | 'postgres';

/** A connection to run SQL on: the store's pool or one transaction of it. */
export type Db = Kysely<Database> | Transaction<Database>;

/** Rows in every table, by table name. */
export type TableCounts = Record<string, number>;

/**
 * The parts of SQL that differ: stateless, so the repositories of a transaction use the same ones as
 * the store they came from.
 */
export interface SqlFlavour {
  readonly dialect: Dialect;
  /** Lower-cased text that compares byte by byte (the same on both databases; Å/Ä/Ö are folded by the caller). */
  lowerBytes(text: RawBuilder<unknown>): RawBuilder<string>;
  /** 1-based position of `needle` in `haystack`, 0 when absent. */
  position(haystack: RawBuilder<string>, needle: string): RawBuilder<number>;
  /**
   * Rows picked for a claim, locked so two claimers running at once get disjoint rows (PostgreSQL:
   * FOR UPDATE SKIP LOCKED; SQLite has one writer at a time anyway).
   */
  lockForClaim<DB, TB extends keyof DB, O>(q: SelectQueryBuilder<DB, TB, O>): SelectQueryBuilder<DB, TB, O>;
  /**
   * A FROM item `alias` whose rows are the objects of a JSON array (one bound parameter, so the
   * statement's text is the same for any number of rows), with the named columns as integer or text.
   */
  jsonRecords(
    alias: string,
    json: string,
    columns: ReadonlyArray<readonly [string, 'integer' | 'text']>,
  ): RawBuilder<unknown>;
  /**
   * Runs `work` (a write) on one connection of `db` without waiting for the database's write lock:
   * null, nothing written, when another connection holds it. SQLite has one writer at a time and
   * waits for it by sleeping in the calling thread (its busy timeout), which in the server holds
   * the event loop; the caller tries again later instead. PostgreSQL waits without blocking us, so
   * `work` simply runs. Inside a transaction `work` runs as it is (the lock is the transaction's).
   */
  withoutWaitingForWriter<T>(db: Db, work: (db: Db) => Promise<T>): Promise<T | null>;
  /** Whether the table exists, from the catalogue (no table lock). */
  tableExists(db: Db, table: string): Promise<boolean>;
  /** Which of the named indexes exist, from the catalogue (no table lock). */
  presentIndexes(db: Db, names: readonly string[]): Promise<Set<string>>;
}

/** One open store's database: the SQL flavour plus what goes below Kysely to the driver. */
export interface StoreBackend extends SqlFlavour {
  /** Bulk value writer (the one hot path that goes below Kysely). */
  createValueWriter(options: ValueWriterOptions): Promise<ValueWriter>;
  /** Runs `task` holding the store's sync lock; null without running it when another holds it. */
  withSyncLock<T>(task: () => Promise<T>): Promise<T | null>;
  /** Rows in every table, for backup and restore checks. */
  tableCounts(): Promise<TableCounts>;
}
