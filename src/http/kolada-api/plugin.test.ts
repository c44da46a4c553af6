/**
 * The Kolada API plugin on a bare Fastify app (no Etablera app around it), on every backend: each test
 * builds its own app over one small fixture store, so the app's build (schemas, routes, the OpenAPI
 * documents) runs inside the test. That keeps the plugin's and the routes' mutants to the tests that
 * cover them (see "Mutation testing" in TESTING.md); the whole app is tested in kolada-api.test.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  fixtureValue,
  KPI_GROUPS,
  KPIS,
  loadFixture,
  MUNICIPALITIES,
  MUNICIPALITY_GROUPS,
  OUS,
  YEARS,
} from '../../../test/kolada-api/fixture.js';
import { DIALECTS } from '../../../test/support/dialects.js';
import { createTempStore, type TempStore } from '../../../test/support/temp-store.js';
import type { Store } from '../../store/database.js';
import { StoreMetaRepository } from '../../store/repositories/store-meta.repository.js';
import { lazySchemaCompilers } from '../lazy-schema-compilers.js';
import { koladaFrameworkError } from './errors.js';
import { MAX_V2_URL_LENGTH } from './params.js';
import { DATASET_HEADER, koladaApi } from './plugin.js';

type Json = Record<string, unknown> & { values: Record<string, unknown>[]; count: number };

const BASE = 'https://api.example/kommun';
const SNAPSHOTS = join(import.meta.dirname, 'openapi-snapshots');

/** The Kolada API alone, with the router options the Etablera app gives it. */
async function bareApi(store: Store): Promise<FastifyInstance> {
  const schemas = lazySchemaCompilers();
  const app = Fastify({
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: MAX_V2_URL_LENGTH },
    frameworkErrors: koladaFrameworkError,
    schemaController: { compilersFactory: schemas.compilersFactory },
  });
  schemas.attach(app);
  await app.register(koladaApi, { store, publicBaseUrl: BASE });
  return app;
}

const n = (i: number) => `N${String(i).padStart(5, '0')}`;

/** A value's version-specific deletion flag: v3 always, v2 only when from_date was given. */
function deletion(version: 'v3' | 'v2', withDeleted: boolean) {
  if (version === 'v3') return { isdeleted: false };
  return withDeleted ? { is_deleted: 0 } : {};
}

/** The fixture's municipality items of these KPIs (by index), units and years, in the reply's order. */
function items(version: 'v3' | 'v2', kpis: number[], units: string[], years: number[], withDeleted = false) {
  return kpis.flatMap((k) =>
    units.flatMap((unit) =>
      years.map((year) => ({
        kpi: n(k + 1),
        municipality: unit,
        period: year,
        values: (KPIS[k]?.is_divided_by_gender ? ['K', 'M', 'T'] : ['T']).map((gender) => ({
          gender,
          count: 1,
          status: '',
          value: fixtureValue(k, unit, year, gender),
          ...deletion(version, withDeleted),
        })),
      })),
    ),
  );
}

/** The fixture's OU items of N00003 for these OUs (by index) and years. */
function ouItems(version: 'v3' | 'v2', ous: number[], years: number[], withDeleted = false) {
  return ous.flatMap((i) =>
    years.map((year) => ({
      kpi: 'N00003',
      ou: OUS[i]?.id,
      period: year,
      values: [
        { gender: 'T', count: 1, status: '', value: 10 * i + year - 2000, ...deletion(version, withDeleted) },
      ],
    })),
  );
}

