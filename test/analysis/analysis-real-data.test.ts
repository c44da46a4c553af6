/**
 * The analyses on the real Kolada data, each checked against a second implementation written here:
 * OLS by the normal equations (the product uses QR), Pearson by the textbook formula and Spearman by a
 * naive ranking, similarity by brute-force z-scores. Both backends.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { correlationAnalysis } from '../../src/domain/analysis/correlation.service.js';
import { expectedValues } from '../../src/domain/analysis/expected-value.service.js';
import { SKR_MODEL, similarityPreset } from '../../src/domain/analysis/presets.js';
import { similarMunicipalities } from '../../src/domain/analysis/similarity.service.js';
import type { Store } from '../../src/store/database.js';
import { DIALECTS } from '../support/dialects.js';
import { describeFullData, openRealStore } from '../support/real-data.js';

/** Values of a KPI for kommuner in a year (gender T), read directly for the second implementation. */
async function kommunValues(store: Store, kpi: string, year: number): Promise<Map<string, number>> {
  const rows = await store.db
    .selectFrom('value')
    .innerJoin('municipality', 'municipality.id', 'value.municipality_id')
    .select(['value.municipality_id', 'value.value'])
    .where('value.kpi_id', '=', kpi)
    .where('value.period', '=', year)
    .where('value.gender', '=', 'T')
    .where('value.is_deleted', '=', 0)
    .where('municipality.type', '=', 'K')
    .execute();
  return new Map(rows.filter((r) => r.value !== null).map((r) => [r.municipality_id, r.value as number]));
}

/** Solves A·x = b by Gaussian elimination with partial pivoting (small, dense, well-conditioned here). */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r]![col]!) > Math.abs(m[pivot]![col]!)) pivot = r;
    [m[col], m[pivot]] = [m[pivot]!, m[col]!];
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const f = m[r]![col]! / m[col]![col]!;
      for (let c = col; c <= n; c++) m[r]![c]! -= f * m[col]![c]!;
    }
  }
  return m.map((row, i) => row[n]! / row[i]!);
}

function naiveRanks(xs: number[]): number[] {
  // Average of 1-based positions of equal values: O(n²) on purpose, nothing shared with the product.
  return xs.map((x) => {
    const less = xs.filter((y) => y < x).length;
    const equal = xs.filter((y) => y === x).length;
    return less + (equal + 1) / 2;
  });
}

