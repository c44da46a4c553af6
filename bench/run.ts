/**
 * `npm run bench`: Etablera's benchmark (not a test). Every figure is printed beside a baseline
 * measured in the same run on the same machine, for SQLite and PostgreSQL:
 *   import — the full real import (CLI, child process) vs a minimal insert loop / COPY;
 *   api    — the Kolada-compatible API over HTTP (autocannon, 10 connections) vs the same
 *            repository calls in-process; server memory while serving;
 *   page   — the integration profile page, server time;
 *   scale  — the api and page figures again at 10× the data, as ratios to 1×;
 *   matching — occupation/ad matching quality against baselines, and its speed (bench/matching);
 *   mix    — a realistic mix of pages and API reads at 4 connections, with 1 process and with one
 *            worker per core, measured in turn (--rounds): p50/p99 per kind, throughput and its ratio
 *            per round and over all, the server's CPU, RSS over time (all processes)
 *            and each worker's peak; `--soak` adds a 10-minute soak (memory growth, heap snapshots)
 *            (bench/mix);
 *   taxonomy — snapshot load, search p50/p99 over all labels, server RSS with the taxonomy (bench/taxonomy);
 *   inventory — the interview page and saving a section, server time over HTTP (bench/inventory);
 *   iplan  — a person's individual plan page and the caseload page, server time over HTTP (bench/iplan).
 * Stores live under .tmp/bench and in PostgreSQL databases etablera_bench*; `--help` lists options.
 */
import { execFileSync } from 'node:child_process';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import type { Dialect } from '../src/store/database.js';
import { apiBench, type ScenarioFigures } from './api/api.bench.js';
import { ensureRealStore, importBench, REAL_STORE } from './import/import.bench.js';
import { inventoryBench } from './inventory/inventory.bench.js';
import { iplanBench } from './iplan/iplan.bench.js';
import { type BenchStore, benchStore, postgresAvailable, postgresUrl } from './lib/bench-stores.js';
import { parseOptions } from './lib/options.js';
import { Report } from './lib/report.js';
import { type RunningServer, startServer } from './lib/server.js';
import { ratio } from './lib/stats.js';
import { matchingBench } from './matching/matching.bench.js';
import { mixBench } from './mix/mix.bench.js';
import { soakBench } from './mix/soak.bench.js';
import { pageBench } from './page/page.bench.js';
import { ensureScaleStore, SCALE } from './scale/scale-store.js';
import { taxonomyBench } from './taxonomy/taxonomy.bench.js';

async function machine(): Promise<Record<string, unknown>> {
  let postgres = 'absent';
  try {
    const client = new pg.Client({ connectionString: postgresUrl('postgres') });
    await client.connect();
    postgres = (await client.query('show server_version')).rows[0].server_version;
    await client.end();
  } catch {
    // reported as absent
  }
  let gitCommit = '';
  try {
    gitCommit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    // not a git checkout
  }
  const sqlite = new SqliteDatabase(':memory:');
  const sqliteVersion = (sqlite.prepare('select sqlite_version() as v').get() as { v: string }).v;
  sqlite.close();
  return {
    date: new Date().toISOString(),
    cpus: `${cpus().length} × ${cpus()[0]?.model ?? '?'}`,
    ramGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    sqlite: sqliteVersion,
    postgres,
    loadAverageAtStart: loadavg()
      .map((l) => l.toFixed(1))
      .join(' '),
    commit: gitCommit,
  };
}

/** The server's reply cache off: what a first (not repeated) request costs. */
const UNCACHED = { ETABLERA_API_CACHE_MB: '0' };

