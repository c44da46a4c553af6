/** A real Etablera server (`etablera serve`) on loopback, in its own process, over a bench store. */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { type BenchStore, REPO_ROOT } from './bench-stores.js';

export interface RunningServer {
  url: string;
  pid: number;
  /** Current and peak resident set size of the server process, in MB (Linux /proc). */
  memory(): { rssMb: number; peakRssMb: number };
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
    server.on('error', reject);
  });
}

function statusKb(pid: number, field: string): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  return match ? Number(match[1]) : Number.NaN;
}

/**
 * `env` adds settings (e.g. the reply cache off). The rate limit is always off: the benchmark is one
 * client on loopback sending thousands of requests a second, which the limit exists to refuse.
 */
export async function startServer(
  store: BenchStore,
  env: Record<string, string> = {},
): Promise<RunningServer> {
  const port = await freePort();
  // One process (node --import tsx), not the bin wrapper, so its memory is the server's own.
  const child: ChildProcess = spawn(
    process.execPath,
    [
      // The same V8 flags as `npm start` / `etablera serve` (bin/etablera.js).
      ...(JSON.parse(readFileSync(join(REPO_ROOT, 'bin/server-node-flags.json'), 'utf8')) as string[]),
      // ETABLERA_BENCH_CPU_PROF=<dir>: a V8 CPU profile of the server, written when it stops.
      ...(process.env.ETABLERA_BENCH_CPU_PROF
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env.ETABLERA_BENCH_CPU_PROF}`]
        : []),
      '--import',
      'tsx',
      join(REPO_ROOT, 'src/cli/main.ts'),
      'serve',
      '--port',
      String(port),
      '--host',
      '127.0.0.1',
    ],
    {
      env: {
        ...process.env,
        ...store.env,
        LOG_LEVEL: 'warn',
        ETABLERA_SYNC_ON_START: 'off',
        ETABLERA_RATE_LIMIT_MAX: '0',
        ...env,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr?.on('data', (d) => {
    stderr += d;
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${stderr}`);
    try {
      const reply = await fetch(`${url}/api/health`);
      if (reply.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not start within 60 s:\n${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const pid = child.pid as number;
  return {
    url,
    pid,
    memory: () => ({ rssMb: statusKb(pid, 'VmRSS') / 1024, peakRssMb: statusKb(pid, 'VmHWM') / 1024 }),
    stop: () =>
      new Promise((resolveStop) => {
        if (child.exitCode !== null) return resolveStop();
        child.once('exit', () => resolveStop());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}
