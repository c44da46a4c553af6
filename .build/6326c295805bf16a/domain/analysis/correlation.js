import { sampleCorrelation, sampleRankCorrelation } from "simple-statistics";
function correlate(pairs) {
  const n = pairs.length;
  if (n < 3) return { n, pearson: null, spearman: null };
  const ordered = [...pairs].sort((a, b) => a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const xs = ordered.map((p) => p.x);
  const ys = ordered.map((p) => p.y);
  const finite = (r) => Number.isFinite(r) ? Math.max(-1, Math.min(1, r)) : null;
  return { n, pearson: finite(sampleCorrelation(xs, ys)), spearman: finite(sampleRankCorrelation(xs, ys)) };
}
function applyThresholds(ids, filters, lookup) {
  const kept = [];
  const excluded = [];
  for (const id of ids) {
    let pass = true;
    for (const f of filters) {
      const v = lookup(f.kpi, id);
      if (v === void 0) {
        excluded.push({ id, kpi: f.kpi, reason: "missing" });
        pass = false;
        break;
      }
      if (f.comparison === "over" ? !(v > f.value) : !(v < f.value)) {
        excluded.push({ id, kpi: f.kpi, reason: "outside" });
        pass = false;
        break;
      }
    }
    if (pass) kept.push(id);
  }
  return { kept, excluded };
}
export {
  applyThresholds,
  correlate
};
//# sourceMappingURL=correlation.js.map
