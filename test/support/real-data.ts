/**
 * The full Kolada data in ../shared/data (7.39 M values), loaded once per test run (by global-setup.ts)
 * into one SQLite file and one PostgreSQL database that read-only tests share. A fresh clone has no
 * ../shared: suites that need the full data use `describeFullData`, which skips them (loudly, see
 * scripts/run-tests.mjs) there and never in CI. Everything else runs on the committed fixture (fixture.ts).
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'vitest';
import { type Dialect, openStore, type Store } from '../../src/store/database.js';
import { databaseUrl } from './dialects.js';

export {
  FULL_KOLADA,
  KOLADA_META,
  KOLADA_RESOURCES,
  KOLADA_VALUES,
  type KoladaFiles,
  type KoladaResource,
  META_FILES,
  REPO_ROOT,
  SHARED_DATA,
} from './shared-data.js';

import { REPO_ROOT, SHARED_DATA } from './shared-data.js';

/** True when ../shared/data is beside the checkout (always in CI; global-setup fails otherwise). */
export const HAS_FULL_DATA = existsSync(SHARED_DATA);

/** Marks a suite that needs ../shared/data: it is skipped without it, under a name that says why. */
export function describeFullData(name: string, body: () => void): void {
  if (HAS_FULL_DATA) describe(name, body);
  else describe.skip(`${name} [SKIPPED: needs ../shared/data]`, body);
}

/** Marks one test that needs ../shared/data (e.g. the boundary file), like describeFullData. */
export function itFullData(name: string, body: () => Promise<void> | void, timeout?: number): void {
  if (HAS_FULL_DATA) it(name, body, timeout);
  else it.skip(`${name} [SKIPPED: needs ../shared/data]`, body, timeout);
}

/** The kommun boundaries in ../shared/data/geo, which tests of the map point ETABLERA_BOUNDARIES_FILE at. */
export const SHARED_BOUNDARIES = join(SHARED_DATA, 'geo/kommuner.geojson');

export const REAL_SQLITE_DIR = join(REPO_ROOT, '.tmp/real-data');
// One database per checkout, so parallel checkouts on one server do not load over each other.
export const REAL_PG_DATABASE = `etablera_real_${createHash('sha256').update(REPO_ROOT).digest('hex').slice(0, 8)}`;

export interface StoreEnv {
  DATABASE_URL: string;
  ETABLERA_DATA_DIR: string;
}

/** Where a shared loaded store lives: a SQLite directory or a PostgreSQL database of the test server. */
export function sharedStoreEnv(dialect: Dialect, sqliteDir: string, pgDatabase: string): StoreEnv {
  return dialect === 'sqlite'
    ? { DATABASE_URL: '', ETABLERA_DATA_DIR: sqliteDir }
    : { DATABASE_URL: databaseUrl(pgDatabase), ETABLERA_DATA_DIR: sqliteDir };
}

export function realStoreEnv(dialect: Dialect): StoreEnv {
  return sharedStoreEnv(dialect, REAL_SQLITE_DIR, REAL_PG_DATABASE);
}

export function openStoreAt(env: StoreEnv): Promise<Store> {
  return openStore({ databaseUrl: env.DATABASE_URL, dataDir: env.ETABLERA_DATA_DIR });
}

/** Opens the shared full-data store. Tests must not write to it. */
export function openRealStore(dialect: Dialect): Promise<Store> {
  return openStoreAt(realStoreEnv(dialect));
}
