/** SQLite's SQL where it differs from PostgreSQL's (see ../backend.ts). */
import { sql } from 'kysely';
import type { SqlFlavour } from '../backend.js';

export const sqliteSql: SqlFlavour = {
  dialect: 'sqlite',
  // SQLite's lower() folds ASCII only and compares bytes: what PostgreSQL does under collate "C".
  lowerBytes: (text) => sql<string>`lower(${text})`,
  position: (haystack, needle) => sql<number>`instr(${haystack}, ${needle})`,
  // One writer at a time: a claim's select and update run as one statement, nothing to lock.
  lockForClaim: (q) => q,
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
