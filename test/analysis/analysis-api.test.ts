/**
 * The JSON API under /api/analys on the real-data fixture (in-process, both backends): happy paths, clear
 * errors for bad input, and never a 500 for any query string.
 */
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSettings } from '../../src/config/settings.js';
import { buildApp } from '../../src/http/app.js';
import type { Store } from '../../src/store/database.js';
import { DIALECTS } from '../support/dialects.js';
import { openFixtureStore } from '../support/fixture.js';

for (const dialect of DIALECTS) {
  describe(`${dialect}: /api/analys`, () => {
    let store: Store;
    let app: FastifyInstance;
    beforeAll(async () => {
      store = await openFixtureStore(dialect);
      app = await buildApp({ store, settings: loadSettings({}) });
    });
    afterAll(async () => {
      await app.close();
      await store.close();
    });

    const get = async (url: string) => {
      const reply = await app.inject(url);
      return { status: reply.statusCode, body: reply.json() as Record<string, unknown> };
    };

    it('statistik: precomputed distribution for all kommuner, on-request for a group', async () => {
      const all = await get('/api/analys/statistik?kpi=N00700&ar=2022');
      expect(all.status).toBe(200);
      expect(all.body).toMatchObject({ year: 2022, set: { id: 'K', size: 290, precomputed: true } });
      expect((all.body.municipalities as unknown[]).length + (all.body.missing as unknown[]).length).toBe(
        290,
      );
      const group = await get('/api/analys/statistik?kpi=N00700&ar=2022&grupp=G33621');
      expect(group.status).toBe(200);
      expect(group.body).toMatchObject({ set: { id: 'G33621', size: 33, precomputed: false } });
      const distribution = group.body.distribution as { n: number; missing: number };
      expect(distribution.n + distribution.missing).toBe(33);
      // The note and the method come in the reader's language; the domain only says which analysis.
      expect(all.body).toMatchObject({ note: expect.stringMatching(/^Etableras egen beräkning/) });
      expect(all.body.method).toMatch(/^Kvartiler med linjär interpolation/);
      const english = await get('/api/analys/statistik?kpi=N00700&ar=2022&lang=en');
      expect(english.body.note).toMatch(/^Etablera’s own computation/);
      expect(english.body.method).toMatch(/^Quartiles by linear interpolation/);
    });

    it('liknande: the ready-made sets and a custom weighted set', async () => {
      const preset = await get('/api/analys/liknande?kommun=1282&antal=5');
      expect(preset.status).toBe(200);
      expect((preset.body.similar as unknown[]).length).toBe(5);
      expect(preset.body.comparatorUrl).toMatch(/^\/kommun\/1282\?ref=urval&urval=(\d{4},){4}\d{4}$/);
      const custom = await get('/api/analys/liknande?kommun=1282&urval=egen&kpier=N01951:2:log,N02926');
      expect(custom.status).toBe(200);
      expect(custom.body.kpis).toMatchObject([
        { id: 'N01951', weight: 2, transform: 'log' },
        { id: 'N02926', weight: 1, transform: 'none' },
      ]);
      const urval = await get('/api/analys/urval');
      const ids = (urval.body.similarity as { id: string }[]).map((p) => p.id);
      expect(ids).toContain('struktur');
      expect(ids).toContain('arbete-studier');
    });

    it('forvantat and samband answer with model and correlation figures', async () => {
      const model = await get('/api/analys/forvantat?kpi=N00700&ar=2022');
      expect(model.status).toBe(200);
      expect(model.body).toMatchObject({ n: 290, preset: { id: 'skr-integration' } });
      const samband = await get(
        '/api/analys/samband?x=N00700&y=N00708&ar=2022&fkpi=N01951&fop=over&fvarde=50000',
      );
      expect(samband.status).toBe(200);
      const n = samband.body.n as number;
      expect(n).toBeGreaterThan(20);
      expect(n).toBeLessThan(100);
    });

    it('names the problem in bad input', async () => {
      const cases: [string, number, RegExp][] = [
        ['/api/analys/liknande', 400, /”kommun” saknas/],
        ['/api/analys/liknande?kommun=9999', 404, /ingen kommun med koden ”9999”/],
        ['/api/analys/liknande?kommun=1282&urval=nope', 404, /Okänt urval/],
        ['/api/analys/liknande?kommun=1282&urval=egen&kpier=N01951:x', 400, /vikten/],
        ['/api/analys/forvantat?kpi=N00700&forklarande=N00700', 400, /sig självt/],
        ['/api/analys/forvantat?kpi=NOPE1', 404, /Okänt nyckeltal/],
        ['/api/analys/samband?x=N00700&y=N00700', 400, /två olika/],
        ['/api/analys/samband?x=N00700&y=N00708&fkpi=N01951&fvarde=abc', 400, /inte ett tal/],
        ['/api/analys/statistik?kpi=N00700&ar=22', 400, /”ar”/],
        ['/api/analys/statistik?kpi=N00700&kon=X', 400, /”kon”/],
        ['/api/analys/statistik?kpi=N00700&ar=1990', 404, /Inga värden/],
      ];
      for (const [url, status, message] of cases) {
        const reply = await get(url);
        expect({ url, status: reply.status }).toEqual({ url, status });
        expect(String(reply.body.error)).toMatch(message);
      }
    });

    it('answers the same bad input with the same JSON error shape on pages and the API', async () => {
      const urls = [
        '/nyckeltal/N00700.json?kon=X',
        '/analys/statistik.json?kpi=N00700&kon=X',
        '/api/analys/statistik?kpi=N00700&kon=X',
      ];
      for (const url of urls) {
        const reply = await get(url);
        expect({ url, status: reply.status, body: reply.body }).toEqual({
          url,
          status: 400,
          body: {
            statusCode: 400,
            error: 'Parametern ”kon” (kön) ska vara T, K eller M, fick ”X”',
            code: 'invalidGender',
            parameter: 'kon',
          },
        });
      }
      // In the reader's language, and an unknown route in the same shape.
      const english = await app.inject({
        url: '/api/analys/statistik?kpi=N00700&kon=X',
        headers: { 'accept-language': 'en' },
      });
      expect(english.json().error).toBe('Parameter "kon" (gender) must be T, K or M, got "X"');
      const missing = await get('/api/analys/nope');
      expect(missing).toEqual({
        status: 404,
        body: { statusCode: 404, error: 'Det finns inget här: /api/analys/nope', code: 'notFound' },
      });
      // A page without a data form, on both wings.
      for (const url of ['/analys.json', '/kommun/9999.json'])
        expect(Object.keys((await get(url)).body).sort(), url).toEqual(['code', 'error', 'statusCode']);
    });

    it('never answers a query string with a 500', async () => {
      const paths = ['statistik', 'liknande', 'forvantat', 'samband'];
      const names = [
        'kpi',
        'kommun',
        'x',
        'y',
        'ar',
        'kon',
        'antal',
        'urval',
        'kpier',
        'forklarande',
        'grupp',
        'fkpi',
        'fop',
        'fvarde',
      ];
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...paths),
          fc.array(
            fc.tuple(
              fc.constantFrom(...names),
              fc.oneof(fc.string(), fc.constantFrom('N00700', '1282', '2022', 'T', 'egen')),
            ),
            {
              maxLength: 6,
            },
          ),
          async (path, params) => {
            const query = params.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
            const reply = await app.inject(`/api/analys/${path}?${query}`);
            expect(reply.statusCode).toBeLessThan(500);
          },
        ),
        { numRuns: 60 },
      );
    });
  });
}
