/**
 * Issue 24, in one run: the realistic mix against servers that differ in one setting each, so their
 * memory and throughput compare on the same (possibly loaded) machine. Variants, each 1 process and 2
 * workers unless `--workers`:
 *   before — the session-29 defaults: the taxonomy index built at start, glibc's own malloc arenas;
 *   arenas — only MALLOC_ARENA_MAX=2 (the index still at start);
 *   after  — today's defaults (index at the first Process request, two arenas);
 *   v8grow — today's defaults but V8's own heap growing (up to 4× what survived a full collection,
 *            the default before session 31: `--heap-growing-percent=0`);
 *   grow…, heap…, small, g50s… — other heap settings tried in session 31 (BENCHMARKS.md).
 * Each line also gives the server's CPU time a request (its processes, from /proc), which compares
 * variants on a loaded machine better than throughput does; on PostgreSQL also PostgreSQL's own CPU
 * time a request (the backends serving the bench database, from /proc: the server runs on this
 * machine), and the pages' p99.
 * `npx tsx bench/experiments/mix-memory.exp.ts [sqlite|postgres] [seconds] [--workers 1,2] [--variants a,b]`
 * A variant's Node flag that bin/server-node-flags.json also names (e.g. --max-semi-space-size) reaches
 * a single process but not the workers: the primary gives each worker the server's own flags
 * (workerExecArgv). To try such a flag with workers, change the JSON file (session 35 did).
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import type { Dialect } from '../../src/store/database.js';
import { REAL_STORE } from '../import/import.bench.js';
import { benchStore } from '../lib/bench-stores.js';
import { cpuTicksOf, postgresBackendPids } from '../lib/proc.js';
import { startServer } from '../lib/server.js';
import { percentile } from '../lib/stats.js';
import { runMix } from '../mix/mix.bench.js';

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args.splice(i, 2)[1] : undefined;
};
const workersList = (flag('--workers') ?? '1,2').split(',').map(Number);
const variantNames = (flag('--variants') ?? 'before,arenas,after').split(',');
const dialect = (args[0] ?? 'sqlite') as Dialect;
const seconds = Number(args[1] ?? 15);
// glibc's default on a 64-bit machine: 8 arenas a core.
// A variant is settings for the server and, for V8's heap, Node flags added after the defaults.
const VARIANTS: Record<string, { env?: Record<string, string>; node?: string[] }> = {
  before: { env: { ETABLERA_TAXONOMY_INDEX_ON_START: 'on', MALLOC_ARENA_MAX: '16' } },
  arenas: { env: { ETABLERA_TAXONOMY_INDEX_ON_START: 'on', MALLOC_ARENA_MAX: '2' } },
  after: {},
  v8grow: { node: ['--heap-growing-percent=0'] },
  // Session 31: how far V8 lets the old generation grow past what survived the last full collection.
  grow400: { node: ['--heap-growing-percent=300'] },
  grow100: { node: ['--heap-growing-percent=100'] },
  grow50: { node: ['--heap-growing-percent=50'] },
  grow25: { node: ['--heap-growing-percent=25'] },
  // …with a larger young generation: fewer scavenges, fewer short-lived objects promoted.
  g50s8: { node: ['--heap-growing-percent=50', '--max-semi-space-size=8'] },
  g50s16: { node: ['--heap-growing-percent=50', '--max-semi-space-size=16'] },
  // Session 34: the young generation alone (the default growth, 2×).
  s8: { node: ['--max-semi-space-size=8'] },
  s16: { node: ['--max-semi-space-size=16'] },
  // Session 34: the collector on the main thread only. With a worker on every core, V8's GC helper
  // threads only take CPU from another worker; one process alone uses them on an idle core.
  stgc: { node: ['--single-threaded-gc'] },
  // Session 35: parts of it — scavenges on the main thread only; fewer V8 platform threads; the
  // single-threaded collector with a tighter old generation.
  nps: { node: ['--no-parallel-scavenge'] },
  pool1: { node: ['--v8-pool-size=1'] },
  stgcg50: { node: ['--single-threaded-gc', '--heap-growing-percent=50'] },
  // Session 35: connections kept for good, as before ETABLERA_KEEPALIVE_MAX_REQUESTS (worker-balance.exp.ts).
  keepalive0: { env: { ETABLERA_KEEPALIVE_MAX_REQUESTS: '0' } },
  ncm: { node: ['--no-concurrent-marking'] },
  ncs: { node: ['--no-concurrent-sweeping'] },
  heap512: { env: { ETABLERA_HEAP_MB: '512' } },
  heap256: { env: { ETABLERA_HEAP_MB: '256' } },
  small: { node: ['--optimize-for-size'] },
  // Session 32: the analyses read the store every time (no CachedAnalysisReads), as before.
  noanalysiscache: { env: { ETABLERA_ANALYSIS_CACHE_MB: '0' } },
};

interface StatusMemory {
  rssBytes: number;
  heapUsedBytes: number;
  heapTotalBytes: number;
  externalBytes: number;
  arrayBuffersBytes: number;
  nativeBytes: number;
  caches: Record<string, { usedBytes: number; budgetBytes: number; entries: number }>;
}

/** Each worker's memory as /api/status tells it (asked until every worker has answered, or 20 times). */
async function memoryByWorker(url: string, workers: number): Promise<string[]> {
  const seen = new Map<number, StatusMemory>();
  for (let i = 0; i < 20 && seen.size < workers; i++) {
    const reply = (await (await fetch(`${url}/api/status`)).json()) as {
      server: { pid: number; memory: StatusMemory };
    };
    seen.set(reply.server.pid, reply.server.memory);
  }
  const mb = (n: number) => (n / 2 ** 20).toFixed(0);
  return [...seen].map(
    ([pid, m]) =>
      `pid ${pid}: rss ${mb(m.rssBytes)} = heap ${mb(m.heapTotalBytes)} (used ${mb(m.heapUsedBytes)}) + external ${mb(m.externalBytes)} (arrayBuffers ${mb(m.arrayBuffersBytes)}) + native ${mb(m.nativeBytes)} MB; caches ${Object.entries(
        m.caches,
      )
        .map(([name, c]) => `${name} ${mb(c.usedBytes)}/${mb(c.budgetBytes)} MB (${c.entries})`)
        .join(', ')}`,
  );
}

