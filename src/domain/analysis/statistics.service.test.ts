/**
 * The precomputed KPI statistics (statistics.service.ts): the rows a bucket gives, ranks and
 * percentiles from a stored ranking, a refresh over a small hand-made store (both backends), and the
 * "statistik" report from stored figures, for a group computed on request, and its refusals. Figures
 * are computed by hand in the comments.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/dialects.js';
import { createTempStore, type TempStore } from '../../../test/support/temp-store.js';
import { valueRow as row } from '../../../test/support/value-rows.js';
import { InputError } from '../../errors/input-error.js';
import { parseKpi } from '../../import/item-parsers.js';
import { MetadataWriter } from '../../store/bulk/metadata-writer.js';
import { createValueWriter } from '../../store/bulk/value-writer.js';
import type { Store } from '../../store/database.js';
import {
  kpiStatistics,
  rankOf,
  ranksOf,
  refreshStatistics,
  statisticRows,
  statisticSetsSignature,
} from './statistics.service.js';

/**
 * N1's 2022 total over set K in the fixture: 10 20 20 and one missing. Mean 50/3; median 20; q1 at index
 * 0.5 → 15; q3 at 1.5 → 20; squares about the mean 400/9 + 100/9 + 100/9 = 600/9, / 2 → sd √(100/3).
 */
const N1_2022_TOTAL = {
  kpi_id: 'N1',
  set_id: 'K',
  period: 2022,
  gender: 'T',
  n: 3,
  missing: 1,
  min: 10,
  max: 20,
  mean: expect.closeTo(50 / 3, 12),
  median: 20,
  q1: 15,
  q3: 20,
  sd: expect.closeTo(Math.sqrt(100 / 3), 12),
};

describe('statisticRows', () => {
  it('describes and ranks a bucket, highest first, ties sharing the better rank, ties listed by id', () => {
    const rows = statisticRows(
      [
        { id: 'K', kind: 'type', members: ['0180', '1280', '1480', '0114'] },
        { id: 'G1', kind: 'group', members: ['0180'] },
      ],
      [
        {
          setId: 'K',
          kpi: 'N1',
          period: 2022,
          gender: 'T',
          ids: ['1480', '0180', '1280'],
          values: [20, 10, 20],
        },
        // More values than members (a set that changed since): nothing is missing, never below 0.
        { setId: 'G1', kpi: 'N1', period: 2021, gender: 'K', ids: ['1280', '0180'], values: [2, 4] },
        // A set not given: its size is the bucket's.
        { setId: 'GX', kpi: 'N2', period: 2020, gender: 'M', ids: ['0180'], values: [-1.5] },
      ],
    );
    expect(rows[0]).toEqual({ ...N1_2022_TOTAL, ranking: '[["1280",1],["1480",1],["0180",3]]' });
    expect(rows[1]).toMatchObject({
      set_id: 'G1',
      period: 2021,
      gender: 'K',
      n: 2,
      missing: 0,
      min: 2,
      max: 4,
      median: 3,
    });
    expect(rows[1]!.ranking).toBe('[["0180",1],["1280",2]]');
    expect(rows[2]).toMatchObject({
      set_id: 'GX',
      kpi_id: 'N2',
      n: 1,
      missing: 0,
      min: -1.5,
      max: -1.5,
      sd: null,
    });
    expect(rows[2]!.ranking).toBe('[["0180",1]]');
  });
});