function pearson(xs: number[], ys: number[]): number {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i]! - mx) * (ys[i]! - my);
    sxx += (xs[i]! - mx) ** 2;
    syy += (ys[i]! - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

for (const dialect of DIALECTS) {
  describeFullData(`${dialect}: analyses on the real data`, () => {
    let store: Store;
    beforeAll(async () => {
      store = await openRealStore(dialect);
    });
    afterAll(() => store.close());

    it('the SKR model (N00700 on N00704–N00708, 2022) equals OLS by the normal equations', async () => {
      const report = await expectedValues(store.repositories.analysis, { outcome: 'N00700', year: 2022 });
      const ids = [SKR_MODEL.outcome, ...SKR_MODEL.predictors];
      const data = await Promise.all(ids.map((id) => kommunValues(store, id, 2022)));
      const complete = [...data[0]!.keys()].filter((m) => data.every((d) => d.has(m))).sort();
      expect(report.n).toBe(complete.length);
      expect(report.n + report.leftOut.length).toBe(290);
      const X = complete.map((m) => [1, ...data.slice(1).map((d) => d.get(m)!)]);
      const y = complete.map((m) => data[0]!.get(m)!);
      const p = X[0]!.length;
      const xtx = Array.from({ length: p }, (_, i) =>
        Array.from({ length: p }, (_, j) => X.reduce((a, row) => a + row[i]! * row[j]!, 0)),
      );
      const xty = Array.from({ length: p }, (_, i) => X.reduce((a, row, k) => a + row[i]! * y[k]!, 0));
      const beta = solve(xtx, xty);
      report.coefficients.forEach((c, i) => {
        expect(c.estimate).toBeCloseTo(beta[i]!, 6);
      });
      const fitted = X.map((row) => row.reduce((a, v, i) => a + v * beta[i]!, 0));
      const mean = y.reduce((a, b) => a + b, 0) / y.length;
      const rss = y.reduce((a, v, i) => a + (v - fitted[i]!) ** 2, 0);
      const tss = y.reduce((a, v) => a + (v - mean) ** 2, 0);
      expect(report.rSquared).toBeCloseTo(1 - rss / tss, 9);
      const byId = new Map(report.municipalities.map((m) => [m.id, m]));
      complete.forEach((m, i) => {
        expect(byId.get(m)?.expected).toBeCloseTo(fitted[i]!, 6);
      });
      // Residuals of a model with an intercept sum to zero.
      expect(Math.abs(report.municipalities.reduce((a, m) => a + m.residual, 0))).toBeLessThan(1e-6);
    });

    it('comes close to SKR’s published expected values (N00485) in every year they exist', async () => {
      for (let year = 2013; year <= 2022; year++) {
        const report = await expectedValues(store.repositories.analysis, { outcome: 'N00700', year });
        expect(report.published?.n).toBeGreaterThan(250);
        expect(report.published?.pearson).toBeGreaterThan(0.78);
        expect(report.published?.meanAbsoluteDifference).toBeLessThan(2.5);
      }
    });

    it('Pearson and Spearman of N00700 and N00708 (2022) equal a naive computation', async () => {
      const report = await correlationAnalysis(store.repositories.analysis, {
        x: 'N00700',
        y: 'N00708',
        year: 2022,
        highlight: '1282',
      });
      const x = await kommunValues(store, 'N00700', 2022);
      const y = await kommunValues(store, 'N00708', 2022);
      const both = [...x.keys()].filter((m) => y.has(m));
      const xs = both.map((m) => x.get(m)!);
      const ys = both.map((m) => y.get(m)!);
      expect(report.n).toBe(both.length);
      expect(report.pearson).toBeCloseTo(pearson(xs, ys), 10);
      expect(report.spearman).toBeCloseTo(pearson(naiveRanks(xs), naiveRanks(ys)), 10);
      expect(report.highlight).toMatchObject({ id: '1282', title: 'Landskrona', included: true });
      expect(report.points.length + report.missing.length).toBe(290);
    });

    it('similar kommuner to Landskrona (structure) equal a brute-force computation', async () => {
      const report = await similarMunicipalities(store.repositories.analysis, {
        municipality: '1282',
        year: 2022,
        limit: 10,
      });
      const preset = similarityPreset('struktur')!;
      const columns = new Map<string, Map<string, number>>();
      for (const k of preset.kpis) {
        const period = report.kpis.find((r) => r.id === k.id)!.period;
        columns.set(k.id, await kommunValues(store, k.id, period));
      }
      const kommuner = [...columns.get('N01951')!.keys()];
      const z = new Map<string, Map<string, number>>();
      for (const k of preset.kpis) {
        const raw = columns.get(k.id)!;
        const t = (v: number) => (k.transform === 'log' ? Math.log(v) : v);
        const vals = [...raw.values()].map(t);
        const mean = vals.reduce((a, b) => a + b, 0) / vals.length;
        const sd = Math.sqrt(vals.reduce((a, b) => a + (b - mean) ** 2, 0) / (vals.length - 1));
        z.set(k.id, new Map([...raw].map(([m, v]) => [m, (t(v) - mean) / sd])));
      }
      const distances = kommuner
        .filter((m) => m !== '1282' && preset.kpis.every((k) => columns.get(k.id)!.has(m)))
        .map((m) => ({
          m,
          d:
            preset.kpis.reduce(
              (a, k) => a + k.weight * Math.abs(z.get(k.id)!.get(m)! - z.get(k.id)!.get('1282')!),
              0,
            ) / preset.kpis.reduce((a, k) => a + k.weight, 0),
        }))
        .sort((a, b) => a.d - b.d);
      expect(report.similar.map((s) => s.id)).toEqual(distances.slice(0, 10).map((d) => d.m));
      report.similar.forEach((s, i) => {
        expect(s.index).toBeCloseTo(distances[i]!.d, 9);
      });
      expect(report.comparatorUrl).toBe(
        `/kommun/1282?ref=urval&urval=${report.similar.map((s) => s.id).join(',')}`,
      );
    });
  });
}
