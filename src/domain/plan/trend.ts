/**
 * The computed trend of an indicator (Etablera's computation, never Kolada's), by one of three
 * methods the plan chooses per indicator, and target attainment. The method is always reported with
 * the result: on a volatile series the three can disagree (Luleå's ÖM.9.8: regression slightly up,
 * baseline → latest down, last two periods a sharp drop).
 */
import type { TrendMethod } from '../../store/plan-schema.js';
import type { Direction } from '../../store/schema.js';
import { periodTime } from './periods.js';

export interface SeriesPoint {
  period: string;
  value: number;
}

export type Movement = 'up' | 'down' | 'flat';
export type TrendDirection = 'better' | 'worse' | 'unchanged';

export interface Trend {
  method: TrendMethod;
  /** First and last period the method used. */
  from: string;
  to: string;
  /** Points used. */
  n: number;
  /** Least-squares slope per year (regression only). */
  slope?: number;
  /** Change over the span, in the indicator's unit. */
  change: number;
  /** Change relative to the reference level (mean for regression, the start value otherwise). */
  relative_change: number | null;
  movement: Movement;
  direction: TrendDirection;
}

export interface TrendOptions {
  direction: Direction;
  /** Start of the regression span / baseline period. */
  from?: string;
  /** A baseline value stated in the plan (else the value in the baseline period). */
  baselineValue?: number;
  /** A relative change smaller than this is "unchanged" (default 5 %). */
  tolerance?: number;
}

export const DEFAULT_TREND_TOLERANCE = 0.05;

/** The trend of `points` (sorted by period, up to the follow-up period); undefined with too few points. */
export function computeTrend(
  points: readonly SeriesPoint[],
  method: TrendMethod,
  options: TrendOptions,
): Trend | undefined {
  const span = options.from ? points.filter((p) => p.period >= options.from!) : points;
  const last = span.at(-1);
  if (!last) return undefined;
  let first: SeriesPoint | undefined;
  let change: number;
  let reference: number;
  let slope: number | undefined;
  let n: number;
  if (method === 'regression') {
    if (span.length < 2) return undefined;
    first = span[0]!;
    slope = leastSquaresSlope(span);
    change = slope * (periodTime(last.period) - periodTime(first.period));
    reference = span.reduce((s, p) => s + p.value, 0) / span.length;
    n = span.length;
  } else if (method === 'baseline_latest') {
    first = span[0];
    const base = options.baselineValue ?? first?.value;
    if (base === undefined || !first || (first === last && options.baselineValue === undefined))
      return undefined;
    change = last.value - base;
    reference = base;
    n = options.baselineValue === undefined ? 2 : 1;
  } else {
    if (points.length < 2) return undefined;
    first = points.at(-2)!;
    change = last.value - first.value;
    reference = first.value;
    n = 2;
  }
  const tolerance = options.tolerance ?? DEFAULT_TREND_TOLERANCE;
  const relative = reference === 0 ? null : change / Math.abs(reference);
  const movement: Movement = (relative === null ? change === 0 : Math.abs(relative) < tolerance)
    ? 'flat'
    : change > 0
      ? 'up'
      : 'down';
  return {
    method,
    from: method === 'last_two' ? first.period : (first?.period ?? last.period),
    to: last.period,
    n,
    ...(slope === undefined ? {} : { slope }),
    change,
    relative_change: relative,
    movement,
    direction: judge(movement, options.direction),
  };
}

function judge(movement: Movement, direction: Direction): TrendDirection {
  if (movement === 'flat' || direction === 'neither') return 'unchanged';
  return (movement === 'up') === (direction === 'higher') ? 'better' : 'worse';
}

function leastSquaresSlope(points: readonly SeriesPoint[]): number {
  const xs = points.map((p) => periodTime(p.period));
  const mx = xs.reduce((s, x) => s + x, 0) / xs.length;
  const my = points.reduce((s, p) => s + p.value, 0) / points.length;
  let sxy = 0;
  let sxx = 0;
  points.forEach((p, i) => {
    sxy += (xs[i]! - mx) * (p.value - my);
    sxx += (xs[i]! - mx) ** 2;
  });
  return sxx === 0 ? 0 : sxy / sxx;
}

export interface TargetAttainment {
  /** The target aimed at: the one for the period, else the next one after it. */
  target_period: string;
  target: number;
  actual_period: string | null;
  actual: number | null;
  /** Whether the latest value meets the target (null without a value or without a direction). */
  reached: boolean | null;
  /** Share of the way from the baseline to the target covered so far (1 = reached). */
  progress: number | null;
}

export function targetAttainment(
  targets: Readonly<Record<string, number>>,
  period: string,
  points: readonly SeriesPoint[],
  direction: Direction,
  baseline?: number,
): TargetAttainment | undefined {
  const periods = Object.keys(targets).sort();
  const targetPeriod = periods.find((p) => p === period) ?? periods.find((p) => p > period) ?? periods.at(-1);
  if (targetPeriod === undefined) return undefined;
  const target = targets[targetPeriod]!;
  const latest = points.at(-1);
  const actual = latest?.value ?? null;
  const reached =
    actual === null || direction === 'neither'
      ? null
      : direction === 'higher'
        ? actual >= target
        : actual <= target;
  const progress =
    actual === null || baseline === undefined || target === baseline
      ? null
      : (actual - baseline) / (target - baseline);
  return {
    target_period: targetPeriod,
    target,
    actual_period: latest?.period ?? null,
    actual,
    reached,
    progress,
  };
}
