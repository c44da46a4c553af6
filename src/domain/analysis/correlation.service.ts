/**
 * Use case "samband": Pearson and Spearman correlation between two KPIs across kommuner for a year,
 * optionally restricted by threshold filters, with the points for a scatter plot and one highlighted kommun.
 */

import { InputError } from '../../errors/input-error.js';
import type { Gender } from '../../store/schema.js';
import { KOMMUNER, requireKpis, requirePeriods } from './analysis-input.js';
import type { AnalysisReads } from './analysis-reads.js';
import { applyThresholds, correlate, type ThresholdFilter } from './correlation.js';

export interface CorrelationRequest {
  x: string;
  y: string;
  year?: number;
  gender?: Gender;
  /** A kommun to highlight in the scatter plot. */
  highlight?: string;
  filters?: ThresholdFilter[];
}

export const MAX_FILTERS = 5;

export async function correlationAnalysis(repository: AnalysisReads, request: CorrelationRequest) {
  const gender = request.gender ?? 'T';
  const filters = request.filters ?? [];
  if (filters.length > MAX_FILTERS)
    throw new InputError('tooManyFilters', { parameter: 'fkpi', values: { max: MAX_FILTERS } });
  if (request.x === request.y) throw new InputError('sameKpiTwice', { parameter: 'y' });
  const ids = [...new Set([request.x, request.y, ...filters.map((f) => f.kpi)])];
  const info = new Map((await requireKpis(repository, ids)).map((k) => [k.id, k]));
  const { year, periods } = await requirePeriods(repository, ids, gender, request.year, [
    request.x,
    request.y,
  ]);
  const kommuner = await repository.municipalities(KOMMUNER);
  const titles = new Map(kommuner.map((m) => [m.id, m.title]));
  let highlight: { id: string; title: string } | null = null;
  if (request.highlight) {
    const title = titles.get(request.highlight);
    if (!title)
      throw new InputError('unknownKommun', {
        status: 404,
        parameter: 'kommun',
        values: { id: request.highlight },
      });
    highlight = { id: request.highlight, title };
  }
  const values = new Map<string, ReadonlyMap<string, number>>();
  for (const id of ids) values.set(id, await repository.values(id, periods.get(id)!, gender));
  // Stryker disable next-line OptionalChaining: only KPIs of `ids` are looked up, and each has its map
  const lookup = (kpi: string, id: string) => values.get(kpi)?.get(id);

  const { kept, excluded } = applyThresholds(
    kommuner.map((m) => m.id),
    filters,
    lookup,
  );
  const points: { id: string; title: string; x: number; y: number }[] = [];
  const missing: { id: string; title: string; missing: string[] }[] = [];
  for (const id of kept) {
    const x = lookup(request.x, id);
    const y = lookup(request.y, id);
    if (x === undefined || y === undefined) {
      missing.push({
        id,
        title: titles.get(id) ?? id,
        missing: [x === undefined ? request.x : null, y === undefined ? request.y : null].filter(
          (v): v is string => v !== null,
        ),
      });
      continue;
    }
    points.push({ id, title: titles.get(id) ?? id, x, y });
  }
  const result = correlate(points);
  const describe = (id: string) => ({ id, title: info.get(id)!.title, period: periods.get(id)! });
  return {
    analysis: 'samband' as const,
    year,
    gender,
    x: describe(request.x),
    y: describe(request.y),
    n: result.n,
    pearson: result.pearson,
    spearman: result.spearman,
    highlight: highlight
      ? {
          ...highlight,
          x: lookup(request.x, highlight.id) ?? null,
          y: lookup(request.y, highlight.id) ?? null,
          included: points.some((p) => p.id === highlight.id),
        }
      : null,
    filters: filters.map((f) => ({ ...f, title: info.get(f.kpi)!.title, period: periods.get(f.kpi)! })),
    filteredOut: excluded.map((e) => ({ ...e, title: titles.get(e.id) ?? e.id })),
    missing,
    points,
  };
}

export type CorrelationReport = Awaited<ReturnType<typeof correlationAnalysis>>;
