/**
 * Use case "förväntat värde": an OLS model of an outcome KPI on explanatory KPIs across kommuner for
 * one year. Kommuner lacking any value are left out and listed. For the ready-made SKR model the
 * published expected values (N00485) are read alongside, when the store holds them, for comparison.
 */

import { InputError } from '../../errors/input-error.js';
import type { Gender } from '../../store/schema.js';
import { KOMMUNER, requireKpis, requirePeriods } from './analysis-input.js';
import type { AnalysisReads } from './analysis-reads.js';
import { correlate } from './correlation.js';
import { fitOls, OlsError } from './ols.js';
import { MODEL_PRESETS, type ModelPreset, SKR_MODEL } from './presets.js';

export interface ExpectedValueRequest {
  outcome: string;
  /** Explanatory KPIs; the ready-made model's when omitted and the outcome is its outcome. */
  predictors?: string[];
  year?: number;
  gender?: Gender;
}

export const MAX_PREDICTORS = 10;

/** The residual table's order: largest positive deviation first, then by kommun id. */
function byResidualThenId(a: { residual: number; id: string }, b: { residual: number; id: string }): number {
  // Stryker disable next-line EqualityOperator: kommun ids are unique, so `<=` never sees equal ids
  return b.residual - a.residual || (a.id < b.id ? -1 : 1);
}

function presetFor(outcome: string, predictors?: readonly string[]): ModelPreset | undefined {
  return MODEL_PRESETS.find(
    (p) =>
      p.outcome === outcome &&
      (!predictors ||
        (predictors.length === p.predictors.length && p.predictors.every((x) => predictors.includes(x)))),
  );
}

export async function expectedValues(repository: AnalysisReads, request: ExpectedValueRequest) {
  const gender = request.gender ?? 'T';
  await requireKpis(repository, [request.outcome]);
  const preset = presetFor(request.outcome, request.predictors);
  const predictors = request.predictors ?? preset?.predictors;
  if (!predictors || predictors.length === 0)
    throw new InputError('noPredictorChosen', { parameter: 'forklarande' });
  if (predictors.length > MAX_PREDICTORS)
    throw new InputError('tooManyPredictors', { parameter: 'forklarande', values: { max: MAX_PREDICTORS } });
  if (predictors.includes(request.outcome))
    throw new InputError('outcomeExplainsItself', { parameter: 'forklarande' });
  if (new Set(predictors).size !== predictors.length) throw new InputError('kpiListedTwice');
  const ids = [request.outcome, ...predictors];
  const info = new Map((await requireKpis(repository, ids)).map((k) => [k.id, k]));
  const { year, periods } = await requirePeriods(repository, ids, gender, request.year, [request.outcome]);

  const kommuner = await repository.municipalities(KOMMUNER);
  const titles = new Map(kommuner.map((m) => [m.id, m.title]));
  const values = new Map<string, ReadonlyMap<string, number>>();
  for (const id of ids) values.set(id, await repository.values(id, periods.get(id)!, gender));

  const observations = [];
  const leftOut: { id: string; title: string; missing: string[] }[] = [];
  for (const m of kommuner) {
    const missing = ids.filter((id) => !values.get(id)!.has(m.id));
    if (missing.length > 0) {
      leftOut.push({ id: m.id, title: m.title, missing });
      continue;
    }
    observations.push({
      id: m.id,
      y: values.get(request.outcome)!.get(m.id)!,
      x: predictors.map((p) => values.get(p)!.get(m.id)!),
    });
  }
  let fit: ReturnType<typeof fitOls>;
  try {
    fit = fitOls(predictors, observations);
  } catch (error) {
    // Stryker disable next-line ConditionalExpression: fitOls throws only OlsError; anything else is a bug, kept a 500
    if (error instanceof OlsError)
      throw new InputError('modelCannotBeFitted', { values: { detail: error.message } });
    throw error;
  }

  const publishedValues = preset?.published
    ? await repository.values(preset.published.expected, year, gender)
    : null;
  const published =
    // Stryker disable next-line LogicalOperator: publishedValues is read exactly when preset.published exists
    preset?.published && publishedValues
      ? compareWithPublished(preset.published.expected, year, publishedValues, fit.observations)
      : null;
  return {
    analysis: 'forvantat' as const,
    preset: preset ? { id: preset.id, title: preset.title } : null,
    year,
    gender,
    outcome: {
      id: request.outcome,
      title: info.get(request.outcome)!.title,
      period: periods.get(request.outcome)!,
    },
    predictors: predictors.map((p) => ({ id: p, title: info.get(p)!.title, period: periods.get(p)! })),
    n: fit.n,
    rSquared: fit.rSquared,
    adjustedRSquared: fit.adjustedRSquared,
    residualStandardError: fit.residualStandardError,
    degreesOfFreedom: fit.degreesOfFreedom,
    coefficients: fit.coefficients.map((c) => ({
      ...c,
      // Stryker disable next-line OptionalChaining: every other term is a predictor, whose KPI requireKpis found
      title: c.term === 'intercept' ? 'Konstant' : (info.get(c.term)?.title ?? c.term),
    })),
    municipalities: fit.observations
      .map((o) => ({ ...o, title: titles.get(o.id) ?? o.id, published: publishedValues?.get(o.id) ?? null }))
      .sort(byResidualThenId),
    leftOut,
    published,
  };
}

/** How close the model comes to SKR's published expected values (same kommuner, same year). */
export function compareWithPublished(
  kpi: string,
  year: number,
  published: ReadonlyMap<string, number>,
  fitted: readonly { id: string; expected: number }[],
) {
  const pairs = fitted
    .filter((o) => published.has(o.id))
    .map((o) => ({ id: o.id, x: o.expected, y: published.get(o.id)! }));
  if (pairs.length === 0) return { kpi, year, n: 0, pearson: null, meanAbsoluteDifference: null };
  const { pearson } = correlate(pairs);
  const meanAbsoluteDifference = pairs.reduce((a, p) => a + Math.abs(p.x - p.y), 0) / pairs.length;
  return { kpi, year, n: pairs.length, pearson, meanAbsoluteDifference };
}

export type ExpectedValueReport = Awaited<ReturnType<typeof expectedValues>>;
export { SKR_MODEL };
