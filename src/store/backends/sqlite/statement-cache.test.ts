import SqliteDatabase from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { withStatementCache } from './statement-cache.js';

describe('withStatementCache', () => {
  it('hands back the prepared statement for the same SQL, and a fresh one while it is busy', () => {
    const raw = new SqliteDatabase(':memory:');
    raw.exec('create table t (n integer); insert into t values (1), (2), (3)');
    const db = withStatementCache(raw, 2);
    const first = db.prepare('select n from t');
    expect(db.prepare('select n from t')).toBe(first);
    const iterating = (first as unknown as SqliteDatabase.Statement).iterate();
    iterating.next();
    const during = db.prepare('select n from t');
    expect(during).not.toBe(first);
    expect(during.all([])).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    iterating.return?.();
    expect(db.prepare('select n from t')).toBe(first);
    db.close();
  });

  it('keeps only the most recent texts', () => {
    const raw = new SqliteDatabase(':memory:');
    const db = withStatementCache(raw, 2);
    const a = db.prepare('select 1');
    db.prepare('select 2');
    db.prepare('select 3');
    expect(db.prepare('select 1')).not.toBe(a);
    db.close();
  });
});
