/**
 * Experiment (not part of `npm run bench`): SQLite value-writer variants on the first N data lines,
 * rows parsed once up front, each variant writing whole KPIs (~50k rows a transaction) into a fresh
 * store, variants interleaved so they share the machine's conditions.
 * Usage: tsx bench/experiments/sqlite-writer.exp.ts <lines> <rounds> <variant,…>
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { parseDataItem } from '../../src/import/item-parsers.js';
import { openSource } from '../../src/import/item-source.js';
import { createSqliteValueWriter } from '../../src/store/backends/sqlite/value-writer.js';
import type { ValueRow } from '../../src/store/bulk/value-writer.js';
import { openStore } from '../../src/store/database.js';
import { KOLADA_VALUES } from '../lib/bench-stores.js';
import { median } from '../lib/stats.js';

const [linesArg = '1000000', roundsArg = '2', variantsArg = 'current'] = process.argv.slice(2);

async function loadBatches(limit: number): Promise<ValueRow[][]> {
  const source = await openSource(KOLADA_VALUES);
  const batches: ValueRow[][] = [];
  let batch: ValueRow[] = [];
  let kpi = '';
  let n = 0;
  for await (const { item } of source.items) {
    const rows = parseDataItem(item, 'data');
    const first = rows[0];
    if (first && first.kpi !== kpi) {
      if (batch.length >= 50_000) {
        batches.push(batch);
        batch = [];
      }
      kpi = first.kpi;
    }
    batch.push(...rows);
    if (++n >= limit) break;
  }
  batches.push(batch);
  return batches;
}

type Variant = (sqlite: BetterSqlite3.Database) => (rows: ValueRow[], changedAt: string) => Promise<number>;

const COLS = 'kpi_id, municipality_id, period, gender, value, count, status, is_deleted, changed_at';
const UPSERT = `on conflict (kpi_id, municipality_id, period, gender) do update set
      value = excluded.value, count = excluded.count, status = excluded.status,
      is_deleted = excluded.is_deleted, changed_at = excluded.changed_at
    where value.value is not excluded.value or value.count is not excluded.count
      or value.status is not excluded.status or value.is_deleted is not excluded.is_deleted`;

function multiRow(per: number, upsert: boolean, pragmas: string[] = []): Variant {
  return (sqlite) => {
    for (const p of pragmas) sqlite.pragma(p);
    const cache = new Map<number, BetterSqlite3.Statement>();
    const statement = (n: number) => {
      let st = cache.get(n);
      if (!st) {
        const tuples = Array.from({ length: n }, () => '(?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ');
        st = sqlite.prepare(`insert into value (${COLS}) values ${tuples} ${upsert ? UPSERT : ''}`);
        cache.set(n, st);
      }
      return st;
    };
    const tx = sqlite.transaction((rows: ValueRow[], at: string) => {
      let written = 0;
      const params: unknown[] = [];
      for (let i = 0; i < rows.length; i += per) {
        const n = Math.min(per, rows.length - i);
        params.length = 0;
        for (let j = i; j < i + n; j++) {
          const r = rows[j] as ValueRow;
          params.push(r.kpi, r.unit, r.period, r.gender, r.value, r.count, r.status, r.isDeleted ? 1 : 0, at);
        }
        written += statement(n).run(params).changes;
      }
      return written;
    });
    return async (rows, at) => tx(rows, at);
  };
}

const variants: Record<string, Variant> = {
  one: multiRow(1, true),
  m50: multiRow(50, true),
  m100: multiRow(100, true),
  m200: multiRow(200, true),
  plain100: multiRow(100, false),
  m100cache: multiRow(100, true, ['cache_size = -262144', 'temp_store = memory']),
  onecache: multiRow(1, true, ['cache_size = -262144']),
  onecache1g: multiRow(1, true, ['cache_size = -1048576']),
  m100ckpt: multiRow(100, true, ['cache_size = -262144', 'wal_autocheckpoint = 10000']),
  current: (sqlite) => {
    const w = createSqliteValueWriter(sqlite);
    return async (rows, at) => (await w.write('municipality', rows, at)).written;
  },
};

async function run(name: string, batches: ValueRow[][]): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'etablera-exp-'));
  const store = await openStore({ databaseUrl: '', dataDir: dir });
  if (store.dialect !== 'sqlite') throw new Error('sqlite only');
  const variant = variants[name];
  if (!variant) throw new Error(`unknown variant ${name}`);
  const write = variant(store.sqlite);
  const at = new Date().toISOString();
  const t0 = performance.now();
  let written = 0;
  for (const b of batches) written += await write(b, at);
  const seconds = (performance.now() - t0) / 1000;
  const count = (store.sqlite.prepare('select count(*) n from value').get() as { n: number }).n;
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  const values = batches.reduce((s, b) => s + b.length, 0);
  console.log(
    `${name}: ${seconds.toFixed(2)} s, ${Math.round(values / seconds)} values/s, written ${written}, rows ${count}`,
  );
  return seconds;
}

async function main() {
  const batches = await loadBatches(Number(linesArg));
  console.log(`${batches.reduce((s, b) => s + b.length, 0)} values in ${batches.length} transactions`);
  const names = variantsArg.split(',');
  const times: Record<string, number[]> = {};
  for (let r = 0; r < Number(roundsArg); r++)
    for (const name of names) {
      const seconds = await run(name, batches);
      times[name] = [...(times[name] ?? []), seconds];
    }
  for (const name of names) console.log(`median ${name}: ${median(times[name] ?? []).toFixed(2)} s`);
}

void main();
