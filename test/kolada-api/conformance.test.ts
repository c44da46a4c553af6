/**
 * Conformance of the Kolada-compatible API over a real socket, on the real Kolada data, per backend:
 * every route form's reply has the documented shape of its version; walking next_url / next_page
 * gives exactly the matching set, each item once; group means equal means computed here from the
 * members' values; the client-library example collects exactly the imported data; from_date works
 * (on a temporary store, since the real-data store is read-only).
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSettings } from '../../src/config/settings.js';
import { buildApp } from '../../src/http/app.js';
import { createValueWriter } from '../../src/store/bulk/value-writer.js';
import type { Store } from '../../src/store/database.js';
import { ValueRepository } from '../../src/store/repositories/value.repository.js';
import { DIALECTS } from '../support/dialects.js';
import { FIXTURE_META } from '../support/fixture.js';
import { describeFullData, openRealStore, REPO_ROOT } from '../support/real-data.js';
import { createTempStore, type TempStore } from '../support/temp-store.js';
import { loadFixture, MUNICIPALITIES } from './fixture.js';

type Obj = Record<string, unknown>;
type Version = 'v2' | 'v3';

// The documented objects (../shared/docs/kolada-api.md), written out independently of the server's schemas.
const KPI_KEYS = {
  v3: [
    'auspice',
    'description',
    'has_ou_data',
    'id',
    'is_divided_by_gender',
    'municipality_type',
    'operating_area',
    'perspective',
    'prel_publication_date',
    'publ_period',
    'publication_date',
    'title',
  ],
  v2: [
    'auspices',
    'description',
    'has_ou_data',
    'id',
    'is_divided_by_gender',
    'municipality_type',
    'operating_area',
    'ou_publication_date',
    'perspective',
    'prel_publication_date',
    'publ_period',
    'publication_date',
    'title',
  ],
};

const keys = (o: unknown) => Object.keys(o as Obj).sort();

function checkEnvelope(version: Version, body: Obj): Obj[] {
  expect(Array.isArray(body.values)).toBe(true);
  const values = body.values as Obj[];
  expect(body.count).toBe(values.length);
  if (version === 'v3') {
    expect(keys(body)).toEqual(['count', 'next_url', 'previous_url', 'values']);
    for (const link of [body.next_url, body.previous_url])
      expect(link === null || typeof link === 'string').toBe(true);
  } else {
    expect(keys(body).filter((k) => !['next_page', 'previous_page'].includes(k))).toEqual([
      'count',
      'values',
    ]);
    for (const link of [body.next_page, body.previous_page])
      expect(link === undefined || /^https?:\/\//.test(link as string)).toBe(true);
  }
  return values;
}

const nullableString = (v: unknown) => v === null || typeof v === 'string';

function checkKpi(version: Version, k: Obj) {
  expect(keys(k)).toEqual(KPI_KEYS[version]);
  expect(typeof k.id).toBe('string');
  expect(typeof k.title).toBe('string');
  if (version === 'v3') {
    expect(typeof k.is_divided_by_gender).toBe('boolean');
    expect(k.has_ou_data === null || typeof k.has_ou_data === 'boolean').toBe(true);
    expect(nullableString(k.auspice)).toBe(true);
  } else {
    expect([0, 1]).toContain(k.is_divided_by_gender);
    expect(k.has_ou_data === null || k.has_ou_data === 0 || k.has_ou_data === 1).toBe(true);
    expect(nullableString(k.auspices)).toBe(true);
  }
}

function checkMunicipality(m: Obj) {
  expect(keys(m)).toEqual(['id', 'title', 'type']);
  expect(['K', 'L']).toContain(m.type);
}

function checkGroup(g: Obj) {
  expect(keys(g)).toEqual(['id', 'members', 'title']);
  for (const member of g.members as Obj[]) {
    expect(keys(member)).toEqual(['member_id', 'member_title']);
    expect(typeof member.member_id).toBe('string');
  }
}

function checkOu(o: Obj) {
  expect(keys(o)).toEqual(['id', 'municipality', 'title']);
}

function checkDataItem(version: Version, unit: 'municipality' | 'ou', item: Obj, withDeleted: boolean) {
  expect(keys(item)).toEqual(['kpi', unit, 'period', 'values'].sort());
  expect(typeof item.period).toBe('number');
  for (const v of item.values as Obj[]) {
    const expected = ['count', 'gender', 'status', 'value'];
    if (version === 'v3') expected.push('isdeleted');
    else if (withDeleted) expected.push('is_deleted');
    expect(keys(v)).toEqual(expected.sort());
    expect(['T', 'K', 'M']).toContain(v.gender);
    expect(v.value === null || typeof v.value === 'number').toBe(true);
    expect(Number.isInteger(v.count)).toBe(true);
    expect(typeof v.status).toBe('string');
    if (version === 'v3') expect(typeof v.isdeleted).toBe('boolean');
    else if (withDeleted) expect([0, 1]).toContain(v.is_deleted);
  }
}

async function serve(store: Store): Promise<{ app: FastifyInstance; base: string }> {
  const app = await buildApp({ store, settings: loadSettings({}) });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no TCP address');
  return { app, base: `http://127.0.0.1:${address.port}` };
}

async function getJson(url: string): Promise<{ status: number; body: Obj; headers: Headers }> {
  const res = await fetch(url);
  return { status: res.status, body: (await res.json()) as Obj, headers: res.headers };
}

/** Follows the version's next link from `url`; returns every item seen. */
async function walk(version: Version, url: string): Promise<{ items: Obj[]; pages: number }> {
  const items: Obj[] = [];
  let next: string | null | undefined = url;
  let pages = 0;
  while (next) {
    const { status, body } = await getJson(next);
    expect(status).toBe(200);
    items.push(...checkEnvelope(version, body));
    next = (version === 'v3' ? body.next_url : body.next_page) as string | null | undefined;
    pages++;
    expect(pages).toBeLessThan(1000);
  }
  return { items, pages };
}

