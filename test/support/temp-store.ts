/** A fresh, empty store per test file: a temporary SQLite file or a new PostgreSQL database. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { type Dialect, openStore, type Store } from '../../src/store/database.js';
import { databaseUrl, TEST_DATABASE_URL } from './dialects.js';

export interface TempStore {
  store: Store;
  /** What DATABASE_URL / ETABLERA_DATA_DIR must be for a child process to open the same store. */
  env: { DATABASE_URL: string; ETABLERA_DATA_DIR: string };
  destroy(): Promise<void>;
}

export async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * Drops a test database once its connections are gone. A closed pool's clients may still be hanging up;
 * terminating them then (`with (force)`) makes pg emit an error on a client nobody listens to any more,
 * which vitest reports as an unhandled error. Force is only the last resort (a killed child's backend).
 */
async function dropDatabase(name: string): Promise<void> {
  for (let attempt = 0; attempt < 50; attempt++) {
    try {
      await adminQuery(`drop database if exists ${name}`);
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== '55006') throw error; // 55006: still in use
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  await adminQuery(`drop database if exists ${name} with (force)`);
}

export async function createTempStore(dialect: Dialect): Promise<TempStore> {
  const dir = mkdtempSync(join(tmpdir(), 'etablera-test-'));
  if (dialect === 'sqlite') {
    const store = await openStore({ databaseUrl: '', dataDir: dir });
    return {
      store,
      env: { DATABASE_URL: '', ETABLERA_DATA_DIR: dir },
      async destroy() {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const name = `etablera_t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  await adminQuery(`create database ${name}`);
  const url = databaseUrl(name);
  const store = await openStore({ databaseUrl: url, dataDir: dir });
  return {
    store,
    env: { DATABASE_URL: url, ETABLERA_DATA_DIR: dir },
    async destroy() {
      await store.close();
      await dropDatabase(name);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
