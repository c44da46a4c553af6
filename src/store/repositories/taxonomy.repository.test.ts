import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/dialects.js';
import { createTempStore, type TempStore } from '../../../test/support/temp-store.js';
import { type TaxonomyLoad, TaxonomyRepository } from './taxonomy.repository.js';

const concept = (id: string, type: string, label: string, deprecated = 0) => ({
  id,
  type,
  label,
  definition: null,
  code: null,
  deprecated,
  replaced_by: null,
});

function load(overrides: Partial<TaxonomyLoad> = {}): TaxonomyLoad {
  return {
    source: 'test',
    version: 'v1',
    concepts: [
      concept('G1', 'ssyk-level-4', 'Truckförare'),
      concept('O1', 'occupation-name', 'Truckförare'),
      concept('S1', 'skill', 'Truckkort'),
    ],
    labels: [
      {
        concept_id: 'O1',
        lang: 'en',
        kind: 'related',
        label: 'forklift driver',
        source: 'esco',
        reviewed: 1,
      },
    ],
    relations: [
      { kind: 'broader', from_id: 'O1', to_id: 'G1', weight: null },
      { kind: 'related', from_id: 'G1', to_id: 'S1', weight: null },
    ],
    replaceLabelSources: ['esco'],
    counts: { concepts: 3 },
    ...overrides,
  };
}

for (const dialect of DIALECTS) {
  describe(`taxonomy repository (${dialect})`, () => {
    let temp: TempStore;
    let repo: TaxonomyRepository;
    beforeAll(async () => {
      temp = await createTempStore(dialect);
      repo = new TaxonomyRepository(temp.store.db);
    });
    afterAll(() => temp.destroy());

    it('writes a load with its version, labels and relations', async () => {
      expect(await repo.isEmpty()).toBe(true);
      await repo.writeLoad(load());
      expect(await repo.isEmpty()).toBe(false);
      expect((await repo.versions()).map((v) => [v.source, v.version, v.counts])).toEqual([
        ['test', 'v1', { concepts: 3 }],
      ]);
      expect(await repo.countRelations('related', 'ssyk-level-4', 'skill')).toBe(1);
      expect(await repo.countRelations('related', 'skill', 'ssyk-level-4')).toBe(0);
      expect((await repo.labels(['O1'])).map((l) => l.label)).toEqual(['forklift driver']);
      expect((await repo.relationsOf('G1')).map((r) => `${r.kind}:${r.from_id}>${r.to_id}`)).toEqual([
        'broader:O1>G1',
        'related:G1>S1',
      ]);
    });

    it('keeps a concept a later load omits, and records deprecation with its old label', async () => {
      await repo.writeLoad(
        load({
          version: 'v2',
          concepts: [
            { ...concept('O1', 'occupation-name', 'Truckförare', 1), replaced_by: 'O2' },
            concept('O2', 'occupation-name', 'Truckförare, lager'),
          ],
          labels: [
            {
              concept_id: 'O2',
              lang: 'en',
              kind: 'related',
              label: 'warehouse forklift driver',
              source: 'esco',
              reviewed: 1,
            },
          ],
          relations: [],
        }),
      );
      const [old] = await repo.concepts(['O1']);
      expect(old).toMatchObject({ label: 'Truckförare', deprecated: 1, replaced_by: 'O2' });
      expect((await repo.concepts(['S1'])).length).toBe(1);
      // The esco labels are replaced as a whole; relations of the first load stay.
      expect((await repo.labels(['O1', 'O2'])).map((l) => l.label)).toEqual(['warehouse forklift driver']);
      expect(await repo.countRelations('related', 'ssyk-level-4', 'skill')).toBe(1);
      expect(await repo.countsByType()).toEqual([
        { type: 'occupation-name', deprecated: 0, n: 1 },
        { type: 'occupation-name', deprecated: 1, n: 1 },
        { type: 'skill', deprecated: 0, n: 1 },
        { type: 'ssyk-level-4', deprecated: 0, n: 1 },
      ]);
    });

    it('writes nothing of a load that fails part-way', async () => {
      const before = await repo.versions();
      const broken = load({
        version: 'v3',
        concepts: [concept('NEW', 'skill', 'Ny')],
        // A label without text violates NOT NULL after the concepts were written.
        labels: [
          {
            concept_id: 'NEW',
            lang: 'en',
            kind: 'alt',
            label: null as unknown as string,
            source: 'x',
            reviewed: 1,
          },
        ],
      });
      await expect(repo.writeLoad(broken)).rejects.toThrow();
      expect(await repo.concepts(['NEW'])).toEqual([]);
      expect(await repo.versions()).toEqual(before);
    });

    it('replaces the demand tables and reads them by SSYK and kommun', async () => {
      await repo.writeLoad(
        load({
          version: 'v4',
          demand: {
            forecasts: [
              {
                ssyk_code: '8332',
                concept_id: 'G1',
                year: 2026,
                value: 4,
                text: 'Liten konkurrens',
                source: 'af',
              },
            ],
            regional: [
              {
                forecast_occupation_id: 'F1',
                region: 7,
                index_value: 3,
                national_short: null,
                national_long: null,
                source: 'af',
              },
            ],
            regions: [
              { kommun_code: '2580', kommun_name: 'Luleå', region: 7, region_name: 'Luleå', source: 'af' },
            ],
          },
        }),
      );
      expect((await repo.forecasts('8332')).map((f) => [f.year, f.value])).toEqual([[2026, 4]]);
      expect(await repo.labourRegion('2580')).toMatchObject({ region: 7, region_name: 'Luleå' });
      expect(await repo.labourRegion('9999')).toBeUndefined();
      expect(await repo.assessedInRegion(7)).toBe(1);
      expect(await repo.demandCounts()).toEqual({ forecasts: 1, regional: 1, regions: 1 });
    });
  });
}