describe('ranksOf and rankOf', () => {
  // Four with a value; 1280 and 1480 tie for first. Percentile: the share below, ties counted half.
  const statistic = {
    n: 4,
    ranking: [
      ['1280', 1],
      ['1480', 1],
      ['0180', 3],
      ['0114', 4],
    ] as [string, number][],
  };

  it('gives every member its rank and percentile, in the stored order', () => {
    expect(ranksOf(statistic)).toEqual([
      { municipality: '1280', rank: 1, percentile: 75 }, // (2 below + 2/2) / 4
      { municipality: '1480', rank: 1, percentile: 75 },
      { municipality: '0180', rank: 3, percentile: 37.5 }, // (1 + 0.5) / 4
      { municipality: '0114', rank: 4, percentile: 12.5 },
    ]);
  });

  it('gives one member its rank and percentile, and null without a value', () => {
    expect(rankOf(statistic, '1480')).toEqual({ municipality: '1480', rank: 1, percentile: 75 });
    expect(rankOf(statistic, '0114')).toEqual({ municipality: '0114', rank: 4, percentile: 12.5 });
    expect(rankOf(statistic, '9999')).toBeNull();
  });
});

/** Four kommuner and a region; G1 (precomputed) and G2 (not) are groups. */
async function load(store: Store): Promise<void> {
  const meta = new MetadataWriter(store.db);
  await meta.upsertMunicipalities([
    { id: '0180', title: 'Stockholm', type: 'K' },
    { id: '1280', title: 'Malmö', type: 'K' },
    { id: '1480', title: 'Göteborg', type: 'K' },
    { id: '0114', title: 'Upplands Väsby', type: 'K' },
    { id: '0012', title: 'Region Skåne', type: 'L' },
  ]);
  await meta.upsertKpis(
    ['N1', 'N2', 'N3'].map((id) => parseKpi({ id, title: `Titel ${id}` })),
    'kolada',
  );
  await meta.replaceGroups('municipality', [
    {
      id: 'G1',
      title: 'Storstäder',
      members: [
        { id: '0180', title: '' },
        { id: '1280', title: '' },
      ],
    },
    {
      id: 'G2',
      title: 'Andra',
      members: [
        { id: '1480', title: '' },
        { id: '0114', title: '' },
      ],
    },
  ]);
  await store.repositories.statistics.addGroupSet('G1');
  const writer = await createValueWriter(store);
  await writer.write(
    'municipality',
    [
      row('N1', '0180', 2022, 'T', 10),
      row('N1', '1280', 2022, 'T', 20),
      row('N1', '1480', 2022, 'T', 20),
      row('N1', '0012', 2022, 'T', 99),
      row('N1', '0180', 2021, 'T', 5),
      row('N1', '1280', 2021, 'T', 6),
      row('N1', '1480', 2021, 'T', 7),
      row('N1', '0114', 2021, 'T', 8),
      row('N1', '0180', 2022, 'K', 1),
      row('N2', '0180', 2022, 'T', 3),
      row('N2', '1280', 2022, 'T', null),
    ],
    new Date().toISOString(),
  );
  await writer.close();
}

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InputError);
  const e = error as InputError;
  return { reason: e.reason, status: e.status, parameter: e.parameter, values: e.values };
}

