/**
 * Issue 24, in one run: the realistic mix against servers that differ in one setting each, so their
 * memory and throughput compare on the same (possibly loaded) machine. Variants, each 1 process and 2
 * workers unless `--workers`:
 *   before — the session-29 defaults: the taxonomy index built at start, glibc's own malloc arenas;
 *   arenas — only MALLOC_ARENA_MAX=2 (the index still at start);
 *   after  — today's defaults (index at the first Process request, two arenas).
 * `npx tsx bench/experiments/mix-memory.exp.ts [sqlite|postgres] [seconds] [--workers 1,2] [--variants a,b]`
 */
import { loadavg } from 'node:os';
import type { Dialect } from '../../src/store/database.js';
import { REAL_STORE } from '../import/import.bench.js';
import { benchStore } from '../lib/bench-stores.js';
import { startServer } from '../lib/server.js';
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
const VARIANTS: Record<string, Record<string, string>> = {
  before: { ETABLERA_TAXONOMY_INDEX_ON_START: 'on', MALLOC_ARENA_MAX: '16' },
  arenas: { ETABLERA_TAXONOMY_INDEX_ON_START: 'on', MALLOC_ARENA_MAX: '2' },
  after: {},
};

const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
const store = benchStore(dialect, REAL_STORE);
for (const workers of workersList)
  for (const name of variantNames) {
    const env = { ...VARIANTS[name], ETABLERA_WORKERS: String(workers) };
    const loadBefore = load();
    const server = await startServer(store, env);
    try {
      // The taxonomy index at start is built in the background once the server listens: let it finish.
      await new Promise((r) => setTimeout(r, 8000));
      const run = await runMix(server, seconds, 500, () => {}, seconds);
      const requests = [...run.samples.values()].reduce((n, l) => n + l.length, 0);
      const last = run.timeline.at(-1) ?? [];
      const idle = run.timeline[0] ?? [];
      const mb = (n: number) => n.toFixed(0);
      console.log(
        [
          `${dialect} ${name} workers=${workers}`,
          `throughput ${(requests / run.elapsedS).toFixed(2)} req/s`,
          `idle RSS ${idle.map((p) => mb(p.rssMb)).join('+')} MB`,
          `after RSS ${last.map((p) => mb(p.rssMb)).join('+')} MB`,
          `peaks ${last.map((p) => mb(p.peakRssMb)).join('+')} MB`,
          `client CPU ${((100 * run.clientCpuS) / run.elapsedS).toFixed(0)} %`,
          `load ${loadBefore} → ${load()}`,
          run.failures.size ? `failures ${JSON.stringify([...run.failures])}` : '',
        ].join(' | '),
      );
    } finally {
      await server.stop();
    }
  }
