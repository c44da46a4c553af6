/**
 * "Förväntat värde" on a small hand-made store, on every backend: the residual table is ordered
 * largest positive deviation first, with the figures of a simple regression computed here by hand,
 * and kommuner lacking a value are listed instead of imputed.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/dialects.js';
import { createTempStore, type TempStore } from '../../../test/support/temp-store.js';
import { importFiles } from '../../import/import.service.js';
import { expectedValues } from './expected-value.service.js';

// y against x for six kommuner; 1007 lacks y, and the region 0001 is not a kommun.
const X = { '1001': 1, '1002': 2, '1003': 3, '1004': 4, '1005': 5, '1006': 6, '1007': 7 };
const Y = { '1001': 3, '1002': 4.5, '1003': 7.2, '1004': 7.9, '1005': 11.5, '1006': 11.8, '0001': 99 };

async function loadSmallStore(temp: TempStore): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'etablera-expected-'));
  try {
    const kommuner = Object.keys(X).map((id) => ({ id, title: `Kommun ${id}`, type: 'K' }));
    const files = {
      'municipality.json': { values: [{ id: '0001', title: 'Region A', type: 'L' }, ...kommuner] },
      'kpi.json': {
        values: [
          { id: 'N9Y', title: 'Utfall', is_divided_by_gender: false },
          { id: 'N9X', title: 'Förklaring', is_divided_by_gender: false },
        ],
      },
    };
    for (const [name, content] of Object.entries(files))
      writeFileSync(join(dir, name), JSON.stringify(content));
    const rows = [
      ...Object.entries(X).map(([m, v]) => `N9X,${m},2022,T,${v}`),
      ...Object.entries(Y).map(([m, v]) => `N9Y,${m},2022,T,${v}`),
    ];
    writeFileSync(join(dir, 'values.csv'), ['kpi,municipality,period,gender,value', ...rows].join('\n'));
    await importFiles(
      temp.store,
      [...Object.keys(files), 'values.csv'].map((f) => join(dir, f)),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Residuals of y = a + b·x by the textbook formulas. */
function handResiduals(): Map<string, number> {
  const ids = Object.keys(X).filter((id) => id in Y);
  const xs = ids.map((id) => X[id as keyof typeof X]);
  const ys = ids.map((id) => Y[id as keyof typeof Y]);
  const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
  const [mx, my] = [mean(xs), mean(ys)];
  const b =
    xs.reduce((a, x, i) => a + (x - mx) * (ys[i]! - my), 0) / xs.reduce((a, x) => a + (x - mx) ** 2, 0);
  return new Map(ids.map((id, i) => [id, ys[i]! - (my - b * mx) - b * xs[i]!]));
}

for (const dialect of DIALECTS) {
  describe(`${dialect}: expected values`, () => {
    let temp: TempStore;
    beforeAll(async () => {
      temp = await createTempStore(dialect);
      await loadSmallStore(temp);
    });
    afterAll(() => temp?.destroy());

    it('lists kommuner by residual, largest positive deviation first, and those left out', async () => {
      const report = await expectedValues(temp.store.repositories.analysis, {
        outcome: 'N9Y',
        predictors: ['N9X'],
        year: 2022,
      });
      const residuals = handResiduals();
      const expectedOrder = [...residuals].sort((a, b) => b[1] - a[1]).map(([id]) => id);
      expect(report.municipalities.map((m) => m.id)).toEqual(expectedOrder);
      // Both signs occur, so a reversed table cannot pass.
      expect(report.municipalities[0]!.residual).toBeGreaterThan(0);
      expect(report.municipalities.at(-1)!.residual).toBeLessThan(0);
      for (const m of report.municipalities) {
        expect(m.residual).toBeCloseTo(residuals.get(m.id)!, 10);
        expect(m.expected).toBeCloseTo(m.actual - m.residual, 10);
        expect(m.title).toBe(`Kommun ${m.id}`);
      }
      expect(report.n).toBe(6);
      expect(report.leftOut).toEqual([{ id: '1007', title: 'Kommun 1007', missing: ['N9Y'] }]);
    });
  });
}
