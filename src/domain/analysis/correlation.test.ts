import fc from 'fast-check';
import { sampleCorrelation, sampleRankCorrelation } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { applyThresholds, correlate } from './correlation.js';

describe('correlate', () => {
  it('matches a hand-computed case', () => {
    // x 1 2 3 4 5, y 2 4 5 4 5: Sxy = 6, Sxx = 10, Syy = 6 → r = 6/√60
    // y sorted 2, 4, 4, 5, 5 → mid-ranks of y in input order: 1, 2.5, 4.5, 2.5, 4.5
    const pairs = [2, 4, 5, 4, 5].map((y, i) => ({ id: `m${i}`, x: i + 1, y }));
    const r = correlate(pairs);
    expect(r.n).toBe(5);
    expect(r.pearson).toBeCloseTo(6 / Math.sqrt(60), 12);
    // Pearson of ranks (1..5) and (1, 2.5, 4.5, 2.5, 4.5): Sxy = 4 + 0.5 + 0 − 0.5 + 3 = 7, Sxx = 10, Syy = 9
    expect(r.spearman).toBeCloseTo(7 / Math.sqrt(90), 12);
  });

  it('has coefficients from three pairs on', () => {
    // x 1 2 3, y 1 3 2: x̄ = ȳ = 2, Sxy = 1·1 + 0·1 + 1·0 = 1, Sxx = Syy = 2 → r = 0.5; the ranks are the values.
    const three = correlate([1, 3, 2].map((y, i) => ({ id: `m${i}`, x: i + 1, y })));
    expect(three.n).toBe(3);
    expect(three.pearson).toBeCloseTo(0.5, 12);
    expect(three.spearman).toBeCloseTo(0.5, 12);
    expect(correlate([1, 3].map((y, i) => ({ id: `m${i}`, x: i + 1, y })))).toEqual({
      n: 2,
      pearson: null,
      spearman: null,
    });
  });

  it('computes over the pairs in id order, to the last bit, whatever order they come in', () => {
    // Sums of these decimals round differently in another order: in reverse order Pearson's r ends in
    // …5217 instead of …52174. x̄ = 3.52, ȳ = 4.24, Sxy = −14.714, Sxx = 55.948, Syy = 31.892.
    const xs = [0, 2.6, 5.1, 9.2, 0.7];
    const ys = [4.4, 0.9, 3.6, 3.6, 8.7];
    const pairs = xs.map((x, i) => ({ id: `m${i + 1}`, x, y: ys[i]! }));
    const inIdOrder = { pearson: sampleCorrelation(xs, ys), spearman: sampleRankCorrelation(xs, ys) };
    expect(inIdOrder.pearson).toBeCloseTo(-14.714 / Math.sqrt(55.948 * 31.892), 12);
    expect(sampleCorrelation([...xs].reverse(), [...ys].reverse())).not.toBe(inIdOrder.pearson);
    for (const order of [
      [0, 1, 2, 3, 4],
      [4, 3, 2, 1, 0],
      [2, 0, 4, 1, 3],
      [3, 4, 0, 2, 1],
    ])
      expect(correlate(order.map((i) => pairs[i]!)), order.join()).toEqual({ n: 5, ...inIdOrder });
  });

  it('gives no coefficient for fewer than three pairs or a constant variable', () => {
    expect(correlate([{ id: 'a', x: 1, y: 2 }])).toEqual({ n: 1, pearson: null, spearman: null });
    const constant = correlate([1, 2, 3].map((x, i) => ({ id: `m${i}`, x, y: 7 })));
    expect(constant).toEqual({ n: 3, pearson: null, spearman: null });
  });

  it('does not depend on the order of the municipalities and is symmetric', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: -50, max: 50 }), fc.integer({ min: -50, max: 50 })), {
          minLength: 3,
        }),
        (raw) => {
          const pairs = raw.map(([x, y], i) => ({ id: `m${i}`, x, y }));
          const a = correlate(pairs);
          const b = correlate([...pairs].reverse());
          const swapped = correlate(pairs.map((p) => ({ id: p.id, x: p.y, y: p.x })));
          expect(b).toEqual(a);
          if (a.pearson !== null) expect(swapped.pearson).toBeCloseTo(a.pearson, 12);
          if (a.spearman !== null) expect(swapped.spearman).toBeCloseTo(a.spearman, 12);
        },
      ),
    );
  });
});

describe('applyThresholds', () => {
  it('keeps municipalities strictly above/below and reports those left out, missing ones included', () => {
    const values: Record<string, number> = { a: 10, b: 20, c: 30 };
    const { kept, excluded } = applyThresholds(
      ['a', 'b', 'c', 'd'],
      [
        { kpi: 'k', comparison: 'over', value: 10 },
        { kpi: 'k', comparison: 'under', value: 30 },
      ],
      (_kpi, id) => values[id],
    );
    expect(kept).toEqual(['b']);
    expect(excluded).toEqual([
      { id: 'a', kpi: 'k', reason: 'outside' },
      { id: 'c', kpi: 'k', reason: 'outside' },
      { id: 'd', kpi: 'k', reason: 'missing' },
    ]);
  });
});
