/**
 * Issue 24: how the mix's connections are spread over the workers. node:cluster hands each new
 * connection to a worker in turn, but when a client opens its few keep-alive connections at once, a
 * worker that takes its first one quickly is handed the queued ones too: 4 connections were split
 * 3 to 1 in 6 runs of 10 (session 35), and a connection then stays with its worker for good. The
 * server now closes a connection after ETABLERA_KEEPALIVE_MAX_REQUESTS replies (default 100), which
 * spreads them again. Each run: the mix for `seconds`, the split of the client's connections counted
 * with `ss` halfway, and the throughput.
 * `npx tsx bench/experiments/worker-balance.exp.ts [sqlite|postgres] [seconds] [runs] [--keepalive-max n] [--workers n]`
 * Consecutive runs on one server also show how long its caches take to warm.
 */
import { execSync } from 'node:child_process';
import type { Dialect } from '../../src/store/database.js';
import { REAL_STORE } from '../import/import.bench.js';
import { benchStore } from '../lib/bench-stores.js';
import { startServer } from '../lib/server.js';
import { runMix } from '../mix/mix.bench.js';

const args = process.argv.slice(2);
const at = args.indexOf('--keepalive-max');
const keepAliveMax = at >= 0 ? args.splice(at, 2)[1] : undefined;
const workersAt = args.indexOf('--workers');
const workers = workersAt >= 0 ? (args.splice(workersAt, 2)[1] ?? '2') : '2';
const dialect = (args[0] ?? 'sqlite') as Dialect;
const seconds = Number(args[1] ?? 10);
const runs = Number(args[2] ?? 10);

/** Local ports of this process's own connections to `port` (the bench's fetches), to leave out. */
function ownPorts(port: string): string[] {
  return execSync(`ss -tnpH state established '( dport = :${port} )'`)
    .toString()
    .split('\n')
    .filter((line) => line.includes(`pid=${process.pid},`))
    .map((line) => line.trim().split(/\s+/)[2] ?? '');
}

/** The server's established connections by worker pid, this process's own left out. */
function connectionsByWorker(port: string): string {
  const mine = ownPorts(port);
  const byPid = new Map<string, number>();
  for (const line of execSync(`ss -tnpH state established '( sport = :${port} )'`).toString().split('\n')) {
    const [, , , peer = ''] = line.trim().split(/\s+/);
    const pid = /pid=(\d+)/.exec(line)?.[1];
    if (!pid || mine.includes(peer)) continue;
    byPid.set(pid, (byPid.get(pid) ?? 0) + 1);
  }
  return [...byPid.values()].sort((a, b) => b - a).join('/');
}

const server = await startServer(benchStore(dialect, REAL_STORE), {
  ETABLERA_WORKERS: workers,
  ...(keepAliveMax === undefined ? {} : { ETABLERA_KEEPALIVE_MAX_REQUESTS: keepAliveMax }),
});
const port = new URL(server.url).port;
try {
  for (let run = 1; run <= runs; run++) {
    let split = '';
    const halfway = setTimeout(
      () => {
        split = connectionsByWorker(port);
      },
      (seconds * 1000) / 2,
    );
    const result = await runMix(server, seconds, 1000, () => {}, 0);
    clearTimeout(halfway);
    const requests = [...result.samples.values()].reduce((sum, list) => sum + list.length, 0);
    console.log(
      `${dialect} run ${run}: ${(requests / result.elapsedS).toFixed(0)} req/s; the client's connections by worker ${split}`,
    );
  }
} finally {
  await server.stop();
}
