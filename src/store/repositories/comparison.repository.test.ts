/** The comparator's reads, each filter on its own, on both backends. */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/dialects.js';
import { createTempStore, type TempStore } from '../../../test/support/temp-store.js';
import { MetadataWriter } from '../bulk/metadata-writer.js';
import { createValueWriter, type ValueRow } from '../bulk/value-writer.js';
import type { KpiRow } from '../metadata-rows.js';
import type { Gender } from '../schema.js';
import type { ComparisonRepository, PointRow } from './comparison.repository.js';

function kpi(id: string, title: string): KpiRow {
  return {
    id,
    title,
    description: `Om ${title}`,
    is_divided_by_gender: 1,
    municipality_type: 'K',
    auspice: 'X',
    operating_area: 'Skola',
    perspective: null,
    prel_publication_date: null,
    publication_date: '2026-03-01',
    publ_period: '2025',
    has_ou_data: null,
    ou_publication_date: null,
  };
}

function row(
  kpi: string,
  unit: string,
  period: number,
  gender: Gender,
  value: number | null,
  isDeleted = false,
): ValueRow {
  return { kpi, unit, period, gender, value, count: 1, status: value === null ? 'Saknas' : '', isDeleted };
}

const sorted = (rows: PointRow[]) =>
  rows.map((r) => `${r.kpi}/${r.municipality}/${r.period}/${r.gender}=${r.value}`).sort();

