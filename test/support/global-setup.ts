/**
 * Loads the committed fixture, and the full data in ../shared/data when it is there, once per run into
 * the shared stores, through the real CLI. A store already loaded from the same data and the same
 * import/store code is reused (local runs); CI always starts from a clean clone, so it always loads
 * afresh. Without ../shared/data the full-data suites skip (loudly); in CI that is a failure.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Dialect } from '../../src/store/database.js';
import { DIALECTS } from './dialects.js';
import { FIXTURE_FILES, FIXTURE_PG_DATABASE, FIXTURE_SQLITE_DIR, fixtureStoreEnv } from './fixture.js';
import {
  HAS_FULL_DATA,
  KOLADA_VALUES,
  META_FILES,
  openStoreAt,
  REAL_PG_DATABASE,
  REAL_SQLITE_DIR,
  REPO_ROOT,
  realStoreEnv,
  SHARED_DATA,
  type StoreEnv,
} from './real-data.js';
import { adminQuery } from './temp-store.js';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)],
  );
}

// The stored statistics are computed at import, so their code is part of what a loaded store depends on.
const WRITE_SIDE = [
  'src/domain/analysis/statistics.service.ts',
  'src/domain/statistics',
  'src/import',
  'src/store/bulk',
  'src/store/migrations',
  'src/store/database.ts',
  'src/store/schema.ts',
];

/** One shared store: which files go in, and where it lives. */
interface Dataset {
  name: string;
  files: string[];
  sqliteDir: string;
  pgDatabase: string;
  env(dialect: Dialect): StoreEnv;
}

const FIXTURE: Dataset = {
  name: 'fixture',
  files: FIXTURE_FILES,
  sqliteDir: FIXTURE_SQLITE_DIR,
  pgDatabase: FIXTURE_PG_DATABASE,
  env: fixtureStoreEnv,
};
const FULL: Dataset = {
  name: 'real data',
  files: [...META_FILES, KOLADA_VALUES],
  sqliteDir: REAL_SQLITE_DIR,
  pgDatabase: REAL_PG_DATABASE,
  env: realStoreEnv,
};

/** Changes when the data or any code that shapes the loaded store changes. */
function fingerprint(files: readonly string[]): string {
  const hash = createHash('sha256');
  for (const f of files) hash.update(`${f}:${statSync(f).size}:${statSync(f).mtimeMs}`);
  // Only code that shapes what is written; read-side repositories may change without a reload.
  for (const path of WRITE_SIDE) {
    const full = join(REPO_ROOT, path);
    const files = statSync(full).isDirectory() ? filesUnder(full).sort() : [full];
    for (const f of files) hash.update(readFileSync(f));
  }
  return hash.digest('hex').slice(0, 16);
}

async function isLoaded(data: Dataset, dialect: Dialect, print: string): Promise<boolean> {
  if (dialect === 'sqlite' && !existsSync(join(data.sqliteDir, 'etablera.db'))) return false;
  try {
    const store = await openStoreAt(data.env(dialect));
    try {
      const row = await store.db
        .selectFrom('store_meta')
        .select('value')
        .where('key', '=', 'test-fixture')
        .executeTakeFirst();
      return row?.value === print;
    } finally {
      await store.close();
    }
  } catch (error) {
    console.warn(
      `[${data.name}] ${dialect}: the store loaded earlier does not open (${String(error)}); loading it again`,
    );
    return false;
  }
}

function runImport(data: Dataset, dialect: Dialect): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const started = Date.now();
    const child = spawn(process.execPath, [join(REPO_ROOT, 'bin/etablera.js'), 'import', ...data.files], {
      env: { ...process.env, ...data.env(dialect) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => {
      output += d;
    });
    child.stderr.on('data', (d) => {
      output += d;
    });
    child.on('exit', (code) => {
      if (code === 0) {
        console.log(`[${data.name}] ${dialect}: loaded in ${((Date.now() - started) / 1000).toFixed(0)} s`);
        resolvePromise();
      } else
        reject(new Error(`${data.name} import into ${dialect} failed (${code}):\n${output.slice(-4000)}`));
    });
  });
}

async function load(data: Dataset): Promise<void> {
  const print = fingerprint(data.files);
  await Promise.all(
    DIALECTS.map(async (dialect) => {
      if (await isLoaded(data, dialect, print)) {
        console.log(
          `[${data.name}] ${dialect}: reusing the store loaded earlier from the same data and code`,
        );
        return;
      }
      if (dialect === 'sqlite') {
        rmSync(data.sqliteDir, { recursive: true, force: true });
        mkdirSync(data.sqliteDir, { recursive: true });
      } else {
        await adminQuery(`drop database if exists ${data.pgDatabase} with (force)`);
        await adminQuery(`create database ${data.pgDatabase}`);
      }
      await runImport(data, dialect);
      const store = await openStoreAt(data.env(dialect));
      try {
        await store.db
          .insertInto('store_meta')
          .values({ key: 'test-fixture', value: print })
          .onConflict((oc) => oc.column('key').doUpdateSet({ value: print }))
          .execute();
      } finally {
        await store.close();
      }
    }),
  );
}

export default async function setup(): Promise<void> {
  if (!HAS_FULL_DATA && process.env.CI) {
    throw new Error(
      `CI: the full test data is missing (expected ${SHARED_DATA}); CI runs every suite, so this fails instead of skipping.`,
    );
  }
  await load(FIXTURE);
  if (HAS_FULL_DATA) await load(FULL);
  else
    console.warn(`[real data] ${SHARED_DATA} is missing: the full-data suites are SKIPPED (see the summary)`);
}
