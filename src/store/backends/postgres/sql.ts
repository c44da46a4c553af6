/** PostgreSQL's SQL where it differs from SQLite's (see ../backend.ts). */
import { sql } from 'kysely';
import type { SqlFlavour } from '../backend.js';

export const postgresSql: SqlFlavour = {
  dialect: 'postgres',
  // collate "C": lower() of ASCII only, compared by bytes, as SQLite does; the database's own collation
  // might fold other letters too and give other matches than SQLite.
  lowerBytes: (text) => sql<string>`lower(${text} collate "C")`,
  position: (haystack, needle) => sql<number>`strpos(${haystack}, ${needle})`,
  lockForClaim: (q) => q.forUpdate().skipLocked(),
  // A row lock is waited for in PostgreSQL's process, not in ours.
  withoutWaitingForWriter: (db, work) => work(db),
  jsonRecords: (alias, json, columns) =>
    sql`jsonb_to_recordset(cast(${json} as jsonb)) as ${sql.id(alias)}(${sql.join(
      columns.map(([name, type]) => sql`${sql.id(name)} ${sql.raw(type)}`),
    )})`,
  async tableExists(db, table) {
    const { rows } = await sql<{
      found: number;
    }>`select 1 as found from pg_tables where schemaname = current_schema() and tablename = ${table}`.execute(
      db,
    );
    return rows.length > 0;
  },
  async presentIndexes(db, names) {
    const { rows } = await sql<{
      name: string;
    }>`select indexname as name from pg_indexes where indexname in (${sql.join(names)})`.execute(db);
    return new Set(rows.map((r) => r.name));
  },
};
