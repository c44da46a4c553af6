import type pg from 'pg';
import type { TableCounts } from '../backend.js';

/** Rows in every table of the current schema, in the client's current snapshot. */
export async function postgresCounts(client: pg.PoolClient | pg.Client): Promise<TableCounts> {
  const tables = await client.query<{ name: string }>(
    "select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by 1",
  );
  const counts: TableCounts = {};
  for (const { name } of tables.rows) {
    const r = await client.query<{ n: number }>(
      `select count(*)::int as n from "${name.replace(/"/g, '""')}"`,
    );
    counts[name] = r.rows[0]?.n ?? 0;
  }
  return counts;
}
