import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../../test/support/dialects.js';
import { itFullData } from '../../../../test/support/real-data.js';
import { SHARED_DATA } from '../../../../test/support/shared-data.js';
import { createTempStore, type TempStore } from '../../../../test/support/temp-store.js';
import { TaxonomyRepository } from '../../../store/repositories/taxonomy.repository.js';
import { buildSnapshotParts } from './build-snapshot.js';
import { encodeSnapshot, SNAPSHOT_FILE } from './snapshot.js';
import { importTaxonomyFiles, loadBundledTaxonomy } from './taxonomy-loader.js';

// Through SHARED_DATA, so that a copy of the checkout elsewhere (Stryker's sandbox) finds it too.
const SHARED = join(SHARED_DATA, 'process');

/** The counts SOURCES.md gives for the shared files (current, not deprecated, concepts). */
const SOURCES_COUNTS: Record<string, number> = {
  'occupation-name': 2412,
  skill: 6657,
  'ssyk-level-1': 10,
  'ssyk-level-2': 46,
  'ssyk-level-3': 147,
  'ssyk-level-4': 400,
  'isco-level-4': 436,
  language: 470,
  'driving-licence': 15,
  country: 250,
  keyword: 1484,
  'sun-education-level-1': 7,
  'sun-education-level-2': 14,
  'sun-education-level-3': 50,
  'sun-education-field-1': 10,
  'sun-education-field-2': 26,
  'sun-education-field-3': 118,
  'sun-education-field-4': 377,
  'sni-level-1': 21,
  'sni-level-2': 88,
  'sni-level-3': 272,
  'sni-level-4': 615,
  'sni-level-5': 821,
  'occupation-experience-year': 5,
};

describe('bundled snapshot', () => {
  it('is small enough to commit', () => {
    expect(readFileSync(SNAPSHOT_FILE).length).toBeLessThan(3_000_000);
  });

  itFullData(
    'is what the build script makes from ../shared/data/process',
    async () => {
      const built = gzipSync(JSON.stringify(encodeSnapshot(await buildSnapshotParts(SHARED))), { level: 9 });
      expect(built.equals(readFileSync(SNAPSHOT_FILE))).toBe(true);
    },
    120_000,
  );
});

