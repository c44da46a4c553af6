/**
 * Loads the real data once per run into the shared real-data stores, through the real CLI. A store
 * already loaded from the same data and the same import/store code is reused (local runs); CI
 * always starts from a clean clone, so it always loads afresh.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Dialect } from '../../src/store/database.js';
import { DIALECTS } from './dialects.js';
import {
  KOLADA_VALUES,
  META_FILES,
  openRealStore,
  REAL_PG_DATABASE,
  REAL_SQLITE_DIR,
  REPO_ROOT,
  realStoreEnv,
  SHARED_DATA,
} from './real-data.js';
import { adminQuery } from './temp-store.js';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)],
  );
}

const WRITE_SIDE = [
  'src/import',
  'src/store/bulk',
  'src/store/migrations',
  'src/store/database.ts',
  'src/store/schema.ts',
];

/** Changes when the data or any code that shapes the loaded store changes. */
function fingerprint(): string {
  const hash = createHash('sha256');
  for (const f of [...META_FILES, KOLADA_VALUES])
    hash.update(`${f}:${statSync(f).size}:${statSync(f).mtimeMs}`);
  // Only code that shapes what is written; read-side repositories may change without a reload.
  for (const path of WRITE_SIDE) {
    const full = join(REPO_ROOT, path);
    const files = statSync(full).isDirectory() ? filesUnder(full).sort() : [full];
    for (const f of files) hash.update(readFileSync(f));
  }
  return hash.digest('hex').slice(0, 16);
}

async function isLoaded(dialect: Dialect, print: string): Promise<boolean> {
  if (dialect === 'sqlite' && !existsSync(join(REAL_SQLITE_DIR, 'etablera.db'))) return false;
  try {
    const store = await openRealStore(dialect);
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
  } catch {
    return false;
  }
}

function runImport(dialect: Dialect): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const started = Date.now();
    const child = spawn(
      process.execPath,
      [join(REPO_ROOT, 'bin/etablera.js'), 'import', ...META_FILES, KOLADA_VALUES],
      {
        env: { ...process.env, ...realStoreEnv(dialect) },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (d) => {
      output += d;
    });
    child.stderr.on('data', (d) => {
      output += d;
    });
    child.on('exit', (code) => {
      if (code === 0) {
        console.log(`[real data] ${dialect}: loaded in ${((Date.now() - started) / 1000).toFixed(0)} s`);
        resolvePromise();
      } else reject(new Error(`real-data import into ${dialect} failed (${code}):\n${output.slice(-4000)}`));
    });
  });
}

export default async function setup(): Promise<void> {
  if (!existsSync(SHARED_DATA)) {
    throw new Error(
      `The real test data is missing: expected ${SHARED_DATA} (../shared/data beside the checkout).`,
    );
  }
  const print = fingerprint();
  await Promise.all(
    DIALECTS.map(async (dialect) => {
      if (await isLoaded(dialect, print)) {
        console.log(`[real data] ${dialect}: reusing the store loaded earlier from the same data and code`);
        return;
      }
      if (dialect === 'sqlite') {
        rmSync(REAL_SQLITE_DIR, { recursive: true, force: true });
        mkdirSync(REAL_SQLITE_DIR, { recursive: true });
      } else {
        await adminQuery(`drop database if exists ${REAL_PG_DATABASE} with (force)`);
        await adminQuery(`create database ${REAL_PG_DATABASE}`);
      }
      await runImport(dialect);
      const store = await openRealStore(dialect);
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
