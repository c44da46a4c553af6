/**
 * The 10× store: the real store plus nine synthetic copies of every KPI's values under new ids
 * (N01951 → N01951.S1 … N01951.S9, so each copy sits beside its original in key order), each value
 * perturbed deterministically by −5 % … +5 %. Generated with SQL from the 1× store, cached under
 * .tmp/bench (SQLite) or as etablera_bench10x (PostgreSQL), never committed.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import type { Dialect } from '../../src/store/database.js';
import {
  adminQuery,
  type BenchStore,
  benchStore,
  dropStore,
  readMarker,
  sqliteFile,
  writeMarker,
} from '../lib/bench-stores.js';

export const SCALE = 10;
export const SCALE_STORE = 'bench10x';
const MARKER = 'bench-scale';
// Bump when the generation changes, so a cached store is rebuilt.
const GENERATION = `${SCALE}x-v1`;

const KPI_COLUMNS = [
  'description',
  'is_divided_by_gender',
  'municipality_type',
  'auspice',
  'operating_area',
  'perspective',
  'prel_publication_date',
  'publication_date',
  'publ_period',
  'has_ou_data',
  'ou_publication_date',
  'direction',
  'unit',
].join(', ');

const VALUE_COLUMNS = 'municipality_id, period, gender, count, status, is_deleted, changed_at';

export async function ensureScaleStore(
  dialect: Dialect,
  real: BenchStore,
  rebuild: boolean,
): Promise<BenchStore> {
  const store = benchStore(dialect, SCALE_STORE);
  if (!rebuild && (await readMarker(store, MARKER).catch(() => undefined)) === GENERATION) return store;
  console.log(`  [${dialect}] generating the ${SCALE}× store from the real store (cached for later runs)…`);
  const started = Date.now();
  await dropStore(store);
  if (dialect === 'sqlite') buildSqlite(real, store);
  else await buildPostgres(store);
  await writeMarker(store, MARKER, GENERATION);
  console.log(`  [${dialect}] ${SCALE}× store ready in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return store;
}

function buildSqlite(real: BenchStore, store: BenchStore): void {
  const source = new SqliteDatabase(sqliteFile(real));
  source.pragma('wal_checkpoint(TRUNCATE)');
  source.close();
  mkdirSync(store.env.ETABLERA_DATA_DIR, { recursive: true });
  copyFileSync(sqliteFile(real), sqliteFile(store));
  const db = new SqliteDatabase(sqliteFile(store));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -262144');
  const index = db
    .prepare(
      "select sql from sqlite_master where type = 'index' and name = 'value_municipality_id_period_idx'",
    )
    .get() as { sql: string };
  db.exec('drop index value_municipality_id_period_idx');
  // Reading from the attached original avoids SQLite materialising a self-insert in a temp table.
  db.prepare('attach database ? as original').run(sqliteFile(real));
  const copy = db.prepare(
    `insert into main.value (kpi_id, value, ${VALUE_COLUMNS})
     select kpi_id || '.S' || @k,
            value * (1 + (((@k * 7 + period + unicode(substr(municipality_id, -1))) % 11) - 5) / 100.0),
            ${VALUE_COLUMNS}
     from original.value order by kpi_id, municipality_id, period, gender`,
  );
  const kpis = db.prepare(
    `insert into main.kpi (id, title, origin, ${KPI_COLUMNS})
     select id || '.S' || @k, title || ' (syntetisk ' || @k || ')', 'local', ${KPI_COLUMNS} from original.kpi
     where id in (select distinct kpi_id from original.value)`,
  );
  for (let k = 1; k < SCALE; k++) {
    const t0 = Date.now();
    db.transaction(() => {
      copy.run({ k });
      kpis.run({ k });
    })();
    console.log(`    copy ${k}: ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  }
  db.exec('detach database original');
  db.exec(index.sql);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

async function buildPostgres(store: BenchStore): Promise<void> {
  const real = benchStore('postgres', 'bench');
  await adminQuery(`create database etablera_${store.name} template etablera_${real.name}`);
  const client = new pg.Client({ connectionString: store.env.DATABASE_URL });
  await client.connect();
  try {
    await client.query("set maintenance_work_mem = '512MB'");
    // Rebuilding the keys once at the end is much faster than maintaining them row by row.
    await client.query('alter table value drop constraint value_pk');
    await client.query('drop index value_municipality_id_period_idx');
    // All copies in one pass over the original rows.
    await client.query(
      `insert into kpi (id, title, origin, ${KPI_COLUMNS})
       select id || '.S' || k, title || ' (syntetisk ' || k || ')', 'local', ${KPI_COLUMNS}
       from kpi cross join generate_series(1, $1::int) as k
       where id in (select distinct kpi_id from value)`,
      [SCALE - 1],
    );
    await client.query(
      `insert into value (kpi_id, value, ${VALUE_COLUMNS})
       select kpi_id || '.S' || k,
              value * (1 + (((k * 7 + period + ascii(right(municipality_id, 1))) % 11) - 5) / 100.0),
              ${VALUE_COLUMNS}
       from value cross join generate_series(1, $1::int) as k`,
      [SCALE - 1],
    );
    await client.query(
      'alter table value add constraint value_pk primary key (kpi_id, municipality_id, period, gender)',
    );
    await client.query('create index value_municipality_id_period_idx on value (municipality_id, period)');
    await client.query('vacuum analyze value');
    await client.query('vacuum analyze kpi');
  } finally {
    await client.end();
  }
}
