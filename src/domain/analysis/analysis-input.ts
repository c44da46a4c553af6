/**
 * Shared steps of the analysis use cases: clear errors for bad input, KPI lookup, and which year each
 * KPI is read for. Every analysis reads the same population: all kommuner (municipality type K).
 */
import { InputError } from '../../errors/input-error.js';
import type { KpiInfo } from '../../store/repositories/analysis.repository.js';
import type { Gender } from '../../store/schema.js';
import type { AnalysisReads } from './analysis-reads.js';

/** The municipality set every analysis compares within. */
export const KOMMUNER = 'K';

export async function requireKpis(repository: AnalysisReads, ids: readonly string[]): Promise<KpiInfo[]> {
  const found = new Map((await repository.kpis(ids)).map((k) => [k.id, k]));
  const unknown = ids.filter((id) => !found.has(id));
  if (unknown.length > 0)
    throw new InputError('unknownKpi', { status: 404, values: { ids: unknown.join(', ') } });
  return ids.map((id) => found.get(id)!);
}

export interface PeriodChoice {
  /** The year asked for, or the latest year any of the KPIs has data for. */
  year: number;
  /** Per KPI the year actually read: the asked year, or the latest earlier year with data. */
  periods: ReadonlyMap<string, number>;
  /** KPIs with no data at all at or before the year. */
  noData: string[];
}

/**
 * Each KPI is read for the asked year or, when it has no data that year, for its latest earlier year
 * (the same year for every municipality, and shown), never by mixing years between municipalities.
 */
export async function choosePeriods(
  repository: AnalysisReads,
  kpis: readonly string[],
  gender: Gender,
  year?: number,
  yearFrom: readonly string[] = kpis,
): Promise<PeriodChoice> {
  let chosen = year;
  if (chosen === undefined) {
    const latest = await repository.latestPeriods(yearFrom, KOMMUNER, gender);
    if (latest.size === 0)
      throw new InputError('noValuesForKommuner', { status: 404, values: { ids: yearFrom.join(', ') } });
    chosen = Math.max(...latest.values());
  }
  const periods = await repository.latestPeriods(kpis, KOMMUNER, gender, chosen);
  return { year: chosen, periods, noData: kpis.filter((k) => !periods.has(k)) };
}

/** `choosePeriods`, for analyses that need every KPI: a KPI without data at or before the year is a 404. */
export async function requirePeriods(
  repository: AnalysisReads,
  kpis: readonly string[],
  gender: Gender,
  year?: number,
  yearFrom: readonly string[] = kpis,
): Promise<Omit<PeriodChoice, 'noData'>> {
  const { noData, ...choice } = await choosePeriods(repository, kpis, gender, year, yearFrom);
  if (noData.length > 0)
    throw new InputError('noValuesByYear', {
      status: 404,
      values: { year: String(choice.year), ids: noData.join(', ') },
    });
  return choice;
}
