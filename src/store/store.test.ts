import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/support/dialects.js';
import { createTempStore, type TempStore } from '../../test/support/temp-store.js';
import { MetadataWriter } from './bulk/metadata-writer.js';
import { createValueWriter, type ValueRow } from './bulk/value-writer.js';
import { ValueRepository } from './repositories/value.repository.js';

function row(
  kpi: string,
  unit: string,
  period: number,
  gender: 'T' | 'K' | 'M',
  value: number | null,
): ValueRow {
  return { kpi, unit, period, gender, value, count: 1, status: '', isDeleted: false };
}

for (const dialect of DIALECTS) {
  describe(`store on ${dialect}`, () => {
    let temp: TempStore;
    let values: ValueRepository;

    beforeAll(async () => {
      temp = await createTempStore(dialect);
      const meta = new MetadataWriter(temp.store.db);
      await meta.upsertMunicipalities([
        { id: '1280', title: 'Malmö', type: 'K' },
        { id: '1282', title: 'Landskrona', type: 'K' },
        { id: '0180', title: 'Stockholm', type: 'K' },
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
      ]);
      const writer = await createValueWriter(temp.store);
      await writer.write(
        'municipality',
        [
          row('N1', '1280', 2021, 'T', 10),
          row('N1', '1280', 2022, 'T', 12),
          row('N1', '1282', 2022, 'T', 7),
          row('N1', '0180', 2022, 'T', 100),
          row('N1', '1282', 2021, 'T', null),
          row('N2', '1280', 2022, 'K', 3.5),
        ],
        '2026-01-01T00:00:00.000Z',
      );
      await writer.close();
      values = new ValueRepository(temp.store.db);
    });
    afterAll(() => temp.destroy());

    it('finds values by any combination of KPI, municipality and year sets, in a stable order', async () => {
      const byKpiYear = await values.find({ kpis: ['N1'], years: [2022] });
      expect(byKpiYear.map((v) => [v.municipality, v.value])).toEqual([
        ['0180', 100],
        ['1280', 12],
        ['1282', 7],
      ]);
      const byMunicipality = await values.find({ municipalities: ['1280'] });
      expect(byMunicipality.map((v) => `${v.kpi}/${v.period}/${v.gender}`)).toEqual([
        'N1/2021/T',
        'N1/2022/T',
        'N2/2022/K',
      ]);
      expect(
        await values.count({ kpis: ['N1', 'N2'], municipalities: ['1280', '1282'], years: [2022] }),
      ).toBe(3);
      expect(await values.find({ kpis: [] })).toEqual([]);
      const page = await values.find({ kpis: ['N1'] }, { limit: 2, offset: 1 });
      expect(page.map((v) => `${v.municipality}/${v.period}`)).toEqual(['1280/2021', '1280/2022']);
    });

    it('gives group values as the unweighted mean of members that have a value, with their count', async () => {
      const means = await values.groupMeans({ groups: ['G1'], kpis: ['N1'] });
      expect(means.map((m) => [m.municipality, m.period, m.value, m.count])).toEqual([
        ['G1', 2021, 10, 1],
        ['G1', 2022, 9.5, 2],
      ]);
    });

    it('writes only changed rows, so a repeated write changes nothing and keeps changed_at', async () => {
      const writer = await createValueWriter(temp.store);
      const same = await writer.write(
        'municipality',
        [row('N1', '1280', 2022, 'T', 12)],
        '2026-02-01T00:00:00.000Z',
      );
      expect(same.written).toBe(0);
      const changed = await writer.write(
        'municipality',
        [row('N1', '1282', 2022, 'T', 8), { ...row('N1', '0180', 2022, 'T', null), isDeleted: true }],
        '2026-03-01T00:00:00.000Z',
      );
      await writer.close();
      expect(changed.written).toBe(2);
      const unchanged = await values.find({ kpis: ['N1'], municipalities: ['1280'], years: [2022] });
      expect(unchanged[0]?.changedAt).toBe('2026-01-01T00:00:00.000Z');

      const changes = await values.changesSince('2026-02-15');
      expect(changes.map((v) => [v.municipality, v.value, v.isDeleted])).toEqual([
        ['0180', null, true],
        ['1282', 8, false],
      ]);
      // Deleted values are tombstones: gone from ordinary reads.
      expect((await values.find({ kpis: ['N1'], years: [2022] })).map((v) => v.municipality)).toEqual([
        '1280',
        '1282',
      ]);
    });

    it('replaces a group member list whole', async () => {
      const meta = new MetadataWriter(temp.store.db);
      await meta.replaceGroups('municipality', [
        { id: 'G1', title: 'Bara Malmö', members: [{ id: '1280', title: 'Malmö' }] },
      ]);
      const members = await temp.store.db
        .selectFrom('municipality_group_member')
        .selectAll()
        .where('group_id', '=', 'G1')
        .execute();
      expect(members.map((m) => m.municipality_id)).toEqual(['1280']);
    });
  });
}