/**
 * CPU seconds (user + system) the server's processes have used, from /proc: per request, it compares
 * variants on a loaded machine, where throughput says more about the other tenants than the server.
 */
function serverCpuS(pids: readonly number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      ticks += cpuTicksOf(readFileSync(`/proc/${pid}/stat`, 'utf8'));
    } catch {
      // gone
    }
  }
  return ticks / 100; // USER_HZ
}

/**
 * Each PostgreSQL backend serving `database` and its CPU seconds so far, from /proc: PostgreSQL names
 * its backends `postgres: [cluster: ]<user> <database> <client> <state>` (the server runs on this machine).
 */
function postgresBackendsCpu(database: string): Map<number, number> {
  return new Map(postgresBackendPids(database).map((pid) => [pid, serverCpuS([pid])]));
}

/** CPU seconds the backends used between two readings (a backend that appeared meanwhile from 0). */
function backendCpuBetween(before: Map<number, number>, after: Map<number, number>): number {
  let s = 0;
  for (const [pid, cpu] of after) s += cpu - (before.get(pid) ?? 0);
  return s;
}

const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
const store = benchStore(dialect, REAL_STORE);
for (const workers of workersList)
  for (const name of variantNames) {
    const variant = VARIANTS[name];
    if (!variant) throw new Error(`no variant ${name}: ${Object.keys(VARIANTS).join(', ')}`);
    const env = { ...variant.env, ETABLERA_WORKERS: String(workers) };
    const loadBefore = load();
    const server = await startServer(store, env, variant.node ?? []);
    try {
      // The taxonomy index at start is built in the background once the server listens: let it finish.
      await new Promise((r) => setTimeout(r, 8000));
      let cpuBefore = 0;
      const database = `etablera_${store.name}`;
      let pgBefore = new Map<number, number>();
      const run = await runMix(
        server,
        seconds,
        500,
        () => {},
        seconds,
        () => {
          cpuBefore = serverCpuS(server.processes().map((p) => p.pid));
          // The backends that exist now (the warm pool); one opened later is counted from 0.
          if (dialect === 'postgres') pgBefore = postgresBackendsCpu(database);
        },
      );
      const cpuS = serverCpuS(server.processes().map((p) => p.pid)) - cpuBefore;
      const pgCpuS = dialect === 'postgres' ? backendCpuBetween(pgBefore, postgresBackendsCpu(database)) : 0;
      const breakdown = await memoryByWorker(server.url, workers);
      const requests = [...run.samples.values()].reduce((n, l) => n + l.length, 0);
      const last = run.timeline.at(-1) ?? [];
      const idle = run.timeline[0] ?? [];
      const mb = (n: number) => n.toFixed(0);
      console.log(
        [
          `${dialect} ${name} workers=${workers}`,
          `throughput ${(requests / run.elapsedS).toFixed(2)} req/s`,
          `server CPU ${((1000 * cpuS) / requests).toFixed(1)} ms a request`,
          dialect === 'postgres'
            ? `PostgreSQL CPU ${((1000 * pgCpuS) / requests).toFixed(1)} ms a request`
            : '',
          `page p99 ${['profile page', 'KPI page', 'compare page'].map((k) => percentile(run.samples.get(k) ?? [], 99).toFixed(0)).join('/')} ms`,
          `analyses p50 ${['similarity analysis', 'expected-value analysis'].map((k) => percentile(run.samples.get(k) ?? [], 50).toFixed(0)).join('/')} ms`,
          `idle RSS ${idle.map((p) => mb(p.rssMb)).join('+')} MB`,
          `after RSS ${last.map((p) => mb(p.rssMb)).join('+')} MB`,
          `peaks ${last.map((p) => mb(p.peakRssMb)).join('+')} MB`,
          `client CPU ${((100 * run.clientCpuS) / run.elapsedS).toFixed(0)} %`,
          `load ${loadBefore} → ${load()}`,
          run.failures.size ? `failures ${JSON.stringify([...run.failures])}` : '',
        ].join(' | '),
      );
      for (const line of breakdown) console.log(`    ${line}`);
    } finally {
      await server.stop();
    }
  }
