import { AnalysisRepository } from "../../store/repositories/analysis.repository.js";
import { AnalysisInputError, KOMMUNER, requireKpis, requirePeriods, SOURCE_NOTE } from "./analysis-input.js";
import { applyThresholds, correlate } from "./correlation.js";
const MAX_FILTERS = 5;
async function correlationAnalysis(store, request) {
  const repository = new AnalysisRepository(store.db);
  const gender = request.gender ?? "T";
  const filters = request.filters ?? [];
  if (filters.length > MAX_FILTERS)
    throw new AnalysisInputError(`h\xF6gst ${MAX_FILTERS} filter / at most ${MAX_FILTERS} filters`);
  if (request.x === request.y)
    throw new AnalysisInputError("v\xE4lj tv\xE5 olika nyckeltal / choose two different KPIs");
  const ids = [.../* @__PURE__ */ new Set([request.x, request.y, ...filters.map((f) => f.kpi)])];
  const info = new Map((await requireKpis(repository, ids)).map((k) => [k.id, k]));
  const { year, periods } = await requirePeriods(repository, ids, gender, request.year, [
    request.x,
    request.y
  ]);
  const kommuner = await repository.municipalities(KOMMUNER);
  const titles = new Map(kommuner.map((m) => [m.id, m.title]));
  let highlight = null;
  if (request.highlight) {
    const title = titles.get(request.highlight);
    if (!title) throw new AnalysisInputError(`ok\xE4nd kommun / unknown kommun: ${request.highlight}`, 404);
    highlight = { id: request.highlight, title };
  }
  const values = /* @__PURE__ */ new Map();
  for (const id of ids) values.set(id, await repository.values(id, periods.get(id), gender));
  const lookup = (kpi, id) => values.get(kpi)?.get(id);
  const { kept, excluded } = applyThresholds(
    kommuner.map((m) => m.id),
    filters,
    lookup
  );
  const points = [];
  const missing = [];
  for (const id of kept) {
    const x = lookup(request.x, id);
    const y = lookup(request.y, id);
    if (x === void 0 || y === void 0) {
      missing.push({
        id,
        title: titles.get(id) ?? id,
        missing: [x === void 0 ? request.x : null, y === void 0 ? request.y : null].filter(
          (v) => v !== null
        )
      });
      continue;
    }
    points.push({ id, title: titles.get(id) ?? id, x, y });
  }
  const result = correlate(points);
  const describe = (id) => ({ id, title: info.get(id).title, period: periods.get(id) });
  return {
    analysis: "samband",
    note: SOURCE_NOTE,
    method: "Pearsons r (linj\xE4rt samband) och Spearmans rho (rangkorrelation, lika v\xE4rden f\xE5r medelrang).",
    year,
    gender,
    x: describe(request.x),
    y: describe(request.y),
    n: result.n,
    pearson: result.pearson,
    spearman: result.spearman,
    highlight: highlight ? {
      ...highlight,
      x: lookup(request.x, highlight.id) ?? null,
      y: lookup(request.y, highlight.id) ?? null,
      included: points.some((p) => p.id === highlight.id)
    } : null,
    filters: filters.map((f) => ({ ...f, title: info.get(f.kpi).title, period: periods.get(f.kpi) })),
    filteredOut: excluded.map((e) => ({ ...e, title: titles.get(e.id) ?? e.id })),
    missing,
    points
  };
}
export {
  MAX_FILTERS,
  correlationAnalysis
};
//# sourceMappingURL=correlation.service.js.map
