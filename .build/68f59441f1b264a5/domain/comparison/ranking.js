function rankValues(entries, direction) {
  const present = entries.filter((e) => isNumber(e.value));
  const descending = direction !== "lower";
  const sorted = present.map((e) => e.value).sort((a, b) => descending ? b - a : a - b);
  const n = sorted.length;
  const result = /* @__PURE__ */ new Map();
  for (const e of present) {
    const rank = 1 + countStrictlyBetter(sorted, e.value, descending);
    result.set(e.id, { rank, of: n, position: relativePosition(rank, n, direction) });
  }
  return result;
}
function relativePosition(rank, of, direction) {
  if (!direction || direction === "neither") return "none";
  if (of <= 0 || rank < 1) return "missing";
  const better = (rank - 1) / of;
  if (better < 0.25) return "top";
  if (better >= 0.75) return "bottom";
  return "middle";
}
function isNumber(v) {
  return v !== null && Number.isFinite(v);
}
function countStrictlyBetter(sorted, value, descending) {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = lo + hi >>> 1;
    const v = sorted[mid];
    if (descending ? v > value : v < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
export {
  rankValues,
  relativePosition
};
//# sourceMappingURL=ranking.js.map
