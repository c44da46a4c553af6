/**
 * First start: an empty store and no network gives labelled demo data within seconds, visible in
 * /api/status; a later sync that reaches Kolada replaces the demo data entirely.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/support/dialects.js';
import { type FakeKolada, startFakeKolada } from '../../test/support/fake-kolada/fake-kolada.js';
import { openFixtureStore } from '../../test/support/fixture.js';
import { REPO_ROOT } from '../../test/support/real-data.js';
import { valueDigest } from '../../test/support/store-checksum.js';
import { createTempStore, type TempStore } from '../../test/support/temp-store.js';
import { loadSettings } from '../config/settings.js';
import { exportValues } from '../export/export.service.js';
import { buildApp } from '../http/app.js';
import { KoladaClient } from '../kolada/kolada-client.js';
import { syncFromKolada } from '../kolada/sync.service.js';
import { SyncProgress } from '../kolada/sync-progress.js';
import { StoreMetaRepository } from '../store/repositories/store-meta.repository.js';
import { ValueRepository } from '../store/repositories/value.repository.js';
import { firstStart } from './first-start.js';

/** A port nobody listens on: bound, then closed again. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const silent = { info() {}, warn() {}, error() {} };

let fake: FakeKolada;
beforeAll(async () => {
  fake = await startFakeKolada({ kpis: ['N00700'] });
}, 300_000);
afterAll(async () => {
  await fake?.close();
});

for (const dialect of DIALECTS) {
  describe(dialect, () => {
    let temp: TempStore;
    beforeAll(async () => {
      temp = await createTempStore(dialect);
    });
    afterAll(async () => {
      await temp?.destroy();
    });

    it('offline on an empty store: serves at once, then shows labelled demo data', async () => {
      const { store } = temp;
      const settings = loadSettings({ KOLADA_BASE_URL: `http://127.0.0.1:${await closedPort()}/v3` });
      const progress = new SyncProgress();
      const app = await buildApp({ store, settings, syncProgress: progress });
      try {
        const empty = await app.inject('/api/status');
        expect(empty.json()).toMatchObject({ dataset: 'empty', sync: { state: 'idle' } });
        const started = Date.now();
        const warnings: string[] = [];
        const outcome = firstStart({
          store,
          settings,
          progress,
          log: { ...silent, warn: (m) => warnings.push(m) },
        });
        // While the demo loads, the app answers.
        const during = await app.inject('/api/health');
        expect(during.statusCode).toBe(200);
        expect(await outcome).toBe('demo');
        console.log(
          `[first start ${dialect}] demo data ready in ${((Date.now() - started) / 1000).toFixed(1)} s`,
        );
        expect(warnings.join('\n')).toMatch(/Kolada is not reachable.*DEMO data/s);
        const status = (await app.inject('/api/status')).json();
        expect(status).toMatchObject({ dataset: 'demo', sync: { state: 'offline', phase: 'demo' } });
        expect(status.sync.done).toBe(status.sync.total);
        const kpis = await store.db.selectFrom('kpi').select(['id', 'origin']).execute();
        expect(kpis.length).toBeGreaterThan(60);
        expect(kpis.every((k) => k.origin === 'demo')).toBe(true);
        const municipalities = await store.db.selectFrom('municipality').select('id').execute();
        expect(municipalities).toHaveLength(312);
        // A second start while still offline keeps the demo and says so.
        expect(await firstStart({ store, settings, progress, log: silent })).toBe('kept-demo');
      } finally {
        await app.close();
      }
    });

    it('flags every exported row as demo data', async () => {
      const run = (format: string) =>
        new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
          const child = spawn(
            process.execPath,
            [
              join(REPO_ROOT, 'bin/etablera.js'),
              'export',
              '--kpi',
              'N00700,N01951',
              '--years',
              '2022',
              '--format',
              format,
            ],
            { env: { ...process.env, ...temp.env }, stdio: ['ignore', 'pipe', 'pipe'] },
          );
          let out = '';
          let err = '';
          child.stdout.on('data', (d) => {
            out += d;
          });
          child.stderr.on('data', (d) => {
            err += d;
          });
          child.on('exit', (code) => resolve({ code, out, err }));
        });
      const csv = await run('csv');
      expect(csv.code).toBe(0);
      expect(csv.err).toMatch(/DEMO data/);
      const [header, ...rows] = csv.out.trim().split('\n');
      expect(header).toBe('kpi,municipality,period,gender,value,status,dataset');
      expect(rows.length).toBeGreaterThan(600);
      expect(rows.every((r) => r.endsWith(',demo'))).toBe(true);
      // NDJSON takes the same flag; in-process here to spare a second CLI start.
      const out = new PassThrough();
      let text = '';
      out.on('data', (d) => {
        text += d;
      });
      await exportValues(
        new ValueRepository(temp.store.db),
        { kpis: ['N00700'], years: [2022] },
        'ndjson',
        out,
        {
          demo: true,
        },
      );
      const items = text
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { dataset?: string });
      expect(items.length).toBeGreaterThan(300);
      expect(items.every((i) => i.dataset === 'demo')).toBe(true);
    });

    it('a sync that reaches Kolada replaces the demo data entirely', async () => {
      const { store } = temp;
      expect(await new StoreMetaRepository(store.db).dataset()).toBe('demo');
      const summary = await syncFromKolada(store, new KoladaClient({ baseUrl: fake.url }), {
        kpis: ['N00700'],
      });
      expect(summary.failed).toEqual([]);
      expect(await new StoreMetaRepository(store.db).dataset()).toBe('kolada');
      const origins = await store.db.selectFrom('kpi').select('origin').distinct().execute();
      expect(origins).toEqual([{ origin: 'kolada' }]);
      const real = await openFixtureStore(dialect);
      try {
        expect(await valueDigest(store)).toEqual(await valueDigest(real, ['N00700']));
      } finally {
        await real.close();
      }
    });
  });
}

/** The real command: `etablera serve` on an empty data directory with Kolada unreachable. */
for (const dialect of DIALECTS) {
  describe(`${dialect}: etablera serve`, () => {
    let temp: TempStore;
    beforeAll(async () => {
      temp = await createTempStore(dialect);
      await temp.store.close(); // the server opens it itself
    });
    afterAll(async () => {
      await temp?.destroy().catch(() => {});
    });

    it('serves at once and labels the demo data it loads when offline', async () => {
      const port = await closedPort();
      const kolada = `http://127.0.0.1:${await closedPort()}/v3`;
      const server = spawn(
        process.execPath,
        [join(REPO_ROOT, 'bin/etablera.js'), 'serve', '--port', String(port)],
        {
          env: { ...process.env, ...temp.env, KOLADA_BASE_URL: kolada, HOST: '127.0.0.1', LOG_LEVEL: 'info' },
          stdio: ['ignore', 'pipe', 'pipe'],
          detached: true,
        },
      );
      let log = '';
      server.stdout.on('data', (d) => {
        log += d;
      });
      server.stderr.on('data', (d) => {
        log += d;
      });
      const exited = new Promise((resolve) => server.on('exit', resolve));
      try {
        const seen: string[] = [];
        for (;;) {
          const reply = await fetch(`http://127.0.0.1:${port}/api/status`).catch(() => null);
          if (reply?.ok) {
            const status = (await reply.json()) as { dataset: string; sync: { state: string } };
            seen.push(`${status.dataset}/${status.sync.state}`);
            if (status.sync.state === 'offline') break;
          }
          if (server.exitCode !== null) throw new Error(`server exited:\n${log}`);
          await new Promise((r) => setTimeout(r, 200));
        }
        expect(seen.at(-1)).toBe('demo/offline');
        // It listened before the demo data was there: serving does not wait for it. The log arrives
        // through a pipe, so its last lines may land after the status reply that ended the loop.
        await expect.poll(() => log.includes('Demo data loaded'), { timeout: 10_000 }).toBe(true);
        const events = ['Server listening', 'Kolada is not reachable', 'Demo data loaded'];
        // In the order each first appears: with several workers (ETABLERA_WORKERS) each says it listens.
        const seenInLog = [
          ...new Set(log.split('\n').flatMap((line) => events.filter((e) => line.includes(e)))),
        ];
        expect(seenInLog).toEqual(events);
      } finally {
        process.kill(-server.pid!, 'SIGTERM');
        await exited;
      }
    });
  });
}
