/**
 * Summary figures Etablera computes itself from Kolada values (reference means, distributions).
 * Anything shown from here is labelled as Etablera's computation, not Kolada's.
 */
import { mean } from 'simple-statistics';

export interface MeanResult {
  /** Unweighted mean of the members that have a value (as Kolada computes group values), or null. */
  value: number | null;
  /** Members that contributed a value. */
  count: number;
  /** Members in the group. */
  members: number;
}

export function unweightedMean(values: readonly (number | null | undefined)[]): MeanResult {
  const present = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  return {
    value: present.length > 0 ? mean(present) : null,
    count: present.length,
    members: values.length,
  };
}

export interface Distribution {
  n: number;
  min: number;
  q1: number;
  median: number;
  q3: number;
  max: number;
  mean: number;
}

/** Five-number summary and mean; quartiles interpolated the usual way (R type 7). */
export function distribution(values: readonly number[]): Distribution | null {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  return {
    n: sorted.length,
    min: sorted[0]!,
    q1: quantile7(sorted, 0.25),
    median: quantile7(sorted, 0.5),
    q3: quantile7(sorted, 0.75),
    max: sorted[sorted.length - 1]!,
    mean: mean(sorted),
  };
}

// Type 7 (R's default, Excel's QUARTILE.INC): interpolate between the neighbouring order statistics.
function quantile7(sorted: readonly number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

export interface HistogramBin {
  from: number;
  to: number;
  count: number;
}

/** Equal-width bins (Sturges' rule for the count unless given); the last bin includes its upper edge. */
export function histogram(values: readonly number[], binCount?: number): HistogramBin[] {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return [];
  const min = Math.min(...finite);
  const max = Math.max(...finite);
  const k = binCount ?? Math.max(1, Math.ceil(Math.log2(finite.length) + 1));
  if (min === max) return [{ from: min, to: max, count: finite.length }];
  const width = (max - min) / k;
  const bins = Array.from({ length: k }, (_, i) => ({
    from: min + i * width,
    to: i === k - 1 ? max : min + (i + 1) * width,
    count: 0,
  }));
  for (const v of finite) {
    const i = Math.min(k - 1, Math.floor((v - min) / width));
    bins[i]!.count++;
  }
  return bins;
}
