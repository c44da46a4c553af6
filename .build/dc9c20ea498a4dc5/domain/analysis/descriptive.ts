/**
 * Descriptive statistics of one KPI over a set of municipalities: the distribution and each
 * municipality's rank and percentile. Pure functions; the definitions are documented in docs/analysis.md.
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

export interface RankedValue<Id extends string = string> {
  id: Id;
  value: number;
  /** 1 = the highest value; tied values share the best rank ("competition" ranking: 1, 2, 2, 4). */
  rank: number;
  /** Share of the set with a lower value, ties counted half, in percent (0–100). */
  percentile: number;
}

/** The distribution of `values` (which must all be finite). Throws on an empty set. */
export function describeValues(values: readonly number[]): Distribution {
  if (values.length === 0) throw new RangeError('describeValues needs at least one value');
  const sorted = Float64Array.from(values).sort();
  return describeSorted(sorted);
}

/** As describeValues, for values already sorted ascending (the refresh sorts once and reuses). */
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
    median: quantileSorted(list, 0.5),
    q1: quantileSorted(list, 0.25),
    q3: quantileSorted(list, 0.75),
    sd: n >= 2 ? sampleStandardDeviation(list) : null,
  };
}

/**
 * The percentile of a value with competition rank `rank` shared by `ties` values among `n`: the share
 * with a lower value, ties counted half. Ranks are stored; percentiles follow from them by this rule.
 */
export function percentileOfRank(rank: number, ties: number, n: number): number {
  const lower = n - (rank - 1) - ties;
  return (100 * (lower + 0.5 * ties)) / n;
}

/**
 * Ranks by value, highest first. Whether high is good depends on the KPI; callers that know the
 * direction turn it around (rank n + 1 − rank, percentile 100 − percentile).
 */
export function rankValues<Id extends string>(
  entries: readonly { id: Id; value: number }[],
): RankedValue<Id>[] {
  const n = entries.length;
  const order = [...entries].sort((a, b) => b.value - a.value || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const ranked: RankedValue<Id>[] = [];
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && order[j + 1]!.value === order[i]!.value) j++;
    const percentile = percentileOfRank(i + 1, j - i + 1, n);
    for (let k = i; k <= j; k++) {
      const e = order[k]!;
      ranked.push({ id: e.id, value: e.value, rank: i + 1, percentile });
    }
    i = j + 1;
  }
  return ranked;
}
