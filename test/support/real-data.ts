/**
 * The real Kolada data in ../shared/data, loaded once per test run (by global-setup.ts) into one
 * SQLite file and one PostgreSQL database that read-only tests share.
 */
import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
import { type Dialect, openStore, type Store } from '../../src/store/database.js';
import { databaseUrl } from './dialects.js';

export const REPO_ROOT = resolve(import.meta.dirname, '../..');
// ETABLERA_TEST_SHARED_DATA: for a copy of the checkout elsewhere (Stryker's sandbox, see TESTING.md).
export const SHARED_DATA = resolve(REPO_ROOT, process.env.ETABLERA_TEST_SHARED_DATA || '../shared/data');
export const KOLADA_META = join(SHARED_DATA, 'kolada/meta');
export const KOLADA_VALUES = join(SHARED_DATA, 'kolada/values/values-2024-08.ndjson.gz');
export const META_FILES = [
  'municipality.json',
  'kpi.json',
  'kpi_groups.v2-2024-01.json',
  'municipality_groups.json',
  'ou.v2-2024-01.json',
].map((f) => join(KOLADA_META, f));

export const REAL_SQLITE_DIR = join(REPO_ROOT, '.tmp/real-data');
// One database per checkout, so parallel checkouts on one server do not load over each other.
export const REAL_PG_DATABASE = `etablera_real_${createHash('sha256').update(REPO_ROOT).digest('hex').slice(0, 8)}`;

export function realStoreEnv(dialect: Dialect): { DATABASE_URL: string; ETABLERA_DATA_DIR: string } {
  return dialect === 'sqlite'
    ? { DATABASE_URL: '', ETABLERA_DATA_DIR: REAL_SQLITE_DIR }
    : { DATABASE_URL: databaseUrl(REAL_PG_DATABASE), ETABLERA_DATA_DIR: REAL_SQLITE_DIR };
}

/** Opens the shared real-data store. Tests must not write to it. */
export function openRealStore(dialect: Dialect): Promise<Store> {
  const env = realStoreEnv(dialect);
  return openStore({ databaseUrl: env.DATABASE_URL, dataDir: env.ETABLERA_DATA_DIR });
}
