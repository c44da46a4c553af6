/**
 * `npx tsx bench/taxonomy/taxonomy.bench.ts [sqlite|postgres]`: the taxonomy's figures (not a test).
 *   load   — the bundled snapshot into an empty store (what first start does);
 *   memory — RSS growth of this process for the loaded taxonomy's search index (what a server gains);
 *   search — p50/p99 over every query of the quality list and each of its prefixes (autocomplete),
 *            beside a baseline measured in the same run: a naive substring scan over the same labels.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { QUALITY_QUERIES } from '../../src/domain/process/taxonomy/search-quality.queries.js';
import { loadBundledTaxonomy } from '../../src/domain/process/taxonomy/taxonomy-loader.js';
import { TaxonomySearch } from '../../src/domain/process/taxonomy/taxonomy-search.js';
import { openStore, type Store } from '../../src/store/database.js';
import { TaxonomyRepository } from '../../src/store/repositories/taxonomy.repository.js';

const dialect = process.argv[2] === 'postgres' ? 'postgres' : 'sqlite';
const PG = process.env.TEST_DATABASE_URL ?? 'postgres://etablera:etablera@localhost:5432/etablera_test';

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

async function admin(sql: string) {
  const client = new pg.Client({ connectionString: PG });
  await client.connect();
  await client.query(sql);
  await client.end();
}

const dir = mkdtempSync(join(tmpdir(), 'taxonomy-bench-'));
const dbName = `etablera_bench_taxonomy_${process.pid}`;
let store: Store;
if (dialect === 'postgres') {
  await admin(`create database ${dbName}`);
  const url = new URL(PG);
  url.pathname = `/${dbName}`;
  store = await openStore({ databaseUrl: url.toString(), dataDir: dir });
} else store = await openStore({ databaseUrl: '', dataDir: dir });

try {
  const load = await loadBundledTaxonomy(store);
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  const started = performance.now();
  const search = await TaxonomySearch.build(store);
  const buildMs = performance.now() - started;
  global.gc?.();
  const rssAfter = process.memoryUsage().rss;

  const queries = QUALITY_QUERIES.flatMap((q) => {
    const prefixes = [];
    for (let n = 3; n < q.q.length; n += 2) prefixes.push({ q: q.q.slice(0, n), lang: q.lang });
    return [{ q: q.q, lang: q.lang }, ...prefixes];
  });
  for (const q of queries.slice(0, 50)) search.search({ ...q, limit: 10 }); // warm up
  const times: number[] = [];
  for (let round = 0; round < 3; round++)
    for (const q of queries) {
      const t = performance.now();
      search.search({ ...q, limit: 10 });
      times.push(performance.now() - t);
    }
  times.sort((a, b) => a - b);

  const labels = [
    ...(await new TaxonomyRepository(store.db).allLabels()).map((l) => l.label.toLowerCase()),
    ...(
      await new TaxonomyRepository(store.db).conceptsOfTypes(['occupation-name', 'skill', 'ssyk-level-4'])
    ).map((c) => c.label.toLowerCase()),
  ];
  const naive: number[] = [];
  for (const q of queries) {
    const t = performance.now();
    const needle = q.q.toLowerCase();
    let n = 0;
    for (const l of labels) if (l.includes(needle)) n++;
    naive.push(performance.now() - t + n * 0);
  }
  naive.sort((a, b) => a - b);

  const p50 = quantile(times, 0.5);
  const p99 = quantile(times, 0.99);
  console.log(
    JSON.stringify(
      {
        dialect,
        snapshotLoadSeconds: Number(load.seconds.toFixed(2)),
        indexBuildSeconds: Number((buildMs / 1000).toFixed(2)),
        indexedLabels: search.size,
        rssGrowthMb: Math.round((rssAfter - rssBefore) / 1e6),
        searches: times.length,
        searchP50Ms: Number(p50.toFixed(2)),
        searchP99Ms: Number(p99.toFixed(2)),
        baselineSubstringScanP50Ms: Number(quantile(naive, 0.5).toFixed(2)),
        ratioP50ToBaseline: Number((p50 / quantile(naive, 0.5)).toFixed(2)),
      },
      null,
      2,
    ),
  );
} finally {
  await store.close();
  if (dialect === 'postgres') await admin(`drop database if exists ${dbName} with (force)`);
  rmSync(dir, { recursive: true, force: true });
}
