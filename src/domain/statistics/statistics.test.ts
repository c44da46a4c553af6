import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeFinite, describeSorted, describeValues } from './describe.js';
import { histogram } from './histogram.js';
import { unweightedMean } from './mean.js';
import { percentileOfRank, rankValues } from './rank.js';

describe('describeValues', () => {
  it('matches a hand-computed case', () => {
    // Sorted: 1 2 4 7 9 ; mean 23/5 = 4.6; deviations² 12.96+6.76+0.36+5.76+19.36 = 45.2; var 45.2/4 = 11.3
    const d = describeValues([7, 1, 9, 4, 2]);
    expect(d.n).toBe(5);
    expect(d.min).toBe(1);
    expect(d.max).toBe(9);
    expect(d.mean).toBeCloseTo(4.6, 12);
    expect(d.median).toBe(4);
    // Type 7: q1 at index (5−1)·0.25 = 1 → 2; q3 at index 3 → 7
    expect(d.q1).toBe(2);
    expect(d.q3).toBe(7);
    expect(d.sd).toBeCloseTo(Math.sqrt(11.3), 12);
  });

  it('interpolates quartiles between order statistics', () => {
    // n = 4: q1 at index 0.75 → 1 + 0.75·(2 − 1) = 1.75; median 2.5; q3 at 2.25 → 3 + 0.25·(10 − 3) = 4.75
    const d = describeValues([10, 1, 3, 2]);
    expect(d.q1).toBeCloseTo(1.75, 12);
    expect(d.median).toBeCloseTo(2.5, 12);
    expect(d.q3).toBeCloseTo(4.75, 12);
  });

  it('has a sample standard deviation from two values on', () => {
    // Mean 3, squared deviations 1 + 1, divided by n − 1 = 1: variance 2.
    expect(describeValues([2, 4]).sd).toBeCloseTo(Math.SQRT2, 12);
    expect(describeFinite([null, 4, 2])).toMatchObject({ n: 2, sd: expect.closeTo(Math.SQRT2, 12) });
  });

  it('has no standard deviation for a single value and refuses an empty set', () => {
    expect(describeValues([3])).toMatchObject({ n: 1, min: 3, max: 3, median: 3, sd: null });
    expect(() => describeValues([])).toThrow(new RangeError('describeValues needs at least one value'));
    expect(() => describeSorted([])).toThrow(new RangeError('describeSorted needs at least one value'));
    expect(() => describeSorted(new Float64Array(0))).toThrow(RangeError);
  });

  it('does not depend on the order of the values', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1 }), (values) => {
        const a = describeValues(values);
        const b = describeValues([...values].reverse());
        expect(b.median).toBe(a.median);
        expect(b.q1).toBe(a.q1);
        expect(b.q3).toBe(a.q3);
        expect(b.mean).toBeCloseTo(a.mean, 6);
        expect(a.min).toBeLessThanOrEqual(a.q1);
        expect(a.q1).toBeLessThanOrEqual(a.median);
        expect(a.median).toBeLessThanOrEqual(a.q3);
        expect(a.q3).toBeLessThanOrEqual(a.max);
      }),
    );
  });
});

describe('rankValues', () => {
  it('ranks highest first with shared ranks for ties and mid-rank percentiles', () => {
    const ranked = rankValues([
      { id: 'a', value: 5 },
      { id: 'b', value: 9 },
      { id: 'c', value: 5 },
      { id: 'd', value: 1 },
    ]);
    const byId = Object.fromEntries(
      ranked.map((r) => [r.id, { rank: r.rank, percentile: percentileOfRank(r.rank, r.ties, 4) }]),
    );
    expect(ranked.map((r) => r.id)).toEqual(['b', 'a', 'c', 'd']);
    expect(byId.b).toEqual({ rank: 1, percentile: (100 * (3 + 0.5)) / 4 });
    expect(byId.a).toEqual({ rank: 2, percentile: (100 * (1 + 1)) / 4 });
    expect(byId.c).toEqual({ rank: 2, percentile: 50 });
    expect(byId.d).toEqual({ rank: 4, percentile: (100 * 0.5) / 4 });
  });

  it('gives each entry a rank equal to 1 + the number of strictly higher values', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(
          fc.record({ id: fc.string({ minLength: 1, maxLength: 4 }), value: fc.integer({ min: 0, max: 5 }) }),
          {
            selector: (e) => e.id,
          },
        ),
        (entries) => {
          for (const r of rankValues(entries)) {
            const percentile = percentileOfRank(r.rank, r.ties, entries.length);
            const higher = entries.filter((e) => e.value > r.value).length;
            const lower = entries.filter((e) => e.value < r.value).length;
            const equal = entries.length - higher - lower;
            expect(r.rank).toBe(1 + higher);
            expect(percentile).toBeCloseTo((100 * (lower + equal / 2)) / entries.length, 9);
          }
        },
      ),
    );
  });

  it('lists tied entries by id whatever order they come in', () => {
    const scrambled = ['d', 'b', 'e', 'a', 'c'].map((id) => ({ id, value: 7 }));
    for (const best of ['highest', 'lowest'] as const) {
      const ranked = rankValues([{ id: 'z', value: 1 }, ...scrambled, { id: 'y', value: 9 }], best);
      const ties = ranked.filter((r) => r.value === 7);
      expect(ties.map((r) => [r.id, r.rank, r.ties])).toEqual(
        ['a', 'b', 'c', 'd', 'e'].map((id) => [id, 2, 5]),
      );
    }
  });

  it('ranks lowest first when asked, with the same tie rule', () => {
    const ranked = rankValues(
      [
        { id: 'a', value: 5 },
        { id: 'b', value: 9 },
        { id: 'c', value: 5 },
        { id: 'd', value: 1 },
      ],
      'lowest',
    );
    expect(ranked.map((r) => [r.id, r.rank, r.ties])).toEqual([
      ['d', 1, 1],
      ['a', 2, 2],
      ['c', 2, 2],
      ['b', 4, 1],
    ]);
  });
});

