/**
 * `etablera serve` with ETABLERA_WORKERS=2, as real processes over real HTTP: a worker killed while
 * clients keep asking is replaced (with its role), the other keeps serving meanwhile, and no client
 * gets a 5xx — only the requests in flight on the killed worker fail (their connection is cut). A stop
 * signal drains: requests already in the workers are answered before the processes exit 0.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/support/dialects.js';
import { createFixtureStore, FIXTURE_KPIS } from '../../test/support/fixture.js';
import { REPO_ROOT } from '../../test/support/real-data.js';
import type { TempStore } from '../../test/support/temp-store.js';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
    server.on('error', reject);
  });
}

type Outcome = { status: number } | { error: string };

function get(url: string, agent: Agent | false): Promise<Outcome> {
  return new Promise((resolve) => {
    const req = request(url, { agent }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
      res.on('error', (e) => resolve({ error: e.message }));
    });
    req.on('error', (e) => resolve({ error: (e as NodeJS.ErrnoException).code ?? e.message }));
    // A request that hangs is a failure to report, not a test that never ends.
    req.setTimeout(20_000, () => req.destroy(new Error(`no answer within 20 s: ${url}`)));
    req.end();
  });
}

interface Server {
  child: ChildProcess;
  base: string;
  log(): string;
  /** The workers the primary says are serving, newest last: pid and role. */
  serving(): { pid: number; role: string }[];
}

async function startServer(temp: TempStore, env: Record<string, string> = {}): Promise<Server> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [join(REPO_ROOT, 'bin/etablera.js'), 'serve', '--port', String(port)],
    {
      env: {
        ...process.env,
        ...temp.env,
        HOST: '127.0.0.1',
        ETABLERA_WORKERS: '2',
        LOG_LEVEL: 'info',
        ETABLERA_SYNC_ON_START: 'off',
        ETABLERA_SYNC_SCHEDULE: 'off',
        ETABLERA_RATE_LIMIT_MAX: '0',
        ETABLERA_TAXONOMY_INDEX_ON_START: 'off',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    },
  );
  let log = '';
  child.stdout!.on('data', (d) => {
    log += d;
  });
  child.stderr!.on('data', (d) => {
    log += d;
  });
  const serving = () =>
    [...log.matchAll(/"msg":"Worker (\d+) \((jobs|serve)\) is serving"/g)].map((m) => ({
      pid: Number(m[1]),
      role: m[2] as string,
    }));
  await expect
    .poll(
      () => {
        if (child.exitCode !== null) throw new Error(`server exited:\n${log}`);
        return serving().length;
      },
      { timeout: 110_000, interval: 200 },
    )
    .toBe(2);
  return { child, base: `http://127.0.0.1:${port}`, log: () => log, serving };
}

const exited = (child: ChildProcess) =>
  new Promise<{ code: number | null; signal: string | null }>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null)
      resolve({ code: child.exitCode, signal: child.signalCode });
    else child.on('exit', (code, signal) => resolve({ code, signal }));
  });

/** Requests of a small page mix, each tagged so the log tells which worker answered it. */
function paths(i: number): string {
  const kpi = FIXTURE_KPIS[i % FIXTURE_KPIS.length];
  const kommun = ['0180', '1480', '1280', '0380', '2580'][i % 5];
  return [
    `/v3/data/kpi/${kpi}/municipality/${kommun}?n=${i}`,
    `/kommun/${kommun}?n=${i}`,
    `/nyckeltal/${kpi}?kommun=${kommun}&n=${i}`,
    `/api/health?n=${i}`,
  ][i % 4] as string;
}

