/**
 * Order-independent comparisons of whole stores: each table is read in primary-key order and hashed,
 * so two stores are equal exactly when their checksums are. Timestamps (changed_at) are left out:
 * they say when a row was written, not what it holds.
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Store } from '../../src/store/database.js';

export interface ValueTableDigest {
  rows: number;
  checksum: string;
}

/** The value table (tombstones included), optionally only some KPIs. */
export async function valueDigest(store: Store, kpis?: readonly string[]): Promise<ValueTableDigest> {
  const hash = createHash('sha256');
  let rows = 0;
  const list = kpis ? [...kpis].sort() : null;
  const chunks = list
    ? Array.from({ length: Math.ceil(list.length / 200) }, (_, i) => list.slice(i * 200, i * 200 + 200))
    : [null];
  for (const chunk of chunks) {
    let q = store.db
      .selectFrom('value')
      .select(['kpi_id', 'municipality_id', 'period', 'gender', 'value', 'count', 'status', 'is_deleted'])
      .orderBy('kpi_id')
      .orderBy('municipality_id')
      .orderBy('period')
      .orderBy('gender');
    if (chunk) q = q.where('kpi_id', 'in', chunk);
    for await (const r of q.stream(5000)) {
      hash.update(
        `${r.kpi_id}|${r.municipality_id}|${r.period}|${r.gender}|${r.value === null ? '' : Number(r.value)}|${r.count}|${r.status}|${r.is_deleted}\n`,
      );
      rows++;
    }
  }
  return { rows, checksum: hash.digest('hex') };
}

const META_TABLES = {
  kpi: ['id'],
  kpi_group: ['id'],
  kpi_group_member: ['group_id', 'kpi_id'],
  municipality: ['id'],
  municipality_group: ['id'],
  municipality_group_member: ['group_id', 'municipality_id'],
  ou: ['id'],
} as const;

/** Every metadata table, row by row in key order. */
export async function metadataDigest(store: Store): Promise<Record<string, ValueTableDigest>> {
  const out: Record<string, ValueTableDigest> = {};
  for (const [table, keys] of Object.entries(META_TABLES)) {
    const hash = createHash('sha256');
    let rows = 0;
    const order = sql.raw(keys.join(', '));
    const result = await sql<
      Record<string, unknown>
    >`select * from ${sql.table(table)} order by ${order}`.execute(store.db);
    for (const r of result.rows) {
      const keysSorted = Object.keys(r).sort();
      hash.update(`${keysSorted.map((k) => `${k}=${r[k] === null ? '' : String(r[k])}`).join('|')}\n`);
      rows++;
    }
    out[table] = { rows, checksum: hash.digest('hex') };
  }
  return out;
}