describe('mean, finite distribution and histogram', () => {
  it('takes the unweighted mean of the members with a value and counts them', () => {
    expect(unweightedMean([1, null, 2, undefined, 6])).toEqual({ value: 3, count: 3, members: 5 });
    expect(unweightedMean([null])).toEqual({ value: null, count: 0, members: 1 });
    // Not a number is no value either: NaN and ±∞ neither count nor move the mean.
    const notFinite = [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];
    expect(unweightedMean([2, ...notFinite, 4])).toEqual({ value: 3, count: 2, members: 5 });
    expect(unweightedMean(notFinite)).toEqual({ value: null, count: 0, members: 3 });
  });

  it('describes only the finite values, and nothing when there are none', () => {
    expect(describeFinite([4, null, 1, Number.NaN, 3, 2])).toMatchObject({
      n: 4,
      min: 1,
      q1: 1.75,
      median: 2.5,
      q3: 3.25,
      max: 4,
      mean: 2.5,
    });
    expect(describeFinite([null, Number.POSITIVE_INFINITY])).toBeNull();
    // ±∞ and NaN are left out like null: (1 + 2 + 6) / 3 = 3, sd √7.
    expect(
      describeFinite([Number.NEGATIVE_INFINITY, 6, Number.NaN, 1, undefined, Number.POSITIVE_INFINITY, 2]),
    ).toEqual({ n: 3, min: 1, max: 6, mean: 3, median: 2, q1: 1.5, q3: 4, sd: Math.sqrt(7) });
  });

  it("gives each bin its edges, Sturges' count by default, and leaves out what is not a number", () => {
    // Ten values from 2 to 12: ⌈log₂ 10 + 1⌉ = 5 bins of width 2; the last bin holds its upper edge.
    const values = [2, 3, 4, 5, 6, 7, 8, 9, 11, 12];
    expect(histogram([...values, Number.NaN, Number.POSITIVE_INFINITY])).toEqual([
      { from: 2, to: 4, count: 2 },
      { from: 4, to: 6, count: 2 },
      { from: 6, to: 8, count: 2 },
      { from: 8, to: 10, count: 2 },
      { from: 10, to: 12, count: 2 },
    ]);
    // Asked for three bins of width 10/3; the last one ends exactly at the largest value.
    expect(histogram(values, 3)).toEqual([
      { from: 2, to: 2 + 10 / 3, count: 4 },
      { from: 2 + 10 / 3, to: 2 + 20 / 3, count: 3 },
      { from: 2 + 20 / 3, to: 12, count: 3 },
    ]);
    // 0.1 + 3 · (0.2 / 3) is 0.30000000000000004: the last bin ends at the largest value itself.
    expect(histogram([0.1, 0.2, 0.3], 3).at(-1)).toEqual({ from: 0.1 + 2 * (0.2 / 3), to: 0.3, count: 1 });
    // Eight values: ⌈log₂ 8 + 1⌉ = 4 bins.
    expect(histogram([1, 2, 3, 4, 5, 6, 7, 9]).map((b) => b.count)).toEqual([2, 2, 2, 2]);
    expect(histogram([])).toEqual([]);
    expect(histogram([Number.NaN])).toEqual([]);
  });

  it('bins values into equal-width bins that hold every value', () => {
    const bins = histogram([0, 1, 2, 3, 4, 5, 6, 7, 8, 10], 5);
    expect(bins.map((b) => b.count)).toEqual([2, 2, 2, 2, 2]);
    expect(bins[4]!.to).toBe(10);
    expect(histogram([5, 5, 5])).toEqual([{ from: 5, to: 5, count: 3 }]);
  });
});