/** Serves a store and runs the read sections against it; returns the API figures. */
async function readSections(
  dialect: Dialect,
  store: BenchStore,
  seconds: number,
  report: Report,
  label: string,
  withApi: boolean,
  withPage: boolean,
  serverEnv: Record<string, string> = {},
): Promise<{ api: ScenarioFigures[]; page: number | null }> {
  const server: RunningServer = await startServer(store, serverEnv);
  try {
    const api = withApi ? await apiBench(dialect, store, server, seconds, report, label) : [];
    const memory = server.memory();
    report.add({
      section: `api${label}`,
      dialect,
      what: 'server peak RSS while serving (VmHWM)',
      value: memory.peakRssMb,
      unit: 'MB',
      ...(label === '' ? { target: '≤ 300 MB', met: memory.peakRssMb <= 300 } : {}),
    });
    const page = withPage ? await pageBench(dialect, server, seconds, report, label) : null;
    return { api, page: page?.p50 ?? null };
  } finally {
    await server.stop();
  }
}

async function main() {
  const options = parseOptions(process.argv.slice(2));
  const report = new Report();
  const meta = await machine();
  console.log('Etablera benchmark', JSON.stringify({ ...meta, options }, null, 0));
  if (options.quick)
    report.note('--quick: short measurements on a subset of the data; not figures for the record');

  const dialects: Dialect[] = [];
  for (const dialect of options.dialects) {
    if (dialect === 'postgres') {
      const problem = await postgresAvailable();
      if (problem) {
        const text = `PostgreSQL SKIPPED: no server at ${postgresUrl('postgres').replace(/:[^:@/]*@/, ':***@')} (${problem}). Start PostgreSQL or set DATABASE_URL to measure it.`;
        console.error(`\n!!! ${text}\n`);
        report.note(text);
        continue;
      }
    }
    dialects.push(dialect);
  }

  const wants = (s: string) => options.sections.includes(s as never);
  if (options.prepare) {
    for (const dialect of dialects) {
      await ensureRealStore(dialect, options);
      await ensureScaleStore(dialect, benchStore(dialect, REAL_STORE), options.rebuildScale);
    }
    return;
  }
  for (const dialect of dialects) {
    console.log(`\n=== ${dialect} ===`);
    if (wants('matching')) {
      console.log('-- matching');
      await matchingBench(dialect, report);
    }
    if (wants('taxonomy')) {
      console.log('-- taxonomy');
      await taxonomyBench(dialect, report);
    }
    if (wants('inventory')) {
      console.log('-- inventory');
      await inventoryBench(dialect, report);
    }
    if (wants('iplan')) {
      console.log('-- iplan');
      await iplanBench(dialect, report);
    }
    if (wants('import')) {
      console.log('-- import');
      await importBench(dialect, options, report);
    }
    if (wants('mix')) {
      await ensureRealStore(dialect, options);
      const real = benchStore(dialect, REAL_STORE);
      if (dialect === 'postgres') await analyze(real);
      // One process and one worker per core (ETABLERA_WORKERS' default), measured in turn: what the cores add.
      const all = availableParallelism();
      const counts = all > 1 ? [1, all] : [1];
      const servers: RunningServer[] = [];
      try {
        for (const workers of counts)
          servers.push(await startServer(real, { ETABLERA_WORKERS: String(workers) }));
        console.log(
          `-- realistic mix: ${counts.map((w) => (w > 1 ? `${w} workers` : '1 process')).join(' and ')}, ${options.rounds} round(s) of ${options.seconds} s in turn`,
        );
        const [one, many] = await mixBench(
          dialect,
          servers.map((server) => ({
            server,
            label: server.workers > 1 ? ` (${server.workers} workers)` : ' (1 process)',
          })),
          options.seconds,
          options.rounds,
          report,
          // Each warms before the measured runs (routes compiled, caches filled with other
          // requests): each worker fills its own caches from its share of the requests, so a
          // fixed warm-up counts their cold start against the workers (20 s: 1.47×, 60 s: 1.87×
          // on SQLite, BENCHMARKS.md *Session 33*); by default each warms until steady.
          options.warmup,
        );
        if (one && many)
          report.add({
            section: 'mix',
            dialect,
            what: `throughput with ${all} workers / 1 process (over ${options.rounds} round(s) in turn${
              options.rounds > 1
                ? `; round by round ${many.roundsPerSecond
                    .map((m, r) => `${ratio(m, one.roundsPerSecond[r] ?? 0).toFixed(2)}×`)
                    .join(', ')}`
                : ''
            })`,
            value: many.perSecond,
            unit: 'req/s',
            baseline: one.perSecond,
            ratio: ratio(many.perSecond, one.perSecond),
            target: `≥ ${(0.8 * all).toFixed(1)}×`,
            met: many.perSecond >= 0.8 * all * one.perSecond,
          });
      } finally {
        await Promise.all(servers.map((server) => server.stop()));
      }
      if (options.soakMinutes > 0) {
        console.log(`-- mix soak, ${options.soakMinutes} min`);
        await soakBench(dialect, real, options.soakMinutes, report);
      }
    }
    if (wants('api') || wants('page') || wants('scale')) {
      await ensureRealStore(dialect, options);
      const real = benchStore(dialect, REAL_STORE);
      if (dialect === 'postgres') await analyze(real);
      console.log('-- api / page at 1×');
      const one = await readSections(
        dialect,
        real,
        options.seconds,
        report,
        '',
        wants('api') || wants('scale'),
        wants('page') || wants('scale'),
      );
      // The default server answers repeats from its reply cache; the same mix with the cache off
      // shows what the store and HTTP cost on every first request, and is what scale compares.
      let uncached = one;
      if (wants('api') || wants('scale')) {
        console.log('-- api at 1×, reply cache off');
        uncached = await readSections(
          dialect,
          real,
          options.seconds,
          report,
          ' (cache off)',
          true,
          false,
          UNCACHED,
        );
      }
      if (wants('scale')) {
        console.log(`-- scale: ${SCALE}×`);
        const big = await ensureScaleStore(dialect, real, options.rebuildScale);
        const ten = await readSections(
          dialect,
          big,
          options.seconds,
          report,
          ` ${SCALE}× (cache off)`,
          true,
          true,
          UNCACHED,
        );
        for (const [i, s] of ten.api.entries()) {
          const base = uncached.api[i];
          if (!base) continue;
          report.add({
            section: 'scale',
            dialect,
            what: `${s.name}: in-process p50 at ${SCALE}× / 1×`,
            value: s.inProcess.p50,
            unit: 'ms',
            baseline: base.inProcess.p50,
            ratio: ratio(s.inProcess.p50, base.inProcess.p50),
            target: '≤ 1.5×',
            met: s.inProcess.p50 <= 1.5 * base.inProcess.p50,
          });
          report.add({
            section: 'scale',
            dialect,
            what: `${s.name}: HTTP p50 at ${SCALE}× / 1× (cache off)`,
            value: s.http.p50,
            unit: 'ms',
            baseline: base.http.p50,
            ratio: ratio(s.http.p50, base.http.p50),
          });
        }
        if (ten.page !== null && one.page !== null)
          report.add({
            section: 'scale',
            dialect,
            what: `profile page p50 at ${SCALE}× / 1×`,
            value: ten.page,
            unit: 'ms',
            baseline: one.page,
            ratio: ratio(ten.page, one.page),
          });
      }
    }
  }
  report.printSummary();
  meta.loadAverageAtEnd = loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
  console.log(
    `\nload average at start ${meta.loadAverageAtStart}, at end ${meta.loadAverageAtEnd} (2 cores: above ~2 means other work competed)`,
  );
  console.log(`figures saved to ${report.save({ ...meta, options })}`);
}

/** PostgreSQL plans need statistics; autovacuum would gather them soon after an import anyway. */
async function analyze(store: BenchStore): Promise<void> {
  const client = new pg.Client({ connectionString: store.env.DATABASE_URL });
  await client.connect();
  try {
    await client.query('analyze');
  } finally {
    await client.end();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
