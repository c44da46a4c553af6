/**
 * The import baseline: the same value rows written by the most direct loop each backend allows, into
 * the same schema (a freshly migrated store). SQLite: one prepared INSERT in one transaction;
 * PostgreSQL: one COPY. No validation, no upsert, no per-KPI transactions, no reporting: this is the
 * floor Etablera's importer is compared with. Run as a child process so its peak RSS is its own.
 * Prints one JSON line: {"values": n, "seconds": s} (seconds from opening the file to commit).
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { from as copyFrom } from 'pg-copy-streams';
import { openStore } from '../../src/store/database.js';

interface DataItem {
  kpi: string;
  municipality: string;
  period: number;
  values: { gender: string; value: number | null; count?: number; status?: string; isdeleted?: boolean }[];
}

async function* items(file: string): AsyncGenerator<DataItem> {
  const input = createReadStream(file).pipe(createGunzip());
  for await (const line of createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY })) {
    if (line !== '') yield JSON.parse(line) as DataItem;
  }
}

async function main() {
  const file = process.argv[2];
  if (!file) throw new Error('usage: baseline-import.ts <values.ndjson.gz>');
  const store = await openStore({
    databaseUrl: process.env.DATABASE_URL ?? '',
    dataDir: process.env.ETABLERA_DATA_DIR ?? '.tmp/bench/baseline',
  });
  const changedAt = new Date().toISOString();
  const started = process.hrtime.bigint();
  let values = 0;
  if (store.dialect === 'sqlite') {
    const insert = store.sqlite.prepare(
      `insert into value (kpi_id, municipality_id, period, gender, value, count, status, is_deleted, changed_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    store.sqlite.exec('begin');
    for await (const item of items(file)) {
      for (const v of item.values) {
        insert.run(
          item.kpi,
          item.municipality,
          item.period,
          v.gender,
          v.value,
          v.count ?? 1,
          v.status ?? '',
          v.isdeleted ? 1 : 0,
          changedAt,
        );
        values++;
      }
    }
    store.sqlite.exec('commit');
  } else {
    const client = await store.pool.connect();
    try {
      const lines = async function* () {
        let chunk = '';
        for await (const item of items(file)) {
          for (const v of item.values) {
            chunk += `${item.kpi}\t${item.municipality}\t${item.period}\t${v.gender}\t${
              v.value === null ? '\\N' : v.value
            }\t${v.count ?? 1}\t${v.status ?? ''}\t${v.isdeleted ? 1 : 0}\t${changedAt}\n`;
            values++;
          }
          if (chunk.length > 65536) {
            yield chunk;
            chunk = '';
          }
        }
        if (chunk) yield chunk;
      };
      await pipeline(
        Readable.from(lines()),
        client.query(
          copyFrom(
            'copy value (kpi_id, municipality_id, period, gender, value, count, status, is_deleted, changed_at) from stdin',
          ),
        ),
      );
    } finally {
      client.release();
    }
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await store.close();
  console.log(JSON.stringify({ values, seconds }));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
