/**
 * One KPI across all kommuner (`/nyckeltal/{kpi}`): ranking for a year and gender, distribution,
 * and trends for chosen municipalities with the reference group's mean and Riket as reference lines.
 * One query reads everything the KPI holds for the gender; the rest is computed in memory.
 */
import type { MunicipalityRow, PointRow } from '../../store/repositories/comparison.repository.js';
import type { DatasetKind } from '../../store/repositories/store-meta.repository.js';
import type { Gender } from '../../store/schema.js';
import { INTEGRATION_AREAS, type IntegrationArea, integrationKpi } from '../integration-set.js';
import { type Distribution, describeFinite } from '../statistics/describe.js';
import { type HistogramBin, histogram } from '../statistics/histogram.js';
import { type MeanResult, unweightedMean } from '../statistics/mean.js';
import { type Cell, cellOf, NOT_APPLICABLE } from './cell.js';
import type { ComparisonService, KpiInfo, ResolvedReference } from './comparison.service.js';
import type { YearChoice } from './profile.service.js';
import { type Position, type Ranked, rankMunicipalities } from './ranking.js';
import { type ReferenceOption, RIKET_ID } from './reference.js';

export interface RankingEntry {
  municipality: MunicipalityRow;
  cell: Cell;
  rank: Ranked | null;
  position: Position;
  chosen: boolean;
  inReference: boolean;
}

export interface TrendSeries {
  id: string;
  /** Null for the mean of all kommuner or of the user's own selection: the HTTP layer names them. */
  label: string | null;
  kind: 'kommun' | 'reference' | 'riket';
  /** One value per year of `TrendData.years`, null where missing. */
  values: (number | null)[];
}

export interface TrendData {
  years: number[];
  series: TrendSeries[];
}

export interface KpiViewModel {
  kpi: KpiInfo;
  area: IntegrationArea | null;
  gender: Gender;
  yearChoice: YearChoice;
  /** The year shown: the chosen one, or the latest with any kommun value. */
  year: number | null;
  years: number[];
  municipality: MunicipalityRow | null;
  reference: ResolvedReference | null;
  referenceOptions: ReferenceOption[];
  referenceMean: MeanResult | null;
  riket: Cell;
  ranking: RankingEntry[];
  distribution: Distribution | null;
  histogram: HistogramBin[];
  trend: TrendData;
  compare: MunicipalityRow[];
  unknownCompare: string[];
  dataset: DatasetKind;
}

export interface KpiViewQuery {
  kpiId: string;
  year: YearChoice;
  gender: Gender;
  municipalityId?: string;
  ref?: string;
  selection: readonly string[];
  compare: readonly string[];
}

const MAX_TREND_KOMMUNER = 10;

export class KpiViewService {
  constructor(private readonly comparison: ComparisonService) {}