for (const dialect of DIALECTS) {
  describe(`Kolada API plugin on a bare app (${dialect})`, () => {
    let temp: TempStore;
    let app: FastifyInstance | undefined;

    beforeAll(async () => {
      temp = await createTempStore(dialect);
      await loadFixture(temp.store);
    });
    afterEach(async () => {
      vi.restoreAllMocks();
      await app?.close();
      app = undefined;
    });
    afterAll(async () => {
      await temp?.destroy();
    });

    async function api(store: Store = temp.store): Promise<FastifyInstance> {
      app = await bareApi(store);
      return app;
    }
    async function get(url: string) {
      const res = await (app ?? (await api())).inject({ method: 'GET', url });
      return { status: res.statusCode, headers: res.headers, body: res.json() as Json };
    }
    const ids = (body: Json) => body.values.map((v) => v.id);

    for (const version of ['v3', 'v2'] as const) {
      it(`documents /${version} exactly as the committed OpenAPI snapshot`, async () => {
        const res = await (await api()).inject({ method: 'GET', url: `/${version}/openapi.json` });
        expect(res.statusCode).toBe(200);
        const expected = JSON.parse(readFileSync(join(SNAPSHOTS, `${version}.json`), 'utf8'));
        expect(res.json()).toEqual(expected);
      });
    }

    it('serves Swagger UI at /v3/docs only, and JSON 404s in each version', async () => {
      const docs = await (await api()).inject({ method: 'GET', url: '/v3/docs' });
      expect(docs.statusCode).toBe(200);
      expect(docs.headers['content-type']).toMatch(/^text\/html/);
      expect(docs.body).toContain('/v3/docs/static/swagger-ui-bundle.js');
      for (const url of [
        '/v2/docs',
        '/v3/nothing',
        '/v2/data?kpi_id=N00001',
        '/v2/oudata?ou_id=V15E128000101',
      ]) {
        const res = await get(url);
        expect({ url, status: res.status, error: typeof res.body.error }).toEqual({
          url,
          status: 404,
          error: 'string',
        });
      }
    });

    it('names the dataset in a header, read again only after five seconds', async () => {
      const meta = new StoreMetaRepository(temp.store.db);
      let now = 1_000_000;
      vi.spyOn(Date, 'now').mockImplementation(() => now);
      await api();
      const dataset = async (url: string) => (await get(url)).headers[DATASET_HEADER];
      try {
        expect(await dataset('/v3/kpi')).toBe('kolada');
        await meta.set('dataset', 'demo');
        now += 5000;
        expect(await dataset('/v2/kpi')).toBe('kolada');
        expect(await dataset('/v3/nothing')).toBe('kolada');
        now += 1;
        expect(await dataset('/v3/kpi')).toBe('demo');
        expect(await dataset('/v2/nothing')).toBe('demo');
        await meta.set('dataset', 'kolada');
        now += 4000;
        expect(await dataset('/v2/kpi')).toBe('demo');
        now += 1001;
        expect(await dataset('/v2/kpi')).toBe('kolada');
      } finally {
        await meta.set('dataset', 'kolada');
      }
    });

    it('names the dataset "empty" when the store cannot tell', async () => {
      const failing = {
        ...temp.store,
        repositories: {
          ...temp.store.repositories,
          storeMeta: { dataset: () => Promise.reject(new Error('store gone')) },
        },
      } as unknown as Store;
      await api(failing);
      const res = await get('/v3/municipality/0180');
      expect(res.headers[DATASET_HEADER]).toBe('empty');
      expect(ids(res.body)).toEqual(['0180']);
    });

    it('limits the URL length on v2 only', async () => {
      const pad = 'a'.repeat(MAX_V2_URL_LENGTH);
      const v3 = await get(`/v3/kpi_groups?zz=${pad}`);
      expect({ status: v3.status, ids: ids(v3.body) }).toEqual({ status: 200, ids: ['GKPI1'] });
      const v2 = await get(`/v2/kpi_groups?zz=${pad}`);
      expect(v2.status).toBe(400);
      expect(v2.body.detail).toEqual([
        { loc: ['path'], msg: v2.body.error, type: 'value_error.url_too_long' },
      ]);
    });

    it('lists each metadata resource whole, in id order, with the envelope of each version', async () => {
      const groups = (list: typeof MUNICIPALITY_GROUPS) =>
        list.map((g) => ({ id: g.id, title: g.title, members: g.members }));
      const lists: [string, unknown[]][] = [
        ['municipality', MUNICIPALITIES],
        ['municipality_groups', groups(MUNICIPALITY_GROUPS)],
        ['kpi_groups', groups(KPI_GROUPS)],
        ['ou', OUS],
      ];
      for (const [path, values] of lists) {
        const v3 = await get(`/v3/${path}`);
        expect({ path, ...v3.body }).toEqual({
          path,
          values,
          count: values.length,
          next_url: null,
          previous_url: null,
        });
        const v2 = await get(`/v2/${path}`);
        expect({ path, ...v2.body }).toEqual({ path, values, count: values.length });
      }
    });

    it('serves KPIs in the fields of each version', async () => {
      const common = {
        id: 'N00003',
        title: 'Elever i åk 9, ämnesprov',
        description: 'Beskrivning av Elever i åk 9, ämnesprov',
        municipality_type: 'K',
        operating_area: 'Kommunen, övergripande',
        perspective: 'Resurser',
        prel_publication_date: null,
        publication_date: '2026-08-28',
        publ_period: '2025',
      };
      expect((await get('/v3/kpi/N00003')).body.values).toEqual([
        { ...common, is_divided_by_gender: true, auspice: 'X', has_ou_data: true },
      ]);
      expect((await get('/v2/kpi/N00003')).body.values).toEqual([
        { ...common, is_divided_by_gender: 1, auspices: 'X', has_ou_data: 1, ou_publication_date: null },
      ]);
      expect(ids((await get('/v3/kpi')).body)).toEqual(['N00001', 'N00002', 'N00003']);
    });

    it('pages metadata with links from the public URL: page n starts after n − 1 pages', async () => {
      const v3 = await get('/v3/municipality?per_page=2&page=2&title=');
      expect(v3.body).toEqual({
        values: MUNICIPALITIES.slice(2, 4),
        count: 2,
        next_url: `${BASE}/v3/municipality?per_page=2&page=3&title=`,
        previous_url: `${BASE}/v3/municipality?per_page=2&page=1&title=`,
      });
      const v2 = await get('/v2/ou?page=3&per_page=1');
      expect(v2.body).toEqual({
        values: [OUS[2]],
        count: 1,
        previous_page: `${BASE}/v2/ou?page=2&per_page=1`,
      });
      const last = await get('/v2/ou?page=2&per_page=1');
      expect(last.body.next_page).toBe(`${BASE}/v2/ou?page=3&per_page=1`);
    });

    it('takes ids from the path, from ?id= or both (those named by both)', async () => {
      const cases: [string, string[]][] = [
        ['/v3/kpi/N00003,N00001', ['N00001', 'N00003']],
        ['/v3/kpi?id=N00002', ['N00002']],
        ['/v2/kpi/N00001,N00002?id=N00002&id=N00003', ['N00002']],
        ['/v3/kpi/N00001?id=N00002', []],
        ['/v2/municipality_groups/G2', ['G2']],
        ['/v3/kpi_groups/GKPI1,G1', ['GKPI1']],
        ['/v2/ou/V15E128100101', ['V15E128100101']],
      ];
      for (const [url, expected] of cases) {
        const { status, body } = await get(url);
        expect({ url, status, ids: ids(body) }).toEqual({ url, status: 200, ids: expected });
      }
    });

    it('filters metadata by title, description, operating area, region type and municipality', async () => {
      const cases: [string, string[]][] = [
        ['/v3/kpi?title=ÄMNESPROV', ['N00003']],
        ['/v3/kpi?title=', ['N00001', 'N00002', 'N00003']],
        ['/v2/kpi?description=av%20invånare', ['N00002']],
        ['/v3/kpi?description=', ['N00001', 'N00002', 'N00003']],
        ['/v3/kpi?operating_area=ÖVERGRIPANDE', ['N00001', 'N00002', 'N00003']],
        ['/v3/kpi?operating_area=skola', []],
        ['/v3/kpi?operating_area=', ['N00001', 'N00002', 'N00003']],
        ['/v3/kpi_groups?title=integr', ['GKPI1']],
        ['/v3/kpi_groups?title=nothing', []],
        ['/v2/municipality_groups?title=STORSTÄDER', ['G2']],
        ['/v3/municipality?region_type=L', ['0000', '0012']],
        ['/v2/municipality?type=L&type=K&title=s', ['0012', '0180']],
        ['/v3/municipality?region_type=K&type=L', ['0180', '1280', '1281', '2584']],
        ['/v3/ou?municipality=1280&municipality=1281&title=skolan', OUS.map((o) => o.id)],
        ['/v2/ou?municipality=1281', ['V15E128100101']],
        ['/v3/ou?municipality=0180', []],
      ];
      for (const [url, expected] of cases) {
        const { status, body } = await get(url);
        expect({ url, status, ids: ids(body) }).toEqual({ url, status: 200, ids: expected });
      }
    });

    it('refuses bad metadata input naming the parameter and where it was sent', async () => {
      const many = Array.from({ length: 26 }, (_, i) => n(i)).join(',');
      const cases: [string, number, string, string][] = [
        [`/v3/kpi/${many}`, 422, 'ids', 'path'],
        [`/v3/kpi?id=${many}`, 422, 'id', 'query'],
        ['/v3/kpi/N0;1', 400, 'ids', 'path'],
        ['/v2/kpi?id=N0;1', 400, 'id', 'query'],
        ['/v3/kpi?title=a%00b', 400, 'title', 'query'],
        ['/v3/kpi?description=a%00b', 400, 'description', 'query'],
        ['/v3/kpi?operating_area=a%00b', 400, 'operating_area', 'query'],
        ['/v3/municipality?region_type=X', 400, 'region_type', 'query'],
        ['/v3/municipality?type=X', 400, 'type', 'query'],
        ['/v3/municipality?region_type=X&type=K', 400, 'region_type', 'query'],
        ['/v2/ou?municipality=12;80', 400, 'municipality', 'query'],
        [`/v3/ou?municipality=${many}`, 422, 'municipality', 'query'],
      ];
      for (const [url, status, parameter, loc] of cases) {
        const res = await get(url);
        const detail = res.body.detail as { loc: string[] }[];
        expect({ url, status: res.status, parameter: res.body.parameter, loc: detail[0]?.loc }).toEqual({
          url,
          status,
          parameter,
          loc: [loc, parameter],
        });
      }
      // v2 takes any number of ids in a list.
      const v2 = await get(`/v2/kpi/${many}`);
      expect({ status: v2.status, ids: ids(v2.body) }).toEqual({
        status: 200,
        ids: ['N00001', 'N00002', 'N00003'],
      });
      expect((await get(`/v2/ou?municipality=${many},1281`)).body.count).toBe(1);
    });
    it('serves municipality data in every path form, each item whole', async () => {
      const all = MUNICIPALITIES.map((m) => m.id);
      const cases: [string, ReturnType<typeof items>][] = [
        [
          '/v3/data/kpi/N00002,N00001/municipality/1281,1280/year/2022,2021',
          items('v3', [0, 1], ['1280', '1281'], [2021, 2022]),
        ],
        ['/v2/data/kpi/N00002/year/2020', items('v2', [1], all, [2020])],
        ['/v3/data/kpi/N00003/municipality/0012', items('v3', [2], ['0012'], YEARS)],
        ['/v2/data/municipality/2584/year/2019', items('v2', [0, 1, 2], ['2584'], [2019])],
        [
          '/v2/data/kpi/N00002/municipality/1280/year/2022?from_date=2000-01-01',
          items('v2', [1], ['1280'], [2022], true),
        ],
        [
          '/v3/data/kpi/N00001/municipality/1280/year/2022?from_date=2000-01-01',
          items('v3', [0], ['1280'], [2022]),
        ],
        ['/v3/data/kpi/N00001/municipality/1280/year/2022?from_date=2999-01-01', []],
        // The path forms do not know `municipality` (an OU filter): it is ignored, however it looks.
        [
          '/v3/data/kpi/N00001/municipality/1280/year/2022?municipality=12;80',
          items('v3', [0], ['1280'], [2022]),
        ],
      ];
      for (const [url, expected] of cases) {
        const { status, body } = await get(url);
        expect({ url, status, values: body.values, count: body.count }).toEqual({
          url,
          status: 200,
          values: expected,
          count: expected.length,
        });
      }
    });

    it('serves OU data in every path form, each item whole', async () => {
      const cases: [string, ReturnType<typeof ouItems>][] = [
        ['/v3/oudata/kpi/N00003/ou/V15E128100101,V15E128000101/year/2022', ouItems('v3', [0, 2], [2022])],
        ['/v2/oudata/kpi/N00003/year/2019?municipality=1280', ouItems('v2', [0, 1], [2019])],
        ['/v3/oudata/kpi/N00003/ou/V15E128000102', ouItems('v3', [1], YEARS)],
        [
          '/v2/oudata/ou/V15E128000102/year/2020,2021?from_date=2000-01-01',
          ouItems('v2', [1], [2020, 2021], true),
        ],
        ['/v3/oudata/ou/V15E128000102/year/2020?municipality=1281', []],
      ];
      for (const [url, expected] of cases) {
        const { status, body } = await get(url);
        expect({ url, status, values: body.values }).toEqual({ url, status: 200, values: expected });
      }
    });

    it('pages data with links from the public URL', async () => {
      const path = '/v3/data/kpi/N00001/municipality/1280';
      const first = await get(`${path}?per_page=3`);
      expect(first.body).toEqual({
        values: items('v3', [0], ['1280'], [2019, 2020, 2021]),
        count: 3,
        next_url: `${BASE}${path}?per_page=3&page=2`,
        previous_url: null,
      });
      const second = await get(`${path}?per_page=3&page=2`);
      expect(second.body).toEqual({
        values: items('v3', [0], ['1280'], [2022]),
        count: 1,
        next_url: null,
        previous_url: `${BASE}${path}?per_page=3&page=1`,
      });
      const v2 = await get('/v2/oudata/kpi/N00003/year/2022?per_page=1&page=2');
      expect(v2.body).toEqual({
        values: ouItems('v2', [1], [2022]),
        count: 1,
        next_page: `${BASE}/v2/oudata/kpi/N00003/year/2022?per_page=1&page=3`,
        previous_page: `${BASE}/v2/oudata/kpi/N00003/year/2022?per_page=1&page=1`,
      });
    });

    it('answers the v3 query forms for each parameter they know', async () => {
      const all = MUNICIPALITIES.map((m) => m.id);
      const cases: [string, number][] = [
        ['/v3/data?kpi_id=N00002', all.length * YEARS.length],
        ['/v3/data?municipality_id=1280', 3 * YEARS.length],
        ['/v3/data?year=2022', 3 * all.length],
        ['/v3/data?from_date=2000-01-01', 3 * all.length * YEARS.length],
        ['/v3/data?region_type=L', 3 * 2 * YEARS.length],
        ['/v3/data?page=1', 3 * all.length * YEARS.length],
        ['/v3/data?per_page=5', 5],
        ['/v3/oudata?kpi_id=N00003', OUS.length * YEARS.length],
        ['/v3/oudata?ou_id=V15E128000101', YEARS.length],
        ['/v3/oudata?year=2022', OUS.length],
        ['/v3/oudata?municipality=1281', YEARS.length],
        ['/v3/oudata?from_date=2000-01-01', OUS.length * YEARS.length],
        ['/v3/oudata?page=1', OUS.length * YEARS.length],
        ['/v3/oudata?per_page=5', 5],
      ];
      for (const [url, count] of cases) {
        const { status, body } = await get(url);
        expect({ url, status, count: body.count }).toEqual({ url, status: 200, count });
      }
      const query = await get(
        '/v3/data?kpi_id=N00002&kpi_id=N00001&municipality_id=1281,1280&year=2022&year=2021&per_page=3&page=2',
      );
      expect(query.body).toEqual({
        values: items('v3', [0, 1], ['1280', '1281'], [2021, 2022]).slice(3, 6),
        count: 3,
        next_url: `${BASE}/v3/data?kpi_id=N00002&kpi_id=N00001&municipality_id=1281%2C1280&year=2022&year=2021&per_page=3&page=3`,
        previous_url: `${BASE}/v3/data?kpi_id=N00002&kpi_id=N00001&municipality_id=1281%2C1280&year=2022&year=2021&per_page=3&page=1`,
      });
      const typed = await get('/v3/data?kpi_id=N00002&year=2022&region_type=L');
      expect(typed.body.values).toEqual(items('v3', [1], ['0000', '0012'], [2022]));
      const ou = await get(
        '/v3/oudata?kpi_id=N00003&ou_id=V15E128100101,V15E128000102&year=2021&from_date=2000-01-01',
      );
      expect(ou.body.values).toEqual(ouItems('v3', [1, 2], [2021]));
    });

    it('answers a v3 query form with a parameter it does not know by an empty page', async () => {
      for (const url of [
        '/v3/data?ou_id=V15E128000101',
        '/v3/data?kpi_id=N00001&municipality=1280',
        '/v3/oudata?municipality_id=1280',
        '/v3/oudata?kpi_id=N00003&region_type=K',
      ]) {
        const { status, body } = await get(url);
        expect({ url, status, ...body }).toEqual({
          url,
          status: 200,
          values: [],
          count: 0,
          next_url: null,
          previous_url: null,
        });
      }
      const paged = await get('/v3/data?kpi_id=N00001&foo=1&page=3');
      expect(paged.body).toEqual({
        values: [],
        count: 0,
        next_url: null,
        previous_url: `${BASE}/v3/data?kpi_id=N00001&foo=1&page=2`,
      });
    });
  });
}
