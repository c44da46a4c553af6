/**
 * The API reply cache on both backends: repeats are served from memory with the same body, ETag and
 * headers, and never once the data changed (an import finished) or while an import runs.
 */
import { gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/dialects.js';
import { createTempStore, type TempStore } from '../../../test/support/temp-store.js';
import { dataLine, META, tempDir, writeText } from '../../../test/support/value-files.js';
import { loadSettings } from '../../config/settings.js';
import { importFiles } from '../../import/import.service.js';
import { ImportLogRepository } from '../../store/repositories/import-log.repository.js';
import { buildApp } from '../app.js';
import { CACHE_HEADER } from './response-cache.js';

const RANKING = '/v3/data/kpi/N1/year/2022';
// Long enough (33 years) to pass the compression threshold.
const SERIES = '/v3/data/kpi/N1/municipality/1282';

function valuesFile(dir: string, name: string, malmo: number): string {
  return writeText(
    dir,
    name,
    [
      dataLine('N1', '1280', 2022, malmo, malmo + 1),
      ...Array.from({ length: 33 }, (_, i) => dataLine('N1', '1282', 1990 + i, 20 + i)),
    ].join('\n'),
  );
}

function totalOf(body: string, municipality: string): unknown {
  const parsed = JSON.parse(body) as {
    values: { municipality: string; values: { gender: string; value: unknown }[] }[];
  };
  return parsed.values.find((v) => v.municipality === municipality)?.values.find((v) => v.gender === 'T')
    ?.value;
}

for (const dialect of DIALECTS) {
  describe(`API reply cache (${dialect})`, () => {
    const dir = tempDir();
    let temp: TempStore;
    let app: FastifyInstance;

    beforeAll(async () => {
      temp = await createTempStore(dialect);
      const meta = [
        writeText(dir, 'municipality.json', META.municipalities),
        writeText(dir, 'kpi.json', META.kpisV3),
      ];
      await importFiles(temp.store, [...meta, valuesFile(dir, 'v1.ndjson', 10)]);
      app = await buildApp({ store: temp.store, settings: loadSettings({}) });
    });
    afterAll(async () => {
      await app?.close();
      await temp?.destroy();
    });

    const get = (url: string, headers: Record<string, string> = {}) =>
      app.inject({ method: 'GET', url, headers });

    it('answers a repeat from the cache with the same body, ETag and headers', async () => {
      const first = await get(RANKING, { origin: 'https://example.org' });
      const second = await get(RANKING, { origin: 'https://example.org' });
      expect(first.statusCode).toBe(200);
      expect(first.headers[CACHE_HEADER]).toBe('miss');
      expect(second.headers[CACHE_HEADER]).toBe('hit');
      expect(second.body).toBe(first.body);
      expect(totalOf(second.body, '1280')).toBe(10);
      expect(totalOf(second.body, '1282')).toBe(52);
      for (const header of ['etag', 'content-type', 'x-etablera-dataset', 'access-control-allow-origin'])
        expect([header, second.headers[header]]).toEqual([header, first.headers[header]]);
      // The cached reply keeps the security headers of the first (helmet's rendering of security.ts).
      expect(second.headers['content-security-policy']).toBe(
        "default-src 'self';base-uri 'self';script-src 'self';script-src-attr 'none';style-src 'self' 'unsafe-inline';" +
          "img-src 'self' data:;font-src 'self' data:;connect-src 'self';object-src 'none';form-action 'self';" +
          "frame-ancestors 'none'",
      );

      const notModified = await get(RANKING, { 'if-none-match': String(first.headers.etag) });
      expect(notModified.headers[CACHE_HEADER]).toBe('hit');
      expect(notModified.statusCode).toBe(304);

      const plain = await get(SERIES);
      const gzipped = await get(SERIES, { 'accept-encoding': 'gzip' });
      expect(gzipped.headers[CACHE_HEADER]).toBe('hit');
      expect(gzipped.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(gzipped.rawPayload).toString('utf8')).toBe(plain.body);
    });

    it('keys on the host, which paging links are built from', async () => {
      const url = '/v3/data/kpi/N1/year/2022?per_page=1';
      const a = await get(url, { host: 'a.example' });
      const b = await get(url, { host: 'b.example' });
      expect(b.headers[CACHE_HEADER]).toBe('miss');
      expect(a.json().next_url).toBe(`http://a.example${url}&page=2`);
      expect(b.json().next_url).toBe(`http://b.example${url}&page=2`);
    });

    it('does not cache errors', async () => {
      const url = `/v3/kpi/${Array.from({ length: 26 }, (_, i) => `N${i}`).join(',')}`;
      const first = await get(url);
      const second = await get(url);
      expect([first.statusCode, second.statusCode]).toEqual([422, 422]);
      expect(second.headers[CACHE_HEADER]).toBe('miss');
    });

    it('bypasses the cache while an import runs and never serves a reply from before it', async () => {
      await get(RANKING);
      expect((await get(RANKING)).headers[CACHE_HEADER]).toBe('hit');

      // An import or sync in progress is an import-log row without an end.
      const log = new ImportLogRepository(temp.store.db);
      const running = await log.start('import', 'test: in progress');
      const during = await get(RANKING);
      expect(during.headers[CACHE_HEADER]).toBe('bypass');
      expect((await get(RANKING)).headers[CACHE_HEADER]).toBe('bypass');
      await log.finish(running, 'ok', {});

      await importFiles(temp.store, [valuesFile(dir, 'v2.ndjson', 11)]);
      const after = await get(RANKING);
      expect(after.headers[CACHE_HEADER]).toBe('miss');
      expect(totalOf(after.body, '1280')).toBe(11);
      const again = await get(RANKING);
      expect(again.headers[CACHE_HEADER]).toBe('hit');
      expect(totalOf(again.body, '1280')).toBe(11);
    });

    it('is off with ETABLERA_API_CACHE_MB=0', async () => {
      const uncached = await buildApp({
        store: temp.store,
        settings: loadSettings({ ETABLERA_API_CACHE_MB: '0' }),
      });
      try {
        const res = await uncached.inject({ method: 'GET', url: RANKING });
        expect(res.statusCode).toBe(200);
        expect(res.headers[CACHE_HEADER]).toBeUndefined();
      } finally {
        await uncached.close();
      }
    });
  });
}
