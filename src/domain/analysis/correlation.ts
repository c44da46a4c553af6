/**
 * Correlation between two KPIs across municipalities: Pearson (linear) and Spearman (rank, ties get
 * mid-ranks), over the municipalities that have both values. Those lacking one are listed, not imputed.
 */
import { sampleCorrelation, sampleRankCorrelation } from 'simple-statistics';

export interface Pair {
  id: string;
  x: number;
  y: number;
}

export interface CorrelationResult {
  n: number;
  /** null when n < 3 or one variable does not vary. */
  pearson: number | null;
  spearman: number | null;
}

export function correlate(pairs: readonly Pair[]): CorrelationResult {
  const n = pairs.length;
  if (n < 3) return { n, pearson: null, spearman: null };
  // Sorted by id: the order the municipalities arrive in cannot change the result (not even its last
  // bit: sums in another order round differently).
  // Stryker disable next-line EqualityOperator: `<` → `<=` differs only for equal ids, and ids are unique
  const ordered = [...pairs].sort((a, b) => (a.id < b.id ? -1 : 1));
  const xs = ordered.map((p) => p.x);
  const ys = ordered.map((p) => p.y);
  const finite = (r: number) => (Number.isFinite(r) ? Math.max(-1, Math.min(1, r)) : null);
  return { n, pearson: finite(sampleCorrelation(xs, ys)), spearman: finite(sampleRankCorrelation(xs, ys)) };
}

export type Comparison = 'over' | 'under';

export interface ThresholdFilter {
  kpi: string;
  comparison: Comparison;
  value: number;
}

/**
 * Municipalities that pass every filter (strictly above / below the value). A municipality without a
 * value for a filter's KPI does not pass it and is reported as such, so nothing disappears silently.
 */
export function applyThresholds(
  ids: readonly string[],
  filters: readonly ThresholdFilter[],
  lookup: (kpi: string, id: string) => number | undefined,
): { kept: string[]; excluded: { id: string; kpi: string; reason: 'missing' | 'outside' }[] } {
  const kept: string[] = [];
  const excluded: { id: string; kpi: string; reason: 'missing' | 'outside' }[] = [];
  for (const id of ids) {
    let pass = true;
    for (const f of filters) {
      const v = lookup(f.kpi, id);
      if (v === undefined) {
        excluded.push({ id, kpi: f.kpi, reason: 'missing' });
        pass = false;
        break;
      }
      if (f.comparison === 'over' ? !(v > f.value) : !(v < f.value)) {
        excluded.push({ id, kpi: f.kpi, reason: 'outside' });
        pass = false;
        break;
      }
    }
    if (pass) kept.push(id);
  }
  return { kept, excluded };
}
