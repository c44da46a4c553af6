import { AnalysisInputError } from "../../../domain/analysis/analysis-input.js";
const ID = /^[A-Za-z0-9_-]{1,40}$/;
const MAX_KPIS = 30;
function single(query, name) {
  const value = query[name];
  if (Array.isArray(value)) {
    if (value.length > 1) throw new AnalysisInputError(`${name}: ange en g\xE5ng / give once`);
    return value[0]?.trim() || void 0;
  }
  return value?.trim() || void 0;
}
function all(query, name) {
  const value = query[name];
  if (value === void 0) return [];
  return (Array.isArray(value) ? value : [value]).map((v) => v.trim());
}
function id(name, value) {
  if (!ID.test(value))
    throw new AnalysisInputError(`${name}: ogiltigt id / invalid id "${value.slice(0, 40)}"`);
  return value;
}
function required(query, name) {
  const value = single(query, name);
  if (!value) throw new AnalysisInputError(`${name} saknas / ${name} is required`);
  return value;
}
function parseYear(query) {
  const value = single(query, "ar");
  if (value === void 0) return void 0;
  const year = Number(value);
  if (!/^\d{4}$/.test(value) || year < 1900 || year > 2100)
    throw new AnalysisInputError(
      `ar: ett \xE5rtal som 2022 / a year such as 2022, fick / got "${value.slice(0, 20)}"`
    );
  return year;
}
function parseGender(query) {
  const value = single(query, "kon") ?? "T";
  if (value !== "T" && value !== "K" && value !== "M")
    throw new AnalysisInputError(`kon: T, K eller M / T, K or M, fick / got "${value.slice(0, 20)}"`);
  return value;
}
function parseKpiIds(name, raw) {
  if (raw === void 0) return void 0;
  const ids = raw.split(",").map((s) => s.trim()).filter((s) => s.length > 0).map((s) => id(name, s));
  if (ids.length > MAX_KPIS)
    throw new AnalysisInputError(`${name}: h\xF6gst ${MAX_KPIS} nyckeltal / at most ${MAX_KPIS} KPIs`);
  return ids;
}
function parseWeightedKpis(raw) {
  const items = raw.split(",").map((s) => s.trim()).filter((s) => s.length > 0);
  if (items.length > MAX_KPIS)
    throw new AnalysisInputError(`kpier: h\xF6gst ${MAX_KPIS} nyckeltal / at most ${MAX_KPIS} KPIs`);
  return items.map((item) => {
    const [kpi = "", weightText, transform] = item.split(":");
    const weight = weightText === void 0 || weightText === "" ? 1 : Number(weightText);
    if (!Number.isFinite(weight) || weight < 0 || weight > 100)
      throw new AnalysisInputError(`kpier: vikten f\xF6r ${kpi} ska vara 0\u2013100 / weight must be 0\u2013100`);
    if (transform !== void 0 && transform !== "log" && transform !== "")
      throw new AnalysisInputError(
        `kpier: ok\xE4nd omvandling / unknown transform "${transform.slice(0, 10)}" (log)`
      );
    return { id: id("kpier", kpi), weight, transform: transform === "log" ? "log" : "none" };
  });
}
function statisticsRequest(query) {
  const group = single(query, "grupp");
  return {
    kpi: id("kpi", required(query, "kpi")),
    year: parseYear(query),
    gender: parseGender(query),
    group: group ? id("grupp", group) : void 0
  };
}
function similarityRequest(query) {
  const kpis = single(query, "kpier");
  const preset = single(query, "urval");
  const limit = single(query, "antal");
  if (limit !== void 0 && !/^\d{1,3}$/.test(limit))
    throw new AnalysisInputError(`antal: ett heltal / a whole number, fick / got "${limit.slice(0, 20)}"`);
  return {
    municipality: id("kommun", required(query, "kommun")),
    preset: preset && preset !== "egen" ? id("urval", preset) : void 0,
    kpis: preset === "egen" || kpis && !preset ? parseWeightedKpis(kpis ?? "") : void 0,
    year: parseYear(query),
    gender: parseGender(query),
    limit: limit === void 0 ? void 0 : Number(limit)
  };
}
function expectedValueRequest(query) {
  return {
    outcome: id("kpi", required(query, "kpi")),
    predictors: parseKpiIds("forklarande", single(query, "forklarande")),
    year: parseYear(query),
    gender: parseGender(query)
  };
}
function parseFilters(query) {
  const kpis = all(query, "fkpi");
  const ops = all(query, "fop");
  const values = all(query, "fvarde");
  const filters = [];
  for (let i = 0; i < Math.max(kpis.length, ops.length, values.length); i++) {
    const kpi = kpis[i] ?? "";
    const value = (values[i] ?? "").replace(",", ".");
    if (kpi === "" && value === "") continue;
    if (kpi === "" || value === "")
      throw new AnalysisInputError("filter: ange b\xE5de nyckeltal och v\xE4rde / give both KPI and value");
    const op = ops[i] ?? "over";
    if (op !== "over" && op !== "under")
      throw new AnalysisInputError(`fop: "over" eller "under", fick / got "${op.slice(0, 20)}"`);
    const number = Number(value);
    if (!Number.isFinite(number))
      throw new AnalysisInputError(`fvarde: inte ett tal / not a number "${value.slice(0, 20)}"`);
    filters.push({ kpi: id("fkpi", kpi), comparison: op, value: number });
  }
  return filters;
}
function correlationRequest(query) {
  const highlight = single(query, "kommun");
  return {
    x: id("x", required(query, "x")),
    y: id("y", required(query, "y")),
    year: parseYear(query),
    gender: parseGender(query),
    highlight: highlight ? id("kommun", highlight) : void 0,
    filters: parseFilters(query)
  };
}
export {
  correlationRequest,
  expectedValueRequest,
  parseFilters,
  parseGender,
  parseWeightedKpis,
  parseYear,
  similarityRequest,
  statisticsRequest
};
//# sourceMappingURL=analysis-query.js.map
