/**
 * Fuzzing the Kolada-compatible API (fast-check, in-process): whatever arrives in path segments or
 * query parameters — very long ids, unicode, NUL bytes, broken %-encodings, path traversal, SQL
 * metacharacters, huge numbers — the reply is never a 5xx, and every error is JSON.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { useFixtureApp } from '../../../test/kolada-api/fixture.js';
import { DIALECTS } from '../../../test/support/dialects.js';

const NASTY = [
  '',
  '..',
  '../..',
  '..%2F..%2Fetc%2Fpasswd',
  '%00',
  'N01951%00',
  '%',
  '%zz',
  '%E0%A4%A',
  '%C3%28',
  "' OR 1=1 --",
  'N01951;DROP TABLE value',
  '"); select pg_sleep(1); --',
  '\\',
  ',,,',
  'G33621,1280,,',
  '9'.repeat(400),
  '1e308',
  '-0',
  'NaN',
  '0x10',
  'A'.repeat(3000),
  'Å%C3%84Ö',
  '%F0%9F%98%80',
];

/** Percent-encodes every UTF-8 byte (lone surrogates become U+FFFD), so any string can travel in a URL. */
function encodeAll(text: string): string {
  return [...Buffer.from(text, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
}

const rawByteRun = fc
  .array(fc.integer({ min: 0, max: 255 }), { maxLength: 12 })
  .map((bytes) => bytes.map((b) => `%${b.toString(16).padStart(2, '0').toUpperCase()}`).join(''));

/** Text as it may appear in a URL: already-encoded nasties, encoded arbitrary strings, raw byte runs. */
const urlText = fc.oneof(
  fc.constantFrom(...NASTY),
  fc.string({ unit: 'binary', maxLength: 60 }).map(encodeAll),
  fc.string({ maxLength: 30 }).map(encodeURIComponent),
  fc.array(fc.stringMatching(/^[A-Za-z0-9]{1,8}$/), { maxLength: 40 }).map((ids) => ids.join(',')),
  fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }).map(String),
  rawByteRun,
);

const ROUTES = [
  '/VERSION/kpi/SEG',
  '/VERSION/kpi_groups/SEG',
  '/VERSION/municipality/SEG',
  '/VERSION/municipality_groups/SEG',
  '/VERSION/ou/SEG',
  '/VERSION/data/kpi/SEG/municipality/SEG/year/SEG',
  '/VERSION/data/kpi/SEG/year/SEG',
  '/VERSION/data/kpi/SEG/municipality/SEG',
  '/VERSION/data/municipality/SEG/year/SEG',
  '/VERSION/oudata/kpi/SEG/ou/SEG/year/SEG',
  '/VERSION/oudata/ou/SEG/year/SEG',
  '/VERSION/SEG',
  '/VERSION/SEG/SEG',
];

const PARAMETERS = [
  'title',
  'page',
  'per_page',
  'from_date',
  'municipality',
  'region_type',
  'type',
  'kpi_id',
  'municipality_id',
  'ou_id',
  'year',
];

const queryString = fc
  .array(fc.tuple(fc.oneof(fc.constantFrom(...PARAMETERS), urlText), urlText), { maxLength: 6 })
  .map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join('&'));

for (const dialect of DIALECTS) {
  describe(`Kolada API fuzzing (${dialect})`, () => {
    const live = useFixtureApp(dialect);

    async function check(url: string): Promise<void> {
      const res = await live.app.inject({ method: 'GET', url });
      if (res.statusCode >= 500) throw new Error(`${url} → ${res.statusCode} ${res.body.slice(0, 300)}`);
      // Swagger UI's own pages and assets under /v3/docs are the one non-JSON part of the API.
      if (res.statusCode < 400 && url.startsWith('/v3/docs')) return;
      // Dot segments are resolved like a browser would ("/v2/kpi/../.." is "/"): a page, not the API.
      const resolved = new URL(url, 'http://localhost').pathname;
      if (!/^\/v[23](\/|$)/.test(resolved)) {
        expect(res.body, url).not.toMatch(/\n\s+at /);
        return;
      }
      expect(res.headers['content-type'], url).toMatch(/^application\/json/);
      const body = res.json() as { error?: unknown; values?: unknown };
      if (res.statusCode >= 400) expect(typeof body.error, url).toBe('string');
      else expect(Array.isArray(body.values), url).toBe(true);
    }

    it('never answers a fuzzed path with a 5xx or a non-JSON error', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom('v2', 'v3'),
          fc.constantFrom(...ROUTES),
          fc.array(urlText, { minLength: 3, maxLength: 3 }),
          fc.option(queryString, { nil: undefined }),
          async (version, route, segments, query) => {
            let i = 0;
            const path = route.replace('VERSION', version).replace(/SEG/g, () => segments[i++] ?? '');
            await check(query === undefined ? path : `${path}?${query}`);
          },
        ),
        { numRuns: 400 },
      );
    });

    it('never answers fuzzed query parameters with a 5xx or a non-JSON error', async () => {
      const bases = [
        '/v3/kpi',
        '/v2/municipality',
        '/v3/ou',
        '/v3/data',
        '/v3/oudata',
        '/v3/data/kpi/N00001/year/2022',
        '/v2/data/kpi/N00001/municipality/G1,1280',
        '/v3/oudata/kpi/N00003/year/2022',
      ];
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...bases), queryString, async (base, query) => {
          await check(`${base}?${query}`);
        }),
        { numRuns: 400 },
      );
    });

    it('survives each nasty value in each parameter', async () => {
      for (const parameter of PARAMETERS)
        for (const nasty of NASTY) {
          await check(`/v3/data?${parameter}=${nasty}`);
          await check(`/v3/kpi/${nasty}?${parameter}=${nasty}`);
        }
    });
  });
}
