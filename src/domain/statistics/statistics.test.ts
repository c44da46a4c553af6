import fc from 'fast-check';
import { expect, describe as group, it } from 'vitest';
import { describe, describeSorted } from './distribution.js';
import { histogram } from './histogram.js';
import { unweightedMean } from './mean.js';
import { quantileSorted } from './quantile.js';
import { percentileOfRank, rankOrder, rankValues } from './rank.js';

group('quantiles (R type 7)', () => {
  it('matches hand-computed cases', () => {
    // n = 5: q1 at index (5−1)·0.25 = 1 → 2; q3 at index 3 → 7.
    expect([0.25, 0.5, 0.75].map((p) => quantileSorted([1, 2, 4, 7, 9], p))).toEqual([2, 4, 7]);
    // n = 4: q1 at index 0.75 → 1 + 0.75·(2 − 1) = 1.75; q3 at 2.25 → 3 + 0.25·(10 − 3) = 4.75.
    expect([0.25, 0.5, 0.75].map((p) => quantileSorted([1, 2, 3, 10], p))).toEqual([1.75, 2.5, 4.75]);
    // n = 6, where the nearest-rank methods disagree with type 7: index 1.25 → 2.25, 3.75 → 4.75.
    expect([0.25, 0.75].map((p) => quantileSorted([1, 2, 3, 4, 5, 6], p))).toEqual([2.25, 4.75]);
  });

  it('refuses an empty set', () => {
    expect(() => quantileSorted([], 0.5)).toThrow(RangeError);
  });
});

group('describe', () => {
  it('summarises a distribution: five numbers, mean and sample standard deviation', () => {
    // Sorted: 1 2 4 7 9; mean 4.6; deviations² sum 45.2; variance 45.2/4 = 11.3.
    const d = describe([7, 1, 9, 4, 2])!;
    expect(d).toMatchObject({ n: 5, min: 1, q1: 2, median: 4, q3: 7, max: 9 });
    expect(d.mean).toBeCloseTo(4.6, 12);
    expect(d.sd).toBeCloseTo(Math.sqrt(11.3), 12);
  });

  it('ignores values that are not finite, has no sd for one value and nothing for none', () => {
    expect(describe([3, Number.NaN, Number.POSITIVE_INFINITY])).toMatchObject({ n: 1, median: 3, sd: null });
    expect(describe([])).toBeNull();
    expect(() => describeSorted([])).toThrow(RangeError);
  });

  it('does not depend on the order of the values and keeps min ≤ q1 ≤ median ≤ q3 ≤ max', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1 }), (values) => {
        const a = describe(values)!;
        const b = describe([...values].reverse())!;
        expect([b.q1, b.median, b.q3]).toEqual([a.q1, a.median, a.q3]);
        expect(b.mean).toBeCloseTo(a.mean, 6);
        expect(a.min).toBeLessThanOrEqual(a.q1);
        expect(a.q1).toBeLessThanOrEqual(a.median);
        expect(a.median).toBeLessThanOrEqual(a.q3);
        expect(a.q3).toBeLessThanOrEqual(a.max);
      }),
    );
  });
});

group('rankValues', () => {
  const entries = (values: (number | null)[]) => values.map((value, i) => ({ id: `m${i}`, value }));
  const rankOfEach = (ranked: { id: string; rank: number }[]) =>
    Object.fromEntries(ranked.map((r) => [r.id, r.rank]));

  it('ranks largest first, or smallest first in ascending order', () => {
    expect(rankOfEach(rankValues(entries([10, 30, 20])))).toEqual({ m0: 3, m1: 1, m2: 2 });
    expect(rankOfEach(rankValues(entries([10, 30, 20]), 'ascending'))).toEqual({ m0: 1, m1: 3, m2: 2 });
  });

  it('gives ties the better rank, skips after them, and mid-rank percentiles', () => {
    const ranked = rankValues(entries([5, 9, 5, 1]));
    expect(ranked.map((r) => [r.id, r.rank, r.percentile])).toEqual([
      ['m1', 1, (100 * 3.5) / 4],
      ['m0', 2, 50],
      ['m2', 2, 50],
      ['m3', 4, (100 * 0.5) / 4],
    ]);
  });

  it('leaves entries without a finite value unranked and counts only the others', () => {
    const ranked = rankValues(entries([5, null, 3, Number.NaN]));
    expect(ranked.map((r) => [r.id, r.rank, r.of])).toEqual([
      ['m0', 1, 2],
      ['m2', 2, 2],
    ]);
  });

  it('gives each entry rank 1 + the number strictly better, and the share ranked below as percentile', () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.integer({ min: 0, max: 5 }), { nil: null })),
        fc.constantFrom('ascending' as const, 'descending' as const),
        (values, order) => {
          const list = entries(values);
          const present = list.filter((e) => e.value !== null) as { id: string; value: number }[];
          const better = (a: number, b: number) => (order === 'descending' ? a > b : a < b);
          for (const r of rankValues(list, order)) {
            const above = present.filter((e) => better(e.value, r.value)).length;
            const below = present.filter((e) => better(r.value, e.value)).length;
            expect(r.rank).toBe(1 + above);
            expect(r.percentile).toBeCloseTo(
              (100 * (below + (present.length - above - below) / 2)) / present.length,
              9,
            );
          }
        },
      ),
    );
  });

  it('orders by the KPI direction: ascending only where lower is better', () => {
    expect([rankOrder('lower'), rankOrder('higher'), rankOrder('neither'), rankOrder(null)]).toEqual([
      'ascending',
      'descending',
      'descending',
      'descending',
    ]);
    expect(percentileOfRank(1, 1, 4)).toBe(87.5);
  });
});

group('unweightedMean and histogram', () => {
  it('takes the unweighted mean of the members with a value and counts them', () => {
    expect(unweightedMean([1, null, 2, undefined, 6])).toEqual({ value: 3, count: 3, members: 5 });
    expect(unweightedMean([null])).toEqual({ value: null, count: 0, members: 1 });
  });

  it('bins values into equal-width bins (Sturges) with every value counted once', () => {
    const bins = histogram([1, 2, 2, 3, 4, 5, 9]);
    expect(bins.length).toBe(Math.ceil(Math.log2(7) + 1));
    expect(bins.reduce((s, b) => s + b.count, 0)).toBe(7);
    expect(bins[0]!.from).toBe(1);
    expect(bins.at(-1)!.to).toBe(9);
    expect(histogram([2, 2])).toEqual([{ from: 2, to: 2, count: 2 }]);
    expect(histogram([])).toEqual([]);
  });
});
