/** SQLite's SQL where it differs from PostgreSQL's (see ../backend.ts). */
import { sql } from 'kysely';
import type { SqlFlavour } from '../backend.js';

/** How long a statement of the store's connection waits for another connection's write lock. */
export const BUSY_TIMEOUT_MS = 10_000;

/** SQLITE_BUSY and its extended codes: the lock was held, the statement did nothing. */
const isBusy = (error: unknown) =>
  typeof (error as { code?: unknown })?.code === 'string' &&
  (error as { code: string }).code.startsWith('SQLITE_BUSY');

export const sqliteSql: SqlFlavour = {
  dialect: 'sqlite',
  // SQLite's lower() folds ASCII only and compares bytes: what PostgreSQL does under collate "C".
  lowerBytes: (text) => sql<string>`lower(${text})`,
  position: (haystack, needle) => sql<number>`instr(${haystack}, ${needle})`,
  // One writer at a time: a claim's select and update run as one statement, nothing to lock.
  lockForClaim: (q) => q,
  // busy_timeout 0 on the held connection (Kysely's SQLite driver runs one query at a time on its one
  // connection, so no other statement sees it): a held write lock answers SQLITE_BUSY at once instead
  // of sleeping 1, 2, 5, 10, 15… ms in the event loop until it is free. A statement that fails that way
  // has written nothing (it rolled back as a whole).
  async withoutWaitingForWriter(db, work) {
    if (db.isTransaction) return work(db);
    return db.connection().execute(async (one) => {
      await sql`pragma busy_timeout = 0`.execute(one);
      try {
        return await work(one);
      } catch (error) {
        if (isBusy(error)) return null;
        throw error;
      } finally {
        await sql.raw(`pragma busy_timeout = ${BUSY_TIMEOUT_MS}`).execute(one);
      }
    });
  },
  // json_each walks the array; json_extract gives a JSON number as an integer and a string as text.
  jsonRecords: (alias, json, columns) =>
    sql`(select ${sql.join(
      columns.map(([name]) => sql`json_extract(value, ${`$.${name}`}) as ${sql.id(name)}`),
    )} from json_each(${json})) as ${sql.id(alias)}`,
  async tableExists(db, table) {
    const { rows } = await sql<{
      found: number;
    }>`select 1 as found from sqlite_master where type = 'table' and name = ${table}`.execute(db);
    return rows.length > 0;
  },
  async presentIndexes(db, names) {
    const { rows } = await sql<{
      name: string;
    }>`select name from sqlite_master where type = 'index' and name in (${sql.join(names)})`.execute(db);
    return new Set(rows.map((r) => r.name));
  },
};
