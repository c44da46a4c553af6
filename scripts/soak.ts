/**
 * `npm run soak [sqlite|postgres]`: 60 s of autocannon (50 connections) at the Kolada-compatible API
 * of a real server process (`etablera serve`) holding the real Kolada data (the test suite's shared
 * real-data store; run `npm test` once first so it exists). Passes when no request errs, times out or
 * answers non-2xx, and the server's memory is stable: RSS in the last 10 s is within 25% of the RSS
 * 10–20 s in (after warm-up). SOAK_SECONDS and SOAK_CONNECTIONS change the load.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { REPO_ROOT, realStoreEnv } from '../test/support/real-data.js';

const dialect = process.argv[2] === 'postgres' ? 'postgres' : 'sqlite';
const seconds = Number(process.env.SOAK_SECONDS ?? 60);
const connections = Number(process.env.SOAK_CONNECTIONS ?? 50);

const PATHS = [
  '/v3/kpi/N00700',
  '/v3/kpi?title=integration&per_page=50',
  '/v3/municipality?title=stock',
  '/v3/data/kpi/N00700/year/2022',
  '/v3/data/kpi/N01951/municipality/1280,0180,1480/year/2015,2016,2017,2018,2019,2020,2021,2022',
  '/v3/data?kpi_id=N00700&year=2021&per_page=500',
  '/v2/data/kpi/N01951/municipality/G33621/year/2022',
  '/v3/data/municipality/1280/year/2022?per_page=1000',
  '/v2/kpi_groups?title=integration',
  '/api/status',
];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      s.close(() =>
        address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** Resident memory (kB) of every process in the server's process group (node + tsx's child). */
function groupRssKb(pgid: number): number {
  const out = execFileSync('ps', ['-o', 'rss=', '-g', String(pgid)], { encoding: 'utf8' });
  return out
    .split('\n')
    .map((l) => Number(l.trim()))
    .filter((n) => Number.isFinite(n) && n > 0)
    .reduce((a, b) => a + b, 0);
}

const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const server = spawn(
  process.execPath,
  [join(REPO_ROOT, 'bin/etablera.js'), 'serve', '--port', String(port), '--host', '127.0.0.1'],
  {
    env: {
      ...process.env,
      ...realStoreEnv(dialect),
      ETABLERA_SYNC_ON_START: 'off',
      // The soak measures the server, not the rate limiter (tested in npm test): one client, no limit.
      ETABLERA_RATE_LIMIT_MAX: '0',
      LOG_LEVEL: 'warn',
    },
    detached: true,
    stdio: ['ignore', 'inherit', 'inherit'],
  },
);
const pgid = server.pid ?? 0;
const stop = () => {
  try {
    process.kill(-pgid, 'SIGTERM');
  } catch {
    // already gone
  }
};
process.on('exit', stop);

for (let i = 0; ; i++) {
  try {
    const res = await fetch(`${base}/api/health`);
    if (res.ok) break;
  } catch {
    // not listening yet
  }
  if (i > 600) throw new Error('the server did not start within 60 s');
  await new Promise((r) => setTimeout(r, 100));
}
// One pass over every path first: each must answer 200 with data (a soak of 404s proves nothing).
for (const path of PATHS) {
  const res = await fetch(`${base}${path}`);
  if (res.status !== 200) throw new Error(`${path} answered ${res.status} before the soak`);
}

const samples: { t: number; rssKb: number }[] = [];
const started = Date.now();
const sampler = setInterval(
  () => samples.push({ t: (Date.now() - started) / 1000, rssKb: groupRssKb(pgid) }),
  1000,
);
console.log(
  `Soak: ${seconds} s, ${connections} connections, ${PATHS.length} API routes, ${dialect} real-data store`,
);
const result = await autocannon({
  url: base,
  connections,
  duration: seconds,
  requests: PATHS.map((path) => ({ method: 'GET', path })),
});
clearInterval(sampler);

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const warm = mean(samples.filter((s) => s.t >= 10 && s.t < 20).map((s) => s.rssKb));
const late = mean(samples.filter((s) => s.t >= seconds - 10).map((s) => s.rssKb));
const peak = Math.max(...samples.map((s) => s.rssKb));
const growth = warm > 0 ? (late - warm) / warm : 0;
const summary = {
  dialect,
  seconds,
  connections,
  requests: result.requests.total,
  requestsPerSecond: result.requests.average,
  ok2xx: result['2xx'],
  non2xx: result.non2xx,
  errors: result.errors,
  timeouts: result.timeouts,
  latencyMs: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
  rssMb: {
    warm10to20s: Math.round(warm / 1024),
    last10s: Math.round(late / 1024),
    peak: Math.round(peak / 1024),
    growthPercent: Math.round(growth * 1000) / 10,
  },
  rssSamplesMb: samples.map((s) => Math.round(s.rssKb / 1024)),
};
mkdirSync(join(REPO_ROOT, '.tmp'), { recursive: true });
writeFileSync(join(REPO_ROOT, `.tmp/soak-${dialect}.json`), `${JSON.stringify(summary, null, 2)}\n`);
console.log(JSON.stringify({ ...summary, rssSamplesMb: undefined }, null, 2));
const problems = [
  summary.errors > 0 && `${summary.errors} errors`,
  summary.timeouts > 0 && `${summary.timeouts} timeouts`,
  summary.non2xx > 0 && `${summary.non2xx} non-2xx replies`,
  summary.requests === 0 && 'no requests served',
  growth > 0.25 && `memory grew ${summary.rssMb.growthPercent}% after warm-up`,
].filter(Boolean);
stop();
if (problems.length) {
  console.error(`SOAK FAILED: ${problems.join('; ')}`);
  process.exit(1);
}
console.log('Soak passed: no errors, memory stable.');
process.exit(0);
