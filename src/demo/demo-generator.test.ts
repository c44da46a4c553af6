import { createHash } from 'node:crypto';
import { sampleCorrelation } from 'simple-statistics';
import { beforeAll, describe, expect, it } from 'vitest';
import { INTEGRATION_SET } from '../domain/integration-set.js';
import { DEMO_FIRST_YEAR, DEMO_LATEST_YEAR, type DemoData, generateDemoData } from './demo-generator.js';

function digest(data: DemoData): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify([data.municipalities, data.municipalityGroups, data.kpis]));
  for (const [kpi, rows] of data.values) hash.update(`${kpi}:${JSON.stringify(rows)}`);
  return hash.digest('hex');
}

let data: DemoData;
beforeAll(async () => {
  data = await generateDemoData();
});

/** Kommun totals of one KPI and year, by municipality. */
function totals(kpi: string, year: number): Map<string, number> {
  return new Map(
    (data.values.get(kpi) ?? [])
      .filter((r) => r.period === year && r.gender === 'T' && r.unit.length === 4 && !r.unit.startsWith('00'))
      .map((r) => [r.unit, r.value as number]),
  );
}

function correlation(a: string, b: string, year = 2022): number {
  const x = totals(a, year);
  const y = totals(b, year);
  const common = [...x.keys()].filter((k) => y.has(k));
  return sampleCorrelation(
    common.map((k) => x.get(k)!),
    common.map((k) => y.get(k)!),
  );
}

describe('demo data', () => {
  it('is deterministic: two generations are equal', async () => {
    expect(digest(await generateDemoData())).toBe(digest(data));
  });

  it('covers 290 kommuner, 21 regioner and Riket, the integration set and 2010 to the latest year', () => {
    const types = data.municipalities.map((m) => m.type);
    expect(types.filter((t) => t === 'K')).toHaveLength(290);
    expect(data.municipalities.filter((m) => m.type === 'L' && m.id !== '0000')).toHaveLength(21);
    expect(data.municipalities.some((m) => m.id === '0000' && m.title === 'Riket')).toBe(true);
    expect(data.kpis.map((k) => k.id).sort()).toEqual(INTEGRATION_SET.map((k) => k.id).sort());
    const years = new Set((data.values.get('N01951') ?? []).map((r) => r.period));
    expect(Math.min(...years)).toBe(DEMO_FIRST_YEAR);
    expect(Math.max(...years)).toBe(DEMO_LATEST_YEAR);
    expect(totals('N01951', 2022).size).toBe(290);
    for (const k of data.kpis) expect(k.description).toContain('DEMODATA');
  });

  it('keeps shares within 0–100 and counts non-negative, with gender splits that add up', () => {
    for (const kpi of INTEGRATION_SET) {
      for (const r of data.values.get(kpi.id) ?? []) {
        expect(r.value, `${kpi.id} ${r.unit} ${r.period}`).not.toBeNull();
        if (kpi.unit === '%' && !['N40014'].includes(kpi.id)) {
          expect(r.value!, kpi.id).toBeGreaterThanOrEqual(0);
          expect(r.value!, kpi.id).toBeLessThanOrEqual(100);
        }
        if (kpi.unit === 'ja/nej') expect([0, 1]).toContain(r.value);
      }
    }
    const population = data.values.get('N01951') ?? [];
    const stockholm = (g: string) =>
      population.find((r) => r.unit === '0180' && r.period === 2022 && r.gender === g)?.value;
    expect(stockholm('K')! + stockholm('M')!).toBe(stockholm('T'));
    expect(stockholm('T')!).toBeGreaterThan(300_000);
  });

  it("has the real data's correlations in direction, and the SKR model adds up", () => {
    expect(correlation('N02926', 'N01993')).toBeGreaterThan(0.1); // more foreign born, more asylum seekers
    expect(correlation('N00708', 'N00700')).toBeLessThan(-0.1); // unemployment against refugees in work
    expect(correlation('N00708', 'N00485')).toBeLessThan(-0.5); // …and the model's expectation
    expect(correlation('N01951', 'N18801')).toBeGreaterThan(0.5); // bigger kommun, more sfi students
    const outcome = totals('N00700', 2022);
    const expected = totals('N00485', 2022);
    // Each of the three is published with one decimal, so they add up to within two roundings.
    for (const [m, deviation] of totals('N00486', 2022)) {
      expect(Math.abs(deviation - (outcome.get(m)! - expected.get(m)!))).toBeLessThanOrEqual(0.1 + 1e-9);
    }
  });

  it('aggregates regions and Riket from their kommuner', () => {
    const riket = (data.values.get('N01951') ?? []).find(
      (r) => r.unit === '0000' && r.period === 2022 && r.gender === 'T',
    );
    const sum = [...totals('N01951', 2022).values()].reduce((a, b) => a + b, 0);
    expect(riket?.value).toBe(sum);
  });
});