for (const dialect of DIALECTS) {
  describe(`comparison repository on ${dialect}`, () => {
    let temp: TempStore;
    let repo: ComparisonRepository;

    beforeAll(async () => {
      temp = await createTempStore(dialect);
      const meta = new MetadataWriter(temp.store.db);
      await meta.upsertKpis(
        [kpi('N2', 'Behöriga lärare'), kpi('N1', 'Elever i åk 9'), kpi('U10', 'Andel_100%')],
        'kolada',
      );
      await temp.store.db
        .updateTable('kpi')
        .set({ direction: 'higher', unit: '%' })
        .where('id', '=', 'N1')
        .execute();
      await meta.upsertMunicipalities([
        { id: '1280', title: 'Malmö', type: 'K' },
        { id: '0180', title: 'Stockholm', type: 'K' },
        { id: '0012', title: 'Region Skåne', type: 'L' },
      ]);
      await meta.replaceGroups('municipality', [
        {
          id: 'G2',
          title: 'Storstäder',
          members: [
            { id: '1280', title: 'Malmö' },
            { id: '0180', title: 'Stockholm' },
          ],
        },
        { id: 'G1', title: 'Liknande kommuner, Malmö', members: [{ id: '1280', title: 'Malmö' }] },
        { id: 'G3', title: 'Liknande_kommuner', members: [] },
        { id: 'G4', title: 'Tom', members: [] },
      ]);
      const writer = await createValueWriter(temp.store);
      await writer.write(
        'municipality',
        [
          row('N1', '1280', 2021, 'T', 10),
          row('N1', '1280', 2022, 'T', 12),
          row('N1', '1280', 2022, 'K', 13),
          row('N1', '0180', 2022, 'T', null),
          row('N1', '0180', 2020, 'T', 8),
          row('N2', '1280', 2022, 'T', 50),
          row('N1', '0012', 2022, 'T', 70, true),
        ],
        '2026-01-01T00:00:00.000Z',
      );
      await writer.close();
      repo = temp.store.repositories.comparison;
    });
    afterAll(() => temp.destroy());

    it('lists municipalities in id order and finds a group', async () => {
      expect((await repo.municipalities()).map((m) => m.id)).toEqual(['0012', '0180', '1280']);
      expect((await repo.municipalities())[0]).toEqual({ id: '0012', title: 'Region Skåne', type: 'L' });
      expect(await repo.group('G2')).toEqual({ id: 'G2', title: 'Storstäder' });
      expect(await repo.group('G9')).toBeUndefined();
    });

    it('lists the groups a municipality belongs to, and groups by title prefix, by title', async () => {
      expect(await repo.groupsContaining('1280')).toEqual([
        { id: 'G1', title: 'Liknande kommuner, Malmö' },
        { id: 'G2', title: 'Storstäder' },
      ]);
      expect(await repo.groupsContaining('0012')).toEqual([]);
      expect((await repo.groupsTitled('Liknande')).map((g) => g.id)).toEqual(['G1', 'G3']);
      // % and _ are taken literally out of the prefix, not as wildcards.
      expect((await repo.groupsTitled('Liknande_')).map((g) => g.id)).toEqual(['G1', 'G3']);
      expect((await repo.groupsTitled('%man')).map((g) => g.id)).toEqual([]);
    });

    it("finds a municipality's groups through the index on municipality_id, not a scan of every membership", async () => {
      // The plan of groupsContaining's query: a scan of all 26,000 memberships per kommun was the mix's
      // heaviest PostgreSQL query (migration 0180). PostgreSQL scans tables this small anyway unless told not to.
      const plan = await temp.store.db.transaction().execute(async (trx) => {
        if (dialect === 'postgres') await sql`set local enable_seqscan = off`.execute(trx);
        const explain = dialect === 'postgres' ? sql`explain` : sql`explain query plan`;
        const { rows } = await sql<Record<string, unknown>>`${explain} select g.id, g.title
            from municipality_group_member m join municipality_group g on g.id = m.group_id
            where m.municipality_id = ${'1280'} order by g.title`.execute(trx);
        return rows.map((r) => String(r['QUERY PLAN'] ?? r.detail)).join('\n');
      });
      expect(plan).toContain('municipality_group_member_municipality');
    });

    it('gives group members in their order, an empty list for a group without', async () => {
      expect(await repo.groupMembers(['G2', 'G4', 'G9'])).toEqual(
        new Map([
          ['G2', ['1280', '0180']],
          ['G4', []],
          ['G9', []],
        ]),
      );
      expect(await repo.groupMembers([])).toEqual(new Map());
    });

    it('describes KPIs with direction and unit, and finds them by id or title', async () => {
      const kpis = await repo.kpis(['N1', 'N9']);
      expect(kpis).toEqual([
        {
          id: 'N1',
          title: 'Elever i åk 9',
          description: 'Om Elever i åk 9',
          isDividedByGender: true,
          municipalityType: 'K',
          auspice: 'X',
          operatingArea: 'Skola',
          perspective: null,
          prelPublicationDate: null,
          publicationDate: '2026-03-01',
          publPeriod: '2025',
          origin: 'kolada',
          direction: 'higher',
          unit: '%',
        },
      ]);
      expect(await repo.kpis([])).toEqual([]);
      expect(await repo.findKpis('BEHÖRIGA LÄRARE', 10)).toEqual([{ id: 'N2', title: 'Behöriga lärare' }]);
      expect(await repo.findKpis('ELEVER', 10)).toEqual([{ id: 'N1', title: 'Elever i åk 9' }]);
      expect((await repo.findKpis('n', 10)).map((k) => k.id)).toEqual(['N1', 'N2', 'U10']);
      expect((await repo.findKpis('n', 1)).map((k) => k.id)).toEqual(['N1']);
      expect((await repo.findKpis('u1', 10)).map((k) => k.id)).toEqual(['U10']);
      expect((await repo.findKpis('100%', 10)).map((k) => k.id)).toEqual(['U10']);
      expect((await repo.findKpis('a_d', 10)).map((k) => k.id)).toEqual([]);
    });

    it('reads values at given keys, without tombstones; nothing when a key set is empty', async () => {
      const q = {
        kpis: ['N1', 'N2'],
        municipalities: ['1280', '0180', '0012'],
        periods: [2022],
        genders: ['T' as Gender],
      };
      const points = await repo.valuesAt(q);
      expect(sorted(points)).toEqual(['N1/0180/2022/T=null', 'N1/1280/2022/T=12', 'N2/1280/2022/T=50']);
      expect(points.find((p) => p.value === null)).toEqual({
        kpi: 'N1',
        municipality: '0180',
        period: 2022,
        gender: 'T',
        value: null,
        status: 'Saknas',
      });
      expect(sorted(await repo.valuesAt({ ...q, kpis: ['N2'] }))).toEqual(['N2/1280/2022/T=50']);
      expect(sorted(await repo.valuesAt({ ...q, municipalities: ['0180'] }))).toEqual([
        'N1/0180/2022/T=null',
      ]);
      expect(sorted(await repo.valuesAt({ ...q, periods: [2021] }))).toEqual(['N1/1280/2021/T=10']);
      expect(sorted(await repo.valuesAt({ ...q, genders: ['K'] }))).toEqual(['N1/1280/2022/K=13']);
      for (const empty of ['kpis', 'municipalities', 'periods', 'genders'] as const)
        expect(await repo.valuesAt({ ...q, [empty]: [] })).toEqual([]);
    });

    it('reads series from a year on, and every value of one KPI and gender', async () => {
      const q = { kpis: ['N1'], municipalities: ['1280', '0180', '0012'], genders: ['T' as Gender] };
      expect(sorted(await repo.series(q))).toEqual([
        'N1/0180/2020/T=8',
        'N1/0180/2022/T=null',
        'N1/1280/2021/T=10',
        'N1/1280/2022/T=12',
      ]);
      expect(sorted(await repo.series({ ...q, fromPeriod: 2021 }))).toEqual([
        'N1/0180/2022/T=null',
        'N1/1280/2021/T=10',
        'N1/1280/2022/T=12',
      ]);
      expect(sorted(await repo.series({ ...q, kpis: ['N2'], genders: ['T', 'K'] }))).toEqual([
        'N2/1280/2022/T=50',
      ]);
      expect(sorted(await repo.series({ ...q, municipalities: ['1280'], genders: ['K'] }))).toEqual([
        'N1/1280/2022/K=13',
      ]);
      for (const empty of ['kpis', 'municipalities', 'genders'] as const)
        expect(await repo.series({ ...q, [empty]: [] })).toEqual([]);

      const all = await repo.kpiValues('N1', 'T');
      expect(sorted(all)).toEqual([
        'N1/0180/2020/T=8',
        'N1/0180/2022/T=null',
        'N1/1280/2021/T=10',
        'N1/1280/2022/T=12',
      ]);
      expect(all.find((p) => p.period === 2020)).toEqual({
        kpi: 'N1',
        municipality: '0180',
        period: 2020,
        gender: 'T',
        value: 8,
        status: '',
      });
      expect(all.find((p) => p.value === null)?.status).toBe('Saknas');
    });
  });
}