for (const dialect of DIALECTS) {
  describe(`statistics service (${dialect})`, () => {
    let temp: TempStore;
    let store: Store;
    beforeAll(async () => {
      temp = await createTempStore(dialect);
      store = temp.store;
      await load(store);
    });
    afterAll(() => temp?.destroy());

    it('refreshes the KPIs asked for, once each, in every precomputed set, year and gender', async () => {
      const progress: [number, number][] = [];
      const before = performance.now();
      const result = await refreshStatistics(store.repositories.statistics, ['N2', 'N1', 'N2'], {
        onProgress: (done, total) => progress.push([done, total]),
      });
      const took = (performance.now() - before) / 1000;
      // N1: K 2022 T (3), K 2021 T (4), K 2022 K (1), G1 2022 T (2), G1 2021 T (2), G1 2022 K (1);
      // N2: K 2022 T (1), G1 2022 T (1). The region's value and the missing value count nowhere.
      expect(result).toEqual({
        kpis: 2,
        statistics: 8,
        ranks: 15,
        sets: ['G1', 'K'],
        seconds: expect.any(Number),
      });
      expect(result.seconds).toBeGreaterThanOrEqual(0);
      expect(result.seconds).toBeLessThanOrEqual(took);
      expect(progress).toEqual([[2, 2]]);
      const stored = await store.repositories.statistics.distributionsOf(['N1', 'N2'], 'K');
      expect(stored.map((s) => `${s.kpi_id} ${s.period} ${s.gender} n${s.n} missing${s.missing}`)).toEqual([
        'N1 2021 T n4 missing0',
        'N1 2022 K n1 missing3',
        'N1 2022 T n3 missing1',
        'N2 2022 T n1 missing3',
      ]);
      expect(stored[2]!.ranking).toEqual([
        ['1280', 1],
        ['1480', 1],
        ['0180', 3],
      ]);
      const group = await store.repositories.statistics.distributions({ kpi: 'N1', set: 'G1' });
      expect(
        group.map((s) => `${s.period} ${s.gender} n${s.n} missing${s.missing} ${s.min}–${s.max}`),
      ).toEqual(['2021 T n2 missing0 5–6', '2022 K n1 missing1 1–1', '2022 T n2 missing0 10–20']);
    });

    it('refreshes every KPI with values or statistics when none is named, in chunks of 50', async () => {
      const ids = Array.from({ length: 51 }, (_, i) => `C${String(i).padStart(3, '0')}`);
      const writer = await createValueWriter(store);
      await writer.write(
        'municipality',
        ids.map((id) => row(id, '0180', 2020, 'T', 1)),
        new Date().toISOString(),
      );
      await writer.close();
      const progress: [number, number][] = [];
      const result = await refreshStatistics(store.repositories.statistics, undefined, {
        onProgress: (done, total) => progress.push([done, total]),
      });
      // 51 C-KPIs (K and G1 each) + N1 (6) + N2 (2).
      expect(result).toMatchObject({ kpis: 53, statistics: 51 * 2 + 8, ranks: 51 * 2 + 15 });
      expect(progress).toEqual([
        [50, 53],
        [53, 53],
      ]);
      expect(await store.repositories.statistics.distributions({ kpi: 'C050', set: 'K' })).toHaveLength(1);
      const none: [number, number][] = [];
      expect(
        await refreshStatistics(store.repositories.statistics, [], {
          onProgress: (d, t) => none.push([d, t]),
        }),
      ).toMatchObject({ kpis: 0, statistics: 0, ranks: 0 });
      expect(none).toEqual([]);
    });

    it('signs the precomputed sets with their members', async () => {
      expect(await statisticSetsSignature(store.repositories.statistics)).toBe(
        JSON.stringify([
          ['G1', ['0180', '1280']],
          ['K', ['0114', '0180', '1280', '1480']],
        ]),
      );
    });

    const read = (request: Parameters<typeof kpiStatistics>[1]) =>
      kpiStatistics(
        { statistics: store.repositories.statistics, analysis: store.repositories.analysis },
        request,
      );

    it('reports a stored statistic with every member’s value, rank and percentile, and the history', async () => {
      await refreshStatistics(store.repositories.statistics, ['N1']);
      const report = await read({ kpi: 'N1' });
      const { computed_at, ...distribution } = report.distribution;
      expect(computed_at).toEqual(expect.any(String));
      expect(report).toMatchObject({
        analysis: 'statistik',
        kpi: { id: 'N1', title: 'Titel N1' },
        set: { id: 'K', title: null, size: 4, precomputed: true },
        year: 2022,
        gender: 'T',
      });
      expect(distribution).toEqual(N1_2022_TOTAL);
      expect(report.municipalities).toEqual([
        { id: '1280', title: 'Malmö', value: 20, rank: 1, percentile: (100 * (1 + 1)) / 3 },
        { id: '1480', title: 'Göteborg', value: 20, rank: 1, percentile: (100 * (1 + 1)) / 3 },
        { id: '0180', title: 'Stockholm', value: 10, rank: 3, percentile: (100 * 0.5) / 3 },
      ]);
      expect(report.missing).toEqual([{ id: '0114', title: 'Upplands Väsby' }]);
      expect(report.history.map((h) => [h.period, h.gender, h.n])).toEqual([
        [2021, 'T', 4],
        [2022, 'T', 3],
      ]);
      expect(report.history.every((h) => !('ranking' in h))).toBe(true);

      const earlier = await read({ kpi: 'N1', year: 2021 });
      expect(earlier.municipalities.map((m) => [m.id, m.value, m.rank])).toEqual([
        ['0114', 8, 1],
        ['1480', 7, 2],
        ['1280', 6, 3],
        ['0180', 5, 4],
      ]);
      expect(earlier.missing).toEqual([]);
      const women = await read({ kpi: 'N1', gender: 'K' });
      expect(women).toMatchObject({ year: 2022, gender: 'K', distribution: { n: 1 } });
      expect(women.history.map((h) => h.period)).toEqual([2022]);

      expect(await refusal(read({ kpi: 'N1', year: 2020 }))).toEqual({
        reason: 'noValuesInYear',
        status: 404,
        parameter: undefined,
        values: { kpi: 'N1', year: '2020' },
      });
    });

    it('reports a precomputed group by its title, and a group that is not precomputed computed on request', async () => {
      const g1 = await read({ kpi: 'N1', group: 'G1', year: 2022 });
      expect(g1.set).toEqual({ id: 'G1', title: 'Storstäder', size: 2, precomputed: true });
      expect(g1.municipalities.map((m) => [m.id, m.rank])).toEqual([
        ['1280', 1],
        ['0180', 2],
      ]);
      const g2 = await read({ kpi: 'N1', group: 'G2' });
      expect(g2.set).toEqual({ id: 'G2', title: 'Andra', size: 2, precomputed: false });
      // No stored figures: the latest kommun year (2022), where only 1480 of G2 has a value.
      expect(g2.year).toBe(2022);
      expect(g2.distribution).toEqual({
        kpi_id: 'N1',
        set_id: 'G2',
        period: 2022,
        gender: 'T',
        n: 1,
        missing: 1,
        min: 20,
        max: 20,
        mean: 20,
        median: 20,
        q1: 20,
        q3: 20,
        sd: null,
        computed_at: null,
      });
      expect(g2.municipalities).toEqual([
        { id: '1480', title: 'Göteborg', value: 20, rank: 1, percentile: 50 },
      ]);
      expect(g2.missing).toEqual([{ id: '0114', title: 'Upplands Väsby' }]);
      expect(g2.history).toEqual([]);
      const g2in2021 = await read({ kpi: 'N1', group: 'G2', year: 2021 });
      expect(g2in2021.municipalities.map((m) => [m.id, m.value, m.rank])).toEqual([
        ['0114', 8, 1],
        ['1480', 7, 2],
      ]);
      // A KPI with no stored figures at all: computed for the kommuner too.
      const n3 = await read({ kpi: 'N2', year: 2022 });
      expect(n3.set.precomputed).toBe(true);
      expect(n3.municipalities).toEqual([
        { id: '0180', title: 'Stockholm', value: 3, rank: 1, percentile: 50 },
      ]);
    });

    it('refuses an unknown KPI or group, a KPI without kommun values, a group without values', async () => {
      expect(await refusal(read({ kpi: 'N9' }))).toEqual({
        reason: 'unknownKpi',
        status: 404,
        parameter: undefined,
        values: { ids: 'N9' },
      });
      expect(await refusal(read({ kpi: 'N1', group: 'G9' }))).toEqual({
        reason: 'unknownGroup',
        status: 404,
        parameter: 'grupp',
        values: { id: 'G9' },
      });
      expect(await refusal(read({ kpi: 'N3' }))).toEqual({
        reason: 'noValuesForKpi',
        status: 404,
        parameter: undefined,
        values: { kpi: 'N3' },
      });
      expect(await refusal(read({ kpi: 'N2', group: 'G2' }))).toEqual({
        reason: 'noValuesInGroup',
        status: 404,
        parameter: undefined,
        values: { kpi: 'N2', year: '2022' },
      });
    });
  });
}
