/**
 * Use case "liknande kommuner": the most similar kommuner to one kommun by a weighted set of KPIs,
 * with each KPI's contribution, what was left out, and a link that uses the result as the comparator's
 * reference group.
 */

import { InputError } from '../../errors/input-error.js';
import type { Gender } from '../../store/schema.js';
import { choosePeriods, KOMMUNER, requireKpis } from './analysis-input.js';
import type { AnalysisReads } from './analysis-reads.js';
import { similarityPreset } from './presets.js';
import { findSimilar, SimilarityError, type SimilarityKpi } from './similarity.js';

export interface SimilarityRequest {
  municipality: string;
  /** A ready-made set (SIMILARITY_PRESETS) unless `kpis` is given. */
  preset?: string;
  kpis?: SimilarityKpi[];
  year?: number;
  gender?: Gender;
  limit?: number;
}

export const DEFAULT_SIMILAR = 10;
export const MAX_SIMILAR = 50;

export async function similarMunicipalities(repository: AnalysisReads, request: SimilarityRequest) {
  const gender = request.gender ?? 'T';
  const limit = request.limit ?? DEFAULT_SIMILAR;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_SIMILAR)
    throw new InputError('countOutOfRange', { parameter: 'antal', values: { max: MAX_SIMILAR } });
  const target = await repository.municipality(request.municipality);
  if (!target || target.type !== KOMMUNER)
    throw new InputError('unknownKommun', {
      status: 404,
      parameter: 'kommun',
      values: { id: request.municipality },
    });

  const preset = request.kpis ? undefined : similarityPreset(request.preset ?? 'struktur');
  if (!request.kpis && !preset)
    throw new InputError('unknownPreset', {
      status: 404,
      parameter: 'urval',
      values: { id: String(request.preset) },
    });
  const chosen = request.kpis ?? preset!.kpis;
  if (chosen.length === 0) throw new InputError('noKpiChosen', { parameter: 'kpier' });
  const ids = chosen.map((k) => k.id);
  if (new Set(ids).size !== ids.length) throw new InputError('kpiListedTwice');
  const info = new Map((await requireKpis(repository, ids)).map((k) => [k.id, k]));
  const { year, periods, noData } = await choosePeriods(repository, ids, gender, request.year);

  const kommuner = await repository.municipalities(KOMMUNER);
  const titles = new Map(kommuner.map((m) => [m.id, m.title]));
  const values = new Map<string, ReadonlyMap<string, number>>();
  for (const [kpi, period] of periods) values.set(kpi, await repository.values(kpi, period, gender));

  const usable = chosen.filter((k) => periods.has(k.id));
  let result: ReturnType<typeof findSimilar>;
  try {
    result = findSimilar({
      target: target.id,
      kpis: usable,
      values,
      candidates: kommuner.map((m) => m.id),
      limit,
    });
  } catch (error) {
    // Stryker disable next-line ConditionalExpression: findSimilar throws only SimilarityError; anything else is a bug, kept a 500
    if (error instanceof SimilarityError)
      throw new InputError('similarityImpossible', {
        values: { detail: `${error.message}${noData.length > 0 ? ` (no data: ${noData.join(', ')})` : ''}` },
      });
    throw error;
  }
  // Stryker disable next-line OptionalChaining: asked only for KPIs with a period, each of which has its map
  const valueAt = (kpi: string, id: string) => values.get(kpi)?.get(id) ?? null;
  const similar = result.similar.map((s) => ({
    id: s.id,
    title: titles.get(s.id) ?? s.id,
    index: s.index,
    contributions: s.contributions.map((c) => ({ ...c, value: valueAt(c.kpi, s.id) })),
  }));
  const leftOutKpis = [
    ...noData.map((kpi) => ({ kpi, reason: 'no-data' as const })),
    ...result.leftOutKpis,
  ].map((l) => ({
    ...l,
    // Stryker disable next-line OptionalChaining: every chosen KPI was found by requireKpis
    title: info.get(l.kpi)?.title ?? l.kpi,
  }));
  return {
    analysis: 'liknande' as const,
    municipality: { id: target.id, title: target.title },
    year,
    gender,
    preset: preset ? { id: preset.id, title: preset.title } : null,
    kpis: result.scales.map((s) => ({
      id: s.id,
      // Stryker disable next-line OptionalChaining: every chosen KPI was found by requireKpis
      title: info.get(s.id)?.title ?? s.id,
      weight: s.weight,
      transform: s.transform,
      period: periods.get(s.id)!,
      mean: s.mean,
      sd: s.sd,
      n: s.n,
      value: valueAt(s.id, target.id),
    })),
    similar,
    compared: result.compared,
    leftOutKpis,
    leftOutMunicipalities: result.leftOutMunicipalities.map((m) => ({
      id: m.id,
      title: titles.get(m.id) ?? m.id,
      missing: m.missing,
    })),
    // The comparator's own reference-group syntax: ref=urval with a comma list of kommun ids.
    comparatorUrl: `/kommun/${encodeURIComponent(target.id)}?ref=urval&urval=${similar.map((s) => encodeURIComponent(s.id)).join(',')}`,
  };
}

export type SimilarityReport = Awaited<ReturnType<typeof similarMunicipalities>>;
