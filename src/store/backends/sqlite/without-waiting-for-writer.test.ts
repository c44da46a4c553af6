/**
 * SQLite's withoutWaitingForWriter (backend.ts): a write that meets another connection's write lock
 * gives up at once, having written nothing, and the store's connection waits as before afterwards.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { SqliteStore } from '../../database.js';
import type { Db } from '../backend.js';
import { openSqlite } from './index.js';
import { BUSY_TIMEOUT_MS } from './sql.js';

const cleanup: Array<() => void> = [];
afterEach(() => {
  for (const done of cleanup.splice(0).reverse()) done();
});

async function store(): Promise<{ store: SqliteStore; file: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'etablera-busy-'));
  const file = join(dir, 'etablera.db');
  const opened = openSqlite({ databaseUrl: '', dataDir: dir, sqliteFile: file });
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  cleanup.push(() => void opened.close());
  await sql`create table vote (id integer primary key, voter text not null unique)`.execute(opened.db);
  return { store: opened, file };
}

/** A second connection (another server process's) holding the write lock until released. */
function holdWriteLock(file: string): () => void {
  const other = new SqliteDatabase(file);
  other.exec('begin immediate');
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    other.exec('rollback');
    other.close();
  };
  cleanup.push(release);
  return release;
}

const insert = (voter: string) => (db: Db) =>
  sql<{ id: number }>`insert into vote (voter) values (${voter}) returning id`.execute(db);
const busyTimeout = async (db: Db) =>
  (await sql<{ timeout: number }>`pragma busy_timeout`.execute(db)).rows[0]?.timeout;
const voters = async (db: Db) =>
  (await sql<{ voter: string }>`select voter from vote order by voter`.execute(db)).rows.map((r) => r.voter);

describe('SQLite withoutWaitingForWriter', () => {
  it('gives up at once with null while another connection holds the write lock, writing nothing', async () => {
    const { store: s, file } = await store();
    const release = holdWriteLock(file);
    const started = performance.now();
    const result = await s.backend.withoutWaitingForWriter(s.db, insert('a'));
    // The store's busy timeout is 10 s: waiting even once would take far longer than this.
    expect(performance.now() - started).toBeLessThan(BUSY_TIMEOUT_MS / 10);
    expect(result).toBeNull();
    release();
    expect(await voters(s.db)).toEqual([]);
    // The connection waits for the writer again, as every other statement expects.
    expect(await busyTimeout(s.db)).toBe(BUSY_TIMEOUT_MS);
  });

  it('writes when the lock is free, and a failure that is not the lock is thrown as it is', async () => {
    const { store: s } = await store();
    const written = await s.backend.withoutWaitingForWriter(s.db, insert('a'));
    expect(written?.rows).toHaveLength(1);
    await expect(s.backend.withoutWaitingForWriter(s.db, insert('a'))).rejects.toThrow(/UNIQUE/);
    expect(await voters(s.db)).toEqual(['a']);
    expect(await busyTimeout(s.db)).toBe(BUSY_TIMEOUT_MS);
  });

  it('inside a transaction runs the work as it is (the transaction holds the lock)', async () => {
    const { store: s } = await store();
    await s.db.transaction().execute(async (trx) => {
      const written = await s.backend.withoutWaitingForWriter(trx, insert('b'));
      expect(written?.rows).toHaveLength(1);
    });
    expect(await voters(s.db)).toEqual(['b']);
  });
});
