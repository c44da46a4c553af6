/**
 * What the analysis use cases read. The store's AnalysisRepository answers it directly; the server
 * puts a CachedAnalysisReads in front of it (cached-analysis-reads.ts), so that the kommuner, each
 * KPI's latest year and one year's values are not read again for every analysis. The maps and lists
 * returned may be shared between requests: callers only read them.
 */
import type { KpiInfo, NamedMunicipality } from '../../store/repositories/analysis.repository.js';
import type { Gender } from '../../store/schema.js';

export interface AnalysisReads {
  municipalities(type?: string): Promise<readonly NamedMunicipality[]>;
  municipality(id: string): Promise<NamedMunicipality | undefined>;
  kpis(ids: readonly string[]): Promise<KpiInfo[]>;
  /** Per KPI, the latest year at or before `year` (any year when omitted) with a value for a municipality of `type`. */
  latestPeriods(
    kpis: readonly string[],
    type: string,
    gender: Gender,
    year?: number,
  ): Promise<ReadonlyMap<string, number>>;
  /** Per KPI, every year with a value for a municipality of `type`, ascending. */
  periodsWithData(
    kpis: readonly string[],
    type: string,
    gender: Gender,
  ): Promise<ReadonlyMap<string, readonly number[]>>;
  /** Non-missing values of one KPI in one year and gender, by municipality. */
  values(kpi: string, period: number, gender: Gender): Promise<ReadonlyMap<string, number>>;
}