for (const dialect of DIALECTS) {
  describe(`${dialect}: ETABLERA_WORKERS=2`, () => {
    let temp: TempStore;
    beforeAll(async () => {
      temp = await createFixtureStore(dialect);
      // A taxonomy is there, so the jobs worker does not spend its first seconds loading the
      // bundled snapshot (the launcher test covers that); this test is about the workers.
      await temp.store.repositories.taxonomy.writeLoad({
        source: 'test',
        version: '1',
        concepts: [
          {
            id: 'test-concept',
            type: 'occupation-name',
            label: 'Test',
            definition: null,
            code: null,
            deprecated: 0,
            replaced_by: null,
          },
        ],
        labels: [],
        relations: [],
        replaceLabelSources: [],
        counts: {},
      });
      await temp.store.close(); // the server opens it itself
    });
    afterAll(async () => {
      await temp?.destroy().catch(() => {});
    });

    it('replaces a worker killed under load while the other serves, with no 5xx', async () => {
      const server = await startServer(temp);
      try {
        const [jobs, serve] = server.serving();
        expect(jobs?.role).toBe('jobs');
        expect(serve?.role).toBe('serve');

        // Four clients with keep-alive connections ask without pause until told to stop.
        const outcomes: { started: number; at: number; outcome: Outcome }[] = [];
        let stop = false;
        let n = 0;
        const client = async () => {
          const agent = new Agent({ keepAlive: true, maxSockets: 1 });
          while (!stop) {
            const started = Date.now();
            const outcome = await get(server.base + paths(n++), agent);
            outcomes.push({ started, at: Date.now(), outcome });
          }
          agent.destroy();
        };
        const clients = Array.from({ length: 4 }, client);
        await expect.poll(() => outcomes.length, { timeout: 60_000 }).toBeGreaterThan(40);

        // Kill the serving worker, then (once replaced) the jobs worker: both come back in their role.
        const killedAt: number[] = [];
        for (const victim of [serve!, jobs!]) {
          const before = server.serving().length;
          process.kill(victim.pid, 'SIGKILL');
          killedAt.push(Date.now());
          const servedMeanwhile = outcomes.length;
          await expect
            .poll(() => server.serving().length, { timeout: 110_000, interval: 100 })
            .toBe(before + 1);
          const replacement = server.serving().at(-1)!;
          expect(replacement.role).toBe(victim.role);
          expect(server.log()).toMatch(
            new RegExp(
              `Worker ${victim.pid} \\(${victim.role}\\) was killed \\(SIGKILL\\); started worker ${replacement.pid}`,
            ),
          );
          // The other worker answered while the replacement started.
          expect(outcomes.length).toBeGreaterThan(servedMeanwhile);
        }
        const servedAfter = outcomes.length;
        await expect.poll(() => outcomes.length, { timeout: 60_000 }).toBeGreaterThan(servedAfter + 12);
        stop = true;
        await Promise.all(clients);

        // Every answer is a success; the only failures are the requests each client had on the killed
        // worker's connection when it died (asked before the kill, or as the dead connection was being
        // dropped): at most one per client and kill. Cut (ECONNRESET), or — when the primary had just
        // handed the new connection to the dying worker (node:cluster never closes that one) — unanswered.
        const statuses = outcomes.flatMap((o) => ('status' in o.outcome ? [o.outcome.status] : []));
        expect(statuses.filter((s) => s !== 200)).toEqual([]);
        const failures = outcomes.filter((o) => 'error' in o.outcome);
        expect(failures.length).toBeLessThanOrEqual(4 * killedAt.length);
        for (const failure of failures) {
          expect((failure.outcome as { error: string }).error).toMatch(
            /ECONNRESET|socket hang up|EPIPE|no answer/,
          );
          expect(killedAt.some((t) => failure.started <= t + 1000 && failure.at >= t)).toBe(true);
        }

        // The replacements serve: fresh connections are shared out between the two workers in turn.
        const live = server.serving().slice(-2);
        for (let i = 0; i < 8; i++)
          expect(await get(`${server.base}/api/health?fresh=${i}`, false)).toEqual({ status: 200 });
        for (const worker of live)
          expect(server.log()).toMatch(new RegExp(`"pid":${worker.pid},[^\\n]*fresh=`));
      } finally {
        server.child.kill('SIGTERM');
        await exited(server.child);
      }
    }, 400_000);

    it('starts every worker with the heap limit (ETABLERA_HEAP_MB) and two malloc arenas, as /api/status says', async () => {
      const server = await startServer(temp, { ETABLERA_HEAP_MB: '384' });
      try {
        // Fresh connections go to the workers in turn: ask until both have answered.
        const seen = new Map<
          number,
          { heapLimitBytes: number; heapSetting: unknown; v8Flags: string[]; mallocArenaMax: string | null }
        >();
        for (let i = 0; i < 20 && seen.size < 2; i++) {
          const reply = await fetch(`${server.base}/api/status`, { headers: { connection: 'close' } });
          const status = (await reply.json()) as { server: { pid: number; memory: never } };
          seen.set(status.server.pid, status.server.memory);
        }
        expect([...seen.keys()].sort()).toEqual(
          server
            .serving()
            .map((w) => w.pid)
            .sort(),
        );
        for (const memory of seen.values()) {
          expect(memory.heapSetting).toEqual({ setting: 'ETABLERA_HEAP_MB', value: 384 });
          expect(memory.v8Flags).toEqual([
            '--max-semi-space-size=8',
            '--heap-growing-percent=50',
            '--no-allocation-site-pretenuring',
            '--max-old-space-size=384',
          ]);
          // V8's limit is the old space asked for plus the young generation's.
          expect(memory.heapLimitBytes).toBeGreaterThanOrEqual(384 * 2 ** 20);
          expect(memory.heapLimitBytes).toBeLessThan(448 * 2 ** 20);
          expect(memory.mallocArenaMax).toBe(process.env.MALLOC_ARENA_MAX ?? '2');
        }
      } finally {
        server.child.kill('SIGTERM');
        await exited(server.child);
      }
    }, 200_000);

    it('drains on SIGTERM: requests in the workers are answered, then every process exits 0', async () => {
      const server = await startServer(temp);
      const agent = new Agent({ keepAlive: true });
      const asked = Array.from({ length: 6 }, (_, i) =>
        get(`${server.base}/nyckeltal/${FIXTURE_KPIS[i]}?kommun=0180&drain=${i}`, agent),
      );
      // Once the workers have the requests (they log each as it comes in), the stop signal.
      await expect
        .poll(() => (server.log().match(/"url":"[^"]*drain=/g) ?? []).length, { timeout: 30_000 })
        .toBe(6);
      const workerPids = server.serving().map((w) => w.pid);
      server.child.kill('SIGTERM');
      expect(await Promise.all(asked)).toEqual(Array.from({ length: 6 }, () => ({ status: 200 })));
      expect(await exited(server.child)).toEqual({ code: 0, signal: null });
      agent.destroy();
      for (const pid of workerPids) expect(() => process.kill(pid, 0)).toThrow();
      expect(server.log()).toMatch(/SIGTERM: draining 2 workers/);
    }, 200_000);
  });
}
