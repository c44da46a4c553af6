/**
 * The data use case behind /v3/data and /v2/data, without the app: paging of municipality and OU
 * items, municipality-group means mixed with municipalities, and group means with from_date, on
 * every backend (the fixture store; values recomputed with `fixtureValue`).
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureValue, loadFixture, MUNICIPALITIES, YEARS } from '../../../test/kolada-api/fixture.js';
import { DIALECTS } from '../../../test/support/dialects.js';
import { createTempStore, type TempStore } from '../../../test/support/temp-store.js';
import type { DataItemRecord } from '../../kolada/data-items.js';
import { createValueWriter } from '../../store/bulk/value-writer.js';
import { compareItems, type DataRequest, KoladaDataService } from './data.service.js';

const OLD = '2020-01-01T00:00:00.000Z';
const CHANGED_AT = '2024-05-01T00:00:00.000Z';
const CHANGED = 500.5; // the new value of Lund (1281, in G1 only) for N00001 2021 T

/** "kpi/unit/period" of each item, in the order given. */
const keys = (items: DataItemRecord[]) => items.map((i) => `${i.kpi}/${i.unit}/${i.period}`);
const total = (items: DataItemRecord[]) => items.map((i) => i.values.find((v) => v.gender === 'T')?.value);

// The store reads each part already in order, so the service's sort only interleaves KPIs; the
// comparator's other rules are checked on their own.
describe('compareItems', () => {
  const item = (kpi: string, unit: string, period: number): DataItemRecord => ({
    kpi,
    unit,
    period,
    values: [],
  });

  it('orders by KPI, then unit, then period, in each direction', () => {
    const cases: [DataItemRecord, DataItemRecord][] = [
      [item('N00001', 'G1', 2022), item('N00002', '0180', 2019)],
      [item('N00001', '1280', 2022), item('N00001', '1281', 2019)],
      [item('N00001', '1280', 2019), item('N00001', '1280', 2022)],
    ];
    for (const [a, b] of cases) {
      expect(Math.sign(compareItems(a, b))).toBe(-1);
      expect(Math.sign(compareItems(b, a))).toBe(1);
    }
    expect(compareItems(item('N00001', '1280', 2022), item('N00001', '1280', 2022))).toBe(0);
    const shuffled = [
      item('N00002', '0180', 2020),
      item('N00001', 'G1', 2019),
      item('N00001', '1280', 2021),
      item('N00001', '1280', 2020),
    ];
    expect(keys(shuffled.sort(compareItems))).toEqual([
      'N00001/1280/2020',
      'N00001/1280/2021',
      'N00001/G1/2019',
      'N00002/0180/2020',
    ]);
  });
});

