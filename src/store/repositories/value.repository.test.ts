/**
 * The value repository's reads, each filter and order on its own, on both backends: the finds behind
 * the Kolada API and the exports, group means, changes since a date and the item pages.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/dialects.js';
import { createTempStore, type TempStore } from '../../../test/support/temp-store.js';
import { valueRow as row } from '../../../test/support/value-rows.js';
import { MetadataWriter } from '../bulk/metadata-writer.js';
import { createValueWriter } from '../bulk/value-writer.js';
import { type ValueRecord, ValueRepository } from './value.repository.js';

const FIRST = '2026-01-01T00:00:00.000Z';
const SECOND = '2026-02-01T00:00:00.000Z';

/** A short form of a record: kpi/unit/period/gender=value. */
const short = (v: { kpi: string; period: number; gender: string; value: number | null }, unit: string) =>
  `${v.kpi}/${unit}/${v.period}/${v.gender}=${v.value}`;
const brief = (values: ValueRecord[]) => values.map((v) => short(v, v.municipality));

for (const dialect of DIALECTS) {
  describe(`value repository on ${dialect}`, () => {
    let temp: TempStore;
    let values: ValueRepository;

    beforeAll(async () => {
      temp = await createTempStore(dialect);
      const meta = new MetadataWriter(temp.store.db);
      await meta.upsertMunicipalities([
        { id: '0180', title: 'Stockholm', type: 'K' },
        { id: '1280', title: 'Malmö', type: 'K' },
        { id: '1282', title: 'Landskrona', type: 'K' },
        { id: '0012', title: 'Region Skåne', type: 'L' },
      ]);
      await meta.upsertOus([
        { id: 'V1', municipality_id: '1280', title: 'Skola i Malmö' },
        { id: 'V2', municipality_id: '1282', title: 'Skola i Landskrona' },
      ]);
      await meta.replaceGroups('municipality', [
        {
          id: 'G1',
          title: 'Två skånska',
          members: [
            { id: '1280', title: 'Malmö' },
            { id: '1282', title: 'Landskrona' },
          ],
        },
        { id: 'G0', title: 'Stockholm', members: [{ id: '0180', title: 'Stockholm' }] },
      ]);
      const writer = await createValueWriter(temp.store);
      // Written out of order: every read must sort.
      await writer.write(
        'municipality',
        [
          row('N2', '1282', 2022, 'K', 4.5),
          row('N1', '1280', 2022, 'T', 12, { count: 3, status: 'Prel' }),
          row('N1', '1280', 2022, 'M', 13),
          row('N1', '1280', 2022, 'K', 11),
          row('N1', '1280', 2021, 'T', 10),
          row('N1', '1282', 2022, 'T', 7),
          row('N1', '1282', 2021, 'T', null),
          row('N1', '0180', 2022, 'T', 100),
          row('N1', '0180', 2021, 'T', 90),
          row('N1', '0012', 2022, 'T', 50),
          row('N2', '1280', 2022, 'K', 3.5),
        ],
        FIRST,
      );
      await writer.write(
        'ou',
        [
          row('N1', 'V1', 2022, 'T', 1),
          row('N1', 'V1', 2022, 'K', 2),
          row('N1', 'V2', 2022, 'T', 3),
          row('N1', 'V2', 2021, 'T', null),
        ],
        FIRST,
      );
      // A tombstone that keeps its last value, and a changed value.
      await writer.write(
        'municipality',
        [row('N1', '0180', 2022, 'T', 100, { isDeleted: true }), row('N2', '1282', 2022, 'K', 5.5)],
        SECOND,
      );
      await writer.write('ou', [row('N1', 'V2', 2022, 'T', 3, { isDeleted: true })], SECOND);
      await writer.close();
      values = new ValueRepository(temp.store.db);
    });
    afterAll(() => temp.destroy());

    it('gives whole records in KPI, municipality, year and gender order, without tombstones', async () => {
      const all = await values.find({});
      expect(brief(all)).toEqual([
        'N1/0012/2022/T=50',
        'N1/0180/2021/T=90',
        'N1/1280/2021/T=10',
        'N1/1280/2022/K=11',
        'N1/1280/2022/M=13',
        'N1/1280/2022/T=12',
        'N1/1282/2021/T=null',
        'N1/1282/2022/T=7',
        'N2/1280/2022/K=3.5',
        'N2/1282/2022/K=5.5',
      ]);
      expect(all[5]).toEqual({
        kpi: 'N1',
        municipality: '1280',
        period: 2022,
        gender: 'T',
        value: 12,
        count: 3,
        status: 'Prel',
        isDeleted: false,
        changedAt: FIRST,
      });
      expect(await values.count({})).toBe(10);
    });

    it('filters by each of KPI, municipality, year and gender, and an empty set matches nothing', async () => {
      expect(brief(await values.find({ kpis: ['N2'] }))).toEqual([
        'N2/1280/2022/K=3.5',
        'N2/1282/2022/K=5.5',
      ]);
      expect(brief(await values.find({ municipalities: ['0180', '0012'] }))).toEqual([
        'N1/0012/2022/T=50',
        'N1/0180/2021/T=90',
      ]);
      expect(brief(await values.find({ years: [2021] }))).toEqual([
        'N1/0180/2021/T=90',
        'N1/1280/2021/T=10',
        'N1/1282/2021/T=null',
      ]);
      expect(brief(await values.find({ genders: ['K', 'M'], kpis: ['N1'] }))).toEqual([
        'N1/1280/2022/K=11',
        'N1/1280/2022/M=13',
      ]);
      expect(await values.count({ kpis: ['N1'], years: [2022], genders: ['T'] })).toBe(3);
      for (const empty of [{ kpis: [] }, { municipalities: [] }, { years: [] }, { genders: [] }]) {
        expect(await values.find(empty)).toEqual([]);
        expect(await values.count(empty)).toBe(0);
      }
    });

    it('pages with limit and offset', async () => {
      expect(brief(await values.find({ kpis: ['N1'] }, { limit: 2, offset: 3 }))).toEqual([
        'N1/1280/2022/K=11',
        'N1/1280/2022/M=13',
      ]);
    });

    it('includes tombstones only when asked for changes since a date', async () => {
      const changes = await values.changesSince('2026-01-15');
      expect(changes).toEqual([
        {
          kpi: 'N1',
          municipality: '0180',
          period: 2022,
          gender: 'T',
          value: 100,
          count: 1,
          status: '',
          isDeleted: true,
          changedAt: SECOND,
        },
        expect.objectContaining({ kpi: 'N2', municipality: '1282', value: 5.5, isDeleted: false }),
      ]);
      // The date is inclusive.
      expect(await values.count({ changedSince: SECOND })).toBe(2);
      expect(await values.count({ changedSince: '2026-02-01T00:00:00.001Z' })).toBe(0);
      expect(await values.count({ changedSince: FIRST })).toBe(11);
      expect(brief(await values.changesSince(FIRST, { kpis: ['N2'] }, { limit: 1, offset: 1 }))).toEqual([
        'N2/1282/2022/K=5.5',
      ]);
    });

    it('streams the same records in the same order, in chunks', async () => {
      const streamed: ValueRecord[] = [];
      for await (const v of values.stream({ kpis: ['N1'], years: [2022] }, 2)) streamed.push(v);
      expect(streamed).toEqual(await values.find({ kpis: ['N1'], years: [2022] }));
      expect(streamed).toHaveLength(5);
      const withTombstones: ValueRecord[] = [];
      for await (const v of values.stream({ changedSince: SECOND })) withTombstones.push(v);
      expect(withTombstones.map((v) => v.isDeleted)).toEqual([true, false]);
    });

    it('gives group means of the live, non-missing values, with their count and latest change', async () => {
      const means = await values.groupMeans({ groups: ['G1', 'G0'] });
      expect(means.map((m) => short(m, m.municipality))).toEqual([
        'N1/G0/2021/T=90',
        'N1/G1/2021/T=10',
        'N1/G1/2022/K=11',
        'N1/G1/2022/M=13',
        'N1/G1/2022/T=9.5',
        'N2/G1/2022/K=4.5',
      ]);
      expect(means.map((m) => m.count)).toEqual([1, 1, 1, 1, 2, 2]);
      expect(means[5]).toEqual({
        kpi: 'N2',
        municipality: 'G1',
        period: 2022,
        gender: 'K',
        value: 4.5,
        count: 2,
        status: '',
        isDeleted: false,
        changedAt: SECOND,
      });
      const filtered = await values.groupMeans({
        groups: ['G1'],
        kpis: ['N1'],
        years: [2022],
        genders: ['T'],
      });
      expect(filtered.map((m) => short(m, m.municipality))).toEqual(['N1/G1/2022/T=9.5']);
      expect(await values.groupMeans({ groups: [] })).toEqual([]);
      expect(await values.groupMeans({ groups: ['G1'], kpis: [] })).toEqual([]);
      expect(await values.groupMeans({ groups: ['G1'], years: [] })).toEqual([]);
      expect(await values.groupMeans({ groups: ['G1'], genders: [] })).toEqual([]);
    });
  });

  describe(`item pages on ${dialect}`, () => {
    let temp: TempStore;
    let values: ValueRepository;

    beforeAll(async () => {
      temp = await createTempStore(dialect);
      const meta = new MetadataWriter(temp.store.db);
      await meta.upsertMunicipalities([
        { id: '1280', title: 'Malmö', type: 'K' },
        { id: '1282', title: 'Landskrona', type: 'K' },
        { id: '0012', title: 'Region Skåne', type: 'L' },
      ]);
      await meta.upsertOus([
        { id: 'V1', municipality_id: '1280', title: 'Skola i Malmö' },
        { id: 'V2', municipality_id: '1282', title: 'Skola i Landskrona' },
      ]);
      const writer = await createValueWriter(temp.store);
      const threeGenders = (kpi: string, unit: string, period: number, base: number) =>
        (['K', 'M', 'T'] as const).map((g, i) => row(kpi, unit, period, g, base + i));
      // Consecutive items that differ only in period, only in unit, only in KPI (N4 and N5 at 0012).
      await writer.write(
        'municipality',
        [
          ...threeGenders('N3', '1280', 2021, 10),
          ...threeGenders('N3', '1280', 2022, 20),
          row('N3', '1282', 2022, 'T', null, { count: 0, status: 'Saknas' }),
          row('N4', '1282', 2022, 'T', 40),
          row('N4', '0012', 2022, 'T', 50),
          row('N5', '0012', 2022, 'T', 60),
        ],
        FIRST,
      );
      await writer.write(
        'ou',
        [row('N3', 'V1', 2022, 'T', 1), row('N3', 'V2', 2022, 'T', 2), row('N3', 'V2', 2021, 'T', 3)],
        FIRST,
      );
      await writer.write('municipality', [row('N4', '1282', 2022, 'T', 40, { isDeleted: true })], SECOND);
      await writer.write('ou', [row('N3', 'V2', 2021, 'T', 3, { isDeleted: true })], SECOND);
      await writer.close();
      values = new ValueRepository(temp.store.db);
    });
    afterAll(() => temp.destroy());

    const keys = (page: {
      records: { kpi: string; unit: string; period: number; gender: string; value: number | null }[];
    }) => page.records.map((r) => short(r, r.unit));

    it('counts items, not values, and says whether more follow', async () => {
      const first = await values.itemPage('municipality', {}, { limit: 2, offset: 0 });
      expect(keys(first)).toEqual([
        'N3/1280/2021/K=10',
        'N3/1280/2021/M=11',
        'N3/1280/2021/T=12',
        'N3/1280/2022/K=20',
        'N3/1280/2022/M=21',
        'N3/1280/2022/T=22',
      ]);
      expect(first.items).toBe(2);
      expect(first.hasMore).toBe(true);
      const one = await values.itemPage('municipality', {}, { limit: 1, offset: 0 });
      expect([one.items, one.hasMore, one.records.length]).toEqual([1, true, 3]);
    });

    it('starts a later page at its first item and ends without more', async () => {
      const second = await values.itemPage('municipality', {}, { limit: 2, offset: 2 });
      expect(keys(second)).toEqual(['N3/1282/2022/T=null', 'N4/0012/2022/T=50']);
      expect([second.items, second.hasMore]).toEqual([2, true]);
      expect(second.records[0]).toEqual({
        kpi: 'N3',
        unit: '1282',
        period: 2022,
        gender: 'T',
        value: null,
        count: 0,
        status: 'Saknas',
        isDeleted: false,
        changedAt: FIRST,
      });
      const middle = await values.itemPage('municipality', {}, { limit: 1, offset: 1 });
      expect(keys(middle)).toEqual(['N3/1280/2022/K=20', 'N3/1280/2022/M=21', 'N3/1280/2022/T=22']);
      expect(middle.hasMore).toBe(true);
      const last = await values.itemPage('municipality', {}, { limit: 1, offset: 4 });
      expect([keys(last), last.items, last.hasMore]).toEqual([['N5/0012/2022/T=60'], 1, false]);
      expect(await values.itemPage('municipality', {}, { limit: 5, offset: 5 })).toEqual({
        records: [],
        items: 0,
        hasMore: false,
      });
    });

    it('filters by KPI, unit, year, municipality type and changes since a date', async () => {
      const page = (filter: Parameters<ValueRepository['itemPage']>[1]) =>
        values.itemPage('municipality', filter, { limit: 10, offset: 0 }).then(keys);
      expect(await page({ kpis: ['N4'] })).toEqual(['N4/0012/2022/T=50']);
      expect(await page({ units: ['1282'] })).toEqual(['N3/1282/2022/T=null']);
      expect(await page({ years: [2021], kpis: ['N3'] })).toEqual([
        'N3/1280/2021/K=10',
        'N3/1280/2021/M=11',
        'N3/1280/2021/T=12',
      ]);
      expect(await page({ municipalityTypes: ['L'] })).toEqual(['N4/0012/2022/T=50', 'N5/0012/2022/T=60']);
      const changed = await values.itemPage(
        'municipality',
        { changedSince: SECOND },
        { limit: 10, offset: 0 },
      );
      expect(changed.records.map((r) => [r.kpi, r.unit, r.value, r.isDeleted, r.changedAt])).toEqual([
        ['N4', '1282', 40, true, SECOND],
      ]);
      for (const empty of [{ kpis: [] }, { units: [] }, { years: [] }, { municipalityTypes: [] }])
        expect(await page(empty)).toEqual([]);
    });

    it('reads OU values, by the OUs of given municipalities, without municipality types', async () => {
      const page = (filter: Parameters<ValueRepository['itemPage']>[1], offset = 0) =>
        values.itemPage('ou', filter, { limit: 10, offset }).then(keys);
      expect(await page({})).toEqual(['N3/V1/2022/T=1', 'N3/V2/2022/T=2']);
      expect(await page({}, 1)).toEqual(['N3/V2/2022/T=2']);
      expect(await page({ ouMunicipalities: ['1282'] })).toEqual(['N3/V2/2022/T=2']);
      expect(await page({ ouMunicipalities: [] })).toEqual([]);
      expect(await page({ units: ['V1'] })).toEqual(['N3/V1/2022/T=1']);
      // Municipality types belong to the municipality level; OU ids are not municipalities.
      expect(await page({ municipalityTypes: ['K'] })).toEqual(['N3/V1/2022/T=1', 'N3/V2/2022/T=2']);
      expect(await page({ changedSince: SECOND })).toEqual(['N3/V2/2021/T=3']);
      // Municipality level ignores the OU filter.
      const municipal = await values.itemPage(
        'municipality',
        { ouMunicipalities: ['1282'], kpis: ['N4'] },
        {
          limit: 10,
          offset: 0,
        },
      );
      expect(keys(municipal)).toEqual(['N4/0012/2022/T=50']);
    });
  });
}
