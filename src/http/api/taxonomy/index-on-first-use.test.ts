/**
 * ETABLERA_TAXONOMY_INDEX_ON_START=process (the default): a server used only for Position never builds
 * the taxonomy search index; the first Process or taxonomy request does, after its reply, and
 * /api/status says which. Real app, real store with the bundled taxonomy, both databases.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../../test/support/dialects.js';
import { FIXTURE_KPIS } from '../../../../test/support/fixture.js';
import { createTempStore, type TempStore } from '../../../../test/support/temp-store.js';
import { loadSettings } from '../../../config/settings.js';
import { loadBundledTaxonomy } from '../../../domain/process/taxonomy/taxonomy-loader.js';
import { buildApp } from '../../app.js';
import { isProcessPath } from './index-on-first-use.js';

describe('isProcessPath', () => {
  it('is Process and the taxonomy, not Position or Plan, and not a look-alike', () => {
    for (const yes of [
      '/personer',
      '/personer/ny',
      '/personer?sok=a',
      '/min-sida/plan',
      '/taxonomi/sok?q=truck',
      '/yrken/abc',
      '/api/people/1',
      '/api/taxonomy/search?q=x',
    ])
      expect(isProcessPath(yes), yes).toBe(true);
    for (const no of [
      '/',
      '/kommun/1280',
      '/nyckeltal/N00700',
      '/v3/kpi',
      '/plan/1',
      '/personerna',
      '/api/status',
    ])
      expect(isProcessPath(no), no).toBe(false);
  });
});

for (const dialect of DIALECTS) {
  describe(`${dialect}: the taxonomy index at the first Process request`, () => {
    let temp: TempStore;
    let app: FastifyInstance;
    const indexState = async () =>
      ((await app.inject('/api/status')).json() as { server: { memory: { taxonomyIndex: string } } }).server
        .memory.taxonomyIndex;

    beforeAll(async () => {
      temp = await createTempStore(dialect);
      await loadBundledTaxonomy(temp.store);
      app = await buildApp({
        store: temp.store,
        settings: loadSettings({ LOG_LEVEL: 'silent', ETABLERA_RATE_LIMIT_MAX: '0' }),
      });
    }, 180_000);
    afterAll(async () => {
      await app?.close();
      await temp?.destroy();
    });

    it('is not built by Position pages and the API, and is built after the first Process page', async () => {
      for (const url of ['/', '/kommun/1280', `/v3/kpi/${FIXTURE_KPIS[0]}`, '/api/health'])
        expect((await app.inject(url)).statusCode, url).toBeLessThan(500);
      expect(await indexState()).toBe('none');

      // Not signed in, the page redirects to sign-in: still someone on their way to Process.
      expect((await app.inject('/personer')).statusCode).toBeLessThan(500);
      await expect.poll(indexState, { timeout: 60_000, interval: 100 }).toBe('built');
      const reply = await app.inject(`/api/taxonomy/search?q=${encodeURIComponent('truckförare')}&limit=1`);
      expect(reply.json().results[0].label).toBe('Truckförare');
    }, 120_000);
  });
}
