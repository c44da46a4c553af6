import { mean } from "simple-statistics";
function unweightedMean(values) {
  const present = values.filter((v) => typeof v === "number" && Number.isFinite(v));
  return {
    value: present.length > 0 ? mean(present) : null,
    count: present.length,
    members: values.length
  };
}
function distribution(values) {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  return {
    n: sorted.length,
    min: sorted[0],
    q1: quantile7(sorted, 0.25),
    median: quantile7(sorted, 0.5),
    q3: quantile7(sorted, 0.75),
    max: sorted[sorted.length - 1],
    mean: mean(sorted)
  };
}
function quantile7(sorted, p) {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}
function histogram(values, binCount) {
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
    count: 0
  }));
  for (const v of finite) {
    const i = Math.min(k - 1, Math.floor((v - min) / width));
    bins[i].count++;
  }
  return bins;
}
export {
  distribution,
  histogram,
  unweightedMean
};
//# sourceMappingURL=statistics.js.map