for (const dialect of DIALECTS) {
  describe(`taxonomy loading (${dialect})`, () => {
    let temp: TempStore;
    let repo: TaxonomyRepository;
    const dir = mkdtempSync(join(tmpdir(), 'taxonomy-files-'));
    const file = (name: string, content: unknown) => {
      const path = join(dir, name);
      writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
      return path;
    };
    const currentCounts = async () =>
      Object.fromEntries((await repo.countsByType()).filter((r) => !r.deprecated).map((r) => [r.type, r.n]));

    beforeAll(async () => {
      temp = await createTempStore(dialect);
      repo = new TaxonomyRepository(temp.store.db);
      await loadBundledTaxonomy(temp.store);
    }, 120_000);
    afterAll(() => temp.destroy());

    it('gives exactly the counts of SOURCES.md', async () => {
      const counts = await currentCounts();
      for (const [type, n] of Object.entries(SOURCES_COUNTS)) expect([type, counts[type]]).toEqual([type, n]);
      expect(await repo.countRelations('related', 'ssyk-level-4', 'skill')).toBe(17_517);
      expect(await repo.countRelations('related', 'ssyk-level-4', 'isco-level-4')).toBe(565);
      expect(await repo.countRelations('substitutes', 'occupation-name', 'occupation-name')).toBe(8_324);
      expect(await repo.countRelations('broader', 'occupation-name', 'ssyk-level-4')).toBe(2_412);
      expect(await repo.countRelations('related', 'keyword', 'sun-education-field-4')).toBe(1_443);
      expect(await repo.countRelations('related', 'keyword', 'occupation-name')).toBe(170);
      expect(await repo.countRelations('related', 'keyword', 'skill')).toBe(8);
      expect(await repo.countRelations('related', 'keyword', 'employment-type')).toBe(9);
      expect(await repo.countRelations('related', 'occupation-collection', 'occupation-name')).toBe(112);
      expect((await repo.versions()).at(-1)?.counts['occupation-name']).toBe(2412);
      // ESCO: 2,942 occupations, each with an English and an Arabic name.
      expect((await repo.versions()).at(-1)?.counts.escoOccupations).toBe(2942);
      // Yrkesprognoser: 424 national rows (212 SSYK groups × 2 years), 174 × 61 regional rows, 290 kommuner.
      expect(await repo.demandCounts()).toEqual({ forecasts: 424, regional: 10_614, regions: 290 });
    });

    it('resolves an occupation name deprecated since 2020 with its old label', async () => {
      const [old] = await repo.concepts(['15DU_axL_nRT']);
      expect(old).toMatchObject({ type: 'occupation-name', label: 'Klottersanerare', deprecated: 1 });
    });

    it('imports the published JSON shape, keeping what a file omits and recording deprecation', async () => {
      const report = await importTaxonomyFiles(
        temp.store,
        [
          file('update.json', {
            data: {
              concepts: [
                {
                  id: 'GQSf_fnq_kjF',
                  type: 'occupation-name',
                  preferred_label: 'Truckförare',
                  deprecated: true,
                  replaced_by: [{ id: 'NEW1_abc_def' }],
                },
                {
                  id: 'NEW1_abc_def',
                  type: 'occupation-name',
                  preferred_label: 'Truckförare, ny',
                  alternative_labels: ['Gaffeltruckförare'],
                },
              ],
            },
          }),
        ],
        '2026-01',
      );
      expect(report).toMatchObject({ concepts: 2, deprecated: 1, labels: 1 });
      const [old] = await repo.concepts(['GQSf_fnq_kjF']);
      expect(old).toMatchObject({ label: 'Truckförare', deprecated: 1, replaced_by: 'NEW1_abc_def' });
      expect((await repo.versions()).at(-1)?.version).toBe('2026-01');
      // Relations from the snapshot stay: the file said nothing about them.
      expect(await repo.countRelations('broader', 'occupation-name', 'ssyk-level-4')).toBe(2_412);
    });

    itFullData(
      'imports the shared dataset files themselves',
      async () => {
        const files = ['skills.json', 'languages.json', 'ssyk-level-4-groups-with-related-skills.json'].map(
          (f) => join(SHARED, 'jobtech-taxonomy', f),
        );
        const report = await importTaxonomyFiles(temp.store, files);
        expect(report.files.map((f) => f.concepts)).toEqual([6657, 470, 400]);
        expect(await repo.countRelations('related', 'ssyk-level-4', 'skill')).toBe(17_517);
      },
      60_000,
    );

    it.each([
      [
        {
          data: {
            concepts: [
              { id: 'A', type: 'skill', preferred_label: 'x' },
              { id: 7, type: 'skill' },
            ],
          },
        },
        'data.concepts[1].id',
        'expected string, got 7',
      ],
      [{ data: { concept: [] } }, 'data.concepts', 'expected required property, got nothing'],
      [
        {
          data: {
            concepts: [
              {
                id: 'A',
                type: 'skill',
                preferred_label: 'x',
                related: [{ id: 'B', type: 'skill', preferred_label: 5 }],
              },
            ],
          },
        },
        'data.concepts[0].related[0].preferred_label',
        'got 5',
      ],
      [
        { data: { concepts: [{ id: 'A', preferred_label: 'x' }] } },
        'data.concepts[0].type',
        'concept A has no type',
      ],
      ['{"data": {"concepts": [', '(top level)', 'not valid JSON'],
    ])(
      'rejects a malformed file with its path and what was wrong, writing nothing (%#)',
      async (content, path, problem) => {
        const before = { counts: await currentCounts(), versions: (await repo.versions()).length };
        const good = file('good.json', {
          data: { concepts: [{ id: 'GOOD_one_xyz', type: 'skill', preferred_label: 'Bra' }] },
        });
        const bad = file('bad.json', content);
        const error = await importTaxonomyFiles(temp.store, [good, bad]).catch((e: Error) => e);
        expect(error).toBeInstanceOf(Error);
        expect((error as Error).message).toContain(`bad.json: ${path}`);
        expect((error as Error).message).toContain(problem);
        expect(await repo.concepts(['GOOD_one_xyz'])).toEqual([]);
        expect({ counts: await currentCounts(), versions: (await repo.versions()).length }).toEqual(before);
      },
    );

    it('names a file it cannot read', async () => {
      await expect(importTaxonomyFiles(temp.store, [join(dir, 'missing.json')])).rejects.toThrow(
        /missing\.json: cannot be read \(ENOENT\)/,
      );
    });
  });
}