for (const dialect of DIALECTS) {
  describe(`KoladaDataService (${dialect})`, () => {
    let temp: TempStore;
    let service: KoladaDataService;

    beforeAll(async () => {
      temp = await createTempStore(dialect);
      await loadFixture(temp.store);
      await sql`update value set changed_at = ${OLD}`.execute(temp.store.db);
      const writer = await createValueWriter(temp.store);
      try {
        const row = { kpi: 'N00001', unit: '1281', period: 2021, gender: 'T' as const, count: 1, status: '' };
        await writer.write('municipality', [{ ...row, value: CHANGED, isDeleted: false }], CHANGED_AT);
      } finally {
        await writer.close();
      }
      service = new KoladaDataService(temp.store.repositories.values, temp.store.repositories.metadata);
    });
    afterAll(async () => {
      await temp?.destroy();
    });

    const page = (request: Partial<DataRequest>) =>
      service.page({ level: 'municipality', page: 1, perPage: 5000, ...request });

    it('pages municipality items: page n starts after (n − 1) × per_page items', async () => {
      const all = await page({ kpis: ['N00002'] });
      expect(all.items).toHaveLength(MUNICIPALITIES.length * YEARS.length);
      expect(all.hasMore).toBe(false);
      const second = await page({ kpis: ['N00002'], page: 2, perPage: 5 });
      expect(keys(second.items)).toEqual(keys(all.items.slice(5, 10)));
      expect(second.hasMore).toBe(true);
      const last = await page({ kpis: ['N00002'], page: 5, perPage: 5 });
      expect(keys(last.items)).toEqual(keys(all.items.slice(20, 24)));
      expect(last.hasMore).toBe(false);
      // Without units (no group lookup) every municipality is served.
      expect(new Set(all.items.map((i) => i.unit))).toEqual(new Set(MUNICIPALITIES.map((m) => m.id)));
    });

    it('gives a group id the unweighted mean of its members, in order among municipalities', async () => {
      const result = await page({
        kpis: ['N00002', 'N00001'],
        units: ['G1', '1280', '0180'],
        years: [2022, 2020],
      });
      expect(keys(result.items)).toEqual([
        'N00001/0180/2020',
        'N00001/0180/2022',
        'N00001/1280/2020',
        'N00001/1280/2022',
        'N00001/G1/2020',
        'N00001/G1/2022',
        'N00002/0180/2020',
        'N00002/0180/2022',
        'N00002/1280/2020',
        'N00002/1280/2022',
        'N00002/G1/2020',
        'N00002/G1/2022',
      ]);
      const g1 = (kpiIndex: number, year: number, gender = 'T') =>
        (fixtureValue(kpiIndex, '1280', year, gender) + fixtureValue(kpiIndex, '1281', year, gender)) / 2;
      const values = total(result.items);
      expect(values[0]).toBe(fixtureValue(0, '0180', 2020, 'T'));
      expect(values[4]).toBeCloseTo(g1(0, 2020), 9);
      expect(values[5]).toBeCloseTo(g1(0, 2022), 9);
      expect(values[11]).toBeCloseTo(g1(1, 2022), 9);
      const g1Item = result.items[4]!;
      expect(g1Item.values.map((v) => [v.gender, v.count])).toEqual([
        ['K', 2],
        ['M', 2],
        ['T', 2],
      ]);
      expect(g1Item.values[0]!.value).toBeCloseTo(g1(0, 2020, 'K'), 9);
      expect(result.hasMore).toBe(false);
    });

    it('pages group means and municipalities together, with hasMore exact at the last page', async () => {
      const request = { kpis: ['N00002'], units: ['G2', '2584', 'G1'] };
      const all = await page(request);
      expect(keys(all.items)).toEqual([
        ...YEARS.map((y) => `N00002/2584/${y}`),
        ...YEARS.map((y) => `N00002/G1/${y}`),
        ...YEARS.map((y) => `N00002/G2/${y}`),
      ]);
      const second = await page({ ...request, page: 2, perPage: 5 });
      expect(keys(second.items)).toEqual(keys(all.items.slice(5, 10)));
      expect(second.hasMore).toBe(true);
      const lastFull = await page({ ...request, page: 3, perPage: 4 });
      expect(keys(lastFull.items)).toEqual(keys(all.items.slice(8, 12)));
      expect(lastFull.hasMore).toBe(false);
      const beyond = await page({ ...request, page: 4, perPage: 4 });
      expect(beyond).toEqual({ items: [], hasMore: false });
      // Only groups: no municipality query at all, the same means.
      const groups = await page({ kpis: ['N00002'], units: ['G1', 'G2'] });
      expect(keys(groups.items)).toEqual(keys(all.items.slice(4)));
    });

    it('orders the items of several KPIs and units whatever order the ids come in', async () => {
      const result = await page({
        kpis: ['N00002', 'N00001'],
        units: ['G2', '1281', 'G1', '0012'],
        years: [2021],
      });
      expect(keys(result.items)).toEqual([
        'N00001/0012/2021',
        'N00001/1281/2021',
        'N00001/G1/2021',
        'N00001/G2/2021',
        'N00002/0012/2021',
        'N00002/1281/2021',
        'N00002/G1/2021',
        'N00002/G2/2021',
      ]);
    });

    it('reads a G id at the OU level as an OU id, not as a municipality group', async () => {
      const result = await service.page({ level: 'ou', page: 1, perPage: 100, units: ['G1'] });
      expect(result).toEqual({ items: [], hasMore: false });
      const ous = await service.page({
        level: 'ou',
        page: 1,
        perPage: 100,
        units: ['V15E128100101'],
        years: [2022],
      });
      expect(keys(ous.items)).toEqual(['N00003/V15E128100101/2022']);
      expect(total(ous.items)).toEqual([20 + 22]);
    });

    it('gives a group mean since a date only where a member value changed on or after it', async () => {
      const result = await page({ kpis: ['N00001'], units: ['G2', 'G1', '1281'], changedSince: CHANGED_AT });
      expect(keys(result.items)).toEqual(['N00001/1281/2021', 'N00001/G1/2021']);
      const g1 = result.items[1]!.values.find((v) => v.gender === 'T')!;
      expect(g1.value).toBeCloseTo((fixtureValue(0, '1280', 2021, 'T') + CHANGED) / 2, 9);
      const later = await page({ kpis: ['N00001'], units: ['G1'], changedSince: '2024-05-02' });
      expect(later.items).toEqual([]);
      const earlier = await page({
        kpis: ['N00001'],
        units: ['G1'],
        changedSince: '2024-04-30',
        years: [2021],
      });
      expect(keys(earlier.items)).toEqual(['N00001/G1/2021']);
    });
  });
}
