/**
 * The statistics refresh on a small hand-made store (both backends), and on the real data compared
 * with a second, independent computation written here.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rankOf, ranksOf, refreshStatistics } from '../../src/domain/analysis/statistics.service.js';
import { percentileOfRank, rankValues } from '../../src/domain/statistics/rank.js';
import { importFiles } from '../../src/import/import.service.js';
import { DIALECTS } from '../support/dialects.js';
import { openFixtureStore } from '../support/fixture.js';
import { createTempStore, type TempStore } from '../support/temp-store.js';

function smallFixture(): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'etablera-stats-'));
  const municipalities = join(dir, 'municipality.json');
  writeFileSync(
    municipalities,
    JSON.stringify({
      values: [
        { id: '0001', title: 'Region A', type: 'L' },
        { id: '1001', title: 'Kommun A', type: 'K' },
        { id: '1002', title: 'Kommun B', type: 'K' },
        { id: '1003', title: 'Kommun C', type: 'K' },
        { id: '1004', title: 'Kommun D', type: 'K' },
      ],
    }),
  );
  const kpis = join(dir, 'kpi.json');
  writeFileSync(
    kpis,
    JSON.stringify({
      values: [
        { id: 'N1', title: 'Testtal', is_divided_by_gender: false },
        { id: 'N2', title: 'Annat tal', is_divided_by_gender: false },
      ],
    }),
  );
  const data = join(dir, 'values.csv');
  writeFileSync(
    data,
    [
      'kpi,municipality,period,gender,value',
      'N1,0001,2022,T,1000', // a region: not a kommun, so not in set K
      'N1,1001,2022,T,10',
      'N1,1002,2022,T,30',
      'N1,1003,2022,T,20',
      'N1,1004,2022,T,', // missing: counted as missing, never imputed
      'N2,1001,2021,T,5',
    ].join('\n'),
  );
  return [municipalities, kpis, data];
}

for (const dialect of DIALECTS) {
  describe(`${dialect}: statistics refresh on a small store`, () => {
    let temp: TempStore;
    beforeAll(async () => {
      temp = await createTempStore(dialect);
      await importFiles(temp.store, smallFixture());
    });
    afterAll(() => temp.destroy());

    it('is run by the import and stores distribution, ranks and missing count for set K', async () => {
      const repo = temp.store.repositories.statistics;
      const [d] = await repo.distributions({ kpi: 'N1', set: 'K' });
      expect(d).toMatchObject({ period: 2022, gender: 'T', n: 3, missing: 1, min: 10, max: 30, median: 20 });
      expect(d?.mean).toBeCloseTo(20, 12);
      expect(d?.sd).toBeCloseTo(10, 12);
      expect(d?.q1).toBeCloseTo(15, 12);
      expect(d?.q3).toBeCloseTo(25, 12);
      const ranks = ranksOf(d!);
      expect(ranks.map((r) => [r.municipality, r.rank])).toEqual([
        ['1002', 1],
        ['1003', 2],
        ['1001', 3],
      ]);
      expect(ranks[0]?.percentile).toBeCloseTo((100 * 2.5) / 3, 9);
      expect(rankOf(d!, '1004')).toBeNull();
    });

    it('precomputes a municipality group on request and drops statistics of KPIs without values', async () => {
      const repo = temp.store.repositories.statistics;
      await temp.store.db.insertInto('municipality_group').values({ id: 'G1', title: 'Två' }).execute();
      await temp.store.db
        .insertInto('municipality_group_member')
        .values([
          { group_id: 'G1', municipality_id: '1001', member_title: 'Kommun A', position: 0 },
          { group_id: 'G1', municipality_id: '1004', member_title: 'Kommun D', position: 1 },
        ])
        .execute();
      await repo.addGroupSet('G1');
      await temp.store.db.updateTable('value').set({ is_deleted: 1 }).where('kpi_id', '=', 'N2').execute();
      const result = await refreshStatistics(temp.store.repositories.statistics);
      expect(result.sets).toEqual(['G1', 'K']);
      expect(await repo.distributions({ kpi: 'N1', set: 'G1' })).toMatchObject([
        { n: 1, missing: 1, mean: 10 },
      ]);
      expect(await repo.distributions({ kpi: 'N2', set: 'K' })).toEqual([]);
      await repo.removeGroupSet('G1');
      expect(await repo.distributions({ kpi: 'N1', set: 'G1' })).toEqual([]);
    });
  });

  describe(`${dialect}: statistics on the real-data fixture`, () => {
    it('equal an independent computation for N00700 and N01951 in every year', async () => {
      const store = await openFixtureStore(dialect);
      try {
        const repo = store.repositories.statistics;
        const kommuner = new Set(
          (await store.db.selectFrom('municipality').select('id').where('type', '=', 'K').execute()).map(
            (r) => r.id,
          ),
        );
        expect(kommuner.size).toBe(290);
        for (const kpi of ['N00700', 'N01951']) {
          const values = await store.db
            .selectFrom('value')
            .select(['municipality_id', 'period', 'gender', 'value'])
            .where('kpi_id', '=', kpi)
            .where('is_deleted', '=', 0)
            .execute();
          const stored = await repo.distributions({ kpi, set: 'K' });
          expect(stored.length).toBeGreaterThan(10);
          for (const s of stored) {
            const xs = values
              .filter((v) => v.period === s.period && v.gender === s.gender && v.value !== null)
              .filter((v) => kommuner.has(v.municipality_id))
              .map((v) => v.value as number);
            // Second implementation: textbook formulas on a plain sorted array.
            xs.sort((a, b) => a - b);
            const n = xs.length;
            const mean = xs.reduce((a, b) => a + b, 0) / n;
            const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
            const at = (p: number) => {
              const h = (n - 1) * p;
              const lo = Math.floor(h);
              return xs[lo]! + (h - lo) * ((xs[Math.min(lo + 1, n - 1)] ?? 0) - xs[lo]!);
            };
            expect(s.n).toBe(n);
            expect(s.missing).toBe(290 - n);
            expect(s.min).toBe(xs[0]);
            expect(s.max).toBe(xs[n - 1]);
            expect(s.mean).toBeCloseTo(mean, 6);
            expect(s.sd).toBeCloseTo(sd, 6);
            expect(s.median).toBeCloseTo(at(0.5), 9);
            expect(s.q1).toBeCloseTo(at(0.25), 9);
            expect(s.q3).toBeCloseTo(at(0.75), 9);
            // Ranks and percentiles equal the domain's own ranking of the same values.
            const entries = values
              .filter((v) => v.period === s.period && v.gender === s.gender && v.value !== null)
              .filter((v) => kommuner.has(v.municipality_id))
              .map((v) => ({ id: v.municipality_id, value: v.value as number }));
            const expected = rankValues(entries).map((r) => [
              r.id,
              r.rank,
              percentileOfRank(r.rank, r.ties, entries.length),
            ]);
            expect(ranksOf(s).map((r) => [r.municipality, r.rank, r.percentile])).toEqual(expected);
          }
        }
        // Malmö's rank by population in 2022: Stockholm and Göteborg are larger.
        const [population] = await repo.distributions({
          kpi: 'N01951',
          set: 'K',
          periods: [2022],
          genders: ['T'],
        });
        expect(population?.n).toBe(290);
        expect(rankOf(population!, '1280')?.rank).toBe(3);
      } finally {
        await store.close();
      }
    });
  });
}
