/**
 * Who may change data over HTTP, and one sync at a time: admin endpoints answer 401 without the
 * operator's token or an admin's API token (see src/http/auth); with it they import an uploaded file and start
 * a sync. Two app instances on one store: while one syncs the other gets 409 and keeps serving.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSettings } from '../../src/config/settings.js';
import { buildApp } from '../../src/http/app.js';
import { KoladaClient } from '../../src/kolada/kolada-client.js';
import { SyncBusyError, syncFromKolada } from '../../src/kolada/sync.service.js';
import { openStore, type Store } from '../../src/store/database.js';
import { DIALECTS } from '../support/dialects.js';
import { type FakeKolada, startFakeKolada } from '../support/fake-kolada/fake-kolada.js';
import { createTempStore, type TempStore } from '../support/temp-store.js';
import { META } from '../support/value-files.js';

const TOKEN = 'admin-token-for-tests-7f3a9c2e1b';
const auth = { authorization: `Bearer ${TOKEN}` };

let fake: FakeKolada;
beforeAll(async () => {
  // Metadata only (no values): enough to prove a sync runs and holds the lock.
  fake = await startFakeKolada({ kpis: [] });
});
afterAll(async () => {
  await fake?.close();
});

async function until<T>(probe: () => Promise<T>, ok: (value: T) => boolean, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (ok(value)) return value;
    if (Date.now() > end) throw new Error(`timed out; last: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

for (const dialect of DIALECTS) {
  describe(`admin endpoints (${dialect})`, () => {
    let temp: TempStore;
    let second: Store;
    let open: FastifyInstance;
    let a: FastifyInstance;
    let b: FastifyInstance;

    beforeAll(async () => {
      temp = await createTempStore(dialect);
      // A second instance: its own connections to the same database (or SQLite file).
      second = await openStore({ databaseUrl: temp.env.DATABASE_URL, dataDir: temp.env.ETABLERA_DATA_DIR });
      const settings = (token: string) =>
        loadSettings({ ETABLERA_RATE_LIMIT_MAX: '0' }, { adminToken: token, koladaBaseUrl: fake.url });
      open = await buildApp({ store: temp.store, settings: settings('') });
      a = await buildApp({ store: temp.store, settings: settings(TOKEN) });
      b = await buildApp({ store: second, settings: settings(TOKEN) });
    });
    afterAll(async () => {
      for (const app of [open, a, b]) await app?.close();
      await second?.close();
      await temp?.destroy();
    });

    const requests = [
      { method: 'POST' as const, url: '/api/admin/sync', payload: { kpis: ['N00700'] } },
      { method: 'GET' as const, url: '/api/admin/sync' },
      {
        method: 'POST' as const,
        url: '/api/admin/import?name=kpi.json',
        payload: META.kpisV3,
        headers: { 'content-type': 'application/json' },
      },
    ];

    it('answers 401 when the operator set no token, even to a client sending one', async () => {
      for (const r of requests)
        for (const headers of [{}, auth, { authorization: 'Bearer ' }]) {
          const res = await open.inject({ ...r, headers: { ...r.headers, ...headers } });
          expect(res.statusCode, r.url).toBe(401);
          expect(res.json().error, r.url).toMatch(/token|Sign in/);
        }
      expect(await temp.store.db.selectFrom('kpi').select('id').execute()).toEqual([]);
    });

    it('answers 401 with a Bearer challenge to a missing or wrong token', async () => {
      for (const r of requests)
        for (const authorization of [undefined, `Bearer ${TOKEN}0`, `Basic ${TOKEN}`, TOKEN, 'Bearer']) {
          const res = await a.inject({
            ...r,
            headers: { ...r.headers, ...(authorization ? { authorization } : {}) },
          });
          expect(res.statusCode, `${r.url} ${authorization}`).toBe(401);
          expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
          expect(res.json().error).toMatch(/token|Authorization/);
        }
      expect(await temp.store.db.selectFrom('kpi').select('id').execute()).toEqual([]);
    });

    it('imports an uploaded file with the token, and names what is wrong with a bad upload', async () => {
      const ok = await a.inject({ ...requests[2]!, headers: { ...requests[2]!.headers, ...auth } });
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toMatchObject({ file: 'kpi.json', reports: [{ kind: 'kpi', items: 3 }] });
      expect((await a.inject({ url: '/v3/kpi/N1,N2,N3' })).json().count).toBe(3);

      const bad = [
        { url: '/api/admin/import', payload: 'x', want: [400, /name/] },
        { url: '/api/admin/import?name=../../etc/passwd', payload: 'x', want: [400, /name/] },
        { url: '/api/admin/import?name=a.exe', payload: 'x', want: [400, /name/] },
        { url: '/api/admin/import?name=kpi.json', payload: '', want: [400, /empty/] },
        { url: '/api/admin/import?name=kpi.json', payload: '{"values": [{"id": 5}]', want: [400, /./] },
        {
          url: '/api/admin/import?name=data.ndjson',
          payload: '{"kpi":"N1","municipality":"1280","period":"x","values":[]}\n',
          want: [400, /period/],
        },
      ] as const;
      for (const c of bad) {
        const res = await a.inject({ method: 'POST', url: c.url, payload: c.payload, headers: auth });
        expect(res.statusCode, `${c.url} ${c.payload}`).toBe(c.want[0]);
        expect(res.json().error, c.url).toMatch(c.want[1]);
        expect(res.json().error).not.toMatch(/etablera-upload-|\/tmp\//);
      }
    });

    it('refuses an upload over ETABLERA_IMPORT_MAX_BYTES with 413', async () => {
      const small = await buildApp({
        store: temp.store,
        settings: loadSettings({ ETABLERA_IMPORT_MAX_BYTES: '100' }, { adminToken: TOKEN }),
      });
      try {
        const res = await small.inject({
          method: 'POST',
          url: '/api/admin/import?name=kpi.json',
          payload: META.kpisV3,
          headers: auth,
        });
        expect(res.statusCode).toBe(413);
        expect(res.json().error).toMatch(/ETABLERA_IMPORT_MAX_BYTES/);
      } finally {
        await small.close();
      }
    });

    it('runs one sync at a time across two instances; the other answers 409 and keeps serving', async () => {
      // Every request to Kolada is slow, so the first sync is certainly still running.
      fake.setFaults({ rate: 1, kinds: ['latency'], latencyMs: 400 });
      try {
        const started = await a.inject({
          method: 'POST',
          url: '/api/admin/sync',
          payload: { kpis: ['N00700'], years: [2020] },
          headers: auth,
        });
        expect(started.statusCode).toBe(202);
        const busy = await b.inject({
          method: 'POST',
          url: '/api/admin/sync',
          payload: { kpis: ['N00700'], years: [2020] },
          headers: auth,
        });
        expect(busy.statusCode).toBe(409);
        expect(busy.json().error).toMatch(/already running/);
        await expect(
          syncFromKolada(second, new KoladaClient({ baseUrl: fake.url }), { kpis: ['N00700'] }),
        ).rejects.toBeInstanceOf(SyncBusyError);
        expect((await b.inject({ url: '/v3/kpi/N1' })).statusCode).toBe(200);
        expect((await a.inject({ url: '/api/admin/sync', headers: auth })).json().state).toBe('running');
      } finally {
        fake.setFaults(null);
      }
      const done = await until(
        async () => (await a.inject({ url: '/api/admin/sync', headers: auth })).json(),
        (job) => job.state !== 'running',
      );
      expect(done).toMatchObject({ state: 'done', summary: { failed: [] } });
      // The lock is free again: the other instance may sync now.
      const next = await b.inject({
        method: 'POST',
        url: '/api/admin/sync',
        // U01805 has OU data and is in the integration set, so only `ou: false` keeps its OU values out.
        payload: { kpis: ['U01805'], years: [2021], metadata: false, ou: false },
        headers: auth,
      });
      expect(next.statusCode).toBe(202);
      expect(
        await until(
          async () => (await b.inject({ url: '/api/admin/sync', headers: auth })).json(),
          (job) => job.state !== 'running',
        ),
      ).toMatchObject({ state: 'done', summary: { kpis: 1, ouKpis: 0 } });
    });

    it('validates the sync request body', async () => {
      for (const payload of [{ kpis: ['<script>'] }, { years: [1e9] }, { all: true, kpis: ['N00700'] }]) {
        const res = await a.inject({ method: 'POST', url: '/api/admin/sync', payload, headers: auth });
        expect(res.statusCode, JSON.stringify(payload)).toBe(400);
        expect(typeof res.json().error).toBe('string');
      }
    });
  });
}
