/** What the analyses read from the store, each filter on its own, on both backends. */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/dialects.js';
import { createTempStore, type TempStore } from '../../../test/support/temp-store.js';
import { valueRow as row } from '../../../test/support/value-rows.js';
import { MetadataWriter } from '../bulk/metadata-writer.js';
import { createValueWriter } from '../bulk/value-writer.js';
import type { KpiRow } from '../metadata-rows.js';
import type { AnalysisRepository } from './analysis.repository.js';

function kpi(id: string, title: string, divided: number): KpiRow {
  return {
    id,
    title,
    description: null,
    is_divided_by_gender: divided,
    municipality_type: 'K',
    auspice: null,
    operating_area: null,
    perspective: null,
    prel_publication_date: null,
    publication_date: null,
    publ_period: null,
    has_ou_data: null,
    ou_publication_date: null,
  };
}

for (const dialect of DIALECTS) {
  describe(`analysis repository on ${dialect}`, () => {
    let temp: TempStore;
    let repo: AnalysisRepository;

    beforeAll(async () => {
      temp = await createTempStore(dialect);
      const meta = new MetadataWriter(temp.store.db);
      await meta.upsertKpis(
        [kpi('N2', 'Lärare', 0), kpi('N1', 'Elever', 1), kpi('N3', 'Utan statistik', 0)],
        'kolada',
      );
      await temp.store.db
        .updateTable('kpi')
        .set({ direction: 'lower', unit: 'kr' })
        .where('id', '=', 'N1')
        .execute();
      await meta.upsertMunicipalities([
        { id: '1280', title: 'Malmö', type: 'K' },
        { id: '0180', title: 'Stockholm', type: 'K' },
        { id: '0181', title: 'Malmö', type: 'K' },
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
          row('N1', '1280', 2020, 'T', 1),
          row('N1', '1280', 2021, 'T', 2),
          row('N1', '0180', 2022, 'T', null),
          row('N1', '0180', 2023, 'T', 4, { isDeleted: true }),
          row('N1', '1280', 2024, 'K', 5),
          row('N1', '0012', 2025, 'T', 6),
          row('N2', '0180', 2019, 'T', 7),
        ],
        '2026-01-01T00:00:00.000Z',
      );
      await writer.close();
      repo = temp.store.repositories.analysis;
    });
    afterAll(() => temp.destroy());

    it('lists municipalities by title then id, of one type when asked, and finds one', async () => {
      expect((await repo.municipalities()).map((m) => m.id)).toEqual(['0181', '1280', '0012', '0180']);
      expect((await repo.municipalities('K')).map((m) => m.id)).toEqual(['0181', '1280', '0180']);
      expect(await repo.municipality('0012')).toEqual({ id: '0012', title: 'Region Skåne', type: 'L' });
      expect(await repo.municipality('9999')).toBeUndefined();
    });

    it('finds a group with its members by id', async () => {
      expect(await repo.group('G1')).toEqual({ id: 'G1', title: 'Storstäder', members: ['0180', '1280'] });
      expect(await repo.group('G9')).toBeUndefined();
    });

    it('describes KPIs, and lists those with statistics for every kommun', async () => {
      const kpis = await repo.kpis(['N1', 'N2', 'N9']);
      expect(kpis.sort((a, b) => a.id.localeCompare(b.id))).toEqual([
        { id: 'N1', title: 'Elever', isDividedByGender: true, unit: 'kr', direction: 'lower' },
        { id: 'N2', title: 'Lärare', isDividedByGender: false, unit: null, direction: null },
      ]);
      expect(await repo.kpis([])).toEqual([]);
      expect(await repo.kpisWithStatistics()).toEqual([]);
      const stat = (kpi: string, set: string) => ({
        kpi_id: kpi,
        set_id: set,
        period: 2022,
        gender: 'T' as const,
        n: 1,
        missing: 0,
        min: 1,
        max: 1,
        mean: 1,
        median: 1,
        q1: 1,
        q3: 1,
        sd: null,
        ranking: '[]',
      });
      await temp.store.repositories.statistics.replace(
        ['N2', 'N1', 'N3'],
        [stat('N2', 'K'), stat('N1', 'K'), stat('N3', 'G1')],
        'x',
      );
      expect(await repo.kpisWithStatistics()).toEqual([
        { id: 'N1', title: 'Elever' },
        { id: 'N2', title: 'Lärare' },
      ]);
    });

    it('gives each KPI its latest year with a live value for the type and gender, up to a year', async () => {
      expect(await repo.latestPeriods(['N1', 'N2', 'N3'], 'K', 'T')).toEqual(
        new Map([
          ['N1', 2021],
          ['N2', 2019],
        ]),
      );
      expect(await repo.latestPeriods(['N1'], 'K', 'T', 2020)).toEqual(new Map([['N1', 2020]]));
      expect(await repo.latestPeriods(['N1'], 'K', 'T', 2019)).toEqual(new Map());
      expect(await repo.latestPeriods(['N1'], 'K', 'K')).toEqual(new Map([['N1', 2024]]));
      expect(await repo.latestPeriods(['N1'], 'L', 'T')).toEqual(new Map([['N1', 2025]]));
      expect(await repo.latestPeriods([], 'K', 'T')).toEqual(new Map());
    });

    it('gives one year of live, non-missing values by municipality', async () => {
      expect(await repo.values('N1', 2021, 'T')).toEqual(new Map([['1280', 2]]));
      expect(await repo.values('N1', 2022, 'T')).toEqual(new Map());
      expect(await repo.values('N1', 2023, 'T')).toEqual(new Map());
      expect(await repo.values('N1', 2024, 'T')).toEqual(new Map());
      expect(await repo.values('N1', 2024, 'K')).toEqual(new Map([['1280', 5]]));
      expect(await repo.values('N2', 2021, 'T')).toEqual(new Map());
    });
  });
}
