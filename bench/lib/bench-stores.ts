/**
 * Where the benchmark keeps its stores: SQLite folders under .tmp/bench and PostgreSQL databases
 * named etablera_bench* on the server at DATABASE_URL (or the local default). Never the user's data.
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { type Dialect, openStore, type Store } from '../../src/store/database.js';

import { REPO_ROOT } from '../../test/support/shared-data.js';

export { KOLADA_VALUES, META_FILES, REPO_ROOT, SHARED_DATA } from '../../test/support/shared-data.js';
export const BENCH_DIR = join(REPO_ROOT, '.tmp/bench');

const DEFAULT_PG = 'postgres://etablera:etablera@localhost:5432/postgres';

/** The PostgreSQL server to use: DATABASE_URL's server if set, else the local default. */
export function postgresServerUrl(): string {
  return process.env.DATABASE_URL?.startsWith('postgres') ? process.env.DATABASE_URL : DEFAULT_PG;
}

export function postgresUrl(database: string): string {
  const url = new URL(postgresServerUrl());
  url.pathname = `/${database}`;
  return url.toString();
}

export async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgresUrl('postgres') });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function postgresAvailable(): Promise<string | null> {
  try {
    await adminQuery('select 1');
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

/** A named bench store: its env for child processes (etablera CLI, server) and how to open it here. */
export interface BenchStore {
  dialect: Dialect;
  name: string;
  env: { DATABASE_URL: string; ETABLERA_DATA_DIR: string };
}

export function benchStore(dialect: Dialect, name: string): BenchStore {
  const dir = join(BENCH_DIR, `${name}-sqlite`);
  return {
    dialect,
    name,
    env:
      dialect === 'sqlite'
        ? { DATABASE_URL: '', ETABLERA_DATA_DIR: dir }
        : { DATABASE_URL: postgresUrl(`etablera_${name}`), ETABLERA_DATA_DIR: dir },
  };
}

export function sqliteFile(store: BenchStore): string {
  return join(store.env.ETABLERA_DATA_DIR, 'etablera.db');
}

export async function dropStore(store: BenchStore): Promise<void> {
  if (store.dialect === 'sqlite') rmSync(store.env.ETABLERA_DATA_DIR, { recursive: true, force: true });
  else await adminQuery(`drop database if exists etablera_${store.name} with (force)`);
}

/** Drops and recreates the store, empty (no schema: the CLI or openStore migrates). */
export async function freshStore(store: BenchStore): Promise<void> {
  await dropStore(store);
  if (store.dialect === 'sqlite') mkdirSync(store.env.ETABLERA_DATA_DIR, { recursive: true });
  else await adminQuery(`create database etablera_${store.name}`);
}

export async function storeExists(store: BenchStore): Promise<boolean> {
  if (store.dialect === 'sqlite') return existsSync(sqliteFile(store));
  const client = new pg.Client({ connectionString: postgresUrl('postgres') });
  await client.connect();
  try {
    const r = await client.query('select 1 from pg_database where datname = $1', [`etablera_${store.name}`]);
    return (r.rowCount ?? 0) > 0;
  } finally {
    await client.end();
  }
}

/** Renames a store (cheap on both backends): a finished import becomes the store the API reads. */
export async function renameStore(from: BenchStore, to: BenchStore): Promise<void> {
  await dropStore(to);
  if (from.dialect === 'sqlite') {
    const { renameSync } = await import('node:fs');
    renameSync(from.env.ETABLERA_DATA_DIR, to.env.ETABLERA_DATA_DIR);
  } else {
    await adminQuery(`alter database etablera_${from.name} rename to etablera_${to.name}`);
  }
}

export function openBenchStore(store: BenchStore): Promise<Store> {
  return openStore({ databaseUrl: store.env.DATABASE_URL, dataDir: store.env.ETABLERA_DATA_DIR });
}

/** A marker row in store_meta, so a cached store is only reused when it was completed. */
export async function readMarker(store: BenchStore, key: string): Promise<string | undefined> {
  if (!(await storeExists(store))) return undefined;
  const opened = await openBenchStore(store);
  try {
    const row = await opened.db
      .selectFrom('store_meta')
      .select('value')
      .where('key', '=', key)
      .executeTakeFirst();
    return row?.value;
  } finally {
    await opened.close();
  }
}

export async function writeMarker(store: BenchStore, key: string, value: string): Promise<void> {
  const opened = await openBenchStore(store);
  try {
    await opened.db
      .insertInto('store_meta')
      .values({ key, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
      .execute();
  } finally {
    await opened.close();
  }
}
