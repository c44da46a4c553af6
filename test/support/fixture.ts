/**
 * The committed real-data fixture (test/fixture/kolada, "Källa: Kolada"; made by
 * scripts/extract-test-fixture.ts): 18 KPIs (fixture-spec.ts) × all 312 municipalities × 2013–2022,
 * with the metadata they reference. It needs nothing beside the checkout, so tests that can should use it:
 *
 *   store = await openFixtureStore(dialect);       // shared, loaded once per run; read only
 *   const temp = await createFixtureStore(dialect); // a private copy to write to; temp.destroy() after
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { importFiles } from '../../src/import/import.service.js';
import type { Dialect, Store } from '../../src/store/database.js';
import { type KoladaFiles, openStoreAt, REPO_ROOT, type StoreEnv, sharedStoreEnv } from './real-data.js';
import { createTempStore, type TempStore } from './temp-store.js';

export const FIXTURE_DIR = join(REPO_ROOT, 'test/fixture/kolada');
/** The files in the names of the Kolada API resources; `values.json.gz` is one `data` envelope. */
export const FIXTURE_META = {
  municipality: join(FIXTURE_DIR, 'municipality.json'),
  kpi: join(FIXTURE_DIR, 'kpi.json'),
  kpi_groups: join(FIXTURE_DIR, 'kpi_groups.json'),
  municipality_groups: join(FIXTURE_DIR, 'municipality_groups.json'),
};
export const FIXTURE_VALUES = join(FIXTURE_DIR, 'values.json.gz');
export const FIXTURE_FILES = [...Object.values(FIXTURE_META), FIXTURE_VALUES];
/** The fixture as a Kolada data set (for the fake Kolada server); it has no organisational units. */
export const FIXTURE_KOLADA: KoladaFiles = { meta: FIXTURE_META, values: FIXTURE_VALUES };
export { FIXTURE_KPIS, FIXTURE_PERIODS } from './fixture-spec.js';

export const FIXTURE_SQLITE_DIR = join(REPO_ROOT, '.tmp/fixture-data');
export const FIXTURE_PG_DATABASE = `etablera_fixture_${createHash('sha256').update(REPO_ROOT).digest('hex').slice(0, 8)}`;

export function fixtureStoreEnv(dialect: Dialect): StoreEnv {
  return sharedStoreEnv(dialect, FIXTURE_SQLITE_DIR, FIXTURE_PG_DATABASE);
}

/** Opens the shared fixture store (loaded by global-setup.ts). Tests must not write to it. */
export function openFixtureStore(dialect: Dialect): Promise<Store> {
  return openStoreAt(fixtureStoreEnv(dialect));
}

/** A fresh temporary store with the fixture imported, for tests that write. */
export async function createFixtureStore(dialect: Dialect): Promise<TempStore> {
  const temp = await createTempStore(dialect);
  try {
    await importFiles(temp.store, FIXTURE_FILES);
  } catch (error) {
    await temp.destroy();
    throw error;
  }
  return temp;
}