const G33621 = (
  JSON.parse(readFileSync(FIXTURE_META.municipality_groups, 'utf8')) as {
    values: { id: string; members: { member_id: string }[] }[];
  }
).values
  .find((g) => g.id === 'G33621')!
  .members.map((m) => m.member_id);

for (const dialect of DIALECTS) {
  describeFullData(`Kolada API over HTTP, real data (${dialect})`, () => {
    let store: Store;
    let app: FastifyInstance;
    let base: string;
    let values: ValueRepository;

    beforeAll(async () => {
      store = await openRealStore(dialect);
      values = new ValueRepository(store.db);
      ({ app, base } = await serve(store));
    });
    afterAll(async () => {
      await app?.close();
      await store?.close();
    });

    it('gives every metadata route form its version’s documented shape', async () => {
      for (const version of ['v3', 'v2'] as const) {
        const forms: [string, (o: Obj) => void, number?][] = [
          ['/kpi?per_page=50', (o) => checkKpi(version, o), 50],
          ['/kpi/N01951,N00700', (o) => checkKpi(version, o), 2],
          ['/kpi?title=INVÅNARE%20TOTALT', (o) => checkKpi(version, o)],
          ['/kpi_groups', checkGroup, 117],
          ['/kpi_groups/G2KPI84105?', checkGroup, 1],
          ['/municipality', checkMunicipality, 312],
          ['/municipality/1280,0180', checkMunicipality, 2],
          ['/municipality?region_type=L', checkMunicipality, 22],
          ['/municipality?type=K', checkMunicipality, 290],
          ['/municipality_groups/G33621', checkGroup, 1],
          ['/municipality_groups?title=skåne%20läns', checkGroup],
          ['/ou?municipality=1280&per_page=100', checkOu, 100],
          ['/ou/V11E100135', checkOu, 1],
          ['/ou?title=grankotten', checkOu],
        ];
        for (const [path, check, count] of forms) {
          const { status, body } = await getJson(`${base}/${version}${path}`);
          expect({ path, status }).toEqual({ path, status: 200 });
          const items = checkEnvelope(version, body);
          if (count !== undefined) expect({ path, count: items.length }).toEqual({ path, count });
          else expect(items.length, path).toBeGreaterThan(0);
          for (const item of items) check(item);
        }
      }
      const { body } = await getJson(`${base}/v3/municipality_groups/G33621`);
      expect(((body.values as Obj[])[0]!.members as Obj[]).map((m) => m.member_id)).toEqual(G33621);
    });

    it('gives every data route form its version’s documented shape', async () => {
      for (const version of ['v3', 'v2'] as const) {
        const forms: [string, 'municipality' | 'ou', number][] = [
          ['/data/kpi/N01951/municipality/1280,0180/year/2021,2022', 'municipality', 4],
          ['/data/kpi/N01951/year/2022', 'municipality', 312],
          ['/data/kpi/N01951/municipality/1280', 'municipality', -1],
          ['/data/municipality/1280/year/2022?per_page=100', 'municipality', 100],
          ['/data/kpi/N01951/municipality/G33621/year/2022', 'municipality', 1],
          ['/data/kpi/N01951/year/2022?from_date=2000-01-01&per_page=10', 'municipality', 10],
          ['/oudata/kpi/N15030/year/2022', 'ou', -1],
          ['/oudata/kpi/N15030/ou/V15E128000101/year/2022', 'ou', -1],
          ['/oudata/kpi/N15030/ou/V15E128000101', 'ou', -1],
          ['/oudata/ou/V15E128000101/year/2022?municipality=1280', 'ou', -1],
        ];
        if (version === 'v3')
          forms.push(
            ['/data?kpi_id=N01951&municipality_id=1280&municipality_id=0180&year=2022', 'municipality', 2],
            ['/data?kpi_id=N01951&year=2022&region_type=L', 'municipality', 22],
            ['/data?kpi_id=N01951&year=2022&no_such_parameter=1', 'municipality', 0],
            ['/oudata?ou_id=V15E128000101&year=2022', 'ou', -1],
          );
        for (const [path, unit, count] of forms) {
          const { status, body } = await getJson(`${base}/${version}${path}`);
          expect({ path, status }).toEqual({ path, status: 200 });
          const items = checkEnvelope(version, body);
          if (count >= 0) expect({ path, count: items.length }).toEqual({ path, count });
          for (const item of items) checkDataItem(version, unit, item, path.includes('from_date'));
        }
      }
    });

    it('walks next_url (v3) and next_page (v2) to exactly the matching set, each item once', async () => {
      const kpis = ['N01951', 'N00700'];
      const years = [2019, 2020, 2021, 2022];
      const expected = new Map<string, Map<string, number | null>>();
      for (const r of await values.find({ kpis, years })) {
        const key = `${r.kpi}/${r.municipality}/${r.period}`;
        if (!expected.has(key)) expected.set(key, new Map());
        expected.get(key)!.set(r.gender, r.value);
      }
      expect(expected.size).toBeGreaterThan(1000);
      for (const version of ['v3', 'v2'] as const) {
        const { items, pages } = await walk(
          version,
          `${base}/${version}/data/kpi/${kpis.join(',')}/year/${years.join(',')}?per_page=97`,
        );
        expect(pages).toBe(Math.ceil(expected.size / 97));
        const seen = new Map<string, Map<string, number | null>>();
        for (const item of items) {
          const key = `${item.kpi}/${item.municipality}/${item.period}`;
          expect(seen.has(key), key).toBe(false);
          seen.set(
            key,
            new Map((item.values as Obj[]).map((v) => [v.gender as string, v.value as number | null])),
          );
        }
        expect(seen).toEqual(expected);
      }
      const v3Query = await walk(
        'v3',
        `${base}/v3/data?kpi_id=N01951&kpi_id=N00700&year=2019,2020&year=2021,2022&per_page=500`,
      );
      expect(v3Query.items.length).toBe(expected.size);
      const kpiWalk = await walk('v3', `${base}/v3/kpi?per_page=700`);
      const kpiIds = kpiWalk.items.map((k) => k.id);
      expect(new Set(kpiIds).size).toBe(kpiIds.length);
      expect(kpiIds.length).toBe(6099);
      const ouWalk = await walk('v2', `${base}/v2/ou?municipality=1280&per_page=111`);
      const ouCount = await store.db
        .selectFrom('ou')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('municipality_id', '=', '1280')
        .executeTakeFirstOrThrow();
      expect(new Set(ouWalk.items.map((o) => o.id)).size).toBe(Number(ouCount.n));
      expect(ouWalk.items.length).toBe(Number(ouCount.n));
    });

    it('answers group ids with the unweighted mean of the members (G33621, N01951, 2022)', async () => {
      expect(G33621).toHaveLength(33);
      const memberValues = await values.find({ kpis: ['N01951'], municipalities: G33621, years: [2022] });
      const { body } = await getJson(`${base}/v3/data/kpi/N01951/municipality/1280,G33621/year/2022`);
      const items = body.values as Obj[];
      expect(items.map((i) => i.municipality)).toEqual(['1280', 'G33621']);
      const group = items[1]!.values as { gender: string; value: number; count: number }[];
      for (const gender of ['T', 'K', 'M']) {
        const own = memberValues.filter((v) => v.gender === gender && v.value !== null).map((v) => v.value!);
        expect(own.length).toBeGreaterThan(0);
        const mean = own.reduce((a, b) => a + b, 0) / own.length;
        const served = group.find((g) => g.gender === gender)!;
        expect(served.count).toBe(own.length);
        expect(Math.abs(served.value - mean) / mean).toBeLessThan(1e-12);
      }
      const malmo = items[0]!.values as { gender: string; value: number }[];
      expect(malmo.find((v) => v.gender === 'T')!.value).toBe(357377);
    });

    it('answers all 290 kommun ids in one v2 segment with every kommun’s value', async () => {
      const kommuner = (
        await store.db.selectFrom('municipality').select('id').where('type', '=', 'K').orderBy('id').execute()
      ).map((m) => m.id);
      expect(kommuner).toHaveLength(290);
      const { status, body } = await getJson(
        `${base}/v2/data/kpi/N01951/municipality/${kommuner.join(',')}/year/2022`,
      );
      expect(status).toBe(200);
      const items = checkEnvelope('v2', body);
      const stored = await values.find({ kpis: ['N01951'], municipalities: kommuner, years: [2022] });
      const served = items.flatMap((i) =>
        (i.values as Obj[]).map((v) => `${i.municipality}/${v.gender}/${v.value}`),
      );
      expect(served).toEqual(stored.map((r) => `${r.municipality}/${r.gender}/${r.value}`));
      expect(new Set(items.map((i) => i.municipality))).toEqual(new Set(kommuner));
    });

    it('answers ?id= on the metadata routes with exactly the objects the path form names', async () => {
      for (const [query, path, expected] of [
        ['/v3/kpi?id=N00700,N01951', '/v3/kpi/N00700,N01951', ['N00700', 'N01951']],
        ['/v3/municipality?id=1280,0180', '/v3/municipality/1280,0180', ['0180', '1280']],
        ['/v2/kpi?id=N00700,N01951', '/v2/kpi/N00700,N01951', ['N00700', 'N01951']],
      ] as const) {
        const byQuery = await getJson(`${base}${query}`);
        expect((byQuery.body.values as Obj[]).map((v) => v.id)).toEqual(expected);
        expect(byQuery.body).toEqual((await getJson(`${base}${path}`)).body);
      }
    });

    it('runs the client-library example: chunks of 25, walks pages, equals the imported data', async () => {
      const { stdout } = await promisify(execFile)(
        process.execPath,
        [
          join(REPO_ROOT, 'node_modules/tsx/dist/cli.mjs'),
          join(REPO_ROOT, 'scripts/kolada-client-example.ts'),
          '--base',
          `${base}/v3`,
          '--per-page',
          '30',
        ],
        { maxBuffer: 1 << 24 },
      );
      const rows = stdout
        .trim()
        .split('\n')
        .map(
          (l) =>
            JSON.parse(l) as { municipality: string; period: number; gender: string; value: number | null },
        );
      const stored = await values.find({
        kpis: ['N00700'],
        municipalities: G33621,
        years: [2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022],
        genders: ['K', 'M'],
      });
      expect(stored.length).toBeGreaterThan(33 * 8);
      const key = (r: { municipality: string; period: number; gender: string }) =>
        `${r.municipality}/${r.period}/${r.gender}`;
      const fromClient = new Map(rows.map((r) => [key(r), r.value]));
      expect(fromClient.size).toBe(rows.length);
      expect(fromClient).toEqual(new Map(stored.map((r) => [key(r), r.value])));
    });

    it('answers errors and unknown routes with JSON over the socket', async () => {
      const many = Array.from({ length: 26 }, (_, i) => String(1000 + i)).join(',');
      for (const [path, status] of [
        [`/v3/data/kpi/N01951/municipality/${many}/year/2022`, 422],
        ['/v3/kpi?per_page=5001', 422],
        ['/v2/data/kpi/N01951/year/twenty', 400],
        ['/v3/no/such/route', 404],
      ] as const) {
        const res = await fetch(`${base}${path}`);
        expect({ path, status: res.status }).toEqual({ path, status });
        expect(res.headers.get('content-type')).toMatch(/^application\/json/);
        expect(typeof ((await res.json()) as Obj).error).toBe('string');
      }
    });
  });

  describe(`from_date over HTTP, temporary store (${dialect})`, () => {
    let temp: TempStore;
    let app: FastifyInstance;
    let base: string;

    beforeAll(async () => {
      temp = await createTempStore(dialect);
      await loadFixture(temp.store);
      ({ app, base } = await serve(temp.store));
    });
    afterAll(async () => {
      await app?.close();
      await temp?.destroy();
    });

    it('returns only values changed since the date, deleted ones with value null and the flag set', async () => {
      // Age the imported values, then change one and delete one "today".
      await sql`update value set changed_at = '2021-06-01T00:00:00.000Z'`.execute(temp.store.db);
      const today = new Date().toISOString().slice(0, 10);
      const writer = await createValueWriter(temp.store);
      try {
        await writer.write(
          'municipality',
          [
            {
              kpi: 'N00001',
              unit: '1280',
              period: 2022,
              gender: 'K',
              value: 1.5,
              count: 1,
              status: '',
              isDeleted: false,
            },
            {
              kpi: 'N00001',
              unit: '0180',
              period: 2020,
              gender: 'M',
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
      const v3 = await getJson(`${base}/v3/data?kpi_id=N00001&from_date=${today}`);
      const items = checkEnvelope('v3', v3.body);
      expect(items).toEqual([
        {
          kpi: 'N00001',
          municipality: '0180',
          period: 2020,
          values: [{ gender: 'M', count: 1, status: '', value: null, isdeleted: true }],
        },
        {
          kpi: 'N00001',
          municipality: '1280',
          period: 2022,
          values: [{ gender: 'K', count: 1, status: '', value: 1.5, isdeleted: false }],
        },
      ]);
      const v2 = await getJson(`${base}/v2/data/kpi/N00001/year/2020,2022?from_date=${today}`);
      const v2Items = checkEnvelope('v2', v2.body);
      for (const item of v2Items) checkDataItem('v2', 'municipality', item, true);
      expect(v2Items.map((i) => (i.values as Obj[])[0]!.is_deleted)).toEqual([1, 0]);
      const before = await getJson(`${base}/v3/data/kpi/N00001/year/2020?from_date=2021-05-31`);
      expect(before.body.count).toBe(MUNICIPALITIES.length);
      const after = await getJson(`${base}/v3/data/kpi/N00001/year/2020,2022?from_date=2099-01-01`);
      expect(after.body.count).toBe(0);
    });
  });
}
