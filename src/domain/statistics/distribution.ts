/**
 * The distribution of one KPI's values over a set of municipalities: five-number summary, mean and
 * sample standard deviation. The KPI page and the statistics page both describe values with this.
 */
import { mean, sampleStandardDeviation } from 'simple-statistics';
import { quantileSorted } from './quantile.js';

export interface Distribution {
  n: number;
  min: number;
  /** First and third quartile and the median: R type 7 (see quantile.ts). */
  q1: number;
  median: number;
  q3: number;
  max: number;
  mean: number;
  /** Sample standard deviation (n − 1); null when n < 2. */
  sd: number | null;
}

/** As `describe`, for values already sorted ascending (the statistics refresh sorts once). */
export function describeSorted(sorted: ArrayLike<number>): Distribution {
  const n = sorted.length;
  if (n === 0) throw new RangeError('describeSorted needs at least one value');
  const list = Array.from(sorted);
  return {
    n,
    min: sorted[0]!,
    q1: quantileSorted(sorted, 0.25),
    median: quantileSorted(sorted, 0.5),
    q3: quantileSorted(sorted, 0.75),
    max: sorted[n - 1]!,
    mean: mean(list),
    sd: n >= 2 ? sampleStandardDeviation(list) : null,
  };
}

/** The distribution of the finite values among `values`, or null when there are none. */
export function describe(values: readonly number[]): Distribution | null {
  const sorted = Float64Array.from(values.filter((v) => Number.isFinite(v))).sort();
  return sorted.length === 0 ? null : describeSorted(sorted);
}
