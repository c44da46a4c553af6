/**
 * The comparator pages in-process (app.inject) over a small store on both backends: values, ranks
 * and reference means, formats, demo labelling, maps on/off, errors, escaping and headers.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/dialects.js';
import { createTempStore, type TempStore } from '../../../test/support/temp-store.js';
import { loadSettings } from '../../config/settings.js';
import type { Store } from '../../store/database.js';
import { buildApp } from '../app.js';

const EVIL = '<script>alert(1)</script>';

/** Page-weight budget for the map data the KPI page loads, compressed as sent (measured: about 36 kB with br or gzip, 160 kB uncompressed). */
const MAP_BUDGET_BYTES = 48 * 1024;

function boundariesUrl(html: string): string {
  const url = /data-boundaries="([^"]+)"/.exec(html)?.[1];
  if (!url) throw new Error('the page names no boundary file');
  return url.replace(/&amp;/g, '&');
}

async function seed(store: Store): Promise<void> {
  const db = store.db;
  await db
    .insertInto('municipality')
    .values([
      { id: '0000', title: 'Riket', type: 'L' },
      { id: '0180', title: 'Stockholm', type: 'K' },
      { id: '1280', title: 'Malmö', type: 'K' },
      { id: '1281', title: 'Lund', type: 'K' },
      { id: '1282', title: 'Landskrona', type: 'K' },
      { id: '9999', title: EVIL, type: 'K' },
    ])
    .execute();
  await db
    .insertInto('municipality_group')
    .values({ id: 'G33621', title: 'Skåne läns kommuner (ovägt medel)' })
    .execute();
  await db
    .insertInto('municipality_group_member')
    .values(
      ['1280', '1281', '1282'].map((id, position) => ({
        group_id: 'G33621',
        municipality_id: id,
        member_title: id,
        position,
      })),
    )
    .execute();
  await db
    .insertInto('kpi')
    .values([
      {
        id: 'N00700',
        title: 'Förvärvsarbetande flyktingar, andel (%)',
        description: 'Beskrivning. Källa: SCB.',
        is_divided_by_gender: 1,
        municipality_type: 'K',
        origin: 'kolada',
      },
      {
        id: 'X00001',
        title: '=HYPERLINK("http://example.com")',
        description: null,
        is_divided_by_gender: 0,
        municipality_type: 'K',
        origin: 'local',
      },
    ])
    .execute();
  const changed_at = '2024-08-01T00:00:00Z';
  const v = (
    kpi_id: string,
    municipality_id: string,
    period: number,
    gender: 'T' | 'K' | 'M',
    value: number,
  ) => ({
    kpi_id,
    municipality_id,
    period,
    gender,
    value,
    count: 1,
    status: '',
    is_deleted: 0,
    changed_at,
  });
  await db
    .insertInto('value')
    .values([
      v('N00700', '0180', 2022, 'T', 80),
      v('N00700', '1281', 2022, 'T', 70),
      v('N00700', '1282', 2022, 'T', 66),
      v('N00700', '1280', 2022, 'T', 60),
      v('N00700', '9999', 2022, 'T', 50),
      v('N00700', '0000', 2022, 'T', 67),
      v('N00700', '1282', 2022, 'K', 61.25),
      v('N00700', '1282', 2022, 'M', 70.5),
      v('N00700', '1282', 2021, 'T', 63),
      v('X00001', '1280', 2022, 'T', 5),
    ])
    .execute();
}

