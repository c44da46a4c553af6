class SimilarityError extends Error {
}
function transformed(value, transform) {
  return transform === "log" ? Math.log(value) : value;
}
function meanSd(xs) {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1);
  return { mean, sd: Math.sqrt(variance) };
}
function findSimilar(input) {
  if (!Number.isInteger(input.limit) || input.limit < 1)
    throw new SimilarityError("limit must be a positive integer");
  const candidates = [...new Set(input.candidates)].filter((c) => c !== input.target).sort();
  const leftOutKpis = [];
  const scales = [];
  const ids = /* @__PURE__ */ new Set();
  for (const kpi of input.kpis) {
    if (ids.has(kpi.id)) throw new SimilarityError(`KPI ${kpi.id} is listed twice`);
    ids.add(kpi.id);
    if (!(Number.isFinite(kpi.weight) && kpi.weight >= 0))
      throw new SimilarityError(`the weight of ${kpi.id} must be a number \u2265 0`);
    const transform = kpi.transform ?? "none";
    if (kpi.weight === 0) {
      leftOutKpis.push({ kpi: kpi.id, reason: "zero-weight" });
      continue;
    }
    const byMunicipality = input.values.get(kpi.id) ?? /* @__PURE__ */ new Map();
    const targetValue = byMunicipality.get(input.target);
    if (targetValue === void 0) {
      leftOutKpis.push({ kpi: kpi.id, reason: "target-missing" });
      continue;
    }
    const population = [input.target, ...candidates].map((id) => byMunicipality.get(id)).filter((v) => v !== void 0);
    if (transform === "log" && population.some((v) => v <= 0)) {
      leftOutKpis.push({ kpi: kpi.id, reason: "non-positive-for-log" });
      continue;
    }
    if (population.length < 3) {
      leftOutKpis.push({ kpi: kpi.id, reason: "too-few-values" });
      continue;
    }
    const { mean, sd } = meanSd(population.map((v) => transformed(v, transform)));
    if (!(sd > 0)) {
      leftOutKpis.push({ kpi: kpi.id, reason: "no-variation" });
      continue;
    }
    scales.push({ id: kpi.id, weight: kpi.weight, transform, mean, sd, n: population.length });
  }
  scales.sort((a, b) => a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  if (scales.length === 0)
    throw new SimilarityError("none of the chosen KPIs can be used (see the left-out KPIs)");
  const totalWeight = scales.reduce((a, s) => a + s.weight, 0);
  const z = (scale, id) => {
    const v = input.values.get(scale.id)?.get(id);
    return v === void 0 ? void 0 : (transformed(v, scale.transform) - scale.mean) / scale.sd;
  };
  const targetZ = scales.map((s) => z(s, input.target));
  const leftOutMunicipalities = [];
  const compared = [];
  for (const id of candidates) {
    const missing = scales.filter((s) => z(s, id) === void 0).map((s) => s.id);
    if (missing.length > 0) {
      leftOutMunicipalities.push({ id, missing });
      continue;
    }
    const contributions = scales.map((s, i) => {
      const zDifference = z(s, id) - targetZ[i];
      return { kpi: s.id, zDifference, contribution: s.weight * Math.abs(zDifference) / totalWeight };
    });
    compared.push({ id, index: contributions.reduce((a, c) => a + c.contribution, 0), contributions });
  }
  compared.sort((a, b) => a.index - b.index || (a.id < b.id ? -1 : 1));
  return {
    target: input.target,
    scales,
    similar: compared.slice(0, input.limit),
    leftOutKpis,
    leftOutMunicipalities,
    compared: compared.length
  };
}
function differenceIndex(scales, a, b) {
  const total = scales.reduce((s, k) => s + k.weight, 0);
  let index = 0;
  for (const s of scales) {
    const va = a.get(s.id);
    const vb = b.get(s.id);
    if (va === void 0 || vb === void 0) throw new SimilarityError(`a value for ${s.id} is missing`);
    index += s.weight * Math.abs(transformed(va, s.transform) - transformed(vb, s.transform)) / s.sd / total;
  }
  return index;
}
export {
  SimilarityError,
  differenceIndex,
  findSimilar
};
//# sourceMappingURL=similarity.js.map
