/** A real Etablera server (`etablera serve`) on loopback, in its own process, over a bench store. */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { serverEnv, serverNodeFlags } from '../../bin/server-process.mjs';
import { build, freshEntry } from '../../scripts/build.mjs';
import type { BenchStore } from './bench-stores.js';

export interface ProcessMemory {
  pid: number;
  rssMb: number;
  peakRssMb: number;
}

export interface RunningServer {
  url: string;
  pid: number;
  /** Worker processes (ETABLERA_WORKERS); 1 is a single process. */
  workers: number;
  /**
   * Current and peak resident set size in MB (Linux /proc), summed over the server's processes (with
   * workers: the primary and each worker; a peak is each process's own peak, summed).
   */
  memory(): { rssMb: number; peakRssMb: number };
  /** Each process's memory: the server (or primary) first, then its workers. */
  processes(): ProcessMemory[];
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
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
    return match ? Number(match[1]) : Number.NaN;
  } catch {
    return 0; // gone (a worker that just exited)
  }
}

/** The process and its children (the workers are the primary's), from /proc. */
function processTree(pid: number): number[] {
  let children: number[] = [];
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    // gone
  }
  return [pid, ...children];
}

/**
 * `env` adds settings (e.g. the reply cache off). The rate limit is always off: the benchmark is one
 * client on loopback sending thousands of requests a second, which the limit exists to refuse.
 */
export async function startServer(
  store: BenchStore,
  env: Record<string, string> = {},
  /** More Node flags for the server (e.g. --heapsnapshot-signal for the soak). */
  nodeArgs: readonly string[] = [],
): Promise<RunningServer> {
  const port = await freePort();
  const serverEnvironment = serverEnv({
    ...process.env,
    ...store.env,
    LOG_LEVEL: 'warn',
    ETABLERA_SYNC_ON_START: 'off',
    ETABLERA_RATE_LIMIT_MAX: '0',
    // One process unless a section asks for workers: the figures before issue 24 were one process.
    ETABLERA_WORKERS: '1',
    ...env,
  });
  // The server as `npm start` runs it: the JavaScript build (.build/, rebuilt when the source
  // changed), not tsx — tsx's loader would sit in the server and in every worker, adding to their
  // memory (the primary was 84–86 MB under tsx, BENCHMARKS.md *Realistic mix with worker processes*).
  // One process, not the bin wrapper, so its memory is the server's own.
  const entry = freshEntry() ?? ((await build()) && freshEntry());
  if (!entry) throw new Error('cannot build .build/ for the server (npm run build says why)');
  const child: ChildProcess = spawn(
    process.execPath,
    [
      // The same V8 flags as `npm start` / `etablera serve` (bin/server-process.mjs).
      ...serverNodeFlags(serverEnvironment),
      // ETABLERA_BENCH_CPU_PROF=<dir>: a V8 CPU profile of the server, written when it stops.
      ...(process.env.ETABLERA_BENCH_CPU_PROF
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env.ETABLERA_BENCH_CPU_PROF}`]
        : []),
      ...nodeArgs,
      entry,
      'serve',
      '--port',
      String(port),
      '--host',
      '127.0.0.1',
    ],
    {
      env: serverEnvironment,
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr?.on('data', (d) => {
    stderr += d;
  });
  const url = `http://127.0.0.1:${port}`;
  const workers = Number(env.ETABLERA_WORKERS ?? '1');
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${stderr}`);
    try {
      // Every worker serves (the primary counts them), not only the first.
      const reply = await fetch(`${url}/api/status`);
      if (reply.ok && ((await reply.json()) as { server: { serving: number } }).server.serving >= workers)
        break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not start within 120 s:\n${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const pid = child.pid as number;
  const processes = (): ProcessMemory[] =>
    processTree(pid).map((p) => ({
      pid: p,
      rssMb: statusKb(p, 'VmRSS') / 1024,
      peakRssMb: statusKb(p, 'VmHWM') / 1024,
    }));
  return {
    url,
    pid,
    workers,
    processes,
    memory: () => {
      const list = processes();
      return {
        rssMb: list.reduce((sum, p) => sum + p.rssMb, 0),
        peakRssMb: list.reduce((sum, p) => sum + p.peakRssMb, 0),
      };
    },
    stop: () =>
      new Promise((resolveStop) => {
        if (child.exitCode !== null) return resolveStop();
        child.once('exit', () => resolveStop());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}
