/**
 * Similar municipalities: a weighted difference index over standardised values. Each KPI is turned
 * into z-scores over the candidate municipalities (so units do not matter), and the index between two
 * municipalities is the weighted mean of their absolute z-differences: "on average this many standard
 * deviations apart". Because it is a mean of per-KPI terms, each KPI's contribution is exact and shown.
 * Missing values are never imputed: a municipality without a value for a KPI in use is left out and listed.
 */

export type Transform = 'none' | 'log';

export interface SimilarityKpi {
  id: string;
  weight: number;
  /** "log" compares ratios instead of differences (population: 10,000 vs 20,000 as 100,000 vs 200,000). */
  transform?: Transform;
}

export interface SimilarityInput {
  target: string;
  kpis: readonly SimilarityKpi[];
  /** Values per KPI id: municipality id → value. Municipalities absent from a map have no value. */
  values: ReadonlyMap<string, ReadonlyMap<string, number>>;
  /** The municipalities to compare with (the target may be among them; it is never its own match). */
  candidates: readonly string[];
  /** How many of the most similar to return. */
  limit: number;
}

export interface KpiScale {
  id: string;
  weight: number;
  transform: Transform;
  mean: number;
  sd: number;
  /** Municipalities whose values set mean and sd. */
  n: number;
}

export interface Contribution {
  kpi: string;
  /** The candidate's standardised value minus the target's. */
  zDifference: number;
  /** weight · |zDifference| / Σ weights: these add up to the index. */
  contribution: number;
}

export interface SimilarMunicipality {
  id: string;
  index: number;
  contributions: Contribution[];
}

export interface LeftOutKpi {
  kpi: string;
  reason: 'target-missing' | 'no-variation' | 'too-few-values' | 'non-positive-for-log' | 'zero-weight';
}

export interface SimilarityResult {
  target: string;
  scales: KpiScale[];
  similar: SimilarMunicipality[];
  /** KPIs that could not be used, and why. */
  leftOutKpis: LeftOutKpi[];
  /** Candidates left out for missing values, with the KPIs they lack. */
  leftOutMunicipalities: { id: string; missing: string[] }[];
  /** How many candidates had every value and were compared. */
  compared: number;
}

export class SimilarityError extends Error {}

function transformed(value: number, transform: Transform): number {
  return transform === 'log' ? Math.log(value) : value;
}

/** Mean and sample standard deviation of standardised inputs. */
function meanSd(xs: readonly number[]): { mean: number; sd: number } {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1);
  return { mean, sd: Math.sqrt(variance) };
}

export function findSimilar(input: SimilarityInput): SimilarityResult {
  if (!Number.isInteger(input.limit) || input.limit < 1)
    throw new SimilarityError('limit must be a positive integer');
  const candidates = [...new Set(input.candidates)].filter((c) => c !== input.target).sort();
  const leftOutKpis: LeftOutKpi[] = [];
  const scales: KpiScale[] = [];
  const ids = new Set<string>();
  for (const kpi of input.kpis) {
    if (ids.has(kpi.id)) throw new SimilarityError(`KPI ${kpi.id} is listed twice`);
    ids.add(kpi.id);
    if (!(Number.isFinite(kpi.weight) && kpi.weight >= 0))
      throw new SimilarityError(`the weight of ${kpi.id} must be a number ≥ 0`);
    const transform = kpi.transform ?? 'none';
    if (kpi.weight === 0) {
      leftOutKpis.push({ kpi: kpi.id, reason: 'zero-weight' });
      continue;
    }
    const byMunicipality = input.values.get(kpi.id) ?? new Map<string, number>();
    const targetValue = byMunicipality.get(input.target);
    if (targetValue === undefined) {
      leftOutKpis.push({ kpi: kpi.id, reason: 'target-missing' });
      continue;
    }
    const population = [input.target, ...candidates]
      .map((id) => byMunicipality.get(id))
      .filter((v): v is number => v !== undefined);
    if (transform === 'log' && population.some((v) => v <= 0)) {
      leftOutKpis.push({ kpi: kpi.id, reason: 'non-positive-for-log' });
      continue;
    }
    if (population.length < 3) {
      leftOutKpis.push({ kpi: kpi.id, reason: 'too-few-values' });
      continue;
    }
    const { mean, sd } = meanSd(population.map((v) => transformed(v, transform)));
    if (!(sd > 0)) {
      leftOutKpis.push({ kpi: kpi.id, reason: 'no-variation' });
      continue;
    }
    scales.push({ id: kpi.id, weight: kpi.weight, transform, mean, sd, n: population.length });
  }
  // Sorted by id so that the order the KPIs were given in cannot change any figure.
  // Stryker disable next-line EqualityOperator: `<` → `<=` differs only for equal ids; a KPI listed twice is refused above
  scales.sort((a, b) => (a.id < b.id ? -1 : 1));
  if (scales.length === 0)
    throw new SimilarityError('none of the chosen KPIs can be used (see the left-out KPIs)');
  const totalWeight = scales.reduce((a, s) => a + s.weight, 0);
  const z = (scale: KpiScale, id: string): number | undefined => {
    // Stryker disable next-line OptionalChaining: a scale exists only for a KPI whose values hold the target's
    const v = input.values.get(scale.id)?.get(id);
    return v === undefined ? undefined : (transformed(v, scale.transform) - scale.mean) / scale.sd;
  };

  const targetZ = scales.map((s) => z(s, input.target)!);
  const leftOutMunicipalities: { id: string; missing: string[] }[] = [];
  const compared: SimilarMunicipality[] = [];
  for (const id of candidates) {
    const missing = scales.filter((s) => z(s, id) === undefined).map((s) => s.id);
    if (missing.length > 0) {
      leftOutMunicipalities.push({ id, missing });
      continue;
    }
    const contributions = scales.map((s, i) => {
      const zDifference = z(s, id)! - targetZ[i]!;
      return { kpi: s.id, zDifference, contribution: (s.weight * Math.abs(zDifference)) / totalWeight };
    });
    compared.push({ id, index: contributions.reduce((a, c) => a + c.contribution, 0), contributions });
  }
  // A stable sort: equal indexes keep the candidates' id order.
  compared.sort((a, b) => a.index - b.index);
  return {
    target: input.target,
    scales,
    similar: compared.slice(0, input.limit),
    leftOutKpis,
    leftOutMunicipalities,
    compared: compared.length,
  };
}

/** The index between two municipalities given fixed scales (used by tests and for "distance to itself"). */
export function differenceIndex(
  scales: readonly KpiScale[],
  a: ReadonlyMap<string, number>,
  b: ReadonlyMap<string, number>,
): number {
  const total = scales.reduce((s, k) => s + k.weight, 0);
  let index = 0;
  for (const s of scales) {
    const va = a.get(s.id);
    const vb = b.get(s.id);
    if (va === undefined || vb === undefined) throw new SimilarityError(`a value for ${s.id} is missing`);
    index +=
      (s.weight * Math.abs(transformed(va, s.transform) - transformed(vb, s.transform))) / s.sd / total;
  }
  return index;
}
