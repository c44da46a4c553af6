/**
 * The KPI page (comparator) and the statistics page (analyses) describe the same KPI with one statistics
 * kernel: for every KPI and year they must give the same quartiles, median, n and ranks. Ranks differ
 * only in which end is rank 1: the statistics page ranks highest first, the KPI page best first.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kpiStatistics } from '../../src/domain/analysis/statistics.service.js';
import { ComparisonService } from '../../src/domain/comparison/comparison.service.js';
import { KpiViewService } from '../../src/domain/comparison/kpi-view.service.js';
import type { Store } from '../../src/store/database.js';
import { ComparisonRepository } from '../../src/store/repositories/comparison.repository.js';
import { StoreMetaRepository } from '../../src/store/repositories/store-meta.repository.js';
import { DIALECTS } from '../support/dialects.js';
import { openFixtureStore } from '../support/fixture.js';
import { describeFullData, openRealStore } from '../support/real-data.js';

async function compareEveryKpi(store: Store, kpiIds: readonly string[]): Promise<number> {
  const views = new KpiViewService(
    new ComparisonService(new ComparisonRepository(store.db), new StoreMetaRepository(store.db)),
  );
  let compared = 0;
  for (const kpiId of kpiIds) {
    const latest = await views.kpiView({ kpiId, year: 'latest', gender: 'T', selection: [], compare: [] });
    if (!latest || latest.kpi.municipalityType === 'L' || latest.years.length === 0) continue;
    // The latest year and the earliest, so old and new series both count.
    for (const year of new Set([latest.years[0]!, latest.years.at(-1)!])) {
      const view = await views.kpiView({ kpiId, year, gender: 'T', selection: [], compare: [] });
      const report = await kpiStatistics(store.repositories, { kpi: kpiId, year, gender: 'T' });
      const where = `${kpiId} ${year}`;
      const page = view!.distribution!;
      expect(page.n, where).toBe(report.distribution.n);
      for (const key of ['min', 'q1', 'median', 'q3', 'max', 'mean'] as const)
        expect(page[key], `${where} ${key}`).toBeCloseTo(report.distribution[key], 9);

      const value = new Map(report.municipalities.map((m) => [m.id, m.value!]));
      const lowerIsBetter = view!.kpi.direction === 'lower';
      for (const entry of view!.ranking) {
        const stat = report.municipalities.find((m) => m.id === entry.municipality.id);
        expect(entry.rank?.rank ?? null, `${where} ${entry.municipality.id}`).toBe(
          !stat
            ? null
            : lowerIsBetter
              ? 1 + [...value.values()].filter((v) => v < stat.value!).length
              : stat.rank,
        );
      }
      compared++;
    }
  }
  return compared;
}

for (const dialect of DIALECTS) {
  describe(`KPI page and statistics page agree, fixture (${dialect})`, () => {
    let store: Store;
    beforeAll(async () => {
      store = await openFixtureStore(dialect);
    });
    afterAll(() => store?.close());

    it('gives the same distribution and ranks for every KPI of the fixture', async () => {
      const kpis = (await store.db.selectFrom('kpi').select('id').execute()).map((k) => k.id);
      expect(await compareEveryKpi(store, kpis)).toBeGreaterThan(20);
    }, 120_000);
  });

  describeFullData(`KPI page and statistics page agree, real data (${dialect})`, () => {
    let store: Store;
    beforeAll(async () => {
      store = await openRealStore(dialect);
    });
    afterAll(() => store?.close());

    it('gives the same distribution and ranks for a spread of real KPIs', async () => {
      // Every 40th KPI with values: about 50 KPIs across all operating areas, both directions.
      const withValues = await store.db
        .selectFrom('kpi_statistic')
        .select('kpi_id')
        .distinct()
        .orderBy('kpi_id')
        .execute();
      const sample = withValues.filter((_, i) => i % 40 === 0).map((r) => r.kpi_id);
      expect(await compareEveryKpi(store, sample)).toBeGreaterThan(60);
    }, 600_000);
  });
}
