/**
 * The analyses' cache keeps one year's values per KPI, year *and gender*, on every backend: women's,
 * men's and total values of the same KPI and year are three answers, whichever is read first.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/dialects.js';
import { createTempStore, type TempStore } from '../../../test/support/temp-store.js';
import { importFiles } from '../../import/import.service.js';
import { CachedAnalysisReads } from './cached-analysis-reads.js';

const KOMMUNER = ['1001', '1002', '1003'];
// Distinct per gender, so any mix-up shows: T = 10·i, K = 10·i + 1, M = 10·i + 2.
const GENDER_OFFSET = { T: 0, K: 1, M: 2 } as const;

for (const dialect of DIALECTS) {
  describe(`analysis cache by gender (${dialect})`, () => {
    let temp: TempStore;
    beforeAll(async () => {
      temp = await createTempStore(dialect);
      const dir = mkdtempSync(join(tmpdir(), 'etablera-cache-gender-'));
      try {
        writeFileSync(
          join(dir, 'municipality.json'),
          JSON.stringify({ values: KOMMUNER.map((id) => ({ id, title: `Kommun ${id}`, type: 'K' })) }),
        );
        writeFileSync(
          join(dir, 'kpi.json'),
          JSON.stringify({ values: [{ id: 'N9G', title: 'Nyckeltal N9G', is_divided_by_gender: true }] }),
        );
        const rows = KOMMUNER.flatMap((m, i) =>
          (['T', 'K', 'M'] as const).map((g) => `N9G,${m},2022,${g},${10 * (i + 1) + GENDER_OFFSET[g]}`),
        );
        writeFileSync(join(dir, 'values.csv'), ['kpi,municipality,period,gender,value', ...rows].join('\n'));
        await importFiles(
          temp.store,
          ['municipality.json', 'kpi.json', 'values.csv'].map((f) => join(dir, f)),
        );
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
    afterAll(() => temp?.destroy());

    it('answers each gender with its own values, whichever was read first', async () => {
      const store = temp.store.repositories.analysis;
      const reads = new CachedAnalysisReads(
        store,
        () => temp.store.repositories.storeMeta.dataVersion(),
        1 << 20,
      );
      for (const order of [
        ['T', 'K', 'M'],
        ['M', 'T', 'K'],
      ] as const) {
        for (const gender of order) {
          const cached = await reads.values('N9G', 2022, gender);
          expect(Object.fromEntries(cached)).toEqual(
            Object.fromEntries(await store.values('N9G', 2022, gender)),
          );
          expect(cached.get('1002')).toBe(20 + GENDER_OFFSET[gender]);
        }
      }
    });
  });
}
