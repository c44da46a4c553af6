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
