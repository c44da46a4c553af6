import type SqliteDatabase from 'better-sqlite3';
import type { TableCounts } from '../backend.js';

/** The store_meta key under which a backup records its manifest (see ../../backup.ts). */
export const BACKUP_MANIFEST_KEY = 'backup:manifest';

function sqliteTables(db: SqliteDatabase.Database): string[] {
  return (
    db
      .prepare(
        "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name",
      )
      .all() as { name: string }[]
  ).map((r) => r.name);
}

/** Rows in every table of an SQLite database, not counting a backup's own manifest row. */
export function sqliteCounts(db: SqliteDatabase.Database): TableCounts {
  const counts: TableCounts = {};
  for (const table of sqliteTables(db))
    counts[table] = (db.prepare(`select count(*) as n from "${table}"`).get() as { n: number }).n;
  // The manifest row itself is not part of what was backed up.
  if (counts.store_meta !== undefined) {
    const own = db.prepare('select count(*) as n from store_meta where key = ?').get(BACKUP_MANIFEST_KEY) as {
      n: number;
    };
    counts.store_meta -= own.n;
  }
  return counts;
}