  async kpiView(q: KpiViewQuery): Promise<KpiViewModel | null> {
    await this.comparison.freshness();
    const [kpis, catalog, dataset] = await Promise.all([
      this.comparison.kpiInfo([q.kpiId]),
      this.comparison.catalog(),
      this.comparison.dataset(),
    ]);
    const kpi = kpis.get(q.kpiId);
    if (!kpi) return null;
    const municipality = q.municipalityId ? (catalog.byId.get(q.municipalityId) ?? null) : null;
    const chosen = municipality?.type === 'K' ? municipality : null;

    const [rows, resolved, compared] = await Promise.all([
      this.comparison.kpiValues(kpi.id, q.gender),
      chosen ? this.comparison.resolveReference(chosen.id, q.ref, q.selection) : Promise.resolve(null),
      this.comparison.resolveKommuner(q.compare),
    ]);
    const byYear = new Map<number, Map<string, PointRow>>();
    for (const r of rows) {
      const m = byYear.get(r.period);
      if (m) m.set(r.municipality, r);
      else byYear.set(r.period, new Map([[r.municipality, r]]));
    }
    const kommunSet = new Set(catalog.kommunIds);
    const years = [...byYear.keys()]
      .filter((y) => [...byYear.get(y)!.keys()].some((id) => kommunSet.has(id)))
      .sort((a, b) => b - a);
    const year = q.year === 'latest' ? (years[0] ?? null) : q.year;
    const atYear =
      year === null ? new Map<string, PointRow>() : (byYear.get(year) ?? new Map<string, PointRow>());

    const reference = resolved?.reference ?? null;
    const members = new Set(reference && reference.option.kind !== 'alla' ? reference.members : []);
    const ranks = rankMunicipalities(
      catalog.kommunIds.map((id) => ({ id, value: atYear.get(id)?.value ?? null })),
      kpi.direction,
    );
    const notApplicable = kpi.municipalityType === 'L' || (q.gender !== 'T' && !kpi.isDividedByGender);
    const ranking: RankingEntry[] = catalog.kommunIds.map((id) => {
      const rank = ranks.get(id) ?? null;
      return {
        municipality: catalog.byId.get(id)!,
        cell: notApplicable ? NOT_APPLICABLE : cellOf(atYear.get(id)),
        rank,
        position: rank?.position ?? (kpi.direction && kpi.direction !== 'neither' ? 'missing' : 'none'),
        chosen: id === chosen?.id,
        inReference: members.has(id),
      };
    });
    const present = ranking.filter((r) => r.cell.value !== null).map((r) => r.cell.value!);

    const compare = compared.found
      .filter((m) => m.type === 'K' && m.id !== chosen?.id)
      .slice(0, MAX_TREND_KOMMUNER);
    const trend = buildTrend({
      byYear,
      kommuner: chosen ? [chosen, ...compare] : compare,
      referenceMembers: reference?.members ?? catalog.kommunIds,
      referenceId: reference?.option.param ?? 'alla',
      referenceLabel: reference?.option.title ?? null,
    });

    return {
      kpi,
      area: INTEGRATION_AREAS.find((a) => a.id === integrationKpi(kpi.id)?.area) ?? null,
      gender: q.gender,
      yearChoice: q.year,
      year,
      years,
      municipality: chosen,
      reference,
      referenceOptions: resolved?.options ?? [],
      referenceMean: reference
        ? unweightedMean(reference.members.map((id) => atYear.get(id)?.value ?? null))
        : null,
      riket: cellOf(atYear.get(RIKET_ID)),
      ranking,
      distribution: describeFinite(present),
      histogram: histogram(present),
      trend,
      compare,
      unknownCompare: compared.unknown,
      dataset,
    };
  }
}

function buildTrend(input: {
  byYear: Map<number, Map<string, PointRow>>;
  kommuner: MunicipalityRow[];
  referenceMembers: readonly string[];
  referenceId: string;
  /** Null for all kommuner and the user's own selection: the HTTP layer names them. */
  referenceLabel: string | null;
}): TrendData {
  // The years where a chosen kommun has a value, or (none chosen) where any kommun has one.
  const ids = input.kommuner.length > 0 ? input.kommuner.map((k) => k.id) : input.referenceMembers;
  const years = [...input.byYear.keys()]
    .filter((y) => ids.some((id) => input.byYear.get(y)?.get(id)?.value != null))
    .sort((a, b) => a - b);
  const at = (y: number, id: string) => input.byYear.get(y)?.get(id)?.value ?? null;
  const series: TrendSeries[] = input.kommuner.map((k) => ({
    id: k.id,
    label: k.title,
    kind: 'kommun',
    values: years.map((y) => at(y, k.id)),
  }));
  if (years.length === 0) return { years, series };
  series.push({
    id: `ref:${input.referenceId}`,
    label: input.referenceLabel,
    kind: 'reference',
    values: years.map((y) => unweightedMean(input.referenceMembers.map((id) => at(y, id))).value),
  });
  series.push({ id: RIKET_ID, label: 'Riket', kind: 'riket', values: years.map((y) => at(y, RIKET_ID)) });
  return { years, series };
}
