/**
 * GET /api/status reports this process's memory against the budgets that are settings: the reply
 * cache and the comparison cache (budget and use, which grows as pages are served), V8's heap limit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/support/dialects.js';
import { FIXTURE_KPIS, openFixtureStore } from '../../test/support/fixture.js';
import { loadSettings } from '../config/settings.js';
import { buildApp } from '../http/app.js';
import type { Store } from '../store/database.js';
import { HEAP_FLAG } from './status.routes.js';

interface ServerStatus {
  pid: number;
  role: string;
  dataVersionListener: string;
  workers: number;
  serving: number;
  memory: {
    rssBytes: number;
    heapUsedBytes: number;
    heapTotalBytes: number;
    externalBytes: number;
    arrayBuffersBytes: number;
    nativeBytes: number;
    heapLimitBytes: number;
    heapSetting: { setting: string; value: number | string };
    v8Flags: string[];
    mallocArenaMax: string | null;
    taxonomyIndex: string;
    caches: Record<string, { setting: string; budgetBytes: number; usedBytes: number; entries: number }>;
  };
}

for (const dialect of DIALECTS) {
  describe(`${dialect}: /api/status, server`, () => {
    let store: Store;
    beforeAll(async () => {
      store = await openFixtureStore(dialect);
    });
    afterAll(async () => {
      await store?.close();
    });

    it('names each cache budget setting with its bytes, and the use grows as pages are served', async () => {
      const settings = loadSettings({
        LOG_LEVEL: 'silent',
        ETABLERA_API_CACHE_MB: '5',
        ETABLERA_COMPARISON_CACHE_MB: '7',
        ETABLERA_ANALYSIS_CACHE_MB: '3',
        ETABLERA_WORKERS: '3',
      });
      const app = await buildApp({ store, settings });
      try {
        const server = async () =>
          ((await app.inject('/api/status')).json() as { server: ServerStatus }).server;
        const before = await server();
        expect(before).toMatchObject({ pid: process.pid, role: 'jobs', workers: 3, serving: 1 });
        expect(before.memory.caches).toEqual({
          reply: { setting: 'ETABLERA_API_CACHE_MB', budgetBytes: 5 * 2 ** 20, usedBytes: 0, entries: 0 },
          comparison: {
            setting: 'ETABLERA_COMPARISON_CACHE_MB',
            budgetBytes: 7 * 2 ** 20,
            usedBytes: 0,
            entries: 0,
          },
          analysis: {
            setting: 'ETABLERA_ANALYSIS_CACHE_MB',
            budgetBytes: 3 * 2 ** 20,
            usedBytes: 0,
            entries: 0,
          },
        });
        expect(before.memory.heapLimitBytes).toBeGreaterThan(before.memory.heapUsedBytes);
        // The heap setting and what the process runs with (a test process: V8's own limit, no arena cap).
        expect(before.memory.heapSetting).toEqual({ setting: 'ETABLERA_HEAP_MB', value: 'auto' });
        expect(before.memory.mallocArenaMax).toBe(process.env.MALLOC_ARENA_MAX ?? null);
        expect(before.memory.v8Flags).toEqual(process.execArgv.filter((a) => HEAP_FLAG.test(a)));
        expect(before.memory.taxonomyIndex).toBe('none');
        expect(before.memory.rssBytes).toBeGreaterThan(before.memory.heapUsedBytes);
        // Where RSS goes: V8's heap, memory held outside it by JavaScript objects, and the rest.
        const m = before.memory;
        expect(m.heapTotalBytes).toBeGreaterThanOrEqual(m.heapUsedBytes);
        expect(m.externalBytes).toBeGreaterThanOrEqual(m.arrayBuffersBytes);
        expect(m.nativeBytes).toBeGreaterThan(0);
        expect(m.heapTotalBytes + m.externalBytes + m.nativeBytes).toBe(m.rssBytes);

        expect((await app.inject('/kommun/1280')).statusCode).toBe(200);
        expect((await app.inject(`/v3/data/kpi/${FIXTURE_KPIS[0]}/municipality/1280`)).statusCode).toBe(200);
        const after = (await server()).memory.caches;
        expect(after.reply?.entries).toBe(1);
        expect(after.reply?.usedBytes).toBeGreaterThan(0);
        expect(after.comparison?.entries).toBeGreaterThan(0);
        expect(after.comparison?.usedBytes).toBeGreaterThan(0);
        expect(after.comparison?.usedBytes).toBeLessThanOrEqual(7 * 2 ** 20);
        expect(after.analysis?.entries).toBe(0);
        expect((await app.inject('/api/analys/liknande?kommun=1282')).statusCode).toBe(200);
        const analysis = (await server()).memory.caches.analysis;
        expect(analysis?.entries).toBeGreaterThan(0);
        expect(analysis?.usedBytes).toBeGreaterThan(0);
        expect(analysis?.usedBytes).toBeLessThanOrEqual(3 * 2 ** 20);
      } finally {
        await app.close();
      }
    });

    it("says whether the process listens for PostgreSQL's data changes (not used on SQLite)", async () => {
      const app = await buildApp({ store, settings: loadSettings({ LOG_LEVEL: 'silent' }) });
      try {
        const listener = async () =>
          ((await app.inject('/api/status')).json() as { server: ServerStatus }).server.dataVersionListener;
        if (dialect === 'sqlite') expect(await listener()).toBe('not used');
        else expect(['not started', 'listening', 'disconnected']).toContain(await listener());
        // A cacheable request asks for the data version, which starts the listener on PostgreSQL.
        expect((await app.inject(`/v3/data/kpi/${FIXTURE_KPIS[0]}/municipality/1280`)).statusCode).toBe(200);
        await expect
          .poll(listener, { timeout: 10_000 })
          .toBe(dialect === 'sqlite' ? 'not used' : 'listening');
      } finally {
        await app.close();
      }
    });

    it('reports the heap limit asked for (ETABLERA_HEAP_MB)', async () => {
      const app = await buildApp({
        store,
        settings: loadSettings({ LOG_LEVEL: 'silent', ETABLERA_HEAP_MB: '512' }),
      });
      try {
        const status = (await app.inject('/api/status')).json() as { server: ServerStatus };
        expect(status.server.memory.heapSetting).toEqual({ setting: 'ETABLERA_HEAP_MB', value: 512 });
      } finally {
        await app.close();
      }
    });

    it('with a budget of 0 a cache is off and holds nothing', async () => {
      const settings = loadSettings({
        LOG_LEVEL: 'silent',
        ETABLERA_COMPARISON_CACHE_MB: '0',
        ETABLERA_ANALYSIS_CACHE_MB: '0',
      });
      const app = await buildApp({ store, settings });
      try {
        expect((await app.inject('/kommun/1280')).statusCode).toBe(200);
        expect((await app.inject('/api/analys/liknande?kommun=1282')).statusCode).toBe(200);
        const status = (await app.inject('/api/status')).json() as { server: ServerStatus };
        for (const cache of [status.server.memory.caches.comparison, status.server.memory.caches.analysis])
          expect(cache).toMatchObject({ budgetBytes: 0, usedBytes: 0, entries: 0 });
      } finally {
        await app.close();
      }
    });
  });
}
