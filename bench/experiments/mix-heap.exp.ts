/**
 * Issue 24: what a server process's V8 heap holds after the realistic mix. One process, the mix for
 * `seconds` (after as long a warm-up), then /api/status's memory breakdown and a heap snapshot
 * (which collects garbage first, so it shows what is live), summed by kind, largest first.
 * `npx tsx bench/experiments/mix-heap.exp.ts [sqlite|postgres] [seconds] [KEY=VALUE …]` (settings for the server)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Dialect } from '../../src/store/database.js';
import { REAL_STORE } from '../import/import.bench.js';
import { benchStore } from '../lib/bench-stores.js';
import { startServer } from '../lib/server.js';
import { runMix } from '../mix/mix.bench.js';
import { heapSnapshot, summariseHeapSnapshot } from '../mix/soak.bench.js';

const [dialectArg, secondsArg, ...settings] = process.argv.slice(2);
const dialect = (dialectArg ?? 'sqlite') as Dialect;
const seconds = Number(secondsArg ?? 15);
const env = Object.fromEntries(settings.map((s) => s.split('=') as [string, string]));
const dir = mkdtempSync(join(tmpdir(), 'etablera-heap-'));
const server = await startServer(benchStore(dialect, REAL_STORE), env, [
  '--heapsnapshot-signal=SIGUSR2',
  `--diagnostic-dir=${dir}`,
]);
const mb = (n: number) => (n / 2 ** 20).toFixed(1);
try {
  const run = await runMix(server, seconds, 500, () => {}, seconds);
  const requests = [...run.samples.values()].reduce((n, l) => n + l.length, 0);
  const status = (await (await fetch(`${server.url}/api/status`)).json()) as {
    server: { memory: Record<string, unknown> };
  };
  console.log(`${dialect} ${JSON.stringify(env)}: ${(requests / run.elapsedS).toFixed(1)} req/s`);
  console.log(JSON.stringify(status.server.memory));
  const summary = summariseHeapSnapshot(await heapSnapshot(dir, server.pid));
  console.log(`live heap (self sizes) ${mb(summary.totalBytes)} MB`);
  const rows = [...summary.byKind].sort((a, b) => b[1].bytes - a[1].bytes).slice(0, 25);
  for (const [kind, { bytes, count }] of rows) console.log(`  ${kind}: ${mb(bytes)} MB (${count})`);
  console.log(
    `RSS after the snapshot: ${server
      .processes()
      .map((p) => p.rssMb.toFixed(0))
      .join('+')} MB`,
  );
} finally {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
