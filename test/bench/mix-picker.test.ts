/**
 * The mix bench's drawing (bench/mix/mix.bench.ts): the expected-value analysis needs an outcome and a
 * predictor that differ (the page refuses a KPI that explains itself), so distinctKpis never repeats one.
 */
import { describe, expect, it } from 'vitest';
import { picker, seeded } from '../../bench/mix/mix.bench.js';
import { INTEGRATION_KPI_IDS } from '../../src/domain/integration-set.js';

describe('the mix bench picker', () => {
  it('draws different KPIs for one request, from the integration set', () => {
    for (let seed = 0; seed < 200; seed++) {
      const pick = picker(seeded(seed), ['0114']);
      const kpis = pick.distinctKpis(2);
      expect(new Set(kpis).size).toBe(2);
      for (const kpi of kpis) expect(INTEGRATION_KPI_IDS).toContain(kpi);
    }
  });

  it('refuses to draw more different KPIs than there are', () => {
    const pick = picker(seeded(1), ['0114']);
    expect(() => pick.distinctKpis(INTEGRATION_KPI_IDS.length + 1)).toThrow(/KPIs to draw from/);
  });
});
