import { quantileSorted, sampleStandardDeviation } from "simple-statistics";
function describeValues(values) {
  if (values.length === 0) throw new RangeError("describeValues needs at least one value");
  const sorted = Float64Array.from(values).sort();
  return describeSorted(sorted);
}
function describeSorted(sorted) {
  const n = sorted.length;
  if (n === 0) throw new RangeError("describeSorted needs at least one value");
  const list = Array.from(sorted);
  let sum = 0;
  for (const v of list) sum += v;
  return {
    n,
    min: list[0],
    max: list[n - 1],
    mean: sum / n,
    median: quantileSorted(list, 0.5),
    q1: quantileSorted(list, 0.25),
    q3: quantileSorted(list, 0.75),
    sd: n >= 2 ? sampleStandardDeviation(list) : null
  };
}
function percentileOfRank(rank, ties, n) {
  const lower = n - (rank - 1) - ties;
  return 100 * (lower + 0.5 * ties) / n;
}
function rankValues(entries) {
  const n = entries.length;
  const order = [...entries].sort((a, b) => b.value - a.value || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const ranked = [];
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && order[j + 1].value === order[i].value) j++;
    const percentile = percentileOfRank(i + 1, j - i + 1, n);
    for (let k = i; k <= j; k++) {
      const e = order[k];
      ranked.push({ id: e.id, value: e.value, rank: i + 1, percentile });
    }
    i = j + 1;
  }
  return ranked;
}
export {
  describeSorted,
  describeValues,
  percentileOfRank,
  rankValues
};
//# sourceMappingURL=descriptive.js.map