for (const dialect of DIALECTS) {
  describe(`comparator pages (${dialect})`, () => {
    let temp: TempStore;
    let app: Awaited<ReturnType<typeof buildApp>>;

    beforeAll(async () => {
      temp = await createTempStore(dialect);
      await seed(temp.store);
      app = await buildApp({ store: temp.store, settings: loadSettings({ LOG_LEVEL: 'silent' }) });
    });

    afterAll(async () => {
      await app?.close();
      await temp?.destroy();
    });

    it('shows the profile with value, gender split, rank among kommuner and Riket', async () => {
      const res = await app.inject('/kommun/1282');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('text/html');
      const html = res.body;
      expect(html).toContain('<h1>Landskrona');
      const row = html.slice(
        html.indexOf('data-kpi="N00700"'),
        html.indexOf('</tr>', html.indexOf('data-kpi="N00700"')),
      );
      expect(row).toContain('>66,0<');
      expect(row).toContain('3 av 5');
      expect(row).toContain('>61,3<');
      expect(row).toContain('>70,5<');
      expect(row).toContain('>67,0<');
      // Mean of all five kommuner: (80 + 70 + 66 + 60 + 50) / 5 = 65.2.
      expect(row).toContain('>65,2<');
    });

    it("compares with the län as Etablera's own unweighted mean, in every format", async () => {
      const html = (await app.inject('/kommun/1282?ref=G33621')).body;
      expect(html).toContain('Skåne läns kommuner');
      expect(html).toContain('>65,3<'); // (60 + 70 + 66) / 3
      const json = (await app.inject('/kommun/1282.json?ref=G33621')).json();
      expect(json.meta.source).toBe('Källa: Kolada');
      expect(json.meta.reference).toContain('Skåne läns kommuner');
      const n00700 = json.rows.find((r: { kpi_id: string }) => r.kpi_id === 'N00700');
      expect(n00700).toMatchObject({
        year: 2022,
        value: 66,
        women: 61.25,
        men: 70.5,
        rank: 3,
        ranked: 5,
        riket: 67,
      });
      expect(n00700.reference_mean).toBeCloseTo(196 / 3, 12);
      const csv = await app.inject('/kommun/1282.csv?ref=G33621');
      expect(csv.headers['content-type']).toContain('text/csv');
      expect(csv.headers['content-disposition']).toBe(
        'attachment; filename="etablera-profil-landskrona-1282.csv"',
      );
      expect(csv.body).toContain('Källa,Källa: Kolada');
      const xlsx = await app.inject('/kommun/1282.xlsx');
      expect(xlsx.headers['content-type']).toContain('spreadsheetml');
      expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    });

    it('takes a custom selection by names or codes and reports unknown names', async () => {
      const html = (await app.inject('/kommun/1282?ref=urval&urval=Malmo,0180,Atlantis')).body;
      expect(html).toContain('>70,0<'); // (60 + 80) / 2
      expect(html).toContain('Atlantis');
    });

    it('names the own selection and all kommuner in the reader’s language on the KPI page', async () => {
      const own = (await app.inject('/nyckeltal/N00700?kommun=1282&ref=urval&urval=Malmo,0180&lang=en')).body;
      expect(own).toContain('Own selection (mean, Etablera)');
      expect(own).not.toContain('Eget urval');
      const all = (await app.inject('/nyckeltal/N00700?kommun=1282&lang=en')).body;
      expect(all).toContain('All municipalities (mean, Etablera)');
      expect(all).not.toContain('Alla kommuner');
    });

    it('ranks all kommuner on the KPI page with a map, and escapes names', async () => {
      const res = await app.inject('/nyckeltal/N00700?kommun=1282&ref=G33621&sort=value&dir=desc');
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('id="map-chart"');
      expect(res.body).toContain('Källa:');
      expect(res.body).toContain('SCB');
      expect(res.body).not.toContain(EVIL);
      expect(res.body).toContain('&lt;script>alert(1)&lt;/script>');
      const order = [...res.body.matchAll(/<tr[^>]*data-kommun="(\d{4})"/g)].map((m) => m[1]);
      expect(order).toEqual(['0180', '1281', '1282', '1280', '9999']);
      const json = (await app.inject('/nyckeltal/N00700.json?kommun=1282&ref=G33621')).json();
      expect(json.rows[2]).toMatchObject({
        rank: 3,
        municipality_id: '1282',
        value: 66,
        chosen: 'Ja',
        in_reference: 'Ja',
      });
    });

    it(`sends the bundled map in at most ${MAP_BUDGET_BYTES} bytes, and ETABLERA_BOUNDARIES_FILE replaces it`, async () => {
      const html = (await app.inject('/nyckeltal/N00700')).body;
      const url = boundariesUrl(html);
      // What a browser receives: it always offers compression.
      for (const encoding of ['br', 'gzip']) {
        const res = await app.inject({ url, headers: { 'accept-encoding': encoding } });
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-encoding']).toBe(encoding);
        expect(res.headers['content-type']).toMatch(/^application\/geo\+json/);
        expect(res.headers['cache-control']).toMatch(/immutable/);
        expect(res.rawPayload.length, encoding).toBeLessThanOrEqual(MAP_BUDGET_BYTES);
      }
      const bundled = (await app.inject(url)).json();
      expect(
        bundled.features.filter((f: { geometry: { type: string } }) => /Polygon/.test(f.geometry.type)),
      ).toHaveLength(290);

      const dir = mkdtempSync(join(tmpdir(), 'etablera-geo-'));
      const own = {
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: { KnKod: '1282' },
            geometry: {
              type: 'Polygon',
              coordinates: [
                [
                  [12.8, 55.8],
                  [12.9, 55.8],
                  [12.9, 55.9],
                  [12.8, 55.8],
                ],
              ],
            },
          },
        ],
      };
      writeFileSync(join(dir, 'own.geojson'), JSON.stringify(own));
      const settings = (file: string) =>
        loadSettings({ LOG_LEVEL: 'silent', ETABLERA_BOUNDARIES_FILE: file });
      const withOwn = await buildApp({ store: temp.store, settings: settings(join(dir, 'own.geojson')) });
      try {
        const ownUrl = boundariesUrl((await withOwn.inject('/nyckeltal/N00700')).body);
        expect(ownUrl).not.toBe(url);
        expect((await withOwn.inject(ownUrl)).json()).toEqual(own);
      } finally {
        await withOwn.close();
      }
      // A file that is not there stops the start with the setting's name, rather than a page without a map.
      await expect(
        buildApp({ store: temp.store, settings: settings(join(dir, 'missing.geojson')) }),
      ).rejects.toThrow(/ETABLERA_BOUNDARIES_FILE.*missing\.geojson/);
      rmSync(dir, { recursive: true });
    });

    it('compares municipalities × KPIs and neutralises formula-like text in CSV', async () => {
      const html = (await app.inject('/jamfor?kommun=Malmö,1282&kpi=N00700,X00001')).body;
      expect(html).toContain('id="compare-table"');
      expect(html).toContain('<span class="num">60</span>');
      const csv = (await app.inject('/jamfor.csv?kommun=1280&kpi=X00001')).body;
      expect(csv).toContain(`"'=HYPERLINK(""http://example.com"")"`);
      expect((await app.inject('/jamfor?kpi=N00700')).body).toContain('Välj minst en kommun');
    });

    it('answers bad input with a clear 4xx naming the parameter', async () => {
      const notFound = await app.inject('/kommun/1234');
      expect(notFound.statusCode).toBe(404);
      expect(notFound.body).toContain('1234');
      expect((await app.inject('/kommun/1234.json')).statusCode).toBe(404);
      expect((await app.inject('/nyckeltal/N99999')).statusCode).toBe(404);
      const badYear = await app.inject('/kommun/1282?ar=tjugo');
      expect(badYear.statusCode).toBe(400);
      // The message names the parameter, in the page's language.
      expect(badYear.body).toContain('Parametern ”ar”');
      expect((await app.inject('/kommun/1282?ar=tjugo&lang=en')).body).toContain('Parameter &quot;ar&quot;');
      expect((await app.inject('/kommun/1282.json?ref=%3Cb%3E')).statusCode).toBe(400);
      expect((await app.inject('/jamfor?kpi=DROP%20TABLE')).statusCode).toBe(400);
      expect((await app.inject('/nyckeltal/N00700?kon=X')).statusCode).toBe(400);
      expect((await app.inject('/?q=a&q=b')).statusCode).toBe(400);
    });

    it('serves pages under a strict CSP with no inline scripts or handlers', async () => {
      for (const url of ['/', '/kommun/1282', '/nyckeltal/N00700', '/jamfor?kommun=1282&kpi=N00700']) {
        const res = await app.inject(url);
        expect(res.headers['content-security-policy']).toContain("script-src 'self'");
        expect(res.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
        expect(res.body).not.toMatch(/\son[a-z]+=/i);
        expect(res.body).not.toMatch(/\sstyle=/);
      }
      const js = await app.inject('/assets/app.js');
      expect(js.headers['content-type']).toContain('javascript');
      expect(js.headers['cache-control']).toContain('immutable');
      expect((await app.inject('/assets/echarts.min.js')).statusCode).toBe(200);
    });

    it('serves its own font for Ethiopic script (Tigrinya), named by the stylesheet, from the same origin', async () => {
      const css = (await app.inject('/assets/app.css')).body;
      expect(css).not.toContain('%NOTO_SANS_ETHIOPIC');
      const urls = [
        ...css.matchAll(/url\("(\/assets\/noto-sans-ethiopic-(?:400|700)\.woff2\?v=[0-9a-f]{12})"\)/g),
      ].map((m) => m[1]!);
      expect(urls).toHaveLength(2);
      for (const url of urls) {
        const font = await app.inject(url);
        expect(font.statusCode).toBe(200);
        expect(font.headers['content-type']).toBe('font/woff2');
        expect(font.rawPayload.subarray(0, 4).toString('latin1')).toBe('wOF2');
      }
      // Only Ethiopic characters use (and so download) it.
      expect(css).toMatch(/unicode-range: U\+030E, U\+1200-1399/);
    });

    it('speaks English on ?lang=en and remembers it in a cookie', async () => {
      const res = await app.inject('/kommun/1282?lang=en');
      expect(res.headers['set-cookie']).toContain('etablera_lang=en');
      expect(res.body).toContain('<html lang="en"');
      expect(res.body).toContain('Integration profile');
      const again = await app.inject({ url: '/jamfor', headers: { cookie: 'etablera_lang=en' } });
      expect(again.body).toContain('Compare municipalities');
      const csv = (await app.inject('/kommun/1282.csv?lang=en')).body;
      expect(csv).toContain('Source,Source: Kolada');
    });

    it('finds kommuner by name without diacritics', async () => {
      const html = (await app.inject('/?q=malmo')).body;
      expect(html).toContain('href="/kommun/1280"');
      const json = (await app.inject('/index.json?q=LAND')).json();
      expect(json.rows).toEqual([{ id: '1282', title: 'Landskrona' }]);
    });

    it('labels demo data on every page and in every export', async () => {
      await temp.store.db.insertInto('store_meta').values({ key: 'dataset', value: 'demo' }).execute();
      const demoApp = await buildApp({ store: temp.store, settings: loadSettings({ LOG_LEVEL: 'silent' }) });
      try {
        for (const url of ['/', '/kommun/1282', '/nyckeltal/N00700', '/jamfor']) {
          expect((await demoApp.inject(url)).body).toContain('Demodata – inte verkliga värden');
        }
        // The KPI page's own source lines (the Sweden card, "About") must not claim Kolada for demo data.
        const kpiPage = (await demoApp.inject('/nyckeltal/N00700?kommun=1282')).body;
        expect(kpiPage).not.toContain('Källa: Kolada');
        expect(kpiPage).toContain('<span class="count-note">Demodata</span>');
        const csv = (await demoApp.inject('/kommun/1282.csv')).body;
        expect(csv).toContain('Källa,Demodata – inte verkliga värden');
        expect(csv).not.toContain('Källa: Kolada');
      } finally {
        await demoApp.close();
        await temp.store.db.deleteFrom('store_meta').where('key', '=', 'dataset').execute();
      }
    });
  });
}
