/** The precomputed statistics' store: sets, the values a refresh reads, whole-KPI replacement, reads. */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/dialects.js';
import { createTempStore, type TempStore } from '../../../test/support/temp-store.js';
import { valueRow as row } from '../../../test/support/value-rows.js';
import { MetadataWriter } from '../bulk/metadata-writer.js';
import { createValueWriter } from '../bulk/value-writer.js';
import type { Gender } from '../schema.js';
import type { StatisticRow, StatisticsRepository } from './statistics.repository.js';

function statistic(kpi: string, set: string, period: number, gender: Gender, n = 2): StatisticRow {
  return {
    kpi_id: kpi,
    set_id: set,
    period,
    gender,
    n,
    missing: 0,
    min: 1,
    max: 2,
    mean: 1.5,
    median: 1.5,
    q1: 1.25,
    q3: 1.75,
    sd: null,
    ranking: JSON.stringify([
      ['1280', 1],
      ['0180', 2],
    ]),
  };
}

const keys = (rows: { kpi_id: string; set_id: string; period: number; gender: string }[]) =>
  rows.map((r) => `${r.kpi_id}/${r.set_id}/${r.period}/${r.gender}`);

for (const dialect of DIALECTS) {
  describe(`statistics repository on ${dialect}`, () => {
    let temp: TempStore;
    let repo: StatisticsRepository;

    beforeAll(async () => {
      temp = await createTempStore(dialect);
      const meta = new MetadataWriter(temp.store.db);
      await meta.upsertMunicipalities([
        { id: '1280', title: 'Malmö', type: 'K' },
        { id: '0180', title: 'Stockholm', type: 'K' },
        { id: '0012', title: 'Region Skåne', type: 'L' },
      ]);
      await meta.replaceGroups('municipality', [
        {
          id: 'G1',
          title: 'Storstäder',
          members: [
            { id: '1280', title: 'Malmö' },
            { id: '0180', title: 'Stockholm' },
          ],
        },
      ]);
      const writer = await createValueWriter(temp.store);
      await writer.write(
        'municipality',
        [
          row('N2', '1280', 2022, 'T', 357377.5),
          row('N2', '1280', 2021, 'K', -3),
          row('N2', '1280', 2020, 'T', null),
          row('N2', '0180', 2022, 'T', 0.25),
          row('N2', '0180', 2021, 'T', 9, { isDeleted: true }),
          row('N1', '0012', 2022, 'M', 7),
          row('N3', '0012', 2022, 'M', 8),
        ],
        '2026-01-01T00:00:00.000Z',
      );
      await writer.close();
      repo = temp.store.repositories.statistics;
    });
    afterAll(() => temp.destroy());

    it('lists sets with their members, by municipality type or group', async () => {
      expect(await repo.sets()).toEqual([{ id: 'K', kind: 'type', members: ['0180', '1280'] }]);
      expect(await repo.isPrecomputed('G1')).toBe(false);
      await repo.addGroupSet('G1');
      await repo.addGroupSet('G1');
      expect(await repo.isPrecomputed('G1')).toBe(true);
      expect(await repo.sets()).toEqual([
        { id: 'G1', kind: 'group', members: ['0180', '1280'] },
        { id: 'K', kind: 'type', members: ['0180', '1280'] },
      ]);
      expect(await repo.members({ id: 'L', kind: 'type' })).toEqual(['0012']);
      expect(await repo.members({ id: 'G9', kind: 'group' })).toEqual([]);
    });

    it('visits every live, non-missing value of the KPIs asked for, unpacked', async () => {
      const seen: string[] = [];
      await repo.forEachValue(['N2', 'N1'], (kpi, municipality, period, gender, value) =>
        seen.push(`${kpi}/${municipality}/${period}/${gender}=${value}`),
      );
      expect(seen.sort()).toEqual([
        'N1/0012/2022/M=7',
        'N2/0180/2022/T=0.25',
        'N2/1280/2021/K=-3',
        'N2/1280/2022/T=357377.5',
      ]);
      let calls = 0;
      await repo.forEachValue([], () => calls++);
      expect(calls).toBe(0);
    });

    it('replaces whole KPIs, and reads them back by KPI, set, year and gender', async () => {
      const at = '2026-02-01T00:00:00.000Z';
      await repo.replace(
        ['N1', 'N2'],
        [
          statistic('N2', 'K', 2022, 'T'),
          statistic('N2', 'K', 2021, 'T'),
          statistic('N2', 'K', 2022, 'K'),
          statistic('N1', 'K', 2022, 'T'),
          statistic('N2', 'G1', 2022, 'T'),
        ],
        at,
      );
      expect(await repo.count()).toBe(5);
      const stored = await repo.distributions({ kpi: 'N2', set: 'K' });
      expect(keys(stored)).toEqual(['N2/K/2021/T', 'N2/K/2022/K', 'N2/K/2022/T']);
      expect(stored[0]).toEqual({
        ...statistic('N2', 'K', 2021, 'T'),
        ranking: [
          ['1280', 1],
          ['0180', 2],
        ],
        computed_at: at,
      });
      expect(
        keys(await repo.distributions({ kpi: 'N2', set: 'K', periods: [2022], genders: ['T'] })),
      ).toEqual(['N2/K/2022/T']);
      expect(keys(await repo.distributions({ kpi: 'N2', set: 'K', genders: ['K'] }))).toEqual([
        'N2/K/2022/K',
      ]);
      expect(await repo.distributions({ kpi: 'N2', set: 'K', periods: [] })).toEqual([]);
      expect(await repo.distributions({ kpi: 'N2', set: 'K', genders: [] })).toEqual([]);
      expect(keys(await repo.distributionsOf(['N2', 'N1'], 'K'))).toEqual([
        'N1/K/2022/T',
        'N2/K/2021/T',
        'N2/K/2022/K',
        'N2/K/2022/T',
      ]);
      expect(keys(await repo.distributionsOf(['N2'], 'K', [2021]))).toEqual(['N2/K/2021/T']);
      expect(await repo.distributionsOf([], 'K')).toEqual([]);
      expect(await repo.distributionsOf(['N2'], 'K', [])).toEqual([]);
      expect(await repo.periods('N2', 'K')).toEqual([2022, 2021]);
      expect(await repo.periods('N2', 'G1')).toEqual([2022]);

      // Replacing N2 drops its old rows, also of other sets; N1 stays.
      await repo.replace(['N2'], [statistic('N2', 'K', 2020, 'M', 1)], at);
      expect(keys(await repo.distributionsOf(['N1', 'N2'], 'K'))).toEqual(['N1/K/2022/T', 'N2/K/2020/M']);
      expect(await repo.periods('N2', 'G1')).toEqual([]);
      await repo.replace([], [statistic('N9', 'K', 2020, 'M')], at);
      expect(await repo.count()).toBe(2);
    });

    it('writes more rows than one insert holds', async () => {
      const many = Array.from({ length: 1001 }, (_, i) => statistic('N3', 'K', 1000 + i, 'T'));
      await repo.replace(['N3'], many, '2026-03-01T00:00:00.000Z');
      expect(await repo.periods('N3', 'K')).toHaveLength(1001);
    });

    it('lists the KPIs a refresh must visit: those with values or stored statistics', async () => {
      // N0 has statistics but no values any more: listed, in order.
      await repo.replace(
        ['N0', 'N7'],
        [statistic('N7', 'K', 2022, 'T'), statistic('N0', 'K', 2022, 'T')],
        'x',
      );
      expect(await repo.kpiIdsToRefresh()).toEqual(['N0', 'N1', 'N2', 'N3', 'N7']);
      // A KPI without statistics any more: its rows go, none come.
      await repo.replace(['N0'], [], 'x');
      expect(await repo.kpiIdsToRefresh()).toEqual(['N1', 'N2', 'N3', 'N7']);
    });

    it('drops a group set and what was stored for it, never a type set', async () => {
      await repo.addGroupSet('G1');
      await repo.replace(['N5'], [statistic('N5', 'G1', 2022, 'T'), statistic('N5', 'K', 2022, 'T')], 'x');
      await repo.removeGroupSet('G1');
      expect(await repo.isPrecomputed('G1')).toBe(false);
      expect(keys(await repo.distributionsOf(['N5'], 'G1'))).toEqual([]);
      expect(keys(await repo.distributionsOf(['N5'], 'K'))).toEqual(['N5/K/2022/T']);
      await repo.removeGroupSet('K');
      expect(await repo.isPrecomputed('K')).toBe(true);
    });
  });
}
