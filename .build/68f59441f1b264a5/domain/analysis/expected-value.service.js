import { AnalysisRepository } from "../../store/repositories/analysis.repository.js";
import { AnalysisInputError, KOMMUNER, requireKpis, requirePeriods, SOURCE_NOTE } from "./analysis-input.js";
import { correlate } from "./correlation.js";
import { fitOls, OlsError } from "./ols.js";
import { MODEL_PRESETS, SKR_MODEL } from "./presets.js";
const MAX_PREDICTORS = 10;
function presetFor(outcome, predictors) {
  return MODEL_PRESETS.find(
    (p) => p.outcome === outcome && (!predictors || predictors.length === p.predictors.length && p.predictors.every((x) => predictors.includes(x)))
  );
}
async function expectedValues(store, request) {
  const repository = new AnalysisRepository(store.db);
  const gender = request.gender ?? "T";
  await requireKpis(repository, [request.outcome]);
  const preset = presetFor(request.outcome, request.predictors);
  const predictors = request.predictors ?? preset?.predictors;
  if (!predictors || predictors.length === 0)
    throw new AnalysisInputError(
      "v\xE4lj minst ett f\xF6rklarande nyckeltal / choose at least one explanatory KPI"
    );
  if (predictors.length > MAX_PREDICTORS)
    throw new AnalysisInputError(
      `h\xF6gst ${MAX_PREDICTORS} f\xF6rklarande nyckeltal / at most ${MAX_PREDICTORS} explanatory KPIs`
    );
  if (predictors.includes(request.outcome))
    throw new AnalysisInputError("utfallet kan inte f\xF6rklara sig sj\xE4lvt / the outcome cannot explain itself");
  if (new Set(predictors).size !== predictors.length)
    throw new AnalysisInputError("ett nyckeltal st\xE5r tv\xE5 g\xE5nger / a KPI is listed twice");
  const ids = [request.outcome, ...predictors];
  const info = new Map((await requireKpis(repository, ids)).map((k) => [k.id, k]));
  const { year, periods } = await requirePeriods(repository, ids, gender, request.year, [request.outcome]);
  const kommuner = await repository.municipalities(KOMMUNER);
  const titles = new Map(kommuner.map((m) => [m.id, m.title]));
  const values = /* @__PURE__ */ new Map();
  for (const id of ids) values.set(id, await repository.values(id, periods.get(id), gender));
  const observations = [];
  const leftOut = [];
  for (const m of kommuner) {
    const missing = ids.filter((id) => !values.get(id).has(m.id));
    if (missing.length > 0) {
      leftOut.push({ id: m.id, title: m.title, missing });
      continue;
    }
    observations.push({
      id: m.id,
      y: values.get(request.outcome).get(m.id),
      x: predictors.map((p) => values.get(p).get(m.id))
    });
  }
  let fit;
  try {
    fit = fitOls(predictors, observations);
  } catch (error) {
    if (error instanceof OlsError)
      throw new AnalysisInputError(
        `modellen kan inte skattas / the model cannot be fitted: ${error.message}`
      );
    throw error;
  }
  const publishedValues = preset?.published ? await repository.values(preset.published.expected, year, gender) : null;
  const published = preset?.published && publishedValues ? compareWithPublished(preset.published.expected, year, publishedValues, fit.observations) : null;
  return {
    analysis: "forvantat",
    note: SOURCE_NOTE,
    method: "Vanlig minsta kvadrat-regression (OLS) \xF6ver kommuner, l\xF6st med QR-faktorisering. Standardiserat residual = residual / (s\xB7\u221A(1 \u2212 h\xE4vst\xE5ng)).",
    preset: preset ? { id: preset.id, title: preset.title } : null,
    year,
    gender,
    outcome: {
      id: request.outcome,
      title: info.get(request.outcome).title,
      period: periods.get(request.outcome)
    },
    predictors: predictors.map((p) => ({ id: p, title: info.get(p).title, period: periods.get(p) })),
    n: fit.n,
    rSquared: fit.rSquared,
    adjustedRSquared: fit.adjustedRSquared,
    residualStandardError: fit.residualStandardError,
    degreesOfFreedom: fit.degreesOfFreedom,
    coefficients: fit.coefficients.map((c) => ({
      ...c,
      title: c.term === "intercept" ? "Konstant" : info.get(c.term)?.title ?? c.term
    })),
    municipalities: fit.observations.map((o) => ({ ...o, title: titles.get(o.id) ?? o.id, published: publishedValues?.get(o.id) ?? null })).sort((a, b) => b.residual - a.residual || (a.id < b.id ? -1 : 1)),
    leftOut,
    published
  };
}
function compareWithPublished(kpi, year, published, fitted) {
  const pairs = fitted.filter((o) => published.has(o.id)).map((o) => ({ id: o.id, x: o.expected, y: published.get(o.id) }));
  if (pairs.length === 0) return { kpi, year, n: 0, pearson: null, meanAbsoluteDifference: null };
  const { pearson } = correlate(pairs);
  const meanAbsoluteDifference = pairs.reduce((a, p) => a + Math.abs(p.x - p.y), 0) / pairs.length;
  return { kpi, year, n: pairs.length, pearson, meanAbsoluteDifference };
}
export {
  MAX_PREDICTORS,
  SKR_MODEL,
  compareWithPublished,
  expectedValues
};
//# sourceMappingURL=expected-value.service.js.map
