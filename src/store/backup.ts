/**
 * Backup and restore of a whole store.
 *
 * - SQLite: SQLite's online backup API, copying every page in one step, so the copy is one consistent
 *   snapshot (one read transaction) while the server or an import keeps writing (WAL: writers are not
 *   blocked, and a one-step backup never restarts). The row count of every table is recorded inside the
 *   copy (store_meta), so a restore can check it got the whole thing.
 * - PostgreSQL: pg_dump (custom format) of one exported snapshot, in which the row counts are taken too;
 *   they go to `<file>.counts.json` beside the dump.
 *
 * Files are written under a temporary name and renamed at the end: a failed backup leaves no file
 * that looks complete. A restore goes only into an empty target and removes what it wrote if a check fails.
 */
import { spawn, spawnSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { UserError } from '../errors/user-error.js';
import type { Dialect, TableCounts } from './backends/backend.js';
import { postgresCounts } from './backends/postgres/table-counts.js';
import { BACKUP_MANIFEST_KEY, sqliteCounts } from './backends/sqlite/table-counts.js';
import { openStore, type Store } from './database.js';

export type { TableCounts } from './backends/backend.js';

export interface BackupManifest {
  createdAt: string;
  dialect: Dialect;
  counts: TableCounts;
}

export class BackupError extends UserError {}

const SQLITE_HEADER = 'SQLite format 3\0';

// ---------- SQLite ----------

/** Backs up the SQLite file at `source` to `target`, consistent while others write. */
export async function backupSqlite(source: string, target: string): Promise<BackupManifest> {
  if (!existsSync(source)) throw new BackupError(`There is no SQLite store at ${source}`);
  const partial = `${target}.partial`;
  rmSync(partial, { force: true });
  const db = new SqliteDatabase(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 10000');
    // All pages in one step: one read transaction, one snapshot.
    await db.backup(partial, { progress: () => 2 ** 30 });
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  } finally {
    db.close();
  }
  const copy = new SqliteDatabase(partial);
  let manifest: BackupManifest;
  try {
    copy.pragma('journal_mode = DELETE'); // one self-contained file
    manifest = { createdAt: new Date().toISOString(), dialect: 'sqlite', counts: sqliteCounts(copy) };
    copy
      .prepare(
        'insert into store_meta (key, value) values (?, ?) on conflict (key) do update set value = excluded.value',
      )
      .run(BACKUP_MANIFEST_KEY, JSON.stringify(manifest));
  } finally {
    copy.close();
  }
  renameSync(partial, target);
  return manifest;
}

export interface RestoreReport {
  manifest: BackupManifest | null;
  counts: TableCounts;
  location: string;
}

function compareCounts(expected: TableCounts, actual: TableCounts): string[] {
  return Object.entries(expected)
    .filter(([table, n]) => actual[table] !== n)
    .map(([table, n]) => `${table}: ${n} in the backup, ${actual[table] ?? 'missing'} restored`);
}

/** Restores a SQLite backup into `dataDir`, which must not hold a store yet. */
export async function restoreSqlite(file: string, dataDir: string): Promise<RestoreReport> {
  const target = join(dataDir, 'etablera.db');
  if (existsSync(target))
    throw new BackupError(
      `${dataDir} already holds a store (etablera.db); restore into an empty data directory`,
    );
  if (!existsSync(file) || !statSync(file).isFile()) throw new BackupError(`No backup file at ${file}`);
  const header = Buffer.alloc(16);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, header, 0, 16, 0);
  } finally {
    closeSync(fd);
  }
  if (header.toString('latin1') !== SQLITE_HEADER)
    throw new BackupError(`${file} is not an SQLite backup (for PostgreSQL, set DATABASE_URL to the target)`);

  const restoring = `${target}.restoring`;
  rmSync(restoring, { force: true });
  const source = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
  let manifest: BackupManifest | null = null;
  try {
    const check = source.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new BackupError(`${file} is damaged: ${String(check)}`);
    const row = source.prepare('select value from store_meta where key = ?').get(BACKUP_MANIFEST_KEY) as
      | { value: string }
      | undefined;
    manifest = row ? (JSON.parse(row.value) as BackupManifest) : null;
    await source.backup(restoring, { progress: () => 2 ** 30 });
  } catch (error) {
    rmSync(restoring, { force: true });
    throw error;
  } finally {
    source.close();
  }
  const copy = new SqliteDatabase(restoring);
  copy.prepare('delete from store_meta where key = ?').run(BACKUP_MANIFEST_KEY);
  copy.close();
  renameSync(restoring, target);

  return verifyRestored({ databaseUrl: '', dataDir }, manifest, () => {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${target}${suffix}`, { force: true });
  });
}

/** Opens the restored store (migrations run, as at any start) and compares every table's rows. */
async function verifyRestored(
  options: { databaseUrl: string; dataDir: string },
  manifest: BackupManifest | null,
  undo: () => void | Promise<void>,
): Promise<RestoreReport> {
  let store: Store | undefined;
  try {
    store = await openStore(options);
    const counts = await tableCounts(store);
    const wrong = manifest ? compareCounts(manifest.counts, counts) : [];
    if (wrong.length)
      throw new BackupError(`The restored store differs from the backup: ${wrong.join('; ')}`);
    return { manifest, counts, location: store.location };
  } catch (error) {
    await store?.close();
    store = undefined;
    await undo();
    throw error;
  } finally {
    await store?.close();
  }
}

/** Rows in every table of an open store. */
export function tableCounts(store: Store): Promise<TableCounts> {
  return store.backend.tableCounts();
}

// ---------- PostgreSQL ----------

export function onPath(command: string): boolean {
  return spawnSync(command, ['--version'], { stdio: 'ignore' }).status === 0;
}

/** The pg_dump command line for `url` into `file` (the password is left to PGPASSWORD or ~/.pgpass in what is shown). */
export function pgDumpArgs(url: string, file: string, snapshot?: string): string[] {
  return [
    '--format=custom',
    '--no-owner',
    ...(snapshot ? [`--snapshot=${snapshot}`] : []),
    `--file=${file}`,
    `--dbname=${url}`,
  ];
}

export function pgRestoreArgs(url: string, file: string): string[] {
  return ['--no-owner', '--exit-on-error', '--single-transaction', `--dbname=${url}`, file];
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new BackupError(`${command} failed (exit ${code}): ${stderr.trim()}`)),
    );
  });
}

/** pg_dump of one snapshot, and the row counts of that same snapshot beside it. */
export async function backupPostgres(url: string, target: string): Promise<BackupManifest> {
  const partial = `${target}.partial`;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('begin isolation level repeatable read, read only');
    const snapshot = (await client.query<{ id: string }>('select pg_export_snapshot() as id')).rows[0]!.id;
    const manifest: BackupManifest = {
      createdAt: new Date().toISOString(),
      dialect: 'postgres',
      counts: await postgresCounts(client),
    };
    rmSync(partial, { force: true });
    await run('pg_dump', pgDumpArgs(url, partial, snapshot));
    await client.query('commit');
    writeFileSync(`${target}.counts.json`, `${JSON.stringify(manifest, null, 2)}\n`);
    renameSync(partial, target);
    return manifest;
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  } finally {
    await client.end();
  }
}

/** pg_restore into the (empty) database at `url`, then the same checks as for SQLite. */
export async function restorePostgres(file: string, url: string, dataDir: string): Promise<RestoreReport> {
  if (!existsSync(file)) throw new BackupError(`No backup file at ${file}`);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let tables: number;
  try {
    tables = (
      await client.query<{ n: number }>(
        "select count(*)::int as n from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'",
      )
    ).rows[0]!.n;
  } finally {
    await client.end();
  }
  if (tables > 0)
    throw new BackupError('The target database is not empty; restore into a new, empty database');
  const countsFile = `${file}.counts.json`;
  const manifest = existsSync(countsFile)
    ? (JSON.parse(readFileSync(countsFile, 'utf8')) as BackupManifest)
    : null;
  await run('pg_restore', pgRestoreArgs(url, file));
  return verifyRestored({ databaseUrl: url, dataDir }, manifest, async () => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      await c.query('drop schema if exists public cascade; create schema public');
    } finally {
      await c.end();
    }
  });
}
