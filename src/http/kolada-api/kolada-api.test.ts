/**
 * The Kolada-compatible API in-process (app.inject) over a small imported fixture, on every backend:
 * shapes per version, filters, title search with Swedish letters, paging, group means, OU data,
 * from_date, errors and the HTTP hygiene (ETag, compression, CORS, dataset header).
 */
import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import {
  DATA_ITEM_COUNT,
  fixtureValue,
  KPIS,
  MUNICIPALITIES,
  OUS,
  useFixtureApp,
} from '../../../test/kolada-api/fixture.js';
import { DIALECTS } from '../../../test/support/dialects.js';
import { loadSettings } from '../../config/settings.js';
import { createValueWriter } from '../../store/bulk/value-writer.js';
import { foldTitle } from '../../store/repositories/metadata.repository.js';
import { StoreMetaRepository } from '../../store/repositories/store-meta.repository.js';
import { buildApp } from '../app.js';
import { MAX_V2_URL_LENGTH } from './params.js';

type Json = Record<string, unknown> & { values: Record<string, unknown>[]; count: number };

for (const dialect of DIALECTS) {
  describe(`Kolada API in-process (${dialect})`, () => {
    const live = useFixtureApp(dialect);

    async function get(url: string, headers: Record<string, string> = {}) {
      const res = await live.app.inject({ method: 'GET', url, headers });
      return { status: res.statusCode, headers: res.headers, body: res.json() as Json };
    }
    const ids = (body: Json) => body.values.map((v) => v.id);

    it('serves v3 KPIs with v3 field names and types', async () => {
      const { status, body } = await get('/v3/kpi/N00001');
      expect(status).toBe(200);
      expect(body).toEqual({
        values: [
          {
            id: 'N00001',
            title: 'Ålderspension, andel ÅÄÖ-test',
            description: 'Beskrivning av Ålderspension, andel ÅÄÖ-test',
            is_divided_by_gender: true,
            municipality_type: 'K',
            auspice: 'X',
            operating_area: 'Kommunen, övergripande',
            perspective: 'Resurser',
            prel_publication_date: null,
            publication_date: '2026-08-28',
            publ_period: '2025',
            has_ou_data: false,
          },
        ],
        count: 1,
        next_url: null,
        previous_url: null,
      });
    });

    it('serves v2 KPIs with v2 field names and 0/1 flags', async () => {
      const { body } = await get('/v2/kpi/N00003,N00002');
      expect(body.count).toBe(2);
      expect(body).not.toHaveProperty('next_page');
      expect(body).not.toHaveProperty('previous_page');
      const [n2, n3] = body.values;
      expect(n2).toMatchObject({ id: 'N00002', is_divided_by_gender: 0, auspices: 'X', has_ou_data: 0 });
      expect(n3).toMatchObject({ id: 'N00003', is_divided_by_gender: 1, has_ou_data: 1 });
      expect(n3).toHaveProperty('ou_publication_date', null);
      expect(n3).not.toHaveProperty('auspice');
    });

    it('searches titles case-insensitively, Swedish letters included', async () => {
      expect(ids((await get('/v3/kpi?title=åldersPENSION')).body)).toEqual(['N00001']);
      expect(ids((await get('/v3/kpi?title=%C3%85%C3%84%C3%96-TEST')).body)).toEqual(['N00001']);
      expect(ids((await get('/v3/kpi?title=äMNESPROV')).body)).toEqual(['N00003']);
      expect(ids((await get('/v3/municipality?title=MALMÖ')).body)).toEqual(['1280']);
      expect(ids((await get('/v3/municipality?title=skåne')).body)).toEqual(['0012']);
      expect(ids((await get('/v3/municipality_groups?title=övriga')).body)).toEqual(['G2']);
      expect(ids((await get('/v2/ou?title=ÖRESUND')).body)).toEqual(['V15E128000101']);
      expect(ids((await get('/v3/kpi?title=%25')).body)).toEqual([]);
      expect(ids((await get('/v3/kpi?title=_')).body)).toEqual([]);
      expect(foldTitle('ÅÄÖ ÉÜ abc XYZ')).toBe('åäö éü abc xyz');
    });

    it('title search equals one reference rule on every backend (property)', async () => {
      const titles = KPIS.map((k) => [k.id, k.title] as const);
      const letters = [...'aåäöeéAÅÄÖEÉ, -ktsNPLÜü%_'];
      const needle = fc.oneof(
        fc.constantFrom(...titles).chain(([, t]) =>
          fc.tuple(fc.nat(t.length), fc.nat(8), fc.boolean()).map(([start, len, upper]) => {
            const part = t.slice(start, start + len + 1);
            return upper ? part.toUpperCase() : part.toLowerCase();
          }),
        ),
        fc.string({ unit: fc.constantFrom(...letters), minLength: 1, maxLength: 4 }),
      );
      await fc.assert(
        fc.asyncProperty(needle, async (n) => {
          fc.pre(n.trim() !== '');
          const expected = titles.filter(([, t]) => foldTitle(t).includes(foldTitle(n))).map(([id]) => id);
          const { body } = await get(`/v3/kpi?title=${encodeURIComponent(n)}`);
          expect(ids(body)).toEqual(expected);
        }),
        { numRuns: 60 },
      );
    });

    it('filters municipalities by region_type or type, and OUs by municipality', async () => {
      const kommuner = MUNICIPALITIES.filter((m) => m.type === 'K').map((m) => m.id);
      expect(ids((await get('/v3/municipality?region_type=K')).body)).toEqual(kommuner);
      expect(ids((await get('/v3/municipality?type=K')).body)).toEqual(kommuner);
      expect(ids((await get('/v3/municipality?region_type=L&title=riket')).body)).toEqual(['0000']);
      expect(ids((await get('/v3/ou?municipality=1281')).body)).toEqual(['V15E128100101']);
      expect(ids((await get('/v3/ou?municipality=1280&title=värnhem')).body)).toEqual(['V15E128000102']);
      expect(ids((await get('/v3/ou?')).body)).toEqual(OUS.map((o) => o.id));
    });

    it('takes ?id= as a comma list on every metadata route, exactly like the path form', async () => {
      for (const version of ['v3', 'v2']) {
        const cases: [string, string[]][] = [
          ['/kpi?id=N00003,N00001', ['N00001', 'N00003']],
          ['/kpi?id=N00003&id=N00002', ['N00002', 'N00003']],
          ['/kpi?id=N00001,N00002&title=invånare', ['N00002']],
          ['/kpi/N00001,N00002?id=N00002,N00003', ['N00002']],
          ['/kpi?id=N09999', []],
          ['/kpi_groups?id=GKPI1', ['GKPI1']],
          ['/municipality?id=1280,0180', ['0180', '1280']],
          ['/municipality?id=1280,0180,0012&region_type=K', ['0180', '1280']],
          ['/municipality_groups?id=G2', ['G2']],
          ['/ou?id=V15E128000102,V15E128100101&municipality=1281', ['V15E128100101']],
        ];
        for (const [path, expected] of cases) {
          const { status, body } = await get(`/${version}${path}`);
          expect({ path, version, status, ids: ids(body) }).toEqual({
            path,
            version,
            status: 200,
            ids: expected,
          });
        }
        const byPath = await get(`/${version}/municipality/1280,0180`);
        expect((await get(`/${version}/municipality?id=1280,0180`)).body).toEqual(byPath.body);
      }
    });

    it('searches KPIs by description and operating area', async () => {
      expect(ids((await get('/v3/kpi?description=BESKRIVNING%20av%20elever')).body)).toEqual(['N00003']);
      expect(ids((await get('/v3/kpi?operating_area=övergripande')).body)).toEqual(KPIS.map((k) => k.id));
      expect(ids((await get('/v2/kpi?operating_area=Skola')).body)).toEqual([]);
      expect(ids((await get('/v3/kpi?operating_area=kommunen&description=invånare')).body)).toEqual([
        'N00002',
      ]);
    });

    it('takes any number of ids in a v2 segment, and answers a URL over the v2 limit with 400', async () => {
      const many = Array.from({ length: 300 }, (_, i) => String(3000 + i)); // none in the fixture
      const list = [...many, '1280', '0180'].join(',');
      const v2 = await get(`/v2/data/kpi/N00002/municipality/${list}/year/2022`);
      expect(v2.status).toBe(200);
      expect(v2.body.values.map((i) => i.municipality)).toEqual(['0180', '1280']);
      const meta = await get(`/v2/municipality/${list}`);
      expect(ids(meta.body)).toEqual(['0180', '1280']);
      expect((await get(`/v2/municipality?id=${list}`)).status).toBe(200);
      // v3 keeps its limit of 25.
      const v3 = await get(`/v3/data/kpi/N00002/municipality/${list}/year/2022`);
      expect(v3.status).toBe(422);
      expect((await get(`/v3/municipality?id=${list}`)).status).toBe(422);

      const path = '/v2/data/kpi/N00002/municipality/';
      const fill = (length: number) => {
        const ids = Array.from({ length: Math.ceil(length / 5) }, (_, i) => String(i).padStart(4, '0'));
        return `${path}${ids.join(',')}`.slice(0, length).replace(/,?$/, '');
      };
      const atLimitWithYear = `${fill(MAX_V2_URL_LENGTH - '/year/2022'.length)}/year/2022`;
      expect(atLimitWithYear.length).toBeLessThanOrEqual(MAX_V2_URL_LENGTH);
      expect((await get(atLimitWithYear)).status).toBe(200);
      const over = `${fill(MAX_V2_URL_LENGTH + 20 - '/year/2022'.length)}/year/2022`;
      expect(over.length).toBeGreaterThan(MAX_V2_URL_LENGTH);
      const tooLong = await get(over);
      expect(tooLong.status).toBe(400);
      expect(tooLong.body.error).toContain(`at most ${MAX_V2_URL_LENGTH}`);
      expect(tooLong.body.detail).toEqual([
        { loc: ['path'], msg: tooLong.body.error, type: 'value_error.url_too_long' },
      ]);
    });

    it('names path segments as loc "path" and query parameters as loc "query"', async () => {
      const cases: [string, string[]][] = [
        ['/v3/data/kpi/N00001/municipality/12;80/year/2022', ['path', 'municipality']],
        ['/v3/oudata/kpi/N00003/ou/V15;E/year/2022', ['path', 'ou']],
        ['/v2/data/municipality/1280/year/20x2', ['path', 'year']],
        ['/v3/data/kpi/N0;1/year/2022', ['path', 'kpi']],
        ['/v3/kpi/N0;1', ['path', 'ids']],
        ['/v3/kpi?id=N0;1', ['query', 'id']],
        ['/v3/data?kpi_id=N0;1', ['query', 'kpi_id']],
        ['/v3/oudata/kpi/N00003/year/2022?municipality=12;80', ['query', 'municipality']],
        ['/v3/kpi?description=a%00b', ['query', 'description']],
        ['/v3/data?municipality_id=12;80', ['query', 'municipality_id']],
        ['/v3/oudata?ou_id=V15;E', ['query', 'ou_id']],
        ['/v3/data?year=20x2', ['query', 'year']],
        ['/v3/data?region_type=X', ['query', 'region_type']],
      ];
      for (const [url, loc] of cases) {
        const res = await live.app.inject({ method: 'GET', url });
        expect({ url, status: res.statusCode }).toEqual({ url, status: 400 });
        expect({ url, loc: (res.json() as { detail: { loc: string[] }[] }).detail[0]?.loc }).toEqual({
          url,
          loc,
        });
      }
    });

    it('serves groups with member_id/member_title members', async () => {
      const { body } = await get('/v3/municipality_groups/G1?');
      expect(body.values).toEqual([
        {
          id: 'G1',
          title: 'Skånska kommuner i testet',
          members: [
            { member_id: '1280', member_title: 'Malmö' },
            { member_id: '1281', member_title: 'Lund' },
          ],
        },
      ]);
      expect(ids((await get('/v2/kpi_groups')).body)).toEqual(['GKPI1']);
    });

    it('pages metadata with absolute links in a stable order', async () => {
      const first = await get('/v3/municipality?per_page=4');
      expect(first.body.count).toBe(4);
      expect(first.body.next_url).toBe('http://localhost:80/v3/municipality?per_page=4&page=2');
      const second = await get('/v3/municipality?per_page=4&page=2');
      expect(second.body.next_url).toBeNull();
      expect(second.body.previous_url).toBe('http://localhost:80/v3/municipality?per_page=4&page=1');
      expect([...ids(first.body), ...ids(second.body)]).toEqual(MUNICIPALITIES.map((m) => m.id));
      const v2 = await get('/v2/municipality?per_page=4&page=2');
      expect(v2.body.previous_page).toBe('http://localhost:80/v2/municipality?per_page=4&page=1');
      expect(v2.body).not.toHaveProperty('next_page');
    });

    it('walks every data item exactly once across pages, in both versions', async () => {
      for (const [version, nextKey] of [
        ['v3', 'next_url'],
        ['v2', 'next_page'],
      ] as const) {
        const seen: string[] = [];
        let url: string | undefined =
          `/${version}/data/kpi/N00001,N00002,N00003/year/2019,2020,2021,2022?per_page=7`;
        while (url) {
          const { body } = await get(url);
          expect(body.count).toBe(body.values.length);
          for (const item of body.values) seen.push(`${item.kpi}/${item.municipality}/${item.period}`);
          const next = body[nextKey] as string | null | undefined;
          url = next ? new URL(next).pathname + new URL(next).search : undefined;
        }
        expect(seen.length).toBe(DATA_ITEM_COUNT);
        expect(new Set(seen).size).toBe(DATA_ITEM_COUNT);
      }
    });

    it('serves the data item shapes of each version', async () => {
      const v3 = await get('/v3/data/kpi/N00001/municipality/1280/year/2022');
      expect(v3.body.values).toHaveLength(1);
      const item = v3.body.values[0]!;
      expect(item).toMatchObject({ kpi: 'N00001', municipality: '1280', period: 2022 });
      const values = item.values as Record<string, unknown>[];
      expect(values.map((v) => v.gender).sort()).toEqual(['K', 'M', 'T']);
      expect(values.find((v) => v.gender === 'K')).toEqual({
        gender: 'K',
        count: 1,
        status: '',
        value: fixtureValue(0, '1280', 2022, 'K'),
        isdeleted: false,
      });
      const v2 = await get('/v2/data/kpi/N00001/municipality/1280/year/2022');
      expect((v2.body.values[0]!.values as object[])[0]).not.toHaveProperty('is_deleted');
      expect((v2.body.values[0]!.values as object[])[0]).not.toHaveProperty('isdeleted');
      const v2Since = await get('/v2/data/kpi/N00001/municipality/1280/year/2022?from_date=2000-01-01');
      expect((v2Since.body.values[0]!.values as object[])[0]).toHaveProperty('is_deleted', 0);
    });

    it('answers every path form and the v3 query form', async () => {
      const forms: [string, number][] = [
        ['/v3/data/kpi/N00002/year/2022', MUNICIPALITIES.length],
        ['/v3/data/kpi/N00002/municipality/1280,1281', 8],
        ['/v3/data/municipality/1280/year/2021,2022', 6],
        ['/v2/data/municipality/1280/year/2021', 3],
        ['/v3/data?kpi_id=N00002&municipality_id=1280&municipality_id=1281&year=2022', 2],
        ['/v3/data?kpi_id=N00001,N00002&year=2022&region_type=L', 4],
        ['/v3/data?kpi_id=N00002&year=2022&unknown=1', 0],
        ['/v3/data?kpi_id=N00002&year=2022&', MUNICIPALITIES.length],
      ];
      for (const [url, count] of forms) {
        const { status, body } = await get(url);
        expect({ url, status, count: body.count }).toEqual({ url, status: 200, count });
      }
    });

    it('gives group ids the unweighted member mean, mixed with municipalities', async () => {
      const { body } = await get('/v3/data/kpi/N00001/municipality/G1,1280,G2/year/2022');
      expect(body.values.map((i) => i.municipality)).toEqual(['1280', 'G1', 'G2']);
      const g1 = body.values[1]!.values as { gender: string; value: number; count: number }[];
      for (const gender of ['T', 'K', 'M']) {
        const mean = (fixtureValue(0, '1280', 2022, gender) + fixtureValue(0, '1281', 2022, gender)) / 2;
        const v = g1.find((x) => x.gender === gender)!;
        expect(v.value).toBeCloseTo(mean, 9);
        expect(v.count).toBe(2);
      }
      const query = await get('/v3/data?kpi_id=N00001&municipality_id=G2&year=2021,2022&per_page=1&page=2');
      expect(query.body.values.map((i) => [i.municipality, i.period])).toEqual([['G2', 2022]]);
      expect(query.body.next_url).toBeNull();
    });

    it('serves OU data in every form', async () => {
      const forms: [string, number][] = [
        ['/v3/oudata/kpi/N00003/ou/V15E128000101/year/2022', 1],
        ['/v3/oudata/kpi/N00003/year/2022', 3],
        ['/v3/oudata/kpi/N00003/year/2022?municipality=1281', 1],
        ['/v3/oudata/kpi/N00003/ou/V15E128000101,V15E128100101', 8],
        ['/v3/oudata/ou/V15E128000102/year/2019,2020', 2],
        ['/v3/oudata?ou_id=V15E128000101&year=2020', 1],
        ['/v3/oudata?kpi_id=N00003&municipality=1280&year=2020', 2],
        ['/v2/oudata/kpi/N00003/year/2020', 3],
      ];
      for (const [url, count] of forms) {
        const { status, body } = await get(url);
        expect({ url, status, count: body.count }).toEqual({ url, status: 200, count });
      }
      const { body } = await get('/v2/oudata/kpi/N00003/ou/V15E128100101/year/2022');
      expect(body.values).toEqual([
        {
          kpi: 'N00003',
          ou: 'V15E128100101',
          period: 2022,
          values: [{ gender: 'T', count: 1, status: '', value: 42 }],
        },
      ]);
    });

    it('reports bad input as JSON naming the parameter', async () => {
      const many = Array.from({ length: 26 }, (_, i) => `N${String(i).padStart(5, '0')}`).join(',');
      const cases: [string, number, string][] = [
        [`/v3/kpi/${many}`, 422, 'ids'],
        [`/v3/data/kpi/${many}/year/2022`, 422, 'kpi'],
        [`/v3/data?kpi_id=${many}`, 422, 'kpi_id'],
        ['/v3/kpi?per_page=5001', 422, 'per_page'],
        ['/v2/kpi?per_page=0', 400, 'per_page'],
        [`/v3/data?per_page=${'9'.repeat(400)}`, 422, 'per_page'],
        [`/v3/kpi?page=${'9'.repeat(40)}`, 422, 'page'],
        ['/v3/kpi?page=1.5', 400, 'page'],
        ['/v3/kpi?per_page=abc', 400, 'per_page'],
        ['/v3/kpi?page=-1', 400, 'page'],
        ['/v3/data/kpi/N00001/year/20x2', 400, 'year'],
        ['/v3/data/kpi/N00001/year/2022?from_date=2022-13-01', 400, 'from_date'],
        ['/v3/data/kpi/N0%3B0001/year/2022', 400, 'kpi'],
        ['/v3/municipality?region_type=X', 400, 'region_type'],
        ['/v3/kpi?title=a%00b', 400, 'title'],
      ];
      for (const [url, status, parameter] of cases) {
        const res = await live.app.inject({ method: 'GET', url });
        expect({ url, status: res.statusCode }).toEqual({ url, status });
        expect(res.headers['content-type']).toMatch(/^application\/json/);
        const body = res.json() as { error: string; parameter: string; detail: unknown[] };
        expect({ url, parameter: body.parameter }).toEqual({ url, parameter });
        expect(body.error).toContain(parameter);
        expect(body.detail).toHaveLength(1);
      }
    });

    it('answers unknown routes with a JSON 404', async () => {
      for (const url of ['/v3/nothing', '/v2/data', '/v3/data/kpi/N00001', '/v2/oudata?ou_id=x']) {
        const res = await live.app.inject({ method: 'GET', url });
        expect({ url, status: res.statusCode }).toEqual({ url, status: 404 });
        expect(res.json()).toHaveProperty('error');
      }
    });

    it('supports ETag/304, compression, CORS and the dataset header', async () => {
      const first = await live.app.inject({ method: 'GET', url: '/v3/kpi' });
      const tag = first.headers.etag as string;
      // A strong ETag: the SHA-1 of the uncompressed body, base64, quoted.
      expect(tag).toBe(`"${createHash('sha1').update(first.body).digest('base64')}"`);
      expect(first.headers['x-etablera-dataset']).toBe('kolada');
      const again = await live.app.inject({
        method: 'GET',
        url: '/v3/kpi',
        headers: { 'if-none-match': tag },
      });
      expect(again.statusCode).toBe(304);
      const gz = await live.app.inject({
        method: 'GET',
        url: '/v3/kpi',
        headers: { 'accept-encoding': 'gzip' },
      });
      expect(gz.headers['content-encoding']).toBe('gzip');
      expect(JSON.parse(gunzipSync(gz.rawPayload).toString())).toEqual(first.json());
      const cors = await live.app.inject({
        method: 'GET',
        url: '/v3/kpi',
        headers: { origin: 'https://x.example' },
      });
      expect(cors.headers['access-control-allow-origin']).toBe('*');
    });

    it('labels demo data and builds links from ETABLERA_PUBLIC_URL', async () => {
      const meta = new StoreMetaRepository(live.temp.store.db);
      await meta.set('dataset', 'demo');
      const demoApp = await buildApp({
        store: live.temp.store,
        settings: loadSettings({ ETABLERA_PUBLIC_URL: 'https://etablera.example/kommun/' }),
      });
      try {
        const res = await demoApp.inject({ method: 'GET', url: '/v3/municipality?per_page=2' });
        expect(res.headers['x-etablera-dataset']).toBe('demo');
        expect(res.json().next_url).toBe('https://etablera.example/kommun/v3/municipality?per_page=2&page=2');
        const doc = (await demoApp.inject({ method: 'GET', url: '/v3/openapi.json' })).json();
        expect(doc.info.description).toContain('X-Etablera-Dataset');
        expect(doc.info.description).toContain('generated demo data');
      } finally {
        await demoApp.close();
        await meta.set('dataset', 'kolada');
      }
    });

    it('answers the v3 query form with a parameter it does not know by an empty list without a next page', async () => {
      const res = await get('/v3/data?kpi_id=N00002&per_page=1&unknown=1');
      expect({ status: res.status, count: res.body.count, values: res.body.values }).toEqual({
        status: 200,
        count: 0,
        values: [],
      });
      expect(res.body.next_url).toBeNull();
    });

    it('returns changes since from_date, deleted values included', async () => {
      // Everything imported so far is backdated, so only the writes below count as recent changes.
      await sql`update value set changed_at = '2020-01-01T00:00:00.000Z'`.execute(live.temp.store.db);
      const today = new Date().toISOString().slice(0, 10);
      const writer = await createValueWriter(live.temp.store);
      try {
        await writer.write(
          'municipality',
          [
            {
              kpi: 'N00002',
              unit: '1281',
              period: 2022,
              gender: 'T',
              value: 4242,
              count: 1,
              status: '',
              isDeleted: false,
            },
            {
              kpi: 'N00002',
              unit: '2584',
              period: 2021,
              gender: 'T',
              value: null,
              count: 1,
              status: '',
              isDeleted: true,
            },
          ],
          new Date().toISOString(),
        );
      } finally {
        await writer.close();
      }
      const since = await get(`/v3/data/kpi/N00002/year/2021,2022?from_date=${today}`);
      expect(since.body.values).toEqual([
        {
          kpi: 'N00002',
          municipality: '1281',
          period: 2022,
          values: [{ gender: 'T', count: 1, status: '', value: 4242, isdeleted: false }],
        },
        {
          kpi: 'N00002',
          municipality: '2584',
          period: 2021,
          values: [{ gender: 'T', count: 1, status: '', value: null, isdeleted: true }],
        },
      ]);
      const queryForm = await get(`/v3/data?kpi_id=N00002&from_date=${today}`);
      expect(queryForm.body.values).toEqual(since.body.values);
      // Without from_date the query form answers as the path forms.
      const plain = await get('/v3/data?kpi_id=N00002&municipality_id=1281&year=2022');
      expect(plain.body.values).toEqual(
        (await get('/v3/data/kpi/N00002/municipality/1281/year/2022')).body.values,
      );
      const older = await get('/v3/data/kpi/N00002/year/2021,2022?from_date=2019-12-31');
      expect(older.body.count).toBe(MUNICIPALITIES.length * 2);
      // Without from_date the deleted value is gone.
      const now = await get('/v3/data/kpi/N00002/municipality/2584/year/2021');
      expect(now.body.count).toBe(0);
    });
  });
}
