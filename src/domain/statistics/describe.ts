/**
 * The distribution of a set of values: the one definition every page, export and stored statistic
 * uses, so the KPI page and the statistics page can never disagree. Definitions in docs/analysis.md.
 */
import { quantileSorted, sampleStandardDeviation } from 'simple-statistics';

export interface Distribution {
  n: number;
  min: number;
  max: number;
  mean: number;
  median: number;
  /** First and third quartile, linear interpolation between order statistics (R type 7, Excel QUARTILE.INC). */
  q1: number;
  q3: number;
  /** Sample standard deviation (n − 1); null when n < 2. */
  sd: number | null;
}

/** The distribution of the finite numbers among `values`, or null when there are none. */
export function describeFinite(values: readonly (number | null | undefined)[]): Distribution | null {
  const finite = values.filter((v): v is number => Number.isFinite(v));
  return finite.length === 0 ? null : describeValues(finite);
}

/** The distribution of `values` (which must all be finite). Throws on an empty set. */
export function describeValues(values: readonly number[]): Distribution {
  if (values.length === 0) throw new RangeError('describeValues needs at least one value');
  return describeSorted(Float64Array.from(values).sort());
}

/** As describeValues, for values already sorted ascending (the statistics refresh sorts once and reuses). */
export function describeSorted(sorted: ArrayLike<number>): Distribution {
  const n = sorted.length;
  if (n === 0) throw new RangeError('describeSorted needs at least one value');
  const list = Array.from(sorted);
  let sum = 0;
  for (const v of list) sum += v;
  return {
    n,
    min: list[0]!,
    max: list[n - 1]!,
    mean: sum / n,
    // simple-statistics' quantileSorted interpolates between order statistics (type 7).
    median: quantileSorted(list, 0.5),
    q1: quantileSorted(list, 0.25),
    q3: quantileSorted(list, 0.75),
    sd: n >= 2 ? sampleStandardDeviation(list) : null,
  };
}
