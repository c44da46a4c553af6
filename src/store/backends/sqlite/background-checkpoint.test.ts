import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startBackgroundCheckpoint } from './background-checkpoint.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function walDatabase() {
  const dir = mkdtempSync(join(tmpdir(), 'etablera-ckpt-'));
  dirs.push(dir);
  const file = join(dir, 'store.db');
  const db = new SqliteDatabase(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('create table vote (id integer primary key, voter text not null)');
  return { db, file };
}

describe('startBackgroundCheckpoint', () => {
  it("turns the connection's own checkpoints off and copies the log into the database on its thread", async () => {
    const { db, file } = walDatabase();
    const sizeBefore = statSync(file).size;
    const checkpoint = startBackgroundCheckpoint(db, { intervalMs: 20 });
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    const insert = db.prepare('insert into vote (voter) values (?)');
    // Each commit appends pages to the log; none of them checkpoints on this connection.
    for (let i = 0; i < 2000; i++) insert.run(`code-${i}`);
    await vi.waitFor(() => expect(checkpoint.checkpointedFrames).toBeGreaterThan(0), { timeout: 30_000 });
    // The worker copied the rows into the database file itself (the log alone held them before).
    await vi.waitFor(() => expect(statSync(file).size).toBeGreaterThan(sizeBefore), { timeout: 30_000 });
    await checkpoint.stop();
    db.close();
    const reopened = new SqliteDatabase(file, { readonly: true });
    expect(reopened.prepare('select count(*) as n from vote').get()).toEqual({ n: 2000 });
    reopened.close();
  });

  it('stops once, whether asked once or twice', async () => {
    const { db } = walDatabase();
    const checkpoint = startBackgroundCheckpoint(db, { intervalMs: 20 });
    await Promise.all([checkpoint.stop(), checkpoint.stop()]);
    await checkpoint.stop();
    db.close();
  });
});
