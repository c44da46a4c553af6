/**
 * Kolada metadata as the store writes it (MetadataWriter: upserts, whole member lists, batches) and
 * reads it (MetadataRepository: id lists, folded title search, filters, pages), on both backends.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/dialects.js';
import { createTempStore, type TempStore } from '../../../test/support/temp-store.js';
import { MetadataWriter } from '../bulk/metadata-writer.js';
import type { KpiRow } from '../metadata-rows.js';
import { foldTitle, type MetadataRepository } from './metadata.repository.js';

function kpi(id: string, title: string, more: Partial<KpiRow> = {}): KpiRow {
  return {
    id,
    title,
    description: null,
    is_divided_by_gender: 0,
    municipality_type: 'K',
    auspice: null,
    operating_area: null,
    perspective: null,
    prel_publication_date: null,
    publication_date: null,
    publ_period: null,
    has_ou_data: null,
    ou_publication_date: null,
    ...more,
  };
}

const all = { limit: 100, offset: 0 };
const ids = (page: { rows: { id: string }[] }) => page.rows.map((r) => r.id);

describe('foldTitle', () => {
  it('folds ASCII and the Swedish and Latin-1 capitals, and nothing else', () => {
    expect(foldTitle('ÅÄÖ ÉÈÊË ÜÆØ ÁÀÂ ÍÌÎÏ ÓÒÔ ÚÙÛ ÑÇÝ AZ')).toBe('åäö éèêë üæø áàâ íìîï óòô úùû ñçý az');
    // Capitals outside the table (Polish Ł, Greek Σ) stay as they are, as in SQL.
    expect(foldTitle('ŁΣ åz-09')).toBe('ŁΣ åz-09');
  });
});

for (const dialect of DIALECTS) {
  describe(`metadata on ${dialect}`, () => {
    let temp: TempStore;
    let meta: MetadataRepository;
    let writer: MetadataWriter;

    beforeAll(async () => {
      temp = await createTempStore(dialect);
      writer = new MetadataWriter(temp.store.db);
      meta = temp.store.repositories.metadata;
      await writer.upsertKpis(
        [
          kpi('N00002', 'Äldreomsorg, KOSTNAD per invånare', {
            description: 'Kostnad för ÄLDREOMSORG',
            operating_area: 'Äldreomsorg',
            has_ou_data: 1,
          }),
          kpi('N00001', 'Elever i åk 9', {
            description: 'Andel elever',
            operating_area: 'Grundskola',
            has_ou_data: 0,
          }),
          kpi('N00003', 'Invånare totalt', { operating_area: 'Befolkning' }),
        ],
        'kolada',
      );
      await writer.upsertMunicipalities([
        { id: '1280', title: 'Malmö', type: 'K' },
        { id: '0180', title: 'Stockholm', type: 'K' },
        { id: '0012', title: 'Region Skåne', type: 'L' },
        { id: '2584', title: 'Kiruna', type: 'K' },
      ]);
      await writer.upsertOus([
        { id: 'V15E128000301', municipality_id: '1280', title: 'Söderkulla skola' },
        { id: 'V15E018000201', municipality_id: '0180', title: 'Östermalmsskolan' },
      ]);
      await writer.replaceGroups('municipality', [
        {
          id: 'G2',
          title: 'Storstäder',
          members: [
            { id: '1280', title: 'Malmö' },
            { id: '0180', title: 'Stockholm' },
          ],
        },
        { id: 'G1', title: 'Norrland', members: [{ id: '2584', title: 'Kiruna' }] },
        { id: 'G3', title: 'Tom grupp', members: [] },
      ]);
      await writer.replaceGroups('kpi', [
        {
          id: 'K1',
          title: 'Äldreomsorg',
          members: [
            { id: 'N00002', title: 'Kostnad' },
            { id: 'N00001', title: 'Elever' },
          ],
        },
      ]);
    });
    afterAll(() => temp.destroy());

    it('describes KPIs whole, with 0/1 columns as booleans and OU data unknown as null', async () => {
      const page = await meta.kpis({}, all);
      expect(ids(page)).toEqual(['N00001', 'N00002', 'N00003']);
      expect(page.hasMore).toBe(false);
      expect(page.rows[1]).toEqual({
        id: 'N00002',
        title: 'Äldreomsorg, KOSTNAD per invånare',
        description: 'Kostnad för ÄLDREOMSORG',
        isDividedByGender: false,
        municipalityType: 'K',
        auspice: null,
        operatingArea: 'Äldreomsorg',
        perspective: null,
        prelPublicationDate: null,
        publicationDate: null,
        publPeriod: null,
        origin: 'kolada',
        hasOuData: true,
        ouPublicationDate: null,
      });
      expect(page.rows.map((r) => r.hasOuData)).toEqual([false, true, null]);
    });

    it('searches titles, descriptions and operating areas folded the same on both backends', async () => {
      expect(ids(await meta.kpis({ title: 'äldreOMSORG, kostnad' }, all))).toEqual(['N00002']);
      expect(ids(await meta.kpis({ title: 'ÅK 9' }, all))).toEqual(['N00001']);
      expect(ids(await meta.kpis({ title: 'invånare' }, all))).toEqual(['N00002', 'N00003']);
      expect(ids(await meta.kpis({ description: 'äldreomsorg' }, all))).toEqual(['N00002']);
      expect(ids(await meta.kpis({ operatingArea: 'GRUNDSKOLA' }, all))).toEqual(['N00001']);
      expect(ids(await meta.kpis({ operatingArea: 'skola', title: 'elever' }, all))).toEqual(['N00001']);
      expect(ids(await meta.kpis({ description: 'saknas' }, all))).toEqual([]);
      expect(ids(await meta.municipalities({ title: 'MALMÖ' }, all))).toEqual(['1280']);
      expect(ids(await meta.ous({ title: 'östermalm' }, all))).toEqual(['V15E018000201']);
      expect(ids(await meta.ous({ title: 'SÖDER' }, all))).toEqual(['V15E128000301']);
    });

    it('reads by id list, where an empty list matches nothing', async () => {
      expect(ids(await meta.kpis({ ids: ['N00003', 'N00001', 'X'] }, all))).toEqual(['N00001', 'N00003']);
      expect(ids(await meta.kpis({ ids: [] }, all))).toEqual([]);
      expect(ids(await meta.municipalities({ ids: ['0012'] }, all))).toEqual(['0012']);
    });

    it('pages in id order and says whether more follow', async () => {
      expect(await meta.municipalities({}, { limit: 2, offset: 1 })).toEqual({
        rows: [
          { id: '0180', title: 'Stockholm', type: 'K' },
          { id: '1280', title: 'Malmö', type: 'K' },
        ],
        hasMore: true,
      });
      const last = await meta.municipalities({}, { limit: 2, offset: 2 });
      expect([ids(last), last.hasMore]).toEqual([['1280', '2584'], false]);
      const exact = await meta.kpis({}, { limit: 3, offset: 0 });
      expect([exact.rows.length, exact.hasMore]).toEqual([3, false]);
    });

    it('filters municipalities by type and OUs by municipality', async () => {
      expect(ids(await meta.municipalities({ types: ['L'] }, all))).toEqual(['0012']);
      expect(ids(await meta.municipalities({ types: [] }, all))).toEqual([]);
      expect(await meta.ous({ municipalities: ['1280'] }, all)).toEqual({
        rows: [{ id: 'V15E128000301', municipality: '1280', title: 'Söderkulla skola' }],
        hasMore: false,
      });
      expect(ids(await meta.ous({ municipalities: [] }, all))).toEqual([]);
    });

    it('lists groups with their members in the given order', async () => {
      expect(await meta.municipalityGroups({}, all)).toEqual({
        rows: [
          { id: 'G1', title: 'Norrland', members: [{ id: '2584', title: 'Kiruna' }] },
          {
            id: 'G2',
            title: 'Storstäder',
            members: [
              { id: '1280', title: 'Malmö' },
              { id: '0180', title: 'Stockholm' },
            ],
          },
          { id: 'G3', title: 'Tom grupp', members: [] },
        ],
        hasMore: false,
      });
      const page = await meta.municipalityGroups({ title: 'STOR' }, all);
      expect(ids(page)).toEqual(['G2']);
      const first = await meta.municipalityGroups({}, { limit: 1, offset: 0 });
      expect([ids(first), first.hasMore]).toEqual([['G1'], true]);
      expect(await meta.municipalityGroups({ ids: ['G9'] }, all)).toEqual({ rows: [], hasMore: false });
      expect(await meta.kpiGroups({}, all)).toEqual({
        rows: [
          {
            id: 'K1',
            title: 'Äldreomsorg',
            members: [
              { id: 'N00002', title: 'Kostnad' },
              { id: 'N00001', title: 'Elever' },
            ],
          },
        ],
        hasMore: false,
      });
    });

    it('tells which ids are municipality groups', async () => {
      expect(await meta.municipalityGroupIds(['G2', '1280', 'K1', 'G3'])).toEqual(new Set(['G2', 'G3']));
      expect(await meta.municipalityGroupIds([])).toEqual(new Set());
    });

    it('updates every column of a KPI, municipality and OU written again', async () => {
      const other = await createTempStore(dialect);
      try {
        const w = new MetadataWriter(other.store.db);
        await w.upsertKpis([kpi('N1', 'Gammal')], 'kolada');
        const updated = kpi('N1', 'Ny', {
          description: 'Beskrivning',
          is_divided_by_gender: 1,
          municipality_type: 'L',
          auspice: 'E',
          operating_area: 'Område',
          perspective: 'Resurser',
          prel_publication_date: '2026-01-01',
          publication_date: '2026-02-01',
          publ_period: '2025',
          has_ou_data: 1,
          ou_publication_date: '2026-03-01',
        });
        await w.upsertKpis([updated], 'local');
        const stored = await other.store.db.selectFrom('kpi').selectAll().execute();
        expect(stored).toEqual([{ ...updated, origin: 'local', direction: null, unit: null }]);

        await w.upsertMunicipalities([{ id: '1280', title: 'Malmö', type: 'K' }]);
        await w.upsertMunicipalities([{ id: '1280', title: 'Malmö stad', type: 'L' }]);
        await w.upsertMunicipalities([{ id: '1281', title: 'Lund', type: 'K' }]);
        expect(await other.store.db.selectFrom('municipality').selectAll().orderBy('id').execute()).toEqual([
          { id: '1280', title: 'Malmö stad', type: 'L' },
          { id: '1281', title: 'Lund', type: 'K' },
        ]);
        await w.upsertOus([{ id: 'V1', municipality_id: '1280', title: 'Skola' }]);
        await w.upsertOus([{ id: 'V1', municipality_id: '1281', title: 'Ny skola' }]);
        expect(await other.store.db.selectFrom('ou').selectAll().execute()).toEqual([
          { id: 'V1', municipality_id: '1281', title: 'Ny skola' },
        ]);
      } finally {
        await other.destroy();
      }
    });

    it('replaces member lists whole and writes more rows than one batch holds', async () => {
      const other = await createTempStore(dialect);
      try {
        const w = new MetadataWriter(other.store.db);
        const many = Array.from({ length: 901 }, (_, i) => ({
          id: `M${String(i).padStart(4, '0')}`,
          title: `Kommun ${i}`,
          type: 'K',
        }));
        await w.upsertMunicipalities(many);
        const groups = Array.from({ length: 401 }, (_, i) => ({
          id: `G${String(i).padStart(4, '0')}`,
          title: `Grupp ${i}`,
          members: i === 400 ? many.map((m) => ({ id: m.id, title: m.title })) : [],
        }));
        await w.replaceGroups('municipality', groups);
        const repo = other.store.repositories.metadata;
        expect((await repo.municipalities({}, { limit: 1000, offset: 0 })).rows).toHaveLength(901);
        const big = await repo.municipalityGroups({ ids: ['G0400'] }, all);
        expect(big.rows[0]?.members.map((m) => m.id)).toEqual(many.map((m) => m.id));
        expect((await repo.municipalityGroups({}, { limit: 1000, offset: 0 })).rows).toHaveLength(401);

        await w.replaceGroups('municipality', [
          { id: 'G0400', title: 'Omdöpt', members: [{ id: 'M0002', title: 'Två' }] },
        ]);
        expect((await repo.municipalityGroups({ ids: ['G0400'] }, all)).rows).toEqual([
          { id: 'G0400', title: 'Omdöpt', members: [{ id: 'M0002', title: 'Två' }] },
        ]);
        // Other groups keep theirs.
        expect((await repo.municipalityGroups({ ids: ['G0001'] }, all)).rows[0]?.title).toBe('Grupp 1');
        // KPI group members go to the KPI member table only.
        await w.upsertKpis([kpi('N1', 'Ett')], 'kolada');
        await w.replaceGroups('kpi', [
          { id: 'G0400', title: 'KPI-grupp', members: [{ id: 'N1', title: 'Ett' }] },
        ]);
        expect((await repo.kpiGroups({}, all)).rows).toEqual([
          { id: 'G0400', title: 'KPI-grupp', members: [{ id: 'N1', title: 'Ett' }] },
        ]);
        expect((await repo.municipalityGroups({ ids: ['G0400'] }, all)).rows[0]?.members).toEqual([
          { id: 'M0002', title: 'Två' },
        ]);
      } finally {
        await other.destroy();
      }
    });
  });
}
